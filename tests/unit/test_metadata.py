"""Metadata: each field from the most direct evidence, and None rather than a guess."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.cleaning import clean
from onrecord.ingest.metadata import extract_metadata, parse_date, url_date
from onrecord.ingest.outlets import outlet_named, outlet_of_host
from onrecord.models import Metadata, RawDocument

BODY = "Harbour Minister Tomas Vell said on Monday that the new pier would open in May."


def _metadata(text: str, fmt: str = "txt", **hints: str) -> Metadata:
    raw = RawDocument(doc="d", source="d.txt", format=fmt, text=text, hints=dict(hints))
    return extract_metadata(clean(text), raw)


def test_hints_come_first() -> None:
    meta = _metadata(
        "Jul 21, 2018\nSome Headline\n\nWASHINGTON (AP) — " + BODY,
        fmt="jsonl",
        title="Given  title",
        outlet="IRNA English",
        published="2019-06-01",
        url="https://example.org/2017/01/02/story",
    )
    assert meta == Metadata(
        title="Given title",
        outlet="IRNA",
        published=dt.date(2019, 6, 1),
        published_evidence="JSONL field",
        url="https://example.org/2017/01/02/story",
    )


def test_unknown_outlet_hint_is_kept_as_given() -> None:
    assert _metadata(BODY, outlet="The Coastline Courier").outlet == "The Coastline Courier"


def test_html_hint_evidence() -> None:
    meta = _metadata(BODY, fmt="html", published="2021-03-14")
    assert (meta.published, meta.published_evidence) == (dt.date(2021, 3, 14), "HTML metadata")


def test_title_from_first_line() -> None:
    assert _metadata("Pier to open in May\n\n" + BODY).title == "Pier to open in May"
    assert _metadata(BODY + "\n\n" + BODY).title is None
    assert _metadata("Pier to open in May").title is None


@pytest.mark.parametrize(
    ("opening", "outlet"),
    [
        ("Tehran, July 21, IRNA – ", "IRNA"),
        ("TEHRAN (Tasnim) – ", "Tasnim"),
        ("WASHINGTON (AP) — ", "Associated Press"),
        ("NEW YORK, March 3 (Reuters) - ", "Reuters"),
        ("LAGOS (XYZ) – ", "XYZ"),
        ("Port Vell, May 2, HHN – ", "HHN"),
    ],
)
def test_outlet_from_dateline(opening: str, outlet: str) -> None:
    assert _metadata("Pier to open in May\n\n" + opening + BODY).outlet == outlet


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Joint Harbour Plan (JHP) – a deal of 2015 – is over, the minister said.",
        "Officials in the capital, May 2, said the pier was ready.",
        "Port Vell, May 2, the minister – speaking late – said the pier was ready.",
    ],
)
def test_not_a_dateline(paragraph: str) -> None:
    assert _metadata("Pier to open in May\n\n" + paragraph).outlet is None


def test_outlet_from_masthead() -> None:
    meta = _metadata("IFP Exclusive\n\nPier to open in May\n\n" + BODY)
    assert meta.outlet == "Iran Front Page"


def test_outlet_from_url() -> None:
    assert _metadata(BODY, url="https://www.example-news.com/a/b").outlet == "example-news.com"
    assert _metadata(BODY, url="https://en.irna.ir/news/1").outlet == "IRNA"
    assert _metadata(BODY).outlet is None


def test_published_from_header_line() -> None:
    meta = _metadata("Jul 21, 2018, 4:21 PM\nPier to open in May\n\n" + BODY)
    assert meta.published == dt.date(2018, 7, 21)
    assert meta.published_evidence == "header line 'Jul 21, 2018, 4:21 PM'"


def test_dateline_confirms_header_date() -> None:
    text = "Jul 21, 2018, 4:21 PM\nPier to open in May\n\nTehran, July 21, IRNA – " + BODY
    evidence = _metadata(text).published_evidence
    assert evidence == "header line 'Jul 21, 2018, 4:21 PM', dateline 'July 21' agrees"


def test_dateline_alone_gives_no_date() -> None:
    meta = _metadata("Pier to open in May\n\nTehran, July 21, IRNA – " + BODY)
    assert (meta.published, meta.published_evidence) == (None, None)


def test_published_from_url() -> None:
    meta = _metadata(BODY, url="https://example.org/news/2016/03/09/pier-opens")
    assert (meta.published, meta.published_evidence) == (dt.date(2016, 3, 9), "URL")


def test_never_from_body_or_boilerplate() -> None:
    text = (
        "Pier to open in May\n\nOn March 3, 2021, the minister said the pier was ready.\n\n"
        "Recent Posts\n\nStorm closes road\n\nFebruary 18, 2024\n\n2 hours ago\n"
    )
    meta = _metadata(text)
    assert (meta.published, meta.published_evidence) == (None, None)


def test_unparseable_hint_falls_through() -> None:
    meta = _metadata("May 2, 2020\nPier\n\n" + BODY, fmt="jsonl", published="sometime")
    assert meta.published == dt.date(2020, 5, 2)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2018-07-21", dt.date(2018, 7, 21)),
        ("2018-07-21T16:21:00+04:30", dt.date(2018, 7, 21)),
        ("Jul 21, 2018, 4:21 PM", dt.date(2018, 7, 21)),
        ("July 21, 2018", dt.date(2018, 7, 21)),
        ("Saturday, 21 July 2018 - 16:21", dt.date(2018, 7, 21)),
        ("Published: Sept. 3rd, 2019", dt.date(2019, 9, 3)),
        ("21 Jul, 2018", dt.date(2018, 7, 21)),
        ("July 21", None),
        ("yesterday", None),
        ("2 hours ago", None),
        ("News Code: 82977271", None),
        ("1066-10-14", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_url_date() -> None:
    assert url_date("https://example.org/2019/11/04/talks") == dt.date(2019, 11, 4)
    assert url_date("https://example.org/news/82977271") is None


def test_outlets_table() -> None:
    assert outlet_named("ifp") == "Iran Front Page"
    assert outlet_named("Tasnim") == "Tasnim"
    assert outlet_named("Nowhere Gazette") is None
    assert outlet_of_host("www.tasnimnews.com") == "Tasnim"
    assert outlet_of_host("notirna.ir") is None


def test_no_date_from_a_story_list_near_the_top() -> None:
    text = "Pier to open in May\n\nRecent Posts\n\nFebruary 18, 2024\n\nStorm closes road\n"
    meta = _metadata(text)
    assert (meta.published, meta.published_evidence) == (None, None)


def test_date_line_under_the_headline_is_header() -> None:
    meta = _metadata("Pier to open in May\nMay 2, 2020\n\n" + BODY)
    assert meta.published == dt.date(2020, 5, 2)
