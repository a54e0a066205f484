"""Quotation marks found in plain text: where each quotation starts and ends.

Double quotation marks (straight and curly) are paired within a paragraph; a quotation
left open at the end of a paragraph continues when the next paragraph opens with a
quotation mark (the newspaper convention for a quote running over several paragraphs).
Single quotation marks are paired only outside double quotations, so a quote nested in
a quote stays part of it. Whatever cannot be paired is refused and counted by reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Marks that can only open or only close a double quotation.
DOUBLE_OPENERS = frozenset("“„«")
DOUBLE_CLOSERS = frozenset("”»")
STRAIGHT_DOUBLE = '"'
SINGLE_OPENERS = frozenset("‘'")
SINGLE_CLOSERS = frozenset("’'")

# Characters after which a straight mark may open a quote, and before which it may close.
OPEN_CONTEXT = frozenset("([{—–-/")
CLOSE_CONTEXT = frozenset(",.;:!?)]}—–-/")

REFUSED_OPEN_INSIDE = "quotation opened inside an open quotation"
REFUSED_CLOSE_WITHOUT_OPEN = "closing mark without an opening mark"
REFUSED_UNCLOSED = "quotation not closed at paragraph end"
REFUSED_SINGLE_UNCLOSED = "single quotation not closed in its paragraph"

# A content piece that stops just inside a quotation's closing mark: the punctuation and
# the mark ("A,'' he said": newspapers that write two apostrophes for a double mark).
_CLOSING_AFTER = re.compile(r"[,.;:?!]?(?:''|[\"”»])")
# Marks a quotation may open with, longest first.
_OPENING_MARKS = ("''", "``", '"', "“", "„", "«")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_DOUBLE_MARKS = re.compile(r"[\"“”„«»]")
_SINGLE_MARKS = re.compile(r"[‘’']")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation from its opening mark to just past its closing mark.

    `pieces` holds its part in each paragraph it covers, without surrounding whitespace.
    """

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    single: bool = False


@dataclass(frozen=True, slots=True)
class QuoteScan:
    """The quotations of a text, in order, and the count of refused marks by reason."""

    quotes: tuple[Quote, ...]
    refused: dict[str, int] = field(default_factory=dict)


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) of each block of text separated by blank lines, trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_trimmed(text, start, match.start()))
        start = match.end()
    spans.extend(_trimmed(text, start, len(text)))
    return tuple(spans)


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return [(start, end)] with surrounding whitespace removed, or [] if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _opens(text: str, at: int, is_open: bool) -> bool:
    """Tell whether the double mark at `at` opens a quotation (else it closes one)."""
    mark = text[at]
    if mark in DOUBLE_OPENERS:
        return True
    if mark in DOUBLE_CLOSERS:  # bar one that starts a line before a word: a slip for “
        return not is_open and (at == 0 or text[at - 1] == "\n") and text[at + 1 : at + 2].isalnum()
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    may_open = before.isspace() or before in OPEN_CONTEXT or before in DOUBLE_OPENERS
    may_close = after.isspace() or after in CLOSE_CONTEXT or after in DOUBLE_CLOSERS
    if may_open != may_close:
        return may_open
    # Ambiguous (`a"b`, ` " `): the mark does what the open state needs.
    return not is_open


def quotations(text: str) -> QuoteScan:
    """Return the double and single quotations of `text` with counted refusals."""
    refused: Counter[str] = Counter()
    paragraphs = paragraph_spans(text)
    doubles = _double_quotes(text, paragraphs, refused)
    singles = _single_quotes(text, paragraphs, doubles, refused)
    quotes = sorted(doubles + singles, key=lambda q: q.start)
    return QuoteScan(tuple(quotes), dict(refused))


def _double_quotes(
    text: str, paragraphs: tuple[tuple[int, int], ...], refused: Counter[str]
) -> list[Quote]:
    """Pair double quotation marks paragraph by paragraph, carrying open quotes over."""
    quotes: list[Quote] = []
    open_at: int | None = None
    pieces: list[tuple[int, int]] = []  # finished paragraphs of a carried-over quote
    for number, (p_start, p_end) in enumerate(paragraphs):
        piece_start = p_start
        for match in _DOUBLE_MARKS.finditer(text, p_start, p_end):
            at = match.start()
            carried = open_at is not None and at == p_start and bool(pieces)
            if carried:  # the reopening mark of a continued paragraph belongs to the quote
                continue
            if _opens(text, at, open_at is not None):
                if open_at is not None:
                    refused[REFUSED_OPEN_INSIDE] += 1
                    pieces = []
                open_at, piece_start = at, at
            elif open_at is None:
                refused[REFUSED_CLOSE_WITHOUT_OPEN] += 1
            else:
                quotes.append(Quote(open_at, at + 1, (*pieces, (piece_start, at + 1))))
                open_at, pieces = None, []
        if open_at is None:
            continue
        if _continues(text, paragraphs, number):
            pieces.append((piece_start, p_end))
        else:
            refused[REFUSED_UNCLOSED] += 1
            open_at, pieces = None, []
    return quotes


def _continues(text: str, paragraphs: tuple[tuple[int, int], ...], number: int) -> bool:
    """Tell whether the paragraph after `number` opens with a double quotation mark."""
    if number + 1 >= len(paragraphs):
        return False
    start = paragraphs[number + 1][0]
    return text[start] in DOUBLE_OPENERS or text[start] == STRAIGHT_DOUBLE


def _single_quotes(
    text: str,
    paragraphs: tuple[tuple[int, int], ...],
    doubles: list[Quote],
    refused: Counter[str],
) -> list[Quote]:
    """Pair single quotation marks outside double quotations, within each paragraph."""
    quotes: list[Quote] = []
    inside = iter(doubles)
    current = next(inside, None)
    for p_start, p_end in paragraphs:
        open_at: int | None = None
        for match in _SINGLE_MARKS.finditer(text, p_start, p_end):
            at = match.start()
            while current is not None and current.end <= at:
                current = next(inside, None)
            if current is not None and current.start <= at:
                continue  # nested in a double quotation: part of it
            if open_at is None and _single_opens(text, at):
                open_at = at
            elif open_at is not None and _single_closes(text, at):
                quotes.append(Quote(open_at, at + 1, ((open_at, at + 1),), single=True))
                open_at = None
        if open_at is not None:
            refused[REFUSED_SINGLE_UNCLOSED] += 1
    return quotes


def _single_opens(text: str, at: int) -> bool:
    """Tell whether a single mark opens a quotation (not an apostrophe as in "'90s")."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (
        text[at] in SINGLE_OPENERS
        and (before.isspace() or before in OPEN_CONTEXT)
        and after.isalpha()  # excludes "'90s" and a lone mark
    )


def _single_closes(text: str, at: int) -> bool:
    """Tell whether a single mark closes a quotation (not an apostrophe as in "Iran's")."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (
        text[at] in SINGLE_CLOSERS
        and not before.isspace()  # excludes a mark opening the next word
        and not after.isalnum()  # excludes the apostrophe inside "Iran's", "don't"
    )


def with_quote_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a quoted piece that stops inside its marks to take them in: `“A,” he said`.

    A piece that opens with a quotation mark, or right after one, and ends just before
    a closing mark (with the punctuation inside it) takes the closing mark, and the
    opening one. PolNeAR's contents keep the marks of the quotation they cover: on its
    dev split, exact content F1 0.502 -> 0.517.
    """
    closing = _CLOSING_AFTER.match(text, end)
    if closing is None:
        return start, end
    if text.startswith(_OPENING_MARKS, start):
        return start, closing.end()
    before = next((mark for mark in _OPENING_MARKS if text.endswith(mark, 0, start)), None)
    if before is not None:
        return start - len(before), closing.end()
    return start, end
