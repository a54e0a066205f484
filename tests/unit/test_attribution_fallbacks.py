"""The parse filling the tagger's gaps: a speaker for a statement, content for a bare cue."""

from __future__ import annotations

import pytest
from tests.builders import span_of

from onrecord.attribution.parse_fallbacks import (
    with_parse_contents,
    with_parse_sources,
    with_whole_phrases,
)
from onrecord.attribution.rules import context
from onrecord.models import Attribution, Kind

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow


def unsourced(text: str, cue: str, content: str) -> Attribution:
    return Attribution((), (span_of(text, cue),), (span_of(text, content),), Kind.INDIRECT)


def test_a_statement_without_a_source_takes_its_cues_subject(english: spacy.Language) -> None:
    text = "Senator Ann Scott asked whether the talks would resume."
    doc = english(text)
    (found,) = with_parse_sources([unsourced(text, "asked", "whether the talks would resume")], doc)
    assert [span.text(text) for span in found.source] == ["Senator Ann Scott"]


def test_a_subject_borrowed_from_the_verb_above(english: spacy.Language) -> None:
    text = "Protesters continued to call for a new vote."
    doc = english(text)
    (found,) = with_parse_sources([unsourced(text, "call for", "a new vote")], doc)
    assert [span.text(text) for span in found.source] == ["Protesters"]


def test_an_expletive_subject_is_no_source(english: spacy.Language) -> None:
    text = "It seems that the talks failed."
    doc = english(text)
    (found,) = with_parse_sources([unsourced(text, "seems", "that the talks failed")], doc)
    assert found.source == ()


def test_a_bare_cue_gets_the_speaker_and_content_its_verb_governs(english: spacy.Language) -> None:
    text = "Mr. McKinley expects that rates will rise."
    doc = english(text)
    cue = next(token.i for token in doc if token.text == "expects")
    (found,) = with_parse_contents([], [(cue, cue + 1)], context(doc))
    assert [span.text(text) for span in found.source] == ["Mr. McKinley"]
    assert [span.text(text) for span in found.content] == ["that rates will rise"]
    assert [span.text(text) for span in found.cue] == ["expects"]


def test_a_bare_cue_takes_no_content_another_statement_holds(english: spacy.Language) -> None:
    text = "Mr. McKinley expects that rates will rise."
    doc = english(text)
    cue = next(token.i for token in doc if token.text == "expects")
    holder = (
        (span_of(text, "Mr. McKinley"),),
        (span_of(text, "expects"),),
        (span_of(text, "rates will rise"),),
    )
    other = Attribution(*holder, Kind.INDIRECT)
    assert with_parse_contents([other], [(cue, cue + 1)], context(doc)) == [other]


def test_a_passive_cue_takes_its_agent(english: spacy.Language) -> None:
    text = "The shortfall was first reported by the Harbour Gazette."
    doc = english(text)
    (found,) = with_parse_sources([unsourced(text, "was first reported", "The shortfall")], doc)
    assert [span.text(text) for span in found.source] == ["the Harbour Gazette"]


def test_a_gerund_after_by_takes_the_subject_of_its_verb(english: spacy.Language) -> None:
    text = "She opened the session by announcing that the port would reopen."
    doc = english(text)
    statement = unsourced(text, "announcing", "that the port would reopen")
    (found,) = with_parse_sources([statement], doc)
    assert [span.text(text) for span in found.source] == ["She"]


def sourced(text: str, source: str, cue: str, content: str) -> Attribution:
    return Attribution(
        (span_of(text, source),), (span_of(text, cue),), (span_of(text, content),), Kind.INDIRECT
    )


def test_content_cut_short_in_its_cues_object_runs_to_the_phrase_end(
    english: spacy.Language,
) -> None:
    text = "The union called for a moratorium on new charter schools, officials said."
    doc = english(text)
    (found,) = with_whole_phrases([sourced(text, "The union", "called for", "a moratorium")], doc)
    assert [span.text(text) for span in found.content] == ["a moratorium on new charter schools"]


def test_content_not_hanging_on_its_cue_stays(english: spacy.Language) -> None:
    text = "The union said the moratorium on new charter schools would end."
    doc = english(text)
    statement = sourced(text, "The union", "said", "the moratorium")
    assert with_whole_phrases([statement], doc) == [statement]
