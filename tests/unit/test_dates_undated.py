"""Statements real pages left undated though the page states the day (issue 13): one rule per
test, texts ours (fictional people and places)."""

from __future__ import annotations

import datetime as dt

from tests.unit.test_dates import Article, day

from onrecord.dates.expressions import MISSED, DateKind, kind_of
from onrecord.models import Kind, Precision

WEDNESDAY = dt.date(2025, 10, 8)


def test_a_straight_quote_left_open_ends_at_its_line() -> None:
    # the column's quotation never closes; paired with the next line's mark, it would put
    # the reporter's date line inside a quotation
    article = (
        Article(
            'In her column Ms Lindqvar wrote that "the harbour belongs to everyone.\n'
            'October 3, 2025, Kestrel admitted that the plan had failed and that "nobody saw '
            'the storm coming."'
        )
        .mention("October 3, 2025")
        .said(
            "Oriane Kestrel",
            "Kestrel",
            "admitted",
            'that the plan had failed and that "nobody saw the storm coming."',
            kind=Kind.MIXED,
        )
    )
    [said_on] = article.dated(WEDNESDAY)
    assert day(said_on) == (dt.date(2025, 10, 3), Precision.DAY, "October 3, 2025")


def test_a_day_in_the_audience_of_an_address_is_the_addresss() -> None:
    article = (
        Article(
            "Senator Ilse Marrow gave a long address to the Assembly on October 2, 2025 "
            "attacking the harbour budget."
        )
        .mention("Senator Ilse Marrow", "PERSON")
        .mention("October 2, 2025")
        .said(
            "Ilse Marrow",
            "Senator Ilse Marrow",
            "gave a long address to",
            "the Assembly on October 2, 2025 attacking the harbour budget",
        )
    )
    [said_on] = article.dated(WEDNESDAY)
    assert day(said_on) == (dt.date(2025, 10, 2), Precision.DAY, "on October 2, 2025")


def _addressing(content: str) -> Article:
    text = f"Minister Tomas Vell said {content}, addressing the harbour board for the first time."
    return (
        Article(text)
        .mention("Minister Tomas Vell", "PERSON")
        .mention("Monday")
        .said(
            "Tomas Vell",
            "Minister Tomas Vell",
            "said",
            f"{content}, addressing the harbour board for the first time",
        )
    )


def test_a_day_right_before_a_clause_saying_the_speaker_spoke_is_the_cues() -> None:
    article = _addressing("the closure is his decision alone Monday")
    [said_on] = article.dated(WEDNESDAY)
    assert day(said_on) == (dt.date(2025, 10, 6), Precision.DAY, "Monday")


def test_a_coming_day_before_such_a_clause_stays_reported_content() -> None:
    # what will happen on Monday says nothing of when he said it
    article = _addressing("the board will vote Monday")
    assert article.dated(WEDNESDAY) == [None]


def _congress(caption: str) -> Article:
    return (
        Article(
            caption,
            "Rosa Tennick told the Harbour Congress on Wednesday that the docks would close.",
        )
        .mention("Rosa Tennick", "PERSON")
        .mention(("Rosa Tennick", 1), "PERSON")
        .mention("Wednesday, Oct. 1, 2025")
        .mention(("Wednesday", 1))
        .said("Rosa Tennick", ("Rosa Tennick", 1), "told", "that the docks would close")
    )


def test_on_an_undated_page_a_caption_of_the_same_occasion_dates_a_weekday() -> None:
    article = _congress(
        "Rosa Tennick waves to the Harbour Congress in Port Selden, Wednesday, Oct. 1, 2025. "
        "Photo: VCG"
    )
    [said_on] = article.dated(None)
    assert said_on is not None and said_on.value == dt.date(2025, 10, 1)
    assert said_on.method == "weekday, the full date of that weekday in the text"


def test_a_caption_of_another_place_leaves_the_weekday_unknown() -> None:
    # a file picture of another Wednesday somewhere else names no occasion of the text
    article = _congress(
        "Rosa Tennick waves in Dornholm Market, Wednesday, Oct. 1, 2025. Photo: VCG"
    )
    [said_on] = article.dated(None)
    assert said_on is None or said_on.value is None


def _transcript(*lines: str) -> Article:
    article = Article("Full text of the address by President Oriane Kestrel:", *lines)
    for line in lines:
        article = article.said("Oriane Kestrel", None, None, line, kind=Kind.TRANSCRIPT)
    return article


def test_a_transcripts_own_relative_day_spelled_out_dates_the_speech() -> None:
    article = _transcript(
        "Fellow citizens, I speak to you after a long week.",
        "The vote on the harbour bill is set down for tomorrow, 9 October 2025.",
    ).mention("9 October 2025")
    said_on = article.dated(dt.date(2025, 10, 9))
    assert [s.value if s else None for s in said_on] == [dt.date(2025, 10, 8)] * 2
    assert said_on[0] is not None and said_on[0].expression == "9 October 2025"


def test_a_transcripts_dates_without_a_relative_day_date_nothing() -> None:
    # the board's decision of 7 October is not the day she spoke
    article = _transcript(
        "Fellow citizens, the board decided on 7 October 2025 to close the docks.",
    ).mention("on 7 October 2025")
    assert article.dated(dt.date(2025, 10, 9)) == [None]


def test_two_days_of_speaking_in_one_transcript_date_nothing() -> None:
    article = (
        _transcript(
            "Today, 8 October 2025, I speak to you.",
            "The vote is set down for tomorrow, 11 October 2025.",
        )
        .mention("8 October 2025")
        .mention("11 October 2025")
    )
    assert article.dated(dt.date(2025, 10, 12)) == [None, None]


def test_a_date_broken_across_two_lines_is_read() -> None:
    text = "Marrow spoke on September\n30, 2025 and again on 2\nOctober 2025."
    found = [match.group() for match in MISSED.finditer(text)]
    assert found == ["September\n30, 2025", "2\nOctober 2025"]
    assert all(kind_of(words) is DateKind.MONTH_DAY for words in found)
    # a blank line between a month and a number joins nothing
    assert [m.group() for m in MISSED.finditer("in May\n\n10 boats")] == []
