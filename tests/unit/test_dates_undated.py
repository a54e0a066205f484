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


def test_a_family_name_alone_names_the_one_speaker_of_that_name() -> None:
    # "Vell was speaking ..." tells when Ana Vell spoke, though no source wrote "Vell" alone
    article = (
        Article(
            '"We have waited long enough," said Prime Minister Ana Vell.',
            "Vell was speaking at the harbour on Saturday.",
        )
        .mention("Prime Minister Ana Vell", "PERSON")
        .mention(("Vell", 1), "PERSON")
        .mention("Saturday")
        .said(
            "Ana Vell",
            "Prime Minister Ana Vell",
            "said",
            '"We have waited long enough,"',
            kind=Kind.DIRECT,
        )
    )
    [said_on] = article.dated(dt.date(2025, 10, 10))
    assert day(said_on) == (dt.date(2025, 10, 4), Precision.DAY, "on Saturday")


def test_a_family_name_two_speakers_share_names_neither() -> None:
    article = (
        Article(
            '"We have waited long enough," said Ana Vell.',
            '"Not long enough," said Piet Vell.',
            "Vell was speaking at the harbour on Saturday.",
        )
        .mention("Ana Vell", "PERSON")
        .mention("Piet Vell", "PERSON")
        .mention(("Vell", 2), "PERSON")
        .mention("Saturday")
        .said("Ana Vell", "Ana Vell", "said", '"We have waited long enough,"', kind=Kind.DIRECT)
        .said("Piet Vell", "Piet Vell", ("said", 1), '"Not long enough,"', kind=Kind.DIRECT)
    )
    assert article.dated(dt.date(2025, 10, 10)) == [None, None]


def _comments(sentence: str) -> Article:
    return (
        Article("Prime Minister Ana Vell said the harbour would reopen.", sentence)
        .mention("Prime Minister Ana Vell", "PERSON")
        .mention("Tuesday")
        .said("Ana Vell", "Prime Minister Ana Vell", "said", "the harbour would reopen")
    )


def test_comments_that_came_in_an_interview_on_a_day_are_of_that_day() -> None:
    article = _comments("Her comments came in an interview with the Harbour Gazette on Tuesday.")
    [said_on] = article.dated(dt.date(2025, 10, 10))
    assert day(said_on) == (dt.date(2025, 10, 7), Precision.DAY, "on Tuesday")


def test_a_day_after_after_in_such_a_sentence_is_another_events() -> None:
    article = _comments("Her comments came during a visit, a day after the storm hit on Tuesday.")
    assert article.dated(dt.date(2025, 10, 10)) == [None]


def test_a_pages_update_stamp_is_nobodys_speech_day() -> None:
    # the stamp says when the page changed, not when the speech it quotes was given
    article = (
        Article(
            "Last Updated: Thursday, 9 October 2025, 16:26 GMT\n"
            "Highlights of the Vell speech\n"
            "Prime Minister Ana Vell has announced her plan to reopen the harbour.",
        )
        .mention("Thursday, 9 October 2025")
        .mention("Prime Minister Ana Vell", "PERSON")
        .mention("Vell", "PERSON")
        .said(
            "Ana Vell",
            "Prime Minister Ana Vell",
            "has announced",
            "her plan to reopen the harbour",
        )
    )
    assert article.dated(None) == [None]


def _tennick(caption: str) -> Article:
    return (
        Article(caption, "Tennick told the Harbour Congress that the docks would close.")
        .mention("Rosa Tennick", "PERSON")
        .mention("6 October 2025")
        .said("Rosa Tennick", "Tennick", "told", "that the docks would close")
    )


def test_a_caption_of_the_same_occasion_dates_a_report_published_days_later() -> None:
    article = _tennick(
        "Rosa Tennick speaks at the Harbour Congress in Port Selden, 6 October 2025. Photo: VCG"
    )
    # four days before publication: past the two days any caption gets, within the week a
    # caption naming the occasion of the text gets
    [said_on] = article.dated(dt.date(2025, 10, 10))
    assert day(said_on) == (dt.date(2025, 10, 6), Precision.DAY, "6 October 2025")
    # nine days before: a file picture
    assert article.dated(dt.date(2025, 10, 15)) == [None]


def test_a_caption_days_old_naming_another_occasion_dates_nothing() -> None:
    article = _tennick("Rosa Tennick speaks in Dornholm Market, 6 October 2025. Photo: VCG")
    assert article.dated(dt.date(2025, 10, 10)) == [None]


def _vell(sentence: str, *content: str, dates: tuple[str, ...] = ()) -> Article:
    article = Article(sentence).mention("Vell", "PERSON")
    for words in dates:
        article = article.mention(words)
    return article.said("Ana Vell", "Vell", "said", *content)


def test_the_morning_of_a_day_is_that_day() -> None:
    article = _vell(
        "On the morning of October 7, Vell said the harbour would reopen.",
        "the harbour would reopen",
        dates=("October 7",),
    )
    [said_on] = article.dated(dt.date(2025, 10, 10))
    assert said_on is not None and said_on.value == dt.date(2025, 10, 7)


def test_during_a_weekdays_occasion_is_that_day() -> None:
    article = (
        Article("During Monday's debate, Vell said the harbour would reopen.")
        .mention("Vell", "PERSON")
        .mention("Monday")
        .said("Ana Vell", "Vell", "said", "the harbour would reopen")
    )
    [said_on] = article.dated(dt.date(2025, 10, 10))
    assert said_on is not None and said_on.value == dt.date(2025, 10, 6)
    # "during" before a weekday alone is still a period's edge
    during = (
        Article("During Monday, Vell said the harbour would reopen.")
        .mention("Vell", "PERSON")
        .mention("Monday")
        .said("Ana Vell", "Vell", "said", "the harbour would reopen")
    )
    assert during.dated(dt.date(2025, 10, 10)) == [None]


def test_a_day_with_on_opening_content_right_after_its_cue_is_the_cues() -> None:
    article = _vell(
        "Vell said on Monday the harbour would reopen.",
        "on Monday the harbour would reopen",
        dates=("Monday",),
    )
    [said_on] = article.dated(dt.date(2025, 10, 10))
    assert day(said_on) == (dt.date(2025, 10, 6), Precision.DAY, "on Monday")


def test_a_day_opening_content_before_its_cue_stays_the_contents() -> None:
    article = (
        Article("On Monday, the harbour will reopen, Vell said.")
        .mention("Vell", "PERSON")
        .mention("Monday")
        .said("Ana Vell", "Vell", "said", "On Monday, the harbour will reopen")
    )
    assert article.dated(dt.date(2025, 10, 10)) == [None]


def test_a_platform_the_parse_took_for_a_person_takes_no_date() -> None:
    article = (
        Article("Vell said on Twitter on Monday that the harbour would reopen.")
        .mention("Vell", "PERSON")
        .mention("Twitter", "PERSON")
        .mention("Monday")
        .said("Ana Vell", "Vell", "said", "that the harbour would reopen")
    )
    [said_on] = article.dated(dt.date(2025, 10, 10))
    assert said_on is not None and said_on.value == dt.date(2025, 10, 6)


def _asked(*more: str) -> Article:
    article = Article(
        "On Tuesday, Ana Vell was asked about the closed harbour. Her answer: “What can I do?”",
        *more,
    )
    article = article.mention("Ana Vell", "PERSON").mention("Tuesday")
    return article.said("Ana Vell", "Her answer", None, "“What can I do?”", kind=Kind.DIRECT)


def test_being_asked_on_a_day_is_an_appearance_that_day() -> None:
    [said_on] = _asked().dated(dt.date(2025, 10, 10))
    assert said_on is not None and said_on.value == dt.date(2025, 10, 7)


def test_recently_puts_a_statement_at_another_time_than_the_event() -> None:
    article = _asked("Vell has recently called the harbour board useless.").said(
        "Ana Vell", "Vell", "called", "the harbour board useless"
    )
    first, recent = article.dated(dt.date(2025, 10, 10))
    assert first is not None and first.value == dt.date(2025, 10, 7)
    assert recent is None


def _pronoun(between: str) -> Article:
    article = Article(
        f"Prime Minister Ana Vell says the harbour must reopen.{between} "
        "He was addressing the Harbour Congress on Friday."
    )
    article = article.mention("Prime Minister Ana Vell", "PERSON").mention("Friday")
    if "Tamsel" in between:
        article = article.mention("Brun Tamsel", "PERSON")
    return article.said("Ana Vell", "Prime Minister Ana Vell", "says", "the harbour must reopen")


def test_a_sentence_opening_with_he_tells_when_the_last_speaker_spoke() -> None:
    [said_on] = _pronoun("").dated(dt.date(2025, 10, 11))
    assert said_on is not None and said_on.value == dt.date(2025, 10, 10)


def test_he_after_someone_else_is_named_is_nobody_known() -> None:
    assert _pronoun(" Brun Tamsel disagreed.").dated(dt.date(2025, 10, 11)) == [None]
