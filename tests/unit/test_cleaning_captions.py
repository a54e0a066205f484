"""Photo captions kept and marked, teasers, advertisements and credits removed (made-up pages).

Each line reproduces, in our own words, a form seen on real news pages.
"""

from __future__ import annotations

import pytest

from onrecord.cleaning import clean, is_caption

TITLE = "Harbour minister rules out new tolls"
BODY = (
    "Harbour Minister Tomas Vell said on Monday that the new pier would open in May.",
    "“We are ready,” Vell told reporters at the harbour office.",
    "The council and the operators launched talks to save the ferry route on Tuesday.",
)


def _page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


CAPTIONS = (
    "This combination of pictures shows Harbour Minister Tomas Vell and Mayor Ana Ode.",
    "This combination of pictures created on May 3, 2019 shows Vell (L) and Ode in Dornholm.",
    "A handout picture made available by the harbour office shows Vell at the pier.",
    "Harbour Minister Tomas Vell speaking during a ceremony in Port Selden, 17 September 2019",
    "Harbour Minister Tomas Vell speaks to reporters at the pier on May 6, 2019. Photo: Lanmoor",
    "Harbour Minister Tomas Vell. Photo:Lanmoor",
    "Vell delivering his speech at the harbour office yesterday.PHOTO: LANMOOR PRESS",
    "Vell at the opening of the pier in Port Selden, May 4, 2019. [Photo/Lanmoor]",
    "Vell addresses the council in Dornholm on July 24, 2018. Ana Ode/Handout via REUTERS",
    "Mayor Ana Ode on her way into the council on March 19, 2019. Photo: Ben Ruiz/Getty Images",
    "Harbour Minister Tomas Vell. AFP",
    "Port Selden's Harbour Minister Tomas Vell. (AFP)",
    "Tomas Vell (ANI)Vell Speech: Vell addressing the harbour, says the pier is ready. (ANI)",
    "Mayor Ana Ode (2nd R) greets the crew in Dornholm.",
    "“We chose the harbour because it is ours.” Photo: Lanmoor",
    "Harbour Minister Tomas Vell (Photo by Lanmoor Press)",
    "Vell at the pier (AP Photo/Ana Ode)",
    "Vell at the pier in Dornholm. LANMOOR/Ana Ode",
    "(Harbour Office via AP, Pool). Vell addresses dockers in Dornholm, Saturday, Aug. 11, 2018.",
    "President Ana Ode addresses the council on September 19, 2017.",
    "Vell delivers a speech at the pier in Dornholm, Jan. 17, 2017. (Xinhua/Ben Ruiz)",
    "January 17, 2017: Vell delivers a speech at the pier in Dornholm. by Ben Ruiz/Xinhua",
    # forms of the real pages (issue 13), in our words
    "Vell speaks during a rally in Dornholm.",
    "Harbour Minister Tomas Vell gestures as he addresses the council in Port Selden.",
    "Mayor Ana Ode delivers a speech at the opening of the north pier",
    "U.S. President Ana Ode, with Vice President Ben Ruiz, speaks at the pier in Dornholm.",
    "FILE - Vell waves to dockers after the vote at the harbour office.",
    "FILE PHOTO: Harbour Minister Tomas Vell at the pier in Port Selden.",
    "FILE: Mayor Ana Ode. Picture: Ben Ruiz/Harbour News",
    "Photo: Dockers gather on the pier in Port Selden before the vote on Monday.",
    "The minister ordered the pier closed for the winter (Ben Ruiz/PA)",
    "The minister addressed the harbour tonight (Picture: Harbour Office)",
    "Vell takes questions at a news conference on the pier. Photo credit Ben Ruiz/Getty Images",
    "Embargoed until 20.30. Port Selden. Vell at the harbour office. Picture by Ben Ruiz",
    "Vell gestures to Ode after they met the crews in Dornholm, March 4, 2011. "
    "LANMOOR/Ben Ruiz (HARBOUR - Tags: POLITICS)",
    "Mayor Ana Ode (AP)",
    "Image caption Vell at the pier on Monday",
    "In this file photo taken on May 3, Vell talks to crews in Dornholm.",
    "Vell announcing the new timetable at the pier on Monday.Credit...Ben Ruiz for The Herald",
    "Dornholm's Mayor Ana Ode acknowledges the crews at the pier, Wednesday, Sept. 20, 2006.",
    "Harbour Minister Tomas Vell testifies before the council's harbour committee on May 31.",
)


@pytest.mark.parametrize("line", CAPTIONS)
def test_captions_stay_in_the_text_and_are_marked(line: str) -> None:
    raw = _page(TITLE, line, *BODY)
    cleaned = clean(raw)
    assert [cleaned.text[c.start : c.end] for c in cleaned.captions] == [line]
    assert cleaned.text == "\n\n".join((TITLE, line, *BODY))
    for piece in BODY:  # the body is never marked
        start = cleaned.text.index(piece)
        assert not any(c.start < start + len(piece) and start < c.end for c in cleaned.captions)


@pytest.mark.parametrize(
    "line",
    [
        *BODY,
        TITLE,
        "Sen. Ana Ode (R) and Sen. Ben Ruiz (D) voted against the harbour bill on Tuesday.",
        "Vell (left) shook hands with Ode (right) after the vote, aides said.",
        "A Lanmoor poll, taken by Ode Research (D) and Ruiz & Co (R), shows Vell ahead.",
        "Vell was speaking at the pier in Port Selden on 17 September 2019.",
        "Addressing the council, Vell said the pier would open on 17 September 2019.",
        "He showed the photos: the pier was ready.",
        "“The pier is ready,” Vell said at the harbour. (AFP)",
        "Talks between the port and city sides went on into the night",
        "Vell addressed the council on September 19, 2017.",
        "Vell has spoken to the council on September 19, 2017.",
        "Pier opens.@Harbour sits down with @AnaOde pic.twitter.com/x1 — Ode (@ode) May 3, 2019",
        # present-tense lines that are a story's or a headline's, not a picture's
        "Vell speaks at the pier as the talks resume, his office said.",
        "Vell: harbour talks with union to resume",
        "Vell addresses the council on Monday, when he will ask it to back the pier.",
        "Vell said the council had met the crews. (ANI)",
        "However, hours after the vote, the minister addressed a press conference. (ANI)",
        "The ferry will run through the winter, the minister told the UK/EU talks.",
    ],
)
def test_body_lines_are_not_captions(line: str) -> None:
    assert not is_caption(line)
    assert clean(_page(TITLE, line, *BODY)).captions == ()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Photo: PA", "photo credit"),
        ("Photo: Lanmoor Press", "photo credit"),
        ("(Photo by Lanmoor Press)", "photo credit"),
        ("Image Credit: Harbour Herald", "photo credit"),
        ("Advertisement", "interface label"),
        ("Advertisement 3", "advertisement"),
        ("ADVERTISEMENT", "interface label"),
        ("Story continues below advertisement", "advertisement"),
        ("Sponsored content", "advertisement"),
        ("READ MORE: Ferry route saved after a night of talks", "teaser"),
        ("Also read: Pier opening moved to June", "teaser"),
        ("Related: Vell names a new harbour master", "teaser"),
        ("[Continue reading…]", "interface label"),
        ("Read the full story", "interface label"),
        ("Leave a Reply", "comment form"),
        ("Your email address will not be published. Required fields are marked *", "comment form"),
        ("Advertise With Us", "interface label"),
        ("Search      Subscribe", "interface label"),
        ("By  | ", "interface label"),
    ],
)
def test_credits_advertisements_and_teasers_go(line: str, reason: str) -> None:
    cleaned = clean(_page(TITLE, BODY[0], line, BODY[1], BODY[2]))
    assert line.strip() not in cleaned.text
    assert cleaned.removed == {reason: 1}
    assert cleaned.text == "\n\n".join((TITLE, *BODY))


@pytest.mark.parametrize("heading", ["Recommended", "Read more", "More For You", "Popular Posts"])
def test_teaser_blocks_go_up_to_the_next_paragraph(heading: str) -> None:
    block = (
        heading,
        "Ferry route saved after a night of talks",
        "Advertisement 3",
        "Pier opening moved to June",
    )
    cleaned = clean(_page(TITLE, BODY[0], *block, BODY[1], BODY[2]))
    assert cleaned.text == "\n\n".join((TITLE, *BODY))
    assert cleaned.removed == {"story list": 4}


def test_a_long_paragraph_opening_like_a_teaser_stays() -> None:
    line = (
        "More: the harbour office said the council, the operators and the unions would all "
        "meet again on Friday to settle the timetable for the new ferry route and the pier."
    )
    assert line in clean(_page(TITLE, BODY[0], line)).text


def test_a_caption_printed_twice_is_marked_twice() -> None:
    alt = "Harbour Minister Tomas Vell at the pier in Port Selden."
    full = alt + " Photo: Lanmoor"
    cleaned = clean(_page(TITLE, alt, full, *BODY))
    assert [cleaned.text[c.start : c.end] for c in cleaned.captions] == [alt, full]


def test_a_caption_before_the_headline_is_no_headline() -> None:
    caption = "Mayor Ana Ode on her way into the council on March 19, 2019. Photo: Ben Ruiz"
    cleaned = clean(_page(caption, TITLE, caption, *BODY))
    assert [cleaned.text[c.start : c.end] for c in cleaned.captions] == [caption, caption]
    assert "repeated headline" not in cleaned.removed


def test_a_long_caption_closing_with_a_bracketed_credit_is_a_caption() -> None:
    # two sentences, the second telling the news behind the picture, 70 words in all
    line = (
        "Harbour Minister Tomas Vell arrives with flowers at the north pier in Port Selden "
        "on Wednesday 4 April 2026. On Wednesday, Vell survived a vote of no confidence in "
        "the Selden assembly with a majority of 46 after a 12-hour debate, with 122 members "
        "voting in his support while 76 members voted to remove the minister from his post "
        "at the harbour. (Photo by Ana Ode/Coastwire via Getty Images)"
    )
    assert len(line.split()) > 60
    assert is_caption(line)
    body = line.rsplit(" (Photo", 1)[0]
    assert not is_caption(body)  # without the credit, a paragraph of the story


def _captions(*lines: str) -> list[str]:
    cleaned = clean(_page(*lines))
    return [cleaned.text[c.start : c.end] for c in cleaned.captions]


@pytest.mark.parametrize(
    ("credit", "reason"),
    [
        ("Ben Ruiz/Getty Images", "photo credit"),
        ("PA", "photo credit"),
        ("POOL / HARBOUR NEWS", "photo credit"),
        ("Image copyright Lanmoor", "photo credit"),
        ("Ben Ruiz/Pool: Reuters", "photo credit"),
        ("Ben Ruiz | AFP | Getty Images", "photo credit"),
    ],
)
def test_credit_lines_go(credit: str, reason: str) -> None:
    cleaned = clean(_page(TITLE, BODY[0], credit, BODY[1], BODY[2]))
    assert cleaned.text == "\n\n".join((TITLE, *BODY))
    assert cleaned.removed == {reason: 1}


def test_a_pull_quote_repeating_the_story_is_marked() -> None:
    quote = "“We are ready for the winter … the crews know the sea”"
    body = (
        "Vell spoke for an hour. “We are ready for the winter and the crews know the sea,” "
        "he said at the harbour office."
    )
    assert _captions(TITLE, BODY[0], quote, body) == [quote]


def test_a_quoted_paragraph_saying_who_spoke_is_no_pull_quote() -> None:
    short = "“We are ready for the winter,” Vell said."
    body = "Later he repeated it: “We are ready for the winter, and so are the crews.”"
    assert _captions(TITLE, BODY[0], short, body) == []


def test_the_lines_of_a_picture_block_are_marked() -> None:
    # an image's alternative text, its caption without a stop, and the credit under it
    block = (
        "Vell and Ode",
        "Ana Ode has set out the timetable for the pier",
        "POOL / HARBOUR NEWS",
    )
    assert _captions(TITLE, BODY[0], *block, BODY[1], BODY[2]) == list(block[:2])


def test_a_standfirst_above_a_credit_is_no_caption() -> None:
    standfirst = "Vell said the pier will open in May, a month before the ferry season"
    assert _captions(TITLE, standfirst, "Photo: Lanmoor", *BODY) == []


def test_the_line_after_an_image_copyright_is_its_caption() -> None:
    caption = "Vell at the harbour office on Monday morning"
    found = _captions(TITLE, BODY[0], "Image copyright Lanmoor", caption, BODY[1], BODY[2])
    assert found == [caption]


def test_a_caption_glued_to_the_story_is_marked_up_to_its_credit() -> None:
    caption = "Vell at the pier on Monday (Photo: Lanmoor)"
    line = caption + "The minister said the pier would open in May."
    assert _captions(TITLE, line, BODY[0]) == [caption]


def test_a_wire_credit_glued_to_the_story_ends_the_caption() -> None:
    caption = "Vell on the radio, in Port Selden, June 23, 2024. BEN RUIZ / AFP"
    line = caption + " The view over the harbour was clear that morning."
    assert _captions(TITLE, line, BODY[0]) == [caption]


def test_the_same_words_on_two_lines_are_a_picture_block() -> None:
    # an image's alternative text, then its caption: a statement read twice from a picture
    line = "Vell has promised to keep the old quay open"
    assert _captions(TITLE, BODY[0], line, BODY[1]) == []
    cleaned = clean(f"{TITLE}\n\n{BODY[0]}\n\n{line}\n{line}\n\n{BODY[1]}\n")
    assert [cleaned.text[c.start : c.end] for c in cleaned.captions] == [line, line]


@pytest.mark.parametrize(
    "credit", ["(Coastwire via AP) (AP)", "(AP Photo/Ana Ode)", "(Harbour Office via Reuters)"]
)
def test_a_long_caption_closing_with_a_wires_credit_is_a_caption(credit: str) -> None:
    line = (
        "Harbour Minister Tomas Vell bows his head as he says he is stepping down during a "
        "press conference at the harbour office in Port Selden, Friday, April 3, 2026. Vell, "
        "the longest-serving minister of the harbour, said Friday he intends to step down "
        "because an old injury has come back. He told reporters that it was hard to leave "
        "so much of his work on the pier unfinished. " + credit
    )
    assert len(line.split()) > 60
    assert is_caption(line)
    assert not is_caption(line.rsplit(" (", 2 if credit.endswith("(AP)") else 1)[0])


def test_a_teaser_card_closed_by_its_age_goes() -> None:
    card = (
        "I will not resign, says Vell",
        '"What have I done wrong?" This is what Harbour Minister Tomas Vell had to say to '
        "his critics on the council ...",
        "Politics",
        "10 hours ago",
    )
    cleaned = clean(_page(TITLE, BODY[0], BODY[1], *card, BODY[2]))
    assert cleaned.text == "\n\n".join((TITLE, *BODY))
    assert cleaned.removed == {"story list": 3, "relative time": 1}
