"""Quote drift: where outlets' versions of one quote differ, word by word.

Each version's quoted pieces are aligned against a reference (the longest piece) with
difflib on normalised words. Reference words a version lacks at the edges or in a cut are
"omitted" (trimming is not a change of words); words it carries in their place are
"changed"; words the reference lacks are "added".
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from onrecord.clustering.text import normalise
from onrecord.models import ClusterInput, Drift, DriftSegment, DriftVariant

# A piece aligns with the reference when at least this share of its words match it in
# order (hand-made cases: a trimmed quote matches 1.0, a one-word change in six words
# 0.83; a different sentence of the same speech shares only function words, under 0.3).
MIN_ALIGNED = 0.5
_PUNCT = re.compile(r"^\W+|\W+$")
_EQUAL = "="
_OMIT = "-"


@dataclass
class _Coverage:
    """How one version renders each reference word, and what it adds before each."""

    words: dict[int, str | tuple[int, str]] = field(default_factory=dict)  # "=" or (block, text)
    added: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))


def quote_drift(members: Sequence[ClusterInput]) -> Drift:
    """Return the word-level differences between the quoted versions in one cluster."""
    versions = _versions(members)
    if not versions:
        return Drift(reference="", versions=(), segments=())
    ref_label, ref_text = max(
        ((label, piece) for label, pieces in versions.items() for piece in pieces),
        key=lambda pair: len(_tokens(pair[1])),
    )
    reference = _tokens(ref_text)
    keys = [_key(t) for t in reference]
    coverage: dict[str, _Coverage] = {}
    unaligned: dict[str, list[str]] = defaultdict(list)
    for label, pieces in versions.items():
        cover = coverage.setdefault(label, _Coverage())
        for piece in pieces:
            if not _align(keys, _tokens(piece), cover):
                unaligned[piece].append(label)
    labels = (ref_label, *(label for label in versions if label != ref_label))
    return Drift(
        reference=ref_label,
        versions=labels,
        segments=tuple(_segments(reference, labels, coverage)),
        unaligned=tuple(DriftVariant(text, tuple(who)) for text, who in unaligned.items()),
    )


def render_drift(drift: Drift, width: int = 100) -> str:
    """Return `drift` as text: [-reference-]{+other+} for changes, (-words-) for omissions."""
    if not drift.segments:
        return "No direct quotes to compare."
    header = f"{len(drift.versions)} versions; reference: {drift.reference}"
    others = ", ".join(drift.versions[1:])
    lines = [header + (f"; compared: {others}" if others else "")]
    inline: list[str] = []
    notes: list[str] = []
    for segment in drift.segments:
        if segment.status == "equal":
            inline.append(segment.text)
            continue
        mark = f"[{len(notes) + 1}]"
        variants = "".join(f"{{+{v.text}+}}" for v in segment.variants)
        if segment.status == "changed":
            inline.append(f"[-{segment.text}-]{variants}{mark}")
        elif segment.status == "added":
            inline.append(f"{variants}{mark}")
        else:
            inline.append(f"(-{segment.text}-){mark}")
        notes.append(f"{mark} {_note(segment)}")
    lines.append(
        textwrap.fill(" ".join(inline), width, initial_indent="  ", subsequent_indent="  ")
    )
    lines.extend(
        textwrap.fill(n, width, initial_indent="  ", subsequent_indent="      ") for n in notes
    )
    for variant in drift.unaligned:
        lines.append(f'  not aligned: "{variant.text}" ({", ".join(variant.outlets)})')
    return "\n".join(lines)


def _note(segment: DriftSegment) -> str:
    """Return who carries which words in one segment that is not equal everywhere."""
    if segment.status == "omitted":
        return (
            f"omitted by {', '.join(segment.omitted_by)}; "
            f"carried by {', '.join(segment.carried_by)}"
        )
    parts: list[str] = []
    if segment.status == "changed":
        parts.append(f'"{segment.text}": {", ".join(segment.carried_by)}')
    parts.extend(f'"{v.text}": {", ".join(v.outlets)}' for v in segment.variants)
    if segment.omitted_by:
        parts.append(f"omitted by {', '.join(segment.omitted_by)}")
    return f"{segment.status}: " + "; ".join(parts)


def version_labels(members: Sequence[ClusterInput]) -> dict[str, str]:
    """Return the label of each article's version: its outlet, told apart when one repeats."""
    labels: dict[str, str] = {}
    for item in sorted(members, key=lambda m: m.statement_id):
        if item.quoted and item.article not in labels:
            name = item.outlet or item.article
            taken = set(labels.values())
            labels[item.article] = name if name not in taken else f"{name} ({item.article[:8]})"
    return labels


def _versions(members: Sequence[ClusterInput]) -> dict[str, list[str]]:
    """Return the quoted pieces of each article, labelled by outlet, in statement order."""
    labels = version_labels(members)
    pieces: dict[str, list[str]] = defaultdict(list)
    for item in sorted(members, key=lambda m: m.statement_id):
        if not item.quoted:
            continue
        label = labels[item.article]
        pieces[label].extend(p for p in item.quoted if p not in pieces[label])
    return dict(pieces)


def _align(keys: list[str], tokens: list[str], cover: _Coverage) -> bool:
    """Record how `tokens` render the reference words; False if they do not align."""
    piece = [_key(t) for t in tokens]
    matcher = difflib.SequenceMatcher(None, keys, piece, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not piece or sum(b.size for b in blocks) / len(piece) < MIN_ALIGNED:
        return False
    start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        text = " ".join(tokens[j1:j2])
        if tag == "equal":
            for i in range(i1, i2):
                cover.words[i] = _EQUAL
        elif tag == "replace" and start <= i1 and i2 <= end:
            for i in range(i1, i2):
                cover.words.setdefault(i, (i1, text))
        elif tag == "insert" or (tag == "replace" and not (start <= i1 and i2 <= end)):
            # Words beyond the reference's ends, or put in where it has none: added.
            cover.added[min(max(i1, start), end)].append(text)
    return True


def _segments(
    reference: list[str], labels: Sequence[str], coverage: dict[str, _Coverage]
) -> list[DriftSegment]:
    """Return runs of reference words that every version renders the same way."""
    segments: list[DriftSegment] = []
    run: list[str] = []
    run_sig: tuple[object, ...] | None = None
    for i in range(len(reference) + 1):
        added = _added_segment(i, labels, coverage)
        sig = (
            tuple(coverage[label].words.get(i, _OMIT) for label in labels)
            if i < len(reference)
            else None
        )
        if run and (sig != run_sig or added):
            segments.append(_segment(" ".join(run), labels, run_sig or ()))
            run = []
        if added:
            segments.append(added)
        if sig is not None:
            run.append(reference[i])
            run_sig = sig
    return segments


def _segment(text: str, labels: Sequence[str], sig: tuple[object, ...]) -> DriftSegment:
    carried = tuple(label for label, s in zip(labels, sig, strict=True) if s == _EQUAL)
    omitted = tuple(label for label, s in zip(labels, sig, strict=True) if s == _OMIT)
    other: dict[str, list[str]] = defaultdict(list)
    for label, s in zip(labels, sig, strict=True):
        if isinstance(s, tuple):
            other[s[1]].append(label)
    variants = tuple(DriftVariant(t, tuple(who)) for t, who in other.items())
    status = "changed" if variants else "omitted" if omitted else "equal"
    return DriftSegment(status, text, carried, variants, omitted)


def _added_segment(
    i: int, labels: Sequence[str], coverage: dict[str, _Coverage]
) -> DriftSegment | None:
    other: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        for text in coverage[label].added.get(i, []):
            other[text].append(label)
    if not other:
        return None
    variants = tuple(DriftVariant(t, tuple(who)) for t, who in other.items())
    return DriftSegment("added", "", (), variants)


def _tokens(text: str) -> list[str]:
    """Return the words of `text` as written, skipping bare punctuation."""
    return [t for t in text.split() if _key(t)]


def _key(token: str) -> str:
    return _PUNCT.sub("", normalise(token))
