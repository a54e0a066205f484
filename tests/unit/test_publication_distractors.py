"""Publication dates: a day near the top that belongs to something else is never the page's.

Each page here is fictional and in our own words; each has one distractor a real page may
carry (readers' comments, a list of other stories, an archive's or a picture's stamp, a
look back, a speech's record), and each test fails if the distractor is taken for the page's
date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.cleaning import clean
from onrecord.ingest.metadata import extract_metadata
from onrecord.models import Metadata, RawDocument

HEADLINE = "Pier to open in May"
# Short lines without a full stop: the top of the page goes on past them, as on a page of
# a transcript broken into lines.
SHORT_LINES = "Harbour news\nKorvhaven\n"
BODY = "Harbour Minister Tomas Vell said on Monday that the new pier would open in May."


def _metadata(text: str, **hints: str) -> Metadata:
    raw = RawDocument(doc="d", source="d.txt", format="txt", text=text, hints=dict(hints))
    return extract_metadata(clean(text), raw)


@pytest.mark.parametrize(
    "line",
    [
        "Archived 5 March 2021",
        "Captured 12 March 2015 10:04",
        "Remembering 3 March 2009",
        "On This Day, 14 May 2012",
        "Flashback: 3 March 2009",
        "Photo Tomas Vell, 3 March 2019",
        "© 14 May 2021 Pier Post",
        "Born 3 March 1991",
        "Until 30 June 2020",
    ],
)
def test_a_short_line_whose_day_is_another_things_is_no_date_line(line: str) -> None:
    meta = _metadata(f"{HEADLINE}\n{line}\n{BODY}")
    assert meta.published is None, meta.published_evidence


@pytest.mark.parametrize(
    "heading",
    [
        "3 Comments",
        "12 responses to “Pier to open in May”",
        "Leave a Reply",
        "Previous Article",
        "Featured Stories",
        "Top Headlines",
        "In case you missed it",
    ],
)
def test_comments_and_other_stories_end_the_top_of_the_page(heading: str) -> None:
    text = f"{HEADLINE}\n{SHORT_LINES}{heading}\nMara Quell\n4 March 2020 at 09:12\n{BODY}"
    assert _metadata(text).published is None


def test_bare_date_lines_with_different_days_are_a_list_not_the_pages_date() -> None:
    listing = f"{HEADLINE}\n3 March 2020\nFerry fares to rise\n1 March 2020\n{BODY}"
    assert _metadata(listing).published is None
    # one day, said twice, is the page's; a labelled one is the page's whatever follows
    assert _metadata(f"{HEADLINE}\n3 March 2020\nKorvhaven\n3 March 2020\n{BODY}").published == (
        dt.date(2020, 3, 3)
    )
    labelled = f"{HEADLINE}\nPublished: 3 March 2020\nFerry fares to rise\n1 March 2020\n{BODY}"
    assert _metadata(labelled).published == dt.date(2020, 3, 3)


def test_a_speech_records_date_on_an_archive_page_is_the_speechs() -> None:
    text = (
        "The harbour address\nSpeaker: Tomas Vell\nDate: 3 March 1999\nVenue: Korvhaven Hall\n"
        + BODY
    )
    assert _metadata(text).published is None
    # without a record around it, a "Date:" line is the page's own
    assert _metadata(f"{HEADLINE}\nDate: 3 March 2020\n{BODY}").published == dt.date(2020, 3, 3)


def test_a_credit_with_a_date_opening_a_paragraph_is_no_dateline() -> None:
    credit = f"{HEADLINE}\n\n{BODY}\n\nMara Quell, Korvhaven Harbour, 3 March 2019.\n\n{BODY}"
    assert _metadata(credit).published is None
    dateline = f"{HEADLINE}\n\nKORVHAVEN, 3 March 2019: {BODY}"
    assert _metadata(dateline).published == dt.date(2019, 3, 3)


def test_the_pages_metadata_line_is_read_up_to_its_date() -> None:
    # the first words of the article after it may name other days ("since", "from")
    text = f" date 2020-03-23 Ferries have run from the old quay since 1990.\n{BODY}"
    assert _metadata(text).published == dt.date(2020, 3, 23)


def test_a_speechs_day_and_place_under_the_pages_date_line_leave_the_pages_date() -> None:
    text = (
        "Tomas Vell: 'The pier is ours', Harbour Speech - 1999\nJune 30, 2015\n"
        f"10 May 1999, Korvhaven Hall, Port Vell\n{BODY}"
    )
    assert _metadata(text).published == dt.date(2015, 6, 30)


def test_buttons_before_the_date_are_read_up_to_it() -> None:
    # the words after the date are the article's: "until" there names no other day
    text = f"Tweet Tuesday, 14 October, 2025 Coast News The strait stays closed until May.\n{BODY}"
    assert _metadata(text).published == dt.date(2025, 10, 14)


@pytest.mark.parametrize(
    "heading",
    [
        "Tag: Tomas Vell",
        "Category Archives: Speeches",
        "Showing posts with label Harbour",
        "Recent Articles in On This Day",
        "14 Articles",
    ],
)
def test_a_page_listing_posts_has_no_date_of_its_own(heading: str) -> None:
    text = f"{heading}\n\nJanuary 5, 2019\n\nPier to open in May\n\n{BODY}"
    assert _metadata(text).published is None
    # its URL may still date it
    dated = _metadata(text, url="https://pier.example/2019/01/07/tag-vell/")
    assert dated.published == dt.date(2019, 1, 7)


def test_an_articles_own_tags_and_a_fields_label_leave_its_date() -> None:
    tags = f"{HEADLINE}\nJanuary 5, 2019\n{BODY}\nTag: Tomas Vell"
    assert _metadata(tags).published == dt.date(2019, 1, 5)
    field = f"Category:\nHarbour papers\nPost on 08-Jul-2020\n{BODY}"
    assert _metadata(field).published == dt.date(2020, 7, 8)


def test_a_label_with_a_dash_before_its_date_dates_the_page_past_a_standfirst() -> None:
    text = (
        f"{HEADLINE}\n\nThe minister said the pier would be the longest on the coast.\n\n"
        "Updated - March 4, 2025 01:44 am IST\n\n"
        f"Published - March 3, 2025 09:27 pm IST - Korvhaven\n\n{BODY}"
    )
    meta = _metadata(text)
    assert (meta.published, meta.published_evidence) == (
        dt.date(2025, 3, 3),
        "labelled date 'Published - March 3, 2025'",
    )


def test_a_cookie_notice_in_another_language_does_not_hide_the_date() -> None:
    notice = (
        "Usamos cookies propias y de terceros para conocer sus visitas, mejorar el sitio y "
        "mostrarle contenidos que le interesen; si sigue navegando, las acepta todas. " * 6
    )
    text = (
        f"{notice}\n\n{HEADLINE}\n\nThe minister said the pier would be the longest on the "
        f"coast.\n\nPosted on April 29, 2025, at 1:23 p.m. ET\n\n{BODY}"
    )
    assert _metadata(text).published == dt.date(2025, 4, 29)


def test_a_byline_from_a_correspondent_keeps_its_date() -> None:
    text = f"{HEADLINE}\nFrom Our Correspondent, 3 March 2019\n{BODY}"
    assert _metadata(text).published == dt.date(2019, 3, 3)
