"""Attributions read as a tag sequence: one role per token, BIO-encoded, and back.

PolNeAR gives every token at most one role, so the source, cue and content spans of a
Doc's attributions can be written as one label per token (`B-CUE`, `I-CONTENT`, `O`).
The tagger learns these labels; `assembly` links the spans read back into attributions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.models import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc

OUTSIDE = "O"
# The tag name of each role of an attribution record.
ROLE_TAGS = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A run of tokens [first, last) that carries one role."""

    role: str  # "SOURCE" | "CUE" | "CONTENT"
    first: int
    last: int


def is_blank(text: str) -> bool:
    """Tell whether a token is only whitespace: such tokens are never tagged."""
    return not text.strip()


def sequences(words: Sequence[str]) -> list[range]:
    """Split a Doc's tokens (their texts) into the ranges tagged as one sequence: paragraphs."""
    runs: list[range] = []
    start: int | None = None
    for index, word in enumerate(words):
        if "\n" in word and is_blank(word):
            if start is not None:
                runs.append(range(start, index))
            start = None
        elif start is None:
            start = index
    if start is not None:
        runs.append(range(start, len(words)))
    return runs


def gold_tags(doc: Doc, attributions: Iterable[Attribution]) -> list[str]:
    """Return one label per token for the gold attributions (a token overlapped takes the role)."""
    tags = [OUTSIDE] * len(doc)
    starts: set[int] = set()
    for attribution in attributions:
        for role, tag in ROLE_TAGS.items():
            for span in getattr(attribution, role):
                found = doc.char_span(span.start, span.end, alignment_mode="expand")
                tokens = [t.i for t in found or () if not is_blank(t.text)]
                if not tokens:
                    continue
                starts.add(tokens[0])
                for index in tokens:
                    tags[index] = tag
    return [
        tag if tag == OUTSIDE else ("B-" if i in starts else "I-") + tag
        for i, tag in enumerate(tags)
    ]


def tagged_spans(tags: Sequence[str], blank: Sequence[bool]) -> list[TaggedSpan]:
    """Read the spans back from labels; blank tokens inside a run (a line break) do not cut it."""
    spans: list[TaggedSpan] = []
    role: str | None = None
    first = last = 0
    for index, tag in enumerate(tags):
        if blank[index] and role is not None:
            continue
        prefix, _, name = tag.partition("-")
        if role is not None and (prefix != "I" or name != role):
            spans.append(TaggedSpan(role, first, last))
            role = None
        if prefix in {"B", "I"} and role is None:
            role, first = name, index
        if role is not None:
            last = index + 1
    if role is not None:
        spans.append(TaggedSpan(role, first, last))
    return spans
