"""Write the gold of the fictional example pages (examples/pages/pages.jsonl).

    python bench/real_pages/make_example_gold.py > tests/fixtures/example_pages_gold.json

The pages are fiction written for onrecord's tests (examples/README.md); this script keeps
their annotations readable (snippets of our own text) and turns them into the real-pages
gold format (character offsets), so a change to a page is re-annotated by running it again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PAGES = Path(__file__).resolve().parents[2] / "examples" / "pages" / "pages.jsonl"

LQ, ON = "Petra Lindqvar", "Casimir Ondrel"
FORUM, PRESS, REPLY, COAST = (
    "lindqvar-2025-10-14-forum",
    "lindqvar-2025-09-30-korvhaven",
    "ondrel-2025-10-15",
    "lindqvar-2025-10-13-coast-guard",
)

PEOPLE = [
    {"name": LQ, "keys": ["lindqvar"], "titles": ["the minister", "foreign minister"]},
    {"name": ON, "keys": ["ondrel"], "titles": ["the prime minister"]},
]

# id: (outlet, language, published, title snippet, form, statements, caption snippets)
# statement: (speaker, said_on, event, `at` snippet or None)
GOLD = {
    "korvhaven-daily": (
        "Korvhaven Daily",
        "en",
        "2025-10-14",
        "Lindqvar: strait stays closed to trawlers this winter",
        ["byline", "caption-other-day", "weekday"],
        [(LQ, "2025-10-14", FORUM, None)],
        ["Photo: KD"],
    ),
    "tidemark-lindqvar": (
        "Tidemark Wire",
        "en",
        "2025-10-15",
        "Morvask keeps Skerrin Strait closed, Lindqvar says",
        ["wire", "gmt-line", "url-date", "weekday"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "courier-ondrel-reply": (
        "Dornholm Courier",
        "en",
        "2025-10-15",
        "Ondrel: Iskarel has closed the door it claims to hold open",
        ["url-date", "dateline", "teaser", "weekday"],
        [
            (ON, "2025-10-15", REPLY, "Ondrel told reporters"),
            (LQ, "2025-10-14", FORUM, "ready to discuss quotas"),
        ],
        ["Kestrel: 'Our harbours will be ready,'"],
    ),
    "herald-amp": (
        "The Iskarel Herald",
        "en",
        "2025-10-15",
        "Strait to stay shut through winter, says Lindqvar",
        ["amp-host", "url-date", "dateline", "boilerplate-title", "weekday"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "dispatch-cdn": (
        "Northcoast Dispatch",
        "en",
        None,
        "Lindqvar sets out Morvask's winter line",
        ["cdn-host", "this-morning-weekday-date"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "sentinel-caption": (
        "The Vellmouth Sentinel",
        "en",
        None,
        "Lindqvar holds the line on the strait",
        ["caption", "caption-title-trap"],
        [(LQ, "2025-10-14", FORUM, None)],
        ["Petra Lindqvar speaking at the Maritime Forum in Iskarel, 14 October 2025. Photo: VCG"],
    ),
    "mfa-transcript": (
        "Ministry of Foreign Affairs of the Federation of Morvask",
        "en",
        None,
        "Address by Foreign Minister Petra Lindqvar at the Iskarel Maritime Forum",
        ["official", "transcript"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "lindqvar-own-site": (
        "Petra Lindqvar",
        "en",
        "2025-10-15",
        "At the Maritime Forum",
        ["official", "first-person", "yesterday"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "seawatch-archive": (
        "Seawatch Notes",
        "en",
        "2026-02-03",
        "Looking back at the strait",
        ["archive", "url-date", "byline", "recent-posts"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "gazette-no-year": (
        "Port Selden Gazette",
        "en",
        "2025-10-16",
        "Fishermen react to Lindqvar's winter line",
        ["url-date", "month-day-no-year", "recent-posts"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "tidemark-press-conference": (
        "Tidemark Wire",
        "en",
        "2025-09-30",
        "Lindqvar defends conservation zone in Korvhaven",
        ["wire", "dateline", "url-date", "weekday"],
        [(LQ, "2025-09-30", PRESS, None)],
        [],
    ),
    "tidemark-ondrel": (
        "Tidemark Wire",
        "en",
        "2025-10-15",
        "Calverra's Ondrel says Morvask shut the door",
        ["wire", "dateline", "url-date", "weekday"],
        [(ON, "2025-10-15", REPLY, "closed the door")],
        [],
    ),
    "harbourwatch-undated": (
        "Harbourwatch",
        "en",
        None,
        "Strait stays shut",
        ["weekday-undated"],
        [(LQ, None, FORUM, None)],
        [],
    ),
    "jornal-pt": (
        "Jornal do Estreito",
        "pt",
        "2025-10-14",
        "Lindqvar mantém o estreito fechado",
        ["non-english", "url-date"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "madiq-ar": (
        "Madiq",
        "ar",
        None,
        "ليندكفار: المضيق يبقى مغلقا هذا الشتاء",
        ["non-english"],
        [(LQ, None, FORUM, None)],
        [],
    ),
    # --- forms of the second batch of real pages
    "forum-live": (
        "Quayside Post",
        "en",
        "2025-10-14",
        "Iskarel Maritime Forum: Lindqvar keeps the strait shut – as it happened",
        ["live", "skip-links", "glued-date-line", "updated-later", "update-stamp"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "tidemark-quoted": (
        "Tidemark Wire",
        "en",
        "2025-10-15",
        "Morvask will not reopen strait, Lindqvar quoted as saying",
        ["wire", "dateline", "url-date", "weekday", "caption-other-day", "two-events"],
        [
            (LQ, "2025-10-14", FORUM, "Lindqvar told the forum"),
            (LQ, "2025-10-13", COAST, "thanked the coast guard"),
        ],
        ["Photo via TIDEMARK"],
    ),
    "courier-file-photo": (
        "Dornholm Courier",
        "en",
        "2025-10-16",
        "Lindqvar's line holds as trawlers turn back",
        ["url-date", "caption-other-day", "file-photo"],
        [(LQ, None, FORUM, None)],
        ["(Courier Photo/Ana Brel)"],
    ),
    "quell-notes": (
        "Quell Notes",
        "en",
        "2025-10-14",
        "Strait stays shut",
        ["blog", "archive-listing", "byline-date", "updated-later"],
        [(LQ, None, FORUM, None)],
        [],
    ),
    "coast-party": (
        "Coast Party",
        "en",
        "2025-10-14",
        None,
        ["buttons-before-date", "one-line"],
        [(LQ, None, FORUM, None)],
        [],
    ),
    "forum-mirror": (
        None,
        "en",
        "2025-10-14",
        None,
        ["aggregator", "one-line", "labelled-date", "transcript"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "assembly-proceedings": (
        None,
        "en",
        "2025-12-08",
        None,
        ["pdf-text", "archive-posting-date"],
        [],
        [],
    ),
    "harbour-bulletin-broadcast": (
        "Harbour Bulletin",
        "en",
        None,
        "Ondrel tells the dock crews to hold the line",
        ["run-together-host", "weekday-with-written-date", "no-page-date"],
        [(ON, "2025-10-15", REPLY, None)],
        [],
    ),
    "coastline-review-updated": (
        "Coastline Review",
        "en",
        None,
        "What Lindqvar told the Maritime Forum",
        ["updated-only", "explicit-date"],
        [(LQ, "2025-10-14", FORUM, None)],
        [],
    ),
    "evening-star-today": (
        "The Evening Star",
        "en",
        "2025-10-15",
        "Ondrel: three trawlers turned back",
        ["run-together-host", "dateline", "today-in-reported-words", "this-morning"],
        [(ON, "2025-10-15", REPLY, None)],
        [],
    ),
    "saltmarsh-slug-statement": (
        None,
        "en",
        None,
        None,
        ["transcript", "url-slug-date"],
        [(ON, "2025-10-15", REPLY, None)],
        [],
    ),
}


def _at(text: str, snippet: str, where: str) -> list[int]:
    if text.count(snippet) != 1:
        raise SystemExit(f"{where}: {snippet!r} found {text.count(snippet)} times")
    start = text.index(snippet)
    return [start, start + len(snippet)]


def _line(text: str, snippet: str, where: str) -> list[int]:
    start, _ = _at(text, snippet, where)
    end = text.find("\n", start)
    return [text.rfind("\n", 0, start) + 1, len(text) if end == -1 else end]


def gold() -> dict:
    """Return the gold of every example page, in the file's order."""
    pages = []
    for line in PAGES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        page_id, text = record["id"], record["text"]
        outlet, language, published, title, form, statements, captions = GOLD[page_id]
        pages.append(
            {
                "id": page_id,
                "url": record["url"],
                "story": "strait-winter-2025",
                "outlet": outlet,
                "language": language,
                "published": published,
                "title": _at(text, title, page_id) if title else None,
                "form": form,
                "statements": [
                    {
                        "speaker": s,
                        "said_on": d,
                        "event": e,
                        "at": _at(text, a, page_id) if a else None,
                    }
                    for s, d, e, a in statements
                ],
                "captions": [_line(text, c, page_id) for c in captions],
            }
        )
    if {p["id"] for p in pages} != set(GOLD):
        raise SystemExit("the pages and the annotations name different pages")
    story = {
        "id": "strait-winter-2025",
        "about": "Fictional: Morvask keeps the Skerrin Strait closed for the winter (examples/).",
        "queries": [],
    }
    return {"version": 1, "people": PEOPLE, "stories": [story], "pages": pages}


if __name__ == "__main__":
    json.dump(gold(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
