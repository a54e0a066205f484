"""Reading brat standoff annotations (.ann) of attributions into Attribution records.

brat writes one annotation per line: text-bound lines `T<n>\\t<Label> <s> <e>[;<s> <e>...]
\\t<text>` and event lines `E<n>\\t<Trigger>:T<a> <Role>:T<b> ...`. Offsets are character
offsets into the document's text; a discontinuous span's text is its pieces joined by one
space. PolNeAR ties each attribution together with one event whose trigger (`Attribution`
or `Attribution-no-source`) is an anchor we ignore, and whose roles are `Source`, `Cue`
and `Content` (a repeated role is written `Content2`, `Content3`, ...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.errors import InputError
from onrecord.models import Attribution, Kind, Span

# The roles of an attribution event that become spans; any other role is counted.
ROLES: tuple[str, ...] = ("source", "cue", "content")

# Triggers of attribution events: anchors whose text repeats the cue, otherwise unused.
ANCHOR_LABELS: frozenset[str] = frozenset({"Attribution", "Attribution-no-source"})

# Characters that open a quotation; a gold content starting with one is a direct quote.
QUOTE_MARKS: frozenset[str] = frozenset("\"“”„«‘'`")

# An annotation line starts with an id (T1, E12, #3, A4, R5, N6, M7) and a tab; any other
# line continues the text of the line above (brat keeps newlines of the annotated text).
ANNOTATION_LINE = re.compile(r"^(?:[TERANM]\d+|#\d*)\t")

TEXT_BOUND = re.compile(r"^(?P<label>\S+) (?P<offsets>\d+ \d+(?:;\d+ \d+)*)$")

# `Content2` is brat's name for the second argument of role `Content`.
ROLE_NUMBER = re.compile(r"\d+$")


@dataclass(frozen=True, slots=True)
class TextBound:
    """One `T` line: a labelled, possibly discontinuous, span of the text."""

    id: str
    label: str
    spans: tuple[Span, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """One `E` line: its trigger (label, text-bound id) and (role, id) arguments as written."""

    id: str
    trigger: tuple[str, str]
    arguments: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class AnnFile:
    """The parsed lines of one .ann file; `skipped` counts lines of no use here, by kind."""

    text_bounds: dict[str, TextBound]
    events: tuple[Event, ...]
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Gold:
    """The gold attributions of one document, with what was left out and why."""

    attributions: tuple[Attribution, ...]
    orphans: dict[str, int]  # text-bound lines no event refers to, by label
    dropped: dict[str, int] = field(default_factory=dict)


def parse_ann(content: str) -> AnnFile:
    """Parse the text of a brat .ann file into its text-bound and event lines."""
    text_bounds: dict[str, TextBound] = {}
    events: list[Event] = []
    skipped: Counter[str] = Counter()
    for line in _joined_lines(content):
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            bound = _text_bound(ident, rest)
            if bound is None:
                skipped["malformed text-bound line"] += 1
            else:
                text_bounds[ident] = bound
        elif ident.startswith("E"):
            events.append(_event(ident, rest))
        elif ident.startswith("#"):
            skipped["annotator note"] += 1
        else:
            skipped[f"{ident[:1]} line"] += 1
    return AnnFile(text_bounds, tuple(events), dict(skipped))


def read_ann(path: Path) -> AnnFile:
    """Read and parse one .ann file (UTF-8)."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {error}") from error
    return parse_ann(content)


def gold_attributions(ann: AnnFile, text: str) -> Gold:
    """Turn the attribution events of `ann` into Attribution records over `text`."""
    attributions: list[Attribution] = []
    used: set[str] = set()
    dropped: Counter[str] = Counter()
    for event in ann.events:
        if event.trigger[0] not in ANCHOR_LABELS:
            dropped[f"event of type {event.trigger[0] or '?'}"] += 1
            continue
        spans: dict[str, list[Span]] = {role: [] for role in ROLES}
        used.add(event.trigger[1])
        for role, ref in event.arguments:
            used.add(ref)
            name = ROLE_NUMBER.sub("", role).lower()
            bound = ann.text_bounds.get(ref)
            if bound is None:
                dropped["argument refers to a missing text-bound"] += 1
            elif name in spans:
                spans[name].extend(bound.spans)
            else:
                dropped[f"unknown role {role}"] += 1
        source, cue, content = (tuple(sorted(set(spans[role]))) for role in ROLES)
        if not (source or cue or content):
            dropped["attribution with no spans"] += 1
            continue
        attributions.append(Attribution(source, cue, content, kind=_kind(content, text)))
    orphans = Counter(b.label for ident, b in ann.text_bounds.items() if ident not in used)
    return Gold(tuple(attributions), dict(orphans), dict(dropped))


def offsets_agree(ann: AnnFile, text: str) -> tuple[int, int]:
    """Return (agreeing, total): text-bound lines whose offsets reproduce their text."""
    agreeing = sum(
        1
        for bound in ann.text_bounds.values()
        if " ".join(span.text(text) for span in bound.spans) == bound.text
    )
    return agreeing, len(ann.text_bounds)


def _joined_lines(content: str) -> list[str]:
    """Return annotation lines, with continuation lines appended to the line above."""
    lines: list[str] = []
    for line in content.split("\n"):
        if ANNOTATION_LINE.match(line) or not lines:
            lines.append(line)
        else:
            lines[-1] += "\n" + line
    # The file's final newline leaves an empty continuation on the last line.
    return [line.rstrip("\n") for line in lines if line.strip()]


def _text_bound(ident: str, rest: str) -> TextBound | None:
    header, _, text = rest.partition("\t")
    match = TEXT_BOUND.match(header)
    if match is None:
        return None
    pieces = (piece.split(" ") for piece in match["offsets"].split(";"))
    try:
        spans = tuple(Span(int(start), int(end)) for start, end in pieces)
    except ValueError:
        return None
    return TextBound(ident, match["label"], spans, text)


def _event(ident: str, rest: str) -> Event:
    pairs = [arg.partition(":") for arg in rest.split()]
    arguments = tuple((role, ref) for role, _, ref in pairs)
    # brat's first argument is the event's trigger; the rest are its roles.
    trigger = arguments[0] if arguments else ("", "")
    return Event(ident, trigger, arguments[1:])


def _kind(content: tuple[Span, ...], text: str) -> Kind:
    """Guess the kind from whether the content opens with a quotation mark (not scored)."""
    start = content[0].text(text).lstrip()[:1] if content else ""
    return Kind.DIRECT if start in QUOTE_MARKS and start else Kind.INDIRECT
