"""Boilerplate removal on small made-up pages: what goes, what stays, and the offset map."""

from __future__ import annotations

import pytest

from onrecord.cleaning import clean, to_raw
from onrecord.models import CleanText, Segment

BODY = (
    "Harbour Minister Tomas Vell said on Monday that the new pier would open in May.",
    "“We are ready,” Vell told reporters at the harbour office.",
    "Following the storm, the council and the operators launched talks to save the route.",
)


def _page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def _assert_maps_back(raw: str, cleaned: CleanText) -> None:
    for segment in cleaned.segments:
        start, length = segment.clean_start, segment.length
        assert (
            cleaned.text[start : start + length]
            == raw[segment.raw_start : segment.raw_start + length]
        )
    covered = sum(segment.length for segment in cleaned.segments)
    separators = len(cleaned.text) - covered
    assert all(
        cleaned.text[a.clean_start + a.length : b.clean_start] in ("\n", "\n\n")
        for a, b in zip(cleaned.segments, cleaned.segments[1:], strict=False)
    )
    assert separators >= 0


def test_plain_article_is_kept_whole() -> None:
    raw = _page("Pier to open in May", *BODY)
    cleaned = clean(raw)
    assert cleaned.text == raw.strip()
    assert cleaned.removed == {}
    assert cleaned.header == ()
    _assert_maps_back(raw, cleaned)


def test_lines_are_trimmed_and_single_newlines_kept() -> None:
    raw = "  Pier to open in May  \n\n" + BODY[0] + " \t\n" + BODY[1] + "\u00a0\n"
    cleaned = clean(raw)
    assert cleaned.text == f"Pier to open in May\n\n{BODY[0]}\n{BODY[1]}"
    _assert_maps_back(raw, cleaned)


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Twitter@SomeAgency",
        "Follow us on Telegram",
        "Join us on WhatsApp",
        "Back to top button",
        "Back to top",
        "Share this:",
    ],
)
def test_social_prompts_and_interface_labels_go(line: str) -> None:
    raw = _page("Pier to open in May", *BODY, line)
    assert line not in clean(raw).text
    assert clean(raw).text.endswith(BODY[-1])


@pytest.mark.parametrize(
    "heading",
    [
        "Recent Posts",
        "Related news",
        "Most Visited in Politics",
        "Top Politics stories",
        "Top Stories",
        "Check Also",
        "You may also like",
    ],
)
def test_story_list_goes_from_its_heading(heading: str) -> None:
    teasers = (
        heading,
        "Storm closes coastal road for a second day as crews clear fallen trees",
        "Crews worked through the night to clear the road between the two villages…",
        "3 hours ago",
        "Fishing fleet returns early",
        "45 minutes ago",
    )
    raw = _page("Pier to open in May", *BODY, *teasers)
    cleaned = clean(raw)
    assert cleaned.text.endswith(BODY[-1])
    for line in teasers:
        assert line not in cleaned.text
    assert cleaned.removed["story list"] >= 1
    _assert_maps_back(raw, cleaned)


def test_story_list_ends_at_a_real_paragraph() -> None:
    raw = _page(
        "Pier to open in May",
        BODY[0],
        "Related news",
        "Fishing fleet returns early",
        BODY[1],
        BODY[2],
    )
    cleaned = clean(raw)
    assert "Fishing fleet" not in cleaned.text
    assert BODY[1] in cleaned.text and BODY[2] in cleaned.text


def test_sentence_starting_like_a_prompt_stays() -> None:
    raw = _page("Pier to open in May", *BODY)
    assert BODY[2].startswith("Following")
    assert BODY[2] in clean(raw).text


def test_short_real_sentences_stay() -> None:
    short = ("He said no.", "“Never,” she said.", "Why now?", "Top officials agreed.")
    raw = _page("Pier to open in May", BODY[0], *short)
    cleaned = clean(raw)
    for line in short:
        assert line in cleaned.text


def test_staff_credit_and_its_bio_go() -> None:
    bio = (
        "The Harbour Herald Editorial Staff is a team of reporters and editors who cover "
        "the port. Contact the Harbour Herald Editorial Staff through the newsroom."
    )
    raw = _page("Pier to open in May", *BODY, "Harbour Herald Editorial Staff", bio)
    cleaned = clean(raw)
    assert "Editorial Staff" not in cleaned.text
    assert cleaned.removed == {"staff bio": 1, "staff credit": 1}


def test_staff_like_headline_without_bio_stays() -> None:
    raw = _page("Mayor Thanks Harbour Staff", *BODY)
    assert clean(raw).text.startswith("Mayor Thanks Harbour Staff\n\n")


def test_header_lines_go_to_header() -> None:
    raw = "Jul 21, 2018, 4:21 PM\nNews Code: 12345678\n0 Persons\nPier to open in May\n\n" + _page(
        *BODY
    )
    cleaned = clean(raw)
    assert cleaned.header == ("Jul 21, 2018, 4:21 PM", "News Code: 12345678", "0 Persons")
    assert cleaned.text.startswith("Pier to open in May\n\n" + BODY[0])
    assert cleaned.removed == {"counter": 1, "date line": 1, "story number": 1}
    _assert_maps_back(raw, cleaned)


@pytest.mark.parametrize(
    "line",
    [
        "Harbour NewsPortsLocal PoliticsWorld",
        "Home » World » Middle East",
        "HH Exclusive",
        "Saturday, 21 July 2018 - 16:21",
        "Published: March 3, 2021",
        "2021-03-03",
    ],
)
def test_masthead_lines(line: str) -> None:
    raw = _page(line, "Pier to open in May", *BODY)
    cleaned = clean(raw)
    assert cleaned.header == (line,)
    assert cleaned.text.startswith("Pier to open in May")


def test_title_is_not_header() -> None:
    titles = (
        "McDonald Says No to Harbour Plan",
        "LinkedIn Buys PlayStation Studio",
        "Pier to open in May",
        "Opinion matters",
    )
    for title in titles:
        assert clean(_page(title, *BODY)).text.startswith(title)


def test_repeated_headline_goes() -> None:
    raw = _page("Pier to open in May", BODY[0], "Pier to open in May", BODY[1])
    cleaned = clean(raw)
    assert cleaned.text.count("Pier to open in May") == 1
    assert cleaned.removed == {"repeated headline": 1}


def test_image_name_glued_to_text() -> None:
    raw = _page("Pier to open in May", "IMG_0042.jpgHarbour Minister Tomas Vell said so.", BODY[1])
    cleaned = clean(raw)
    assert "Harbour Minister Tomas Vell said so." in cleaned.text
    assert ".jpg" not in cleaned.text
    _assert_maps_back(raw, cleaned)


def test_relative_time_lines_go_anywhere() -> None:
    raw = _page("Pier to open in May", BODY[0], "2 hours ago", BODY[1])
    assert "ago" not in clean(raw).text


def test_empty_and_all_boilerplate_text() -> None:
    assert clean("") == CleanText(text="", segments=(), header=(), removed={})
    cleaned = clean("Follow us on Telegram\n\nBack to top button\n")
    assert cleaned.text == ""
    assert cleaned.segments == ()


def test_to_raw_maps_offsets() -> None:
    raw = "Jul 21, 2018\nPier to open in May\n\n\n" + BODY[0] + "\n\nFollow us on Telegram\n"
    cleaned = clean(raw)
    _assert_maps_back(raw, cleaned)
    for clean_offset, char in enumerate(cleaned.text):
        if char != "\n":
            assert raw[to_raw(cleaned.segments, clean_offset)] == char
    start = cleaned.text.index("Tomas")
    raw_start = to_raw(cleaned.segments, start)
    raw_end = to_raw(cleaned.segments, start + len("Tomas Vell"))
    assert raw[raw_start:raw_end] == "Tomas Vell"
    assert to_raw(cleaned.segments, len(cleaned.text)) == raw.index(BODY[0]) + len(BODY[0])
    with pytest.raises(ValueError):
        to_raw(cleaned.segments, len(cleaned.text) + 1)
    with pytest.raises(ValueError):
        to_raw(cleaned.segments, -1)


def test_to_raw_on_hand_made_segments() -> None:
    segments = (Segment(0, 10, 5), Segment(7, 30, 4))
    assert [to_raw(segments, offset) for offset in (0, 4, 5, 7, 10, 11)] == [10, 14, 15, 30, 33, 34]
