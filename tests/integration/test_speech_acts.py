"""Pages that only say a named person gave a speech: the account is that person's statement.

Each page is ours, written in the forms real archive, listing and official pages take: "On
DATE, Minister X delivered a speech …", "X publicly apologised …", "the address delivered
by the Minister, X", a title "X's address to the crews". A story that quotes the speech, a
speech still to come and an act inside someone else's words give no such statement.
"""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.models import ProcessedArticle
from onrecord.pipeline.run import extract_text

pytestmark = pytest.mark.slow


def acts(article: ProcessedArticle) -> list[tuple[str | None, str, str, dt.date | None]]:
    """(speaker, cue, content, day) of each statement, spans checked against the text."""
    text = article.article.text
    found = []
    for statement in article.statements:
        a = statement.attribution
        for span in a.source + a.cue + a.content:
            assert 0 <= span.start < span.end <= len(text), span
        found.append(
            (
                statement.speaker,
                a.cue[0].text(text),
                a.content[0].text(text),
                statement.said_on.value if statement.said_on else None,
            )
        )
    return found


def test_an_archive_line_saying_she_delivered_a_speech_is_her_statement() -> None:
    article = extract_text(
        "The north pier\n\nOn 3 May 2026, Harbour Minister Tomas Vell delivered a speech at "
        "the opening of the north pier in Port Selden.\n\nRelated pages\n"
    )
    assert acts(article) == [
        ("Tomas Vell", "delivered a speech", "at the opening of the north pier in Port Selden",
         dt.date(2026, 5, 3)),
    ]  # fmt: skip


def test_an_apology_and_an_address_are_speech_acts() -> None:
    apology = extract_text(
        "On 12 June 2026, Harbour Minister Tomas Vell publicly apologised to the crews of "
        "the north coast for the closing of the old quay.\n"
    )
    assert [(who, cue, day) for who, cue, _, day in acts(apology)] == [
        ("Tomas Vell", "publicly apologised", dt.date(2026, 6, 12))
    ]
    address = extract_text("Harbour Minister Tomas Vell addressed the nation on the storms.\n")
    assert [(who, cue, said) for who, cue, said, _ in acts(address)] == [
        ("Tomas Vell", "addressed the nation", "on the storms")
    ]


def test_a_speech_delivered_by_a_person_named_after_a_role() -> None:
    article = extract_text(
        "The address on 3 May 2026 delivered by the Harbour Minister of Selden, Tomas Vell, "
        "to the crews of the coast, is printed on the harbour wall.\n"
    )
    found = acts(article)
    assert [(who, cue, day) for who, cue, _, day in found] == [
        ("Tomas Vell", "delivered by", dt.date(2026, 5, 3))
    ]
    # the content names the speech, without the day (the dates stage reads that)
    assert found[0][2] == "The address"


def test_a_title_naming_her_address_is_her_statement() -> None:
    article = extract_text(
        "Ines Marr's address to the harbour crews: keep the old quay open\n\n"
        "Share this page\n"
    )
    assert [(who, cue) for who, cue, _, _ in acts(article)] == [("Ines Marr", "address")]


def test_a_story_quoting_the_speech_gives_no_second_statement() -> None:
    article = extract_text(
        "Harbour Minister Tomas Vell delivered a speech on the quay on Friday.\n\n"
        '"The old quay stays open," Vell said.\n'
    )
    found = acts(article)
    assert [cue for _, cue, _, _ in found] == ["said"]


def test_a_speech_to_come_or_recalled_in_someone_elses_words_is_no_statement() -> None:
    future = extract_text("Harbour Minister Tomas Vell will deliver a speech on the quay.\n")
    assert acts(future) == []
    recalled = extract_text(
        "Ines Marr said that Tomas Vell's speech on the quay had been a mistake.\n\n"
        "She spoke to reporters on the pier.\n"
    )
    assert {who for who, _, _, _ in acts(recalled)} == {"Ines Marr"}
    # "Vell's speech" in the story's body (not its title) recalls a speech: no account of one
    body = extract_text(
        "Crews back the quay\n\nTomas Vell's speech of last year still echoes on the pier.\n"
    )
    assert [who for who, _, _, _ in acts(body) if who == "Tomas Vell"] == []


def test_below_the_title_an_act_in_the_present_tense_is_a_caption() -> None:
    article = extract_text(
        "The pier speech\n\n"
        "On 3 May 2026 the crews filled the quay to hear the minister.\n\n"
        "Harbour Minister Tomas Vell addresses the Harbour Assembly\n"
    )
    assert acts(article) == []
    title = extract_text("Harbour Minister Tomas Vell addresses the Harbour Assembly\n")
    assert [who for who, _, _, _ in acts(title)] == ["Tomas Vell"]


def test_a_person_quoted_by_first_name_gives_no_account_as_well() -> None:
    article = extract_text(
        "Tomas said the old quay would stay open.\n\n"
        "On 3 May 2026, Tomas Vell delivered a speech at the opening of the north pier.\n"
    )
    assert [cue for _, cue, _, _ in acts(article)] == ["said"]
