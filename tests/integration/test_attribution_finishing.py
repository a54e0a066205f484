"""Where statements end and what is no statement, on made-up sentences that copy real forms.

Each text reproduces, in our own words, a form from the seeds or from real news pages:
sources with a dateline or a trailing weekday, contents cut at ", but", "Referring to X"
lead-ins, another speaker's words inside them, and "Words: Speaker" headlines.
"""

from __future__ import annotations

import pytest

from onrecord.models import ProcessedArticle, Statement
from onrecord.pipeline.run import extract_text

pytestmark = pytest.mark.slow


def _roles(article: ProcessedArticle, statement: Statement) -> tuple[str, str, str]:
    text = article.article.text
    a = statement.attribution
    return (
        " ".join(s.text(text) for s in a.source),
        " ".join(s.text(text) for s in a.cue),
        " … ".join(s.text(text) for s in a.content),
    )


def _found(text: str) -> list[tuple[str, str, str]]:
    article = extract_text(text)
    return [_roles(article, s) for s in article.statements]


def test_a_source_drops_a_trailing_weekday() -> None:
    found = _found(
        "Harbour Minister Tomas Vell Wednesday stressed that the new pier would open in May."
    )
    assert ("Harbour Minister Tomas Vell", "stressed") in [(s, c) for s, c, _ in found]


def test_a_source_drops_the_dateline_before_it() -> None:
    found = _found(
        "Port Selden, May 3, CVNA – Harbour Minister Tomas Vell on Saturday said that the "
        "pier would open in May."
    )
    sources = [s for s, c, _ in found if c == "said"]
    assert sources == ["Harbour Minister Tomas Vell"]


@pytest.mark.parametrize(
    ("text", "end"),
    [
        (
            "The minister said the pier is not a goal in itself, but a means.",
            "not a goal in itself, but a means",
        ),
        (
            "Vell reminded that the opening was planned for last spring, but it was put off "
            "because of the storms.",
            "but it was put off because of the storms",
        ),
    ],
)
def test_content_runs_through_but(text: str, end: str) -> None:
    contents = [content for _, _, content in _found(text)]
    assert any(content.endswith(end) for content in contents), contents


def test_but_with_the_reporters_own_verb_is_not_content() -> None:
    found = _found("Vell said the pier would open in May, but declined to name the day.")
    assert all("declined" not in content for _, _, content in found)


def test_referring_to_a_noun_phrase_is_no_statement() -> None:
    found = _found(
        "Referring to the storm's lasting damage to the harbour, Harbour Minister Tomas Vell "
        "said the pier would still open in May."
    )
    cues = [cue for _, cue, _ in found]
    assert "said" in cues
    assert not any(cue.lower().startswith("referring") for cue in cues)


def test_another_speakers_words_inside_a_reference_are_theirs() -> None:
    article = extract_text(
        "Referring to recent comments made by Mayor Ana Ode saying that 'the pier will be "
        "late again', Harbour Minister Tomas Vell said it was on time."
    )
    found = [(_roles(article, s), s.speaker) for s in article.statements]
    ode = [roles for roles, speaker in found if speaker and "Ode" in speaker]
    assert ode and "the pier will be late again" in ode[0][2]
    assert not any(roles[1].lower().startswith("referring") for roles, _ in found)


def test_a_words_then_speaker_headline_is_a_statement() -> None:
    found = _found(
        "No New Tolls at the Pier: Harbour Minister\n\n"
        "The harbour minister on Monday ruled out new tolls at the pier."
    )
    assert ("Harbour Minister", ":", "No New Tolls at the Pier") in found


def test_a_spaced_colon_headline_has_the_colon_as_cue() -> None:
    # A space before the colon ("Words : Speaker") once made the space the cue, and dating
    # then failed on the empty cue word: the whole page was lost (a real archive page).
    found = _found(
        "No New Tolls at the Pier : Harbour Minister\n\n"
        "The harbour minister on Monday ruled out new tolls at the pier."
    )
    assert ("Harbour Minister", ":", "No New Tolls at the Pier") in found


@pytest.mark.parametrize(
    "headline", ["Flashback: Key Quotes from the Pier Opening", "PORTSELDEN: Pier Opens Early"]
)
def test_a_label_or_a_place_before_a_colon_is_no_speaker(headline: str) -> None:
    found = _found(headline + "\n\nThe harbour minister said on Monday that the pier was open.")
    assert all(cue != ":" for _, cue, _ in found)


def test_a_speech_title_over_its_date_is_no_statement() -> None:
    found = _found(
        "Harbour statement in Port Selden: 22 November 2026\n\n"
        "The harbour minister said on Monday that the pier was open."
    )
    assert all(cue != ":" for _, cue, _ in found)


def test_referring_to_after_a_quotation_is_no_content() -> None:
    found = _found(
        "Vell said, “The storm came here yesterday,” referring to Ode's address at the "
        "council on Tuesday. “She spoke as if she owned the harbour.”"
    )
    contents = [content for _, _, content in found]
    assert any(content.startswith("“The storm came here yesterday") for content in contents)
    assert any("“She spoke as if" in content for content in contents)
    assert not any("Ode's address" in content for content in contents), found
