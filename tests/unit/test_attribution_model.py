"""How the tagger's statements take the rules' content (`model.pieces`) and which are kept."""

from __future__ import annotations

import dataclasses

import pytest
from tests.builders import span_of

from onrecord.attribution.model import attributed, pieces
from onrecord.attribution.rules import context
from onrecord.models import Attribution, Kind

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


def statement(text: str, source: str | None, cue: str, content: str) -> Attribution:
    return Attribution(
        source=(span_of(text, source),) if source else (),
        cue=(span_of(text, cue),),
        content=(span_of(text, content),),
        kind=Kind.INDIRECT,
    )


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("The senator seemed to waver on the bill.", "The senator", "seemed", "to waver"),
        ("Talks are expected to resume in May.", "Talks", "are expected", "to resume in May"),
        ("He reportedly told aides to stand down.", "He", "reportedly", "to stand down"),
        ("It appears that the vote will slip.", None, "appears", "that the vote will slip"),
    ],
)
def test_a_cue_that_speaks_for_no_one_keeps_its_statement_without_a_source(
    english: spacy.Language, text: str, source: str | None, cue: str, content: str
) -> None:
    doc = english(text)
    found = statement(text, source, cue, content)
    assert attributed([found], doc) == [dataclasses.replace(found, source=())]


def test_a_speaker_stays_and_a_statement_without_one_goes(english: spacy.Language) -> None:
    text = "She appeared on television and said the plan would pass."
    doc = english(text)
    appeared = statement(text, "She", "appeared", "on television")  # no complement of seeming
    said = statement(text, "She", "said", "the plan would pass")
    unsourced = statement(text, None, "said", "the plan would pass")
    assert attributed([appeared, said, unsourced], doc) == [appeared, said]
