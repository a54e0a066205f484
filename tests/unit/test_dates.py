"""Statement dates on hand-built Analysis records: one rule per test, texts written here."""

from __future__ import annotations

import datetime as dt

import pytest
from tests import builders

from onrecord.dates import date_statements
from onrecord.dates.expressions import DateKind, Expression, kind_of, resolve
from onrecord.models import Kind, Precision, Span, StatementDate


class Article(builders.Article):
    """A hand-built article whose statements a test dates."""

    def dated(self, published: dt.date | None) -> list[StatementDate | None]:
        """Date the statements; check the order is kept and every span reproduces its words."""
        statements = date_statements(self.text, self.analysis(), self.statements, published)
        assert [s.attribution for s in statements] == [s.attribution for s in self.statements]
        for statement in statements:
            said_on = statement.said_on
            if said_on is not None and said_on.span is not None:
                assert said_on.span.text(self.text) == said_on.expression
        return [statement.said_on for statement in statements]


SATURDAY = dt.date(2018, 7, 21)


def day(said_on: StatementDate | None) -> tuple[dt.date, Precision, str] | None:
    return None if said_on is None else (said_on.value, said_on.precision, said_on.expression)


def test_a_weekday_on_the_day_of_publication_is_that_day() -> None:
    article = (
        Article(
            "Tehran, July 21, IRNA – Supreme Leader Ali Khamenei on Saturday said talks with the "
            "US are a mistake."
        )
        .mention("July 21")
        .mention("Saturday")
        .said(
            "Ali Khamenei", "Supreme Leader Ali Khamenei", "said", "talks with the US are a mistake"
        )
    )
    [said_on] = article.dated(SATURDAY)
    assert day(said_on) == (SATURDAY, Precision.DAY, "on Saturday")
    assert said_on is not None and said_on.method == "weekday on or before publication"


def test_a_weekday_resolves_to_the_latest_such_day_before_publication() -> None:
    article = (
        Article("Ms Lindqvar said on Monday that Morvask would not negotiate.")
        .mention("Monday")
        .said("Petra Lindqvar", "Ms Lindqvar", "said", "that Morvask would not negotiate")
    )
    wednesday = dt.date(2025, 3, 19)
    assert day(article.dated(wednesday)[0]) == (dt.date(2025, 3, 17), Precision.DAY, "on Monday")


def test_without_a_publication_date_a_weekday_is_unknown() -> None:
    article = (
        Article("Prime Minister Casimir Ondrel said on Tuesday that talks were possible.")
        .mention("Tuesday")
        .said("Casimir Ondrel", "Prime Minister Casimir Ondrel", "said", "that talks were possible")
    )
    (unknown,) = article.dated(None)
    assert unknown is not None and unknown.value is None and unknown.precision is None
    assert unknown.expression == "on Tuesday" and "publication date is unknown" in unknown.method


def test_a_month_day_takes_the_year_of_publication_or_the_one_before() -> None:
    article = (
        Article(
            "“I would meet them,” Trump said on July 30.",
            "The Leader said on November 4 that talks were useless.",
        )
        .mention("July 30")
        .mention("November 4")
        .said("Donald Trump", "Trump", "said", "“I would meet them,”", kind=Kind.DIRECT)
        .said("Ali Khamenei", "The Leader", ("said", 1), "that talks were useless")
    )
    trump, leader = article.dated(dt.date(2018, 8, 14))
    assert day(trump) == (dt.date(2018, 7, 30), Precision.DAY, "on July 30")
    assert trump is not None and trump.method == "absolute date, year from publication"
    # November 4 of the publication year is still to come, and nine months back is a
    # guess ("will resign on June 7" read as last June): unknown.
    assert leader is None
    # Just before a January publication, the year before is the reading.
    _, leader = article.dated(dt.date(2018, 1, 3))
    assert day(leader) == (dt.date(2017, 11, 4), Precision.DAY, "on November 4")


def test_a_month_day_without_a_year_or_publication_date_is_unknown() -> None:
    article = (
        Article("The Leader said on September 17 that talks were useless.")
        .mention("September 17")
        .said("Ali Khamenei", "The Leader", "said", "that talks were useless")
    )
    (unknown,) = article.dated(None)
    assert unknown is not None and unknown.value is None
    assert unknown.expression == "on September 17"


def test_a_full_date_needs_no_publication_date() -> None:
    article = (
        Article("The Leader said on September 17, 2019 that talks were useless.")
        .mention("September 17, 2019")
        .said("Ali Khamenei", "The Leader", "said", "that talks were useless")
    )
    [said_on] = article.dated(None)
    assert day(said_on) == (dt.date(2019, 9, 17), Precision.DAY, "on September 17, 2019")
    assert said_on is not None and said_on.method == "absolute date"


def test_no_statement_is_dated_after_its_article_was_published() -> None:
    article = (
        Article("The Leader said on September 17, 2026 that talks were useless.")
        .mention("September 17, 2026")
        .said("Ali Khamenei", "The Leader", "said", "that talks were useless")
    )
    assert article.dated(dt.date(2025, 3, 1)) == [None]


def test_yesterday_and_today() -> None:
    article = (
        Article(
            "President Oriane Kestrel said yesterday that Calverra would wait.",
            "“We are ready today,” Rosa Tennick told CVNA today.",
        )
        .mention("yesterday")
        .mention(("today", 1))
        .said("Oriane Kestrel", "President Oriane Kestrel", "said", "that Calverra would wait")
        .said("Rosa Tennick", "Rosa Tennick", "told", "“We are ready today,”", kind=Kind.DIRECT)
    )
    kestrel, tennick = article.dated(dt.date(2025, 3, 16))
    assert day(kestrel) == (dt.date(2025, 3, 15), Precision.DAY, "yesterday")
    assert day(tennick) == (dt.date(2025, 3, 16), Precision.DAY, "today")


def test_last_week_is_the_month_holding_the_whole_week() -> None:
    article = (
        Article("Prime Minister Casimir Ondrel told reporters last week that talks would go on.")
        .mention("last week")
        .said("Casimir Ondrel", "Prime Minister Casimir Ondrel", "told", "that talks would go on")
    )
    [said_on] = article.dated(dt.date(2025, 9, 9))
    assert day(said_on) == (dt.date(2025, 9, 1), Precision.MONTH, "last week")
    [across] = article.dated(dt.date(2025, 3, 4))  # last week ran from February into March
    assert day(across) == (dt.date(2025, 1, 1), Precision.YEAR, "last week")


def test_dates_inside_content_and_quotation_marks_are_not_the_statement_date() -> None:
    article = (
        Article(
            "“The US has not changed since November 1964,” Ayatollah Khamenei said.",
            "He said the coup of 1953 was the start.",
        )
        .mention("November 1964")
        .mention("1953")
        .said(
            "Ali Khamenei",
            "Ayatollah Khamenei",
            "said",
            "“The US has not changed since November 1964,”",
            kind=Kind.DIRECT,
        )
        .said("Ali Khamenei", "He", ("said", 1), "the coup of 1953 was the start")
    )
    assert article.dated(dt.date(2019, 11, 4)) == [None, None]


def test_a_month_inside_the_quote_does_not_date_it_but_the_speech_event_does() -> None:
    article = (
        Article(
            "President Oriane Kestrel on Monday gave her backing to talks.",
            '"In January I said there was nothing to discuss," Kestrel said.',
        )
        .mention("Monday")
        .mention("January")
        .mention("Oriane Kestrel", "PERSON")
        .said(
            "Oriane Kestrel",
            "Kestrel",
            "said",
            '"In January I said there was nothing to discuss,"',
            kind=Kind.DIRECT,
        )
    )
    [said_on] = article.dated(dt.date(2025, 6, 17))
    assert day(said_on) == (dt.date(2025, 6, 16), Precision.DAY, "on Monday")
    assert said_on is not None and said_on.method.startswith("speech event in the article")


def test_statements_of_one_speaker_share_the_speech_event_and_others_do_not() -> None:
    article = (
        Article(
            "Prime Minister Casimir Ondrel on Thursday said Calverra was ready for talks.",
            '"We will talk about fish," Ondrel said.',
            "A senior official said the talks could start soon.",
        )
        .mention("Thursday")
        .said(
            "Casimir Ondrel",
            "Prime Minister Casimir Ondrel",
            "said",
            "Calverra was ready for talks",
        )
        .said(
            "Casimir Ondrel", "Ondrel", ("said", 1), '"We will talk about fish,"', kind=Kind.DIRECT
        )
        .said("A senior official", "A senior official", ("said", 2), "the talks could start soon")
    )
    lead, quote, official = article.dated(dt.date(2025, 6, 12))
    assert day(lead) == day(quote) == (dt.date(2025, 6, 12), Precision.DAY, "on Thursday")
    assert quote is not None and quote.method == (
        "speech event in the article: weekday on or before publication"
    )
    assert official is None


def test_the_sentence_saying_when_the_remarks_were_made_dates_them() -> None:
    article = (
        Article(
            "Talks with the US are a blatant mistake, the Supreme Leader said.",
            "The Supreme Leader made the remarks in a meeting with ambassadors in Tehran on "
            "Saturday.",
            "Foreign ministry staff should keep their values, the Leader said.",
        )
        .mention("Saturday")
        .said(None, "the Supreme Leader", "said", "Talks with the US are a blatant mistake")
        .said(
            "Ali Khamenei",
            "the Leader",
            ("said", 1),
            "Foreign ministry staff should keep their values",
        )
    )
    first, second = article.dated(SATURDAY)
    assert day(first) == day(second) == (SATURDAY, Precision.DAY, "on Saturday")


def test_a_back_reference_gets_its_own_date_and_the_quote_after_it_but_nobody_else() -> None:
    article = (
        Article(
            "Ayatollah Khamenei said in Tehran on Sunday that talks were useless.",
            "Ayatollah Khamenei had on September 17 downplayed the pressure, saying that Tehran "
            "would not negotiate.",
            "“The policy is not worth a penny,” Ayatollah Khamenei said in Tehran.",
            "He also said that the door of talks with others was open.",
        )
        .mention("Sunday")
        .mention("September 17")
        .said("Ali Khamenei", "Ayatollah Khamenei", "said", "that talks were useless")
        .said(
            "Ali Khamenei", ("Ayatollah Khamenei", 1), "saying", "that Tehran would not negotiate"
        )
        .said(
            "Ali Khamenei",
            ("Ayatollah Khamenei", 2),
            ("said", 1),
            "“The policy is not worth a penny,”",
            kind=Kind.DIRECT,
        )
        .said("Ali Khamenei", "He", ("said", 2), "that the door of talks with others was open")
    )
    sunday, earlier, quote, later = article.dated(dt.date(2019, 11, 4))
    assert day(sunday) == day(later) == (dt.date(2019, 11, 3), Precision.DAY, "on Sunday")
    assert day(earlier) == day(quote) == (dt.date(2019, 9, 17), Precision.DAY, "on September 17")
    assert earlier is not None and earlier.method.startswith("earlier statement")
    assert quote is not None and quote.method.startswith("quote following an earlier statement")
    # without a publication date the year of September 17 is unknown, and the article's
    # speech event is not taken instead: the words are kept as evidence, the date is not
    undated = article.dated(None)
    assert [d.value if d else None for d in undated] == [None, None, None, None]
    assert [d.expression if d else None for d in undated] == [
        "on Sunday",
        "on September 17",
        "on September 17",
        "on Sunday",
    ]


def test_a_pluperfect_cue_with_an_ago_expression_is_an_earlier_statement() -> None:
    article = (
        Article("Only four months ago Mr Ondrel had told parliament there would be no talks.")
        .mention("Only four months ago")
        .said("Casimir Ondrel", "Mr Ondrel", "had told", "there would be no talks")
    )
    [said_on] = article.dated(dt.date(2025, 3, 16))
    assert day(said_on) == (dt.date(2024, 11, 1), Precision.MONTH, "Only four months ago")
    assert (
        said_on is not None
        and said_on.method == "earlier statement: four months before publication"
    )


def test_a_back_reference_without_a_date_is_unknown_not_the_speech_event() -> None:
    article = (
        Article(
            "President Oriane Kestrel said on Saturday that talks were off.",
            "Kestrel had said the strait must stay open.",
        )
        .mention("Saturday")
        .said("Oriane Kestrel", "President Oriane Kestrel", "said", "that talks were off")
        .said("Oriane Kestrel", ("Kestrel", 1), "had said", "the strait must stay open")
    )
    assert article.dated(dt.date(2025, 3, 15))[1] is None


def test_dates_in_relative_clauses_after_since_and_in_parentheses_are_skipped() -> None:
    article = (
        Article(
            "Opposition leader Edwin Carrow, who had called for talks since November, said the "
            "government was late.",
            "Ayatollah Khamenei said in Tehran on Sunday on the occasion of Aban 13 (November 4) "
            "which marks the takeover in 1979, that talks were useless.",
        )
        .mention("November")
        .mention("Sunday")
        .mention("November 4")
        .mention("1979")
        .said("Edwin Carrow", "Opposition leader Edwin Carrow", "said", "the government was late")
        .said("Ali Khamenei", "Ayatollah Khamenei", ("said", 1), "that talks were useless")
    )
    carrow, leader = article.dated(dt.date(2019, 11, 4))
    assert carrow is None
    assert day(leader) == (dt.date(2019, 11, 3), Precision.DAY, "on Sunday")


def test_a_dateline_is_the_report_not_the_statement() -> None:
    article = (
        Article("Port Selden, March 15, CVNA – Kestrel said talks were off.")
        .mention("March 15")
        .said("Oriane Kestrel", "Kestrel", "said", "talks were off")
    )
    assert article.dated(dt.date(2025, 3, 15)) == [None]


def test_a_weekday_starting_a_name_is_not_a_date() -> None:
    article = (
        Article(
            "“The talks are limited,” the Leader underlined, addressing Friday Prayers leaders.",
        )
        .mention("Friday")
        .said(
            "Ali Khamenei", "the Leader", "underlined", "“The talks are limited,”", kind=Kind.DIRECT
        )
    )
    assert article.dated(dt.date(2007, 3, 22)) == [None]


def test_a_statement_reported_inside_another_gets_no_date() -> None:
    article = (
        Article("On Monday Heller noted that the President had described the terms.")
        .mention("Monday")
        .said("Jonas Heller", "Heller", "noted", "that the President had described the terms")
        .said("Oriane Kestrel", "the President", "had described", "the terms")
    )
    heller, kestrel = article.dated(dt.date(2025, 3, 18))
    assert day(heller) == (dt.date(2025, 3, 17), Precision.DAY, "On Monday")
    assert kestrel is None


def test_a_date_ending_a_short_noun_phrase_content_belongs_to_the_cue() -> None:
    article = (
        Article(
            "President Oriane Kestrel deplored the seizure on Thursday, saying the boat had been "
            "taken in daylight."
        )
        .mention("Thursday")
        .said("Oriane Kestrel", "President Oriane Kestrel", "deplored", "the seizure on Thursday")
        .said("Oriane Kestrel", None, "saying", "the boat had been taken in daylight")
    )
    deplored, saying = article.dated(dt.date(2025, 2, 21))
    assert day(deplored) == day(saying) == (dt.date(2025, 2, 20), Precision.DAY, "on Thursday")


def test_a_weekday_glued_to_the_name_still_groups_the_speaker() -> None:
    article = (
        Article(
            "Supreme Leader Ali Khamenei Wednesday stressed that talks would be limited.",
            "“I tell Americans the issue is not theirs,” the Supreme Leader underlined.",
        )
        .mention("Wednesday")
        .said(
            "Ali Khamenei Wednesday",
            "Supreme Leader Ali Khamenei Wednesday",
            "stressed",
            "that talks would be limited",
        )
        .said(
            "Ali Khamenei",
            "the Supreme Leader",
            "underlined",
            "“I tell Americans the issue is not theirs,”",
            kind=Kind.DIRECT,
        )
    )
    first, second = article.dated(dt.date(2007, 3, 22))
    assert day(first) == day(second) == (dt.date(2007, 3, 21), Precision.DAY, "Wednesday")


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("Saturday", DateKind.WEEKDAY),
        ("Wednesday night", DateKind.WEEKDAY),
        ("yesterday", DateKind.YESTERDAY),
        ("today", DateKind.SAME_DAY),
        ("last week", DateKind.WEEK),
        ("Only four months ago", DateKind.AGO),
        ("September 17", DateKind.MONTH_DAY),
        ("17 September 2019", DateKind.MONTH_DAY),
        ("last November", DateKind.MONTH),
        ("2019", DateKind.YEAR),
        ("the last 41 years", None),
        ("years", None),
        ("recent weeks", None),
        ("next week", None),
        ("this winter", None),
        ("the 2024 season", None),
    ],
)
def test_kinds_of_expression(words: str, kind: DateKind | None) -> None:
    assert kind_of(words) == kind


def test_last_month_name_in_the_same_month_is_a_year_back() -> None:
    expression = Expression(Span(0, 9), "last June", "last june", DateKind.MONTH)
    resolved = resolve(expression, dt.date(2025, 6, 20))
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (dt.date(2024, 6, 1), Precision.MONTH)


def test_a_name_before_a_pluperfect_date_is_no_speech_event() -> None:
    article = (
        Article(
            "Ayatollah Khamenei, on September 17, had ruled out talks.",
            "“Talks are a trick,” Ayatollah Khamenei said.",
        )
        .mention("September 17")
        .mention("Ayatollah Khamenei", "PERSON")
        .said(
            "Ali Khamenei",
            ("Ayatollah Khamenei", 1),
            "said",
            "“Talks are a trick,”",
            kind=Kind.DIRECT,
        )
    )
    assert article.dated(dt.date(2019, 11, 4)) == [None]


# --- Real pages' forms (issue 13 item 2) ---


def test_a_sentence_saying_when_the_speaker_spoke_dates_the_speech_event() -> None:
    article = (
        Article(
            "Ms Tennick spoke to the congress on Friday evening to announce the strike.",
            '"We will not sail," Tennick said.',
        )
        .mention("Ms Tennick", "PERSON")
        .mention("Friday evening")
        .said("Rosa Tennick", "Tennick", "said", '"We will not sail,"', kind=Kind.DIRECT)
    )
    [quote] = article.dated(dt.date(2025, 3, 15))
    assert day(quote) == (dt.date(2025, 3, 14), Precision.DAY, "on Friday evening")
    assert quote is not None and quote.method.startswith("speech event in the article")


def test_several_days_for_one_speaker_leave_the_undated_statements_unknown() -> None:
    article = (
        Article(
            "Ms Tennick spoke to the congress on Friday.",
            "Ms Tennick addressed dockers in Grennock on Tuesday.",
            '"We will not sail," Tennick said.',
        )
        .mention("Ms Tennick", "PERSON")
        .mention(("Ms Tennick", 1), "PERSON")
        .mention("Friday")
        .mention("Tuesday")
        .said("Rosa Tennick", "Tennick", "said", '"We will not sail,"', kind=Kind.DIRECT)
    )
    assert article.dated(dt.date(2025, 3, 15)) == [None]


def test_a_caption_dates_the_event_only_when_the_text_names_no_day() -> None:
    caption = "Rosa Tennick delivers a speech in Port Selden, 30 September 2025. Photo: VCG"
    alone = (
        Article(caption, '"We will not sail," Tennick said.')
        .mention("Rosa Tennick", "PERSON")
        .mention("30 September 2025")
        .said("Rosa Tennick", "Tennick", "said", '"We will not sail,"', kind=Kind.DIRECT)
    )
    the_next_day = dt.date(2025, 10, 1)
    assert day(alone.dated(the_next_day)[0]) == (
        dt.date(2025, 9, 30),
        Precision.DAY,
        "30 September 2025",
    )
    # A caption two weeks older than the page is a file picture of another appearance, and
    # without a publication date no caption can be told from one: unknown, not a guess.
    assert alone.dated(dt.date(2025, 10, 15)) == [None]
    assert alone.dated(None) == [None]
    with_text = (
        Article(caption, "Tennick said on Tuesday that the docks would close.", '"No," she said.')
        .mention("Rosa Tennick", "PERSON")
        .mention("30 September 2025")
        .mention("Tuesday")
        .said("Rosa Tennick", "Tennick", "said", "that the docks would close")
        .said("Rosa Tennick", "she", ("said", 1), '"No,"', kind=Kind.DIRECT)
    )
    lead, quote = with_text.dated(dt.date(2025, 10, 15))
    assert day(lead) == day(quote) == (dt.date(2025, 10, 14), Precision.DAY, "on Tuesday")


def test_a_day_in_another_paragraph_or_before_another_person_is_not_the_cues() -> None:
    byline = (
        Article("By | 8th November 2016", "Minister Vell said the pier would open.")
        .mention("8th November 2016")
        .said("Tomas Vell", "Minister Vell", "said", "the pier would open")
    )
    assert byline.dated(dt.date(2016, 11, 9)) == [None]
    someone_else = (
        Article("While opening the pier on Tuesday, Kestrel praised the crews, Vell said.")
        .mention("Tuesday")
        .mention("Kestrel", "PERSON")
        .said("Tomas Vell", "Vell", "said", "Kestrel praised the crews")
    )
    assert someone_else.dated(dt.date(2025, 10, 16)) == [None]


def test_a_broken_paragraph_in_lower_case_continues_the_sentence() -> None:
    article = (
        Article("Notes will be withdrawn, Minister Vell said late", "on 8 November 2016 evening.")
        .mention("8 November 2016")
        .said("Tomas Vell", "Minister Vell", "said", "Notes will be withdrawn")
    )
    [said_on] = article.dated(None)
    assert day(said_on) == (dt.date(2016, 11, 8), Precision.DAY, "on 8 November 2016")


def test_a_day_right_at_a_nested_statements_cue_dates_it() -> None:
    article = (
        Article("Minister Vell today said the pier would close, the Courier reported.")
        .mention("today")
        .said("Tomas Vell", "Minister Vell", "said", "the pier would close")
        .said(
            "Dornholm Courier",
            "the Courier",
            "reported",
            "Minister Vell today said the pier would close",
        )
    )
    vell, courier = article.dated(dt.date(2025, 5, 24))
    assert day(vell) == (dt.date(2025, 5, 24), Precision.DAY, "today")


def test_a_speech_phrase_ending_the_content_gives_its_day_to_the_cue() -> None:
    article = (
        Article(
            "Kestrel said Calverra would defend its boats during a speech before the "
            "congress on Tuesday."
        )
        .mention("Tuesday")
        .said(
            "Oriane Kestrel",
            "Kestrel",
            "said",
            "Calverra would defend its boats during a speech before the congress on Tuesday",
        )
    )
    [said_on] = article.dated(dt.date(2025, 10, 15))
    assert day(said_on) == (dt.date(2025, 10, 14), Precision.DAY, "on Tuesday")


def test_a_relative_day_spelled_out_by_a_full_date_needs_no_publication_date() -> None:
    article = (
        Article(
            "Lindqvar told the forum this morning (Tuesday), October 14, 2025, that the strait "
            "stays shut."
        )
        .mention("this morning")
        .mention("October 14, 2025")
        .said("Petra Lindqvar", "Lindqvar", "told", "that the strait stays shut")
    )
    [said_on] = article.dated(None)
    assert day(said_on) == (dt.date(2025, 10, 14), Precision.DAY, "October 14, 2025")


def test_a_month_day_takes_the_year_of_a_full_date_of_its_month_nearby() -> None:
    article = (
        Article(
            "In January 2017 the forum met again.",
            "On January 17, Kestrel said the strait was open.",
        )
        .mention("January 2017")
        .mention("January 17")
        .said("Oriane Kestrel", "Kestrel", "said", "the strait was open")
    )
    [said_on] = article.dated(dt.date(2022, 5, 17))
    assert day(said_on) == (dt.date(2017, 1, 17), Precision.DAY, "On January 17")
    assert said_on is not None and said_on.method == "absolute date, year from a nearby date"


def test_a_capitalised_today_inside_a_sentence_is_a_name() -> None:
    article = Article("Vell told BBC Radio 4's Today programme the pier would open.").said(
        "Tomas Vell", "Vell", "told", "the pier would open"
    )
    assert article.dated(dt.date(2025, 5, 24)) == [None]


def _two_days(between: str = "") -> Article:
    """One paragraph with two dated statements of one speaker, then an undated quote."""
    return (
        Article(
            "Ms Tennick said on Friday that the congress would decide. Ms Tennick told dockers "
            f'on Tuesday that the port would stay shut. {between}"We will not sail," Tennick said.'
        )
        .mention("Ms Tennick", "PERSON")
        .mention(("Ms Tennick", 1), "PERSON")
        .mention("Friday")
        .mention("Tuesday")
        .said("Rosa Tennick", "Ms Tennick", "said", "the congress would decide")
        .said("Rosa Tennick", ("Ms Tennick", 1), "told", "the port would stay shut")
        .said("Rosa Tennick", "Tennick", ("said", 1), '"We will not sail,"', kind=Kind.DIRECT)
    )


def test_a_statement_takes_the_last_dated_statement_of_its_line_when_several_days() -> None:
    # One paragraph reports two appearances; the quote right after the second is of it.
    *_, said_on = _two_days().dated(dt.date(2025, 3, 15))
    assert said_on is not None
    assert (said_on.value, said_on.expression) == (dt.date(2025, 3, 11), "on Tuesday")
    assert said_on.method.startswith("the speaker's last dated appearance before it")


def test_another_date_between_the_appearance_and_the_statement_leaves_it_unknown() -> None:
    article = _two_days("The strike began in 2019. ").mention("2019")
    assert article.dated(dt.date(2025, 3, 15))[-1] is None


@pytest.mark.parametrize(
    "occasion",
    [
        "Ms Tennick urged dockers in Grennock on Friday to stay at home.",
        "Ms Tennick vowed on Friday to keep the port open.",
        "Ms Tennick wrote to the harbour board on Friday.",
    ],
)
def test_a_past_verb_of_speaking_dates_the_speakers_statements(occasion: str) -> None:
    article = (
        Article(occasion, '"We will not sail," Tennick said.')
        .mention("Ms Tennick", "PERSON")
        .mention("Friday")
        .said("Rosa Tennick", "Tennick", "said", '"We will not sail,"', kind=Kind.DIRECT)
    )
    [said_on] = article.dated(dt.date(2025, 3, 15))
    assert said_on is not None and said_on.value == dt.date(2025, 3, 14)


def test_a_noun_of_an_occasion_names_no_appearance() -> None:
    # "a statement late on Monday" is another occasion than the one the quote reports
    article = (
        Article(
            "Ms Tennick spoke to the congress on Friday.",
            "The words followed a statement on Monday about the harbour dues by Ms Tennick.",
            '"We will not sail," Tennick said.',
        )
        .mention("Ms Tennick", "PERSON")
        .mention(("Ms Tennick", 1), "PERSON")
        .mention("Friday")
        .mention("Monday")
        .said("Rosa Tennick", "Tennick", "said", '"We will not sail,"', kind=Kind.DIRECT)
    )
    [said_on] = article.dated(dt.date(2025, 3, 15))
    assert said_on is not None and said_on.value == dt.date(2025, 3, 14)


def test_a_pluperfect_verb_of_speaking_names_an_earlier_appearance_not_the_speakers() -> None:
    article = (
        Article(
            "Ms Tennick spoke to the assembly on Wednesday.",
            "Ms Tennick stood where the mayor had addressed the board on Tuesday.",
            '"We will not sail," Tennick said.',
        )
        .mention("Ms Tennick", "PERSON")
        .mention(("Ms Tennick", 1), "PERSON")
        .mention("Wednesday")
        .mention("Tuesday")
        .said("Rosa Tennick", "Tennick", "said", '"We will not sail,"', kind=Kind.DIRECT)
    )
    [said_on] = article.dated(dt.date(2025, 3, 15))
    assert said_on is not None and said_on.value == dt.date(2025, 3, 12)
