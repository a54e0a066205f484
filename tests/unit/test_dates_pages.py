"""Statement dates in forms real news pages take (issue 13): one rule per test, texts ours."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.unit.test_dates import Article, day

from onrecord.dates import date_statements
from onrecord.dates.expressions import DateKind, kind_of, numeric_date
from onrecord.models import Kind, Precision, Span

FRIDAY = dt.date(2025, 10, 17)


def test_a_wire_datelines_agency_does_not_make_the_lead_a_caption() -> None:
    article = (
        Article(
            "PORT SELDEN (Tidemark) - The strait will stay shut, Minister Tomas Vell was quoted "
            "as saying on Friday.",
            "Tomas Vell addresses the harbour board in Port Selden, October 2, 2025. Photo: KD",
            '"We will not sail," Vell said.',
        )
        .mention("Tomas Vell", "PERSON")
        .mention(("Tomas Vell", 1), "PERSON")
        .mention("Friday")
        .mention("October 2, 2025")
        .said("Tomas Vell", "Vell", ("said", 0), '"We will not sail,"', kind=Kind.DIRECT)
    )
    [said_on] = article.dated(FRIDAY)
    assert day(said_on) == (FRIDAY, Precision.DAY, "on Friday")


def test_a_caption_the_cleaning_marked_counts_as_a_caption() -> None:
    caption = "Tomas Vell speaking at the pier on October 16, 2025"
    article = (
        Article(caption, "Vell said the pier would open.")
        .mention("Tomas Vell", "PERSON")
        .mention("October 16, 2025")
        .said("Tomas Vell", "Vell", "said", "the pier would open")
    )
    marked = (article.at(caption),)

    def dated(published: dt.date, captions: tuple[Span, ...]) -> dt.date | None:
        [statement] = date_statements(
            article.text, article.analysis(), article.statements, published, captions
        )
        return statement.said_on.value if statement.said_on else None

    # marked as a caption, its day dates the appearance only near publication: a caption a
    # fortnight older than the page is a file picture of another appearance
    assert dated(FRIDAY, marked) == dt.date(2025, 10, 16)
    assert dated(dt.date(2025, 10, 31), marked) is None
    # unmarked, the same line is a sentence of the text saying when Vell spoke
    assert dated(dt.date(2025, 10, 31), ()) == dt.date(2025, 10, 16)


def test_a_statement_named_with_its_own_day_keeps_it_and_passes_it_on_to_nobody() -> None:
    article = (
        Article(
            "Vell was speaking to reporters in Port Selden as he left the pier on Friday.",
            "Vell said the strait would stay shut.",
            "His comments followed a statement late on Thursday in which he praised the crews.",
        )
        .mention("Vell", "PERSON")
        .mention("Friday")
        .mention("Thursday")
        .said("Tomas Vell", ("Vell", 1), ("said", 0), "the strait would stay shut")
        .said("Tomas Vell", "he", "praised", "the crews")
    )
    friday_words, thursday_words = article.dated(FRIDAY)
    assert day(friday_words) == (FRIDAY, Precision.DAY, "on Friday")
    assert thursday_words is not None
    assert (thursday_words.value, thursday_words.expression) == (
        dt.date(2025, 10, 16),
        "late on Thursday",
    )


def test_a_date_inside_an_entity_that_names_no_day_as_a_whole_is_still_read() -> None:
    article = (
        Article("Notes will be withdrawn, Minister Vell said late on 8 November 2016 evening.")
        .mention("late on 8 November 2016 evening")  # the parse's one entity, not a point
        .said("Tomas Vell", "Minister Vell", "said late", "Notes will be withdrawn")
    )
    [said_on] = article.dated(None)
    assert said_on is not None and said_on.value == dt.date(2016, 11, 8)


def test_a_date_in_digits_is_read_only_when_day_and_month_cannot_swap() -> None:
    assert numeric_date("23/03/2020") == "2020-03-23"
    assert numeric_date("03/23/2020") == "2020-03-23"
    assert numeric_date("03/04/2020") is None  # the 3rd of April or the 4th of March
    assert numeric_date("05/05/2020") == "2020-05-05"
    assert kind_of("23/03/2020") is DateKind.MONTH_DAY
    assert kind_of("03/04/2020") is None
    assert kind_of("2020-03-23") is None  # a page's own stamp, not words saying when


def test_an_update_stamp_dates_the_appearance_its_sentence_tells() -> None:
    article = (
        Article(
            "UPDATE (14/10/2025): At 8pm, Minister Tomas Vell went on air to address the "
            "country. He thanked the crews.",
        )
        .mention("Tomas Vell", "PERSON")
        .said("Tomas Vell", "He", "thanked", "the crews")
    )
    [said_on] = article.dated(None)
    assert day(said_on) == (dt.date(2025, 10, 14), Precision.DAY, "14/10/2025")


def test_an_aside_in_brackets_still_dates_nothing() -> None:
    article = (
        Article("Vell said (on 14/10/2025 by his count) the strait stays shut.")
        .mention("Vell", "PERSON")
        .said("Tomas Vell", "Vell", "said", "the strait stays shut")
    )
    assert article.dated(FRIDAY) == [None]


def test_spans_of_new_forms_reproduce_their_words() -> None:
    text = "UPDATE (14/10/2025): Vell spoke."
    article = Article(text).mention("Vell", "PERSON").said("Tomas Vell", "Vell", "spoke")
    [said_on] = article.dated(None)
    assert said_on is not None and said_on.span is not None
    assert said_on.span.text(text) == "14/10/2025" == said_on.expression
    assert said_on.span == Span(8, 18)


def test_on_an_undated_page_a_caption_naming_the_same_occasion_dates_it() -> None:
    caption = (
        "Rosa Tennick speaking at the Harbour Congress in Port Selden, 30 September 2025. "
        "Photo: VCG"
    )
    same = (
        Article(caption, "Tennick told the Harbour Congress that the docks would close.")
        .mention("Rosa Tennick", "PERSON")
        .mention("30 September 2025")
        .said("Rosa Tennick", "Tennick", "told", "that the docks would close")
    )
    [said_on] = same.dated(None)
    assert day(said_on) == (dt.date(2025, 9, 30), Precision.DAY, "30 September 2025")
    other = (
        Article(caption, "Tennick told reporters in Dornholm that the docks would close.")
        .mention("Rosa Tennick", "PERSON")
        .mention("30 September 2025")
        .said("Rosa Tennick", "Tennick", "told", "that the docks would close")
    )
    # her own name is no occasion: only the place or event named in both would be
    assert other.dated(None) == [None]


# --- Forms the held-out gap asked for: evidence a careful reader would use, texts ours ---


def test_new_relative_days_are_read() -> None:
    assert kind_of("last night") is DateKind.YESTERDAY
    assert kind_of("early this morning") is DateKind.SAME_DAY
    assert kind_of("tonight") is DateKind.SAME_DAY
    assert kind_of("earlier today") is DateKind.SAME_DAY


def _urged(*more: str) -> Article:
    return (
        Article("Minister Tomas Vell on Thursday asked dockers to end the strike.", *more)
        .mention("Minister Tomas Vell", "PERSON")
        .said("Tomas Vell", "Minister Tomas Vell", "asked", "dockers to end the strike")
    )


def test_a_weekday_takes_the_full_date_the_text_writes_for_it() -> None:
    article = _urged("Vell addressed the nation on Thursday, October 16, 2025 at 7pm.")
    [said_on] = article.dated(None)
    assert said_on is not None
    assert said_on.value == dt.date(2025, 10, 16)
    assert said_on.method == "weekday, the full date of that weekday in the text"


def test_two_dates_of_one_weekday_leave_it_unknown() -> None:
    article = _urged(
        "Vell addressed the nation on Thursday, October 16, 2025 at 7pm.",
        "The strike began on Thursday, October 9, 2025.",
    )
    [said_on] = article.dated(None)
    assert said_on is None or said_on.value is None


def test_a_weekdays_date_inside_reported_content_is_not_read() -> None:
    # the date of what will happen ("resign on Friday, June 5") is no day anyone spoke
    article = (
        Article(
            "Minister Tomas Vell said on Friday that he would resign on Friday, June 5, 2026.",
        )
        .mention("Minister Tomas Vell", "PERSON")
        .said(
            "Tomas Vell",
            "Minister Tomas Vell",
            "said",
            "that he would resign on Friday, June 5, 2026",
        )
    )
    [said_on] = article.dated(None)
    assert said_on is None or said_on.value is None


def test_the_reporters_today_about_something_past_dates_its_report() -> None:
    past = (
        Article("Nine boats sank in the harbour today, says Minister Tomas Vell.")
        .mention("Minister Tomas Vell", "PERSON")
        .said("Tomas Vell", "Minister Tomas Vell", "says", "Nine boats sank in the harbour today")
    )
    assert day(past.dated(FRIDAY)[0]) == (FRIDAY, Precision.DAY, "today")
    future = (
        Article("The new pier in the harbour will open to ships today, says Minister Tomas Vell.")
        .mention("Minister Tomas Vell", "PERSON")
        .said(
            "Tomas Vell",
            "Minister Tomas Vell",
            "says",
            "The new pier in the harbour will open to ships today",
        )
    )
    assert future.dated(FRIDAY) == [None]


def test_a_day_ending_what_someone_was_urged_to_do_is_the_urgings() -> None:
    article = (
        Article("Minister Tomas Vell called on dockers to return to work on Friday.")
        .mention("Minister Tomas Vell", "PERSON")
        .said(
            "Tomas Vell", "Minister Tomas Vell", "called on", "dockers to return to work on Friday"
        )
    )
    assert day(article.dated(FRIDAY)[0]) == (FRIDAY, Precision.DAY, "on Friday")


def test_a_preposition_left_by_a_verb_of_speaking_blocks_no_date() -> None:
    article = (
        Article(
            "It was Vell's plea to the board he spoke to early this morning.",
            '"We will not sail," Vell said.',
        )
        .mention("Vell", "PERSON")
        .mention("early this morning", "TIME")
        .said("Tomas Vell", ("Vell", 1), "said", '"We will not sail,"', kind=Kind.DIRECT)
    )
    [said_on] = article.dated(FRIDAY)
    assert said_on is not None
    assert (said_on.value, said_on.expression) == (FRIDAY, "early this morning")


def _transcript(heading: str, *, where: int = 0) -> Article:
    """A page giving a speech's text under a heading, the heading `where` lines down."""
    filler = [f"Related story number {n} on the harbour" for n in range(where)]
    return (
        Article(*filler, heading, "We will keep the strait closed this winter.")
        .mention("We", "NP")
        .said(
            "Tomas Vell",
            None,
            None,
            "We will keep the strait closed this winter.",
            kind=Kind.TRANSCRIPT,
        )
    )


def test_a_heading_naming_the_speech_and_its_day_dates_the_transcript() -> None:
    article = _transcript("Minister's address to the Harbour Board: 16 October 2025")
    [said_on] = article.dated(None)
    assert said_on is not None
    assert (said_on.value, said_on.expression) == (dt.date(2025, 10, 16), "16 October 2025")


def test_a_heading_far_down_the_page_or_naming_no_speech_dates_nothing() -> None:
    # far down, a heading is a link to another story; without a speech noun, it is no heading
    # about a speech
    far = _transcript("Minister's address to the Harbour Board: 16 October 2025", where=16)
    assert far.dated(None) == [None]
    other = _transcript("Harbour Board opens new pier: 16 October 2025")
    assert other.dated(None) == [None]


def test_a_preview_of_an_appearance_dates_no_statement() -> None:
    article = (
        Article(
            "Minister Tomas Vell will address the nation tonight.",
            "Vell said the strait would stay shut.",
        )
        .mention("Minister Tomas Vell", "PERSON")
        .mention(("Vell", 1), "PERSON")
        .said("Tomas Vell", ("Vell", 1), "said", "the strait would stay shut")
    )
    assert article.dated(FRIDAY) == [None]


SLUG = "https://harbour-notes.example/address-by-the-minister-16-october-2025"


def _slug_dated(article: Article, url: str, published: dt.date | None = None) -> list:
    statements = date_statements(
        article.text, article.analysis(), article.statements, published, (), url
    )
    return [statement.said_on for statement in statements]


def test_a_url_slug_naming_the_speech_and_its_day_dates_the_transcript() -> None:
    [said_on] = _slug_dated(_transcript("Minister's address to the Harbour Board"), SLUG)
    assert said_on is not None and said_on.span is None
    assert (said_on.value, said_on.precision) == (dt.date(2025, 10, 16), Precision.DAY)
    assert said_on.expression == "address by the minister 16 october 2025"


def test_a_url_slug_gives_no_day_it_cannot_name_or_the_text_contradicts() -> None:
    article = _transcript("Minister's address to the Harbour Board")
    for url in (
        "https://harbour-notes.example/2025/10/address-by-the-minister",  # year and month only
        "https://harbour-notes.example/pier-opens-16-october-2025",  # names no speech
        "https://harbour-notes.example/address-by-the-minister-31-november-2025",  # no such day
    ):
        assert _slug_dated(article, url) == [None], url
    # a slug day after publication is none of this page's days
    assert _slug_dated(article, SLUG, dt.date(2025, 10, 15)) == [None]
    # the text's own heading day wins over the slug's
    headed = _transcript("Minister's address to the Harbour Board: 14 October 2025")
    [said_on] = _slug_dated(headed, SLUG)
    assert said_on is not None and said_on.value == dt.date(2025, 10, 14)


def test_last_sunday_leaves_its_week_unknown() -> None:
    monday = dt.date(2025, 10, 13)
    for words, expected in (("Last Sunday", None), ("On Sunday", dt.date(2025, 10, 12))):
        article = (
            Article(f"{words}, Minister Tomas Vell said the strait would stay shut.")
            .mention("Minister Tomas Vell", "PERSON")
            .said("Tomas Vell", "Minister Tomas Vell", "said", "the strait would stay shut")
        )
        [said_on] = article.dated(monday)
        assert (said_on.value if said_on else None) == expected, words


def test_a_sentence_on_last_sunday_inherits_no_event_day() -> None:
    monday = dt.date(2025, 10, 13)
    article = (
        Article(
            "Addressing the nation on Monday, Minister Tomas Vell said the strait would stay shut.",
            "Last Sunday, Vell declared a state of emergency.",
        )
        .mention("Minister Tomas Vell", "PERSON")
        .mention("Vell", "PERSON")
        .said("Tomas Vell", "Minister Tomas Vell", "said", "the strait would stay shut")
        .said("Tomas Vell", "Vell", "declared", "a state of emergency")
    )
    assert [s.value if s else None for s in article.dated(monday)] == [monday, None]


# --- Transcript headings with the day on a line of its own (issue 13) ---


@pytest.mark.parametrize(
    "heading",
    [
        # the date alone under the heading, as official transcripts print it
        "Remarks by the Minister at the Harbour Board\n16 October 2025",
        # a hall and a name between the heading and its date line
        "Budget Speech\nHarbour Hall\nTomas Vell\nThursday, 16 October 2025",
        "Homily of the Bishop of Port Vell\nOctober 16, 2025 15:00",
    ],
)
def test_a_date_line_under_a_speech_heading_dates_the_transcript(heading: str) -> None:
    [said_on] = _transcript(heading).dated(None)
    assert said_on is not None and said_on.value == dt.date(2025, 10, 16)


@pytest.mark.parametrize(
    "heading",
    [
        # a byline stands between: the date is the page's own stamp
        "Minister's speech in full\nBy Mara Quell\n16 October 2025",
        # a sentence above the date is no heading
        "The minister gave a speech to the board.\n16 October 2025",
        # a date line far below the heading, under a paragraph of text
        "Minister's speech\nThe minister spoke to the board for an hour about the pier and the"
        " strait\n16 October 2025",
        # a publication stamp is the page's date, whatever the heading above says
        "Minister's speech\nPublished 16 October 2025",
    ],
)
def test_a_date_line_not_tied_to_a_speech_heading_dates_nothing(heading: str) -> None:
    assert _transcript(heading).dated(None) == [None]


def test_a_date_line_the_cleaning_took_out_dates_the_transcript_through_its_evidence() -> None:
    # The page's date line under the speech heading is gone from the clean text; the
    # publication date's evidence carries it to the one transcribed speaker.
    article = _transcript("Remarks by the Minister at the Harbour Board")
    evidence = "header line 'October 16, 2025', under the speech heading 'Remarks by ...'"
    day_ = dt.date(2025, 10, 16)
    args = (article.text, article.analysis(), article.statements, day_)
    [dated] = date_statements(*args, heading=(day_, evidence))
    assert dated.said_on is not None
    assert (dated.said_on.value, dated.said_on.method) == (
        day_,
        "date line under the page's speech heading",
    )
    # without it, the page's date alone is no day of speaking
    [undated] = date_statements(*args)
    assert undated.said_on is None


def test_a_day_after_another_verb_of_speaking_is_that_verbs() -> None:
    # "The Gazette, citing harbour figures, said Monday ...": Monday is the Gazette's saying;
    # a statement whose cue is "citing" gets no day from it.
    article = (
        Article("The Gazette, citing harbour figures, said Monday that the pier would close.")
        .mention("The Gazette", "ORG")
        .mention("Monday")
        .said("Tomas Vell", "The Gazette", "citing", "harbour figures")
        .said("The Gazette", "The Gazette", "said", "the pier would close")
    )
    citing, said = article.dated(FRIDAY)
    assert citing is None
    assert said is not None and said.expression == "Monday"


def test_a_day_right_after_quoted_content_is_the_cues() -> None:
    article = (
        Article(
            'Minister Tomas Vell declares "Wir halten" ("We hold") on October 13, 2025, as the '
            "harbour board meets."
        )
        .mention("Minister Tomas Vell", "PERSON")
        .mention("October 13, 2025")
        .said(
            "Tomas Vell",
            "Minister Tomas Vell",
            "declares",
            '"Wir halten" ("We hold") on October 13, 2025, as the harbour board meets',
            kind=Kind.MIXED,
        )
    )
    [said_on] = article.dated(None)
    assert said_on is not None and said_on.value == dt.date(2025, 10, 13)


@pytest.mark.parametrize(
    ("content", "expression"),
    [
        # a broadcast named before the day, the place it came from between
        ("his resignation in a live broadcast from Harbour Hall on Thursday night", "Thursday"),
        # a time of day after the day
        ("the closure at a press conference on October 16 at 17:23", "October 16"),
    ],
)
def test_a_day_ending_content_after_the_occasion_it_names_is_the_cues(
    content: str, expression: str
) -> None:
    article = (
        Article(f"Minister Tomas Vell announced {content}.")
        .mention("Minister Tomas Vell", "PERSON")
        .mention(expression)
        .said("Tomas Vell", "Minister Tomas Vell", "announced", content)
    )
    [said_on] = article.dated(FRIDAY)
    assert said_on is not None and said_on.value == dt.date(2025, 10, 16)


def test_a_caption_naming_a_press_conference_dates_the_speakers_event() -> None:
    caption = (
        "Tomas Vell smiles during a press conference in Port Vell, Thursday, Oct. 16, 2025 "
        "(Photo: AP)"
    )
    article = (
        Article(caption, '"We will keep the pier," Vell said.')
        .mention("Tomas Vell", "PERSON")
        .mention("Oct. 16, 2025")
        .said("Tomas Vell", "Vell", "said", '"We will keep the pier,"', kind=Kind.DIRECT)
    )
    [said_on] = article.dated(FRIDAY)
    assert said_on is not None and said_on.value == dt.date(2025, 10, 16)
    # outside a caption, a noun of an occasion names no appearance ("will hold a press
    # conference on Thursday" is as often a coming one)
    text = Article("Tomas Vell held a press conference on Thursday.", '"We will," Vell said.')
    plain = (
        text.mention("Tomas Vell", "PERSON")
        .mention("Thursday")
        .said("Tomas Vell", "Vell", "said", '"We will,"', kind=Kind.DIRECT)
    )
    assert plain.dated(FRIDAY) == [None]
