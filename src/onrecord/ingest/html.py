"""HTML pages: the article's main text and the metadata the page states, via trafilatura.

Nothing here reaches the network: trafilatura and htmldate are given the page itself,
never a URL to fetch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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

# libxml2's default limit of nested elements; a page nested deeper is parsed again.
LIBXML_MAX_DEPTH = 255
# Tags of elements that only group others: removed (their text kept) to flatten a page too
# deep for libxml2 or trafilatura to walk.
CONTAINER_TAGS = re.compile(
    r"</?(?:div|span|section|article|main|font|center|table|tbody|tr|td)\b[^>]*>", re.I
)

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
    document, text = _extraction(html)
    if not SENTENCE_LINE.search(text):
        # libxml2 stops parsing at 256 nested elements; a page nested deeper is parsed
        # again without that limit, and flattened if trafilatura cannot walk it whole.
        for tree in _deep_trees(html):
            document, text = _extraction(tree)
            if SENTENCE_LINE.search(text):
                break
        else:
            raise InputError("no article text found in HTML")
    hints = {}
    for attribute, hint in HINT_FIELDS:
        value = _attribute(document, attribute)
        if value and value.strip():
            hints[hint] = value.strip()
    return text, hints


def _extraction(html: Any) -> tuple[Any, str]:
    """Run trafilatura on a page (text or parsed tree): its document and main text."""
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
        return None, ""
    return document, _paragraphs(_attribute(document, "text") or "")


def _deep_trees(html: str) -> Iterator[Any]:
    """A page nested deeper than libxml2 parses by default: whole, then flattened."""
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    # trafilatura's own parser options, with the depth limit lifted.
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return
    if _depth(tree) <= LIBXML_MAX_DEPTH:
        return
    yield tree
    # Beyond 2,048 levels libxml2 drops text even so: the grouping tags go before parsing.
    flat = CONTAINER_TAGS.sub(" ", html)
    yield fromstring(flat.encode("utf-8", "surrogatepass"), parser=parser)


def _depth(tree: Any) -> int:
    """The deepest nesting of elements in a parsed tree (walked without recursion)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


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
