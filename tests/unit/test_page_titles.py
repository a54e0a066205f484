"""Titles: a site's name is no part of the headline, and page furniture is never a title."""

from __future__ import annotations

import pytest

from onrecord.cleaning import clean
from onrecord.ingest.metadata import extract_metadata
from onrecord.models import Metadata, RawDocument

BODY = "Harbour Minister Tomas Vell said on Monday that the new pier would open in May."


def _metadata(text: str, **hints: str) -> Metadata:
    raw = RawDocument(doc="d", source="d.txt", format="txt", text=text, hints=dict(hints))
    return extract_metadata(clean(text), raw)


def test_the_sites_name_after_the_headline_is_cut_and_names_the_outlet() -> None:
    text = f"Pier to open in May – Pierwatch\n{BODY}\n{BODY}"
    meta = _metadata(text, url="https://pierwatch.example/2025/pier")
    assert (meta.title, meta.outlet) == ("Pier to open in May", "Pierwatch")
    # a name that is not the host's stays in the headline and names nothing
    other = _metadata(text, url="https://harbour-notes.example/pier")
    assert (other.title, other.outlet) == ("Pier to open in May – Pierwatch", "Harbour Notes")


def test_a_known_outlets_name_before_the_headline_is_cut() -> None:
    meta = _metadata(
        f"The Guardian : Pier to open in May\n{BODY}\n{BODY}", url="https://x.example/a"
    )
    assert meta.title == "Pier to open in May"


@pytest.mark.parametrize(
    "furniture",
    [
        "Back to top",
        "Unfortunately, your browser is too old to show this page. Please upgrade it",
        "[an error occurred while processing this directive]",
        "instagram envelope_alt facebook twitter search whatsapp",
        "Ilse Varn/Pool via Harbour Wire",
    ],
)
def test_furniture_above_the_headline_is_never_the_title(furniture: str) -> None:
    assert _metadata(f"{furniture}\nPier to open in May\n{BODY}\n{BODY}").title == (
        "Pier to open in May"
    )


def test_a_known_outlets_name_after_a_reposted_headline_stays() -> None:
    # on a blog reposting a paper's story, "– The Guardian" says whose story it is
    meta = _metadata(
        f"Pier to open in May – The Guardian\n{BODY}\n{BODY}",
        url="https://harbournotes.blogspot.com/2025/05/pier.html",
    )
    assert meta.title == "Pier to open in May – The Guardian"


@pytest.mark.parametrize(
    "furniture",
    [
        "pier opening may korvhaven",
        "You are here",
        "Media playback is unsupported on your device",
        "We need your help now",
    ],
)
def test_keywords_breadcrumbs_and_appeals_are_never_the_title(furniture: str) -> None:
    assert _metadata(f"{furniture}\nPier to open in May\n{BODY}\n{BODY}").title == (
        "Pier to open in May"
    )


def test_a_month_opening_the_first_line_is_not_part_of_the_headline() -> None:
    assert _metadata(f"date 2025-03 Pier to open in May\n{BODY}\n{BODY}").title == (
        "Pier to open in May"
    )
