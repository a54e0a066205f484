"""HTML with marks: an article's text with its statements' spans, and search matches.

Every piece of text is escaped here; the marks are the only markup added. An article's
statements become elements with the id `s<number>`, so a link to `#s12` lands on the
words of statement 12 (and CSS `:target` highlights them, no script needed).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from onrecord.models import StatementView

ROLES = ("source", "cue", "content")
# A search's terms, read as the store reads them: a "phrase", a `prefix*`, or a word.
_TERMS = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
# Endings the full-text index's stemmer takes off a word, so `talks` marks `talk` and
# `negotiations` marks `negotiate`: a word is marked when it and a term share a stem.
_ENDINGS = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ied", "es", "ed", "s", "e")


def esc(value: object) -> str:
    """Escape a value for HTML text or an attribute."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True, slots=True)
class _Wrap:
    """The stretch of text one statement covers (from its first span to its last)."""

    statement: int
    start: int
    end: int


def article_html(
    text: str, statements: Sequence[StatementView], *, focus: int | None = None
) -> str:
    """Return an article's text, escaped, with each statement's source, cue and content marked.

    Each statement's stretch is wrapped in `<span class="statement" id="s<id>">`; the
    pieces of its spans carry the classes of their roles. A statement that overlaps another
    only in part cannot be wrapped around it: it gets an empty anchor at its first word,
    unless it is the `focus` statement, which is wrapped first.
    """
    pieces = [
        (start, end, role)
        for view in statements
        for role in ROLES
        for start, end in view.spans.get(role, [])
        if 0 <= start < end <= len(text)
    ]
    wraps, anchors = _nested(statements, len(text), focus)
    cuts = sorted(
        {0, len(text)}
        | {p for s, e, _ in pieces for p in (s, e)}
        | {p for w in wraps for p in (w.start, w.end)}
    )
    opening = sorted(wraps, key=lambda w: (w.start, -w.end, w.statement))
    out: list[str] = []
    stack: list[_Wrap] = []
    at = 0
    for start, end in zip(cuts, cuts[1:], strict=False):
        while stack and stack[-1].end <= start:
            stack.pop()
            out.append("</span>")
        while at < len(opening) and opening[at].start == start:
            stack.append(opening[at])
            out.append(f'<span class="statement" id="s{opening[at].statement}">')
            at += 1
        out += [
            f'<span class="statement anchor" id="s{sid}"></span>' for sid in anchors.get(start, ())
        ]
        roles = sorted({r for s, e, r in pieces if s <= start and end <= e})
        chunk = esc(text[start:end])
        out.append(f'<span class="{" ".join(roles)}">{chunk}</span>' if roles else chunk)
    out += ["</span>"] * len(stack)
    return "".join(out)


def _nested(
    statements: Sequence[StatementView], length: int, focus: int | None = None
) -> tuple[list[_Wrap], dict[int, list[int]]]:
    """Return the statements' stretches that nest, and anchors (by offset) for the others.

    The `focus` statement is placed first, so it is always wrapped.
    """
    stretches = []
    for view in statements:
        found = [(s, e) for spans in view.spans.values() for s, e in spans if 0 <= s < e <= length]
        if found:
            stretches.append(_Wrap(view.id, min(s for s, _ in found), max(e for _, e in found)))
    wraps: list[_Wrap] = []
    anchors: dict[int, list[int]] = {}
    first = sorted(stretches, key=lambda w: (w.statement != focus, w.start, -w.end, w.statement))
    for wrap in first:
        if all(_fits(wrap, other) for other in wraps):
            wraps.append(wrap)
        else:
            anchors.setdefault(wrap.start, []).append(wrap.statement)
    return wraps, anchors


def _fits(wrap: _Wrap, other: _Wrap) -> bool:
    """Return whether two stretches are apart or one holds the other."""
    apart = wrap.end <= other.start or other.end <= wrap.start
    inside = other.start <= wrap.start and wrap.end <= other.end
    return apart or inside or (wrap.start <= other.start and other.end <= wrap.end)


@dataclass(frozen=True, slots=True)
class Term:
    """A search term as the page marks it: its words, and whether the last is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def search_terms(query: str) -> list[Term]:
    """Return the terms of a full-text query: phrases, prefixes and words, casefolded."""
    terms = []
    for match in _TERMS.finditer(query):
        phrase, word = match.groups()
        text = phrase if phrase is not None else word
        prefix = phrase is None and word.endswith("*")
        words = tuple(w.casefold() for w in _WORD.findall(text))
        if words:
            terms.append(Term(words, prefix))
    return terms


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _matches(word: str, terms: Iterable[Term]) -> bool:
    folded = word.casefold()
    for term in terms:
        for i, wanted in enumerate(term.words):
            last = i == len(term.words) - 1
            if term.prefix and last and folded.startswith(wanted):
                return True
            if folded == wanted or _stem(folded) == _stem(wanted):
                return True
    return False


def highlighted(text: str, query: str | None) -> str:
    """Return `text` escaped, with the words a full-text `query` matches in `<mark>`."""
    terms = search_terms(query or "")
    if not terms:
        return esc(text)
    out, at = [], 0
    for match in _WORD.finditer(text):
        if _matches(match.group(), terms):
            out.append(esc(text[at : match.start()]))
            out.append(f"<mark>{esc(match.group())}</mark>")
            at = match.end()
    out.append(esc(text[at:]))
    return "".join(out)
