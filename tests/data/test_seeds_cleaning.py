"""Cleaning and metadata on the five seed articles in ../shared/data/seeds."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest
from tests.shared_data import SEEDS, requires_shared

from onrecord.cleaning import clean
from onrecord.ingest import extract_metadata, read_paths
from onrecord.models import CleanText, Metadata, RawDocument

pytestmark = requires_shared

# Site furniture that must not survive cleaning in any seed.
BOILERPLATE = (
    "Follow us on",
    "Recent Posts",
    "hours ago",
    "minutes ago",
    "Back to top button",
    "Check Also",
    "Related news",
    "Most Visited",
    "Top Stories",
    "Editorial Staff",
    ".jpg",
    "News Code",
    "Leaders of Ummah",
)
# Paragraphs of the article bodies (title included) each seed keeps, counted by hand.
KEPT_PARAGRAPHS = {"000": 21, "001": 19, "002": 10, "003": 27, "004": 9}
OUTLETS = {"000": "IRNA", "001": "Tasnim", "002": "Iran Front Page", "003": None, "004": None}
PUBLISHED = {"000": dt.date(2018, 7, 21), "001": None, "002": None, "003": None, "004": None}

# A paragraph that ends like a sentence (perhaps inside closing quotes).
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# An image file name glued to the start of a paragraph.
IMAGE_PREFIX = re.compile(r"^[\w-]+\.jpg")


@cache
def _seeds() -> dict[str, tuple[RawDocument, CleanText, Metadata]]:
    seeds = {}
    for raw in read_paths([SEEDS]):
        assert isinstance(raw, RawDocument), raw
        cleaned = clean(raw.text)
        seeds[raw.doc[:3]] = (raw, cleaned, extract_metadata(cleaned, raw))
    return seeds


NUMBERS = sorted(KEPT_PARAGRAPHS)


def test_all_five_seeds_are_read() -> None:
    assert sorted(_seeds()) == NUMBERS


@pytest.mark.parametrize("number", NUMBERS)
def test_no_boilerplate_left(number: str) -> None:
    _, cleaned, _ = _seeds()[number]
    for marker in BOILERPLATE:
        assert marker not in cleaned.text, marker
    assert "2024" not in cleaned.text


@pytest.mark.parametrize("number", NUMBERS)
def test_segments_map_back_exactly(number: str) -> None:
    raw, cleaned, _ = _seeds()[number]
    position = 0
    for segment in cleaned.segments:
        piece = cleaned.text[segment.clean_start : segment.clean_start + segment.length]
        assert piece == raw.text[segment.raw_start : segment.raw_start + segment.length]
        assert cleaned.text[position : segment.clean_start] in ("", "\n", "\n\n")
        position = segment.clean_start + segment.length
    assert position == len(cleaned.text)


@pytest.mark.parametrize("number", NUMBERS)
def test_every_body_sentence_paragraph_is_kept(number: str) -> None:
    raw, cleaned, _ = _seeds()[number]
    kept = cleaned.text.split("\n\n")
    assert len(kept) == KEPT_PARAGRAPHS[number]
    for paragraph in (part.strip() for part in raw.text.split("\n\n")):
        if not SENTENCE_END.search(paragraph) or "Editorial Staff" in paragraph:
            continue
        assert IMAGE_PREFIX.sub("", paragraph) in kept, paragraph[:80]


@pytest.mark.parametrize("number", NUMBERS)
def test_first_and_last_real_paragraphs_are_kept(number: str) -> None:
    raw, cleaned, _ = _seeds()[number]
    body = [p.strip() for p in raw.text.split("\n\n") if SENTENCE_END.search(p.strip())]
    body = [p for p in body if "Editorial Staff" not in p]
    assert cleaned.text.endswith(body[-1])
    assert cleaned.text.split("\n\n")[0] == cleaned.text.split("\n")[0]


def test_following_sentence_kept_in_001() -> None:
    raw, cleaned, _ = _seeds()["001"]
    paragraphs = cleaned.text.split("\n\n")
    following = [p for p in paragraphs if p.startswith("Following the US exit")]
    assert len(following) == 1
    assert following[0] == paragraphs[-1]
    assert following[0].endswith(".")
    assert following[0] in raw.text


def test_repeated_headline_appears_once_in_001() -> None:
    _, cleaned, metadata = _seeds()["001"]
    assert metadata.title is not None
    assert cleaned.text.count(metadata.title) == 1
    assert cleaned.removed["repeated headline"] == 1


def test_header_of_000() -> None:
    raw, cleaned, _ = _seeds()["000"]
    assert len(cleaned.header) == 3
    assert cleaned.header[0] == "Jul 21, 2018, 4:21 PM"
    # The headline is the raw text's fourth line, right under the three header lines.
    headline = raw.text.split("\n")[3].strip()
    assert cleaned.text.startswith(headline + "\n\n")


@pytest.mark.parametrize("number", NUMBERS)
def test_outlet(number: str) -> None:
    assert _seeds()[number][2].outlet == OUTLETS[number]


@pytest.mark.parametrize("number", NUMBERS)
def test_published(number: str) -> None:
    metadata = _seeds()[number][2]
    assert metadata.published == PUBLISHED[number]
    if metadata.published is None:
        assert metadata.published_evidence is None
    else:
        assert metadata.published_evidence is not None
        assert metadata.published_evidence.startswith("header line 'Jul 21, 2018, 4:21 PM'")


@pytest.mark.parametrize("number", NUMBERS)
def test_title_is_the_first_line(number: str) -> None:
    _, cleaned, metadata = _seeds()[number]
    assert metadata.title == cleaned.text.split("\n", 1)[0]
