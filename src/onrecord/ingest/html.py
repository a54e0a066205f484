"""HTML pages: the article's main text and the metadata the page states, via trafilatura.

Nothing here reaches the network: trafilatura and htmldate are given the page itself,
never a URL to fetch.
"""

from __future__ import annotations

import re
from typing import Any

from onrecord.errors import InputError

# trafilatura's options: precision over recall keeps navigation, teasers and comment
# threads out of the main text; a missing paragraph is rarer than leaked boilerplate.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
}

# htmldate's options: dates from the page's markup and URL only; its extensive search
# reads dates out of visible text (sidebars, "related" lists) and would guess.
DATE_OPTIONS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}

# A line of real article text: a sentence of at least a few words. Without one, what
# trafilatura found is navigation or a caption, not an article ("Home News").
SENTENCE_LINE = re.compile(r"(?:\S+\s+){4,}\S*[.!?][\"'”’)]*$", re.MULTILINE)

# A charset declared in the page's head: <meta charset="..."> or a content-type meta.
DECLARED_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]{2,40})", re.I)
# Bytes of the page searched for a charset declaration (it belongs in the head).
CHARSET_SEARCH_BYTES = 4096

# Document attributes of trafilatura's result, and the hint each becomes.
HINT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("sitename", "outlet"),
    ("url", "url"),
    ("date", "published"),
)


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Return the main text of an HTML page (paragraphs split by blank lines) and its hints."""
    # Imported here: trafilatura is slow to import and only HTML input needs it.
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, date_extraction_params=DATE_OPTIONS, **EXTRACTION_OPTIONS
        )
    # A third-party parser fed arbitrary web pages: any failure of it is this page's
    # failure, reported with a reason, and must not end a run over many inputs.
    except Exception as err:  # noqa: BLE001
        raise InputError(f"could not parse HTML ({type(err).__name__}: {err})") from err
    if document is None:
        raise InputError("no article text found in HTML")
    text = _paragraphs(_attribute(document, "text") or "")
    if not SENTENCE_LINE.search(text):
        raise InputError("no article text found in HTML")
    hints = {}
    for attribute, hint in HINT_FIELDS:
        value = _attribute(document, attribute)
        if value and value.strip():
            hints[hint] = value.strip()
    return text, hints


def declared_charset(data: bytes) -> str | None:
    """Return the character encoding an HTML page declares in its head, if any."""
    match = DECLARED_CHARSET.search(data[:CHARSET_SEARCH_BYTES])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def _attribute(document: Any, name: str) -> str | None:
    value = document.get(name) if isinstance(document, dict) else getattr(document, name, None)
    return value if isinstance(value, str) else None


def _paragraphs(text: str) -> str:
    """Put a blank line between trafilatura's one-line paragraphs, as in a plain-text article."""
    lines = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line)
