"""How the tagger's statements take the content the rules are sure of (`model.pieces`)."""

from __future__ import annotations

import pytest
from tests.builders import span_of

from onrecord.attribution.model import pieces
from onrecord.attribution.rules import context

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow


def test_a_quotation_opening_the_next_sentence_goes_on_with_the_statement(
    english: spacy.Language,
) -> None:
    text = '"Talks have failed," he said. "We will leave."'
    ruled = [span_of(text, '"Talks have failed,"'), span_of(text, '"We will leave."')]
    assert list(pieces([], ruled, [], context(english(text)))) == ruled


def test_a_scare_quote_inside_the_next_sentence_is_left_out(english: spacy.Language) -> None:
    text = '"Talks have failed," he said. Rivals see him as a "spoiler."'
    first = span_of(text, '"Talks have failed,"')
    ruled = [first, span_of(text, '"spoiler."')]
    assert list(pieces([], ruled, [], context(english(text)))) == [first]
