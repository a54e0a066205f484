"""One quote's versions side by side: each outlet's wording with its differences marked.

From a drift (onrecord.clustering): words every version shares are plain; words where
versions differ are marked in each version that carries them (`<mark>` for the
reference's words, `<ins>` for other words, `<del>` for words a version leaves out).
Every piece of text is escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.models import Drift, DriftSegment

if TYPE_CHECKING:
    from onrecord.queries.drift import DriftReport


def esc(value: object) -> str:
    """Escape a value for HTML text or an attribute."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True, slots=True)
class VersionColumn:
    """One version of a quote as shown in its column: who carries it and its marked words."""

    label: str
    outlet: str | None
    doc: str
    article: str
    statements: tuple[int, ...]
    words: str  # HTML, escaped, differences marked
    differs: bool  # whether this version has words other versions do not


@dataclass(frozen=True, slots=True)
class Difference:
    """A place where versions differ: each wording with the versions behind it."""

    status: str  # "changed" | "added" | "omitted"
    wordings: tuple[tuple[str, tuple[str, ...]], ...]  # (words, versions); "" = left out


def version_columns(report: DriftReport) -> list[VersionColumn]:
    """Return each version of the report's quote with its differences marked."""
    return [
        VersionColumn(
            label=v.label,
            outlet=v.outlet,
            doc=v.doc,
            article=v.article,
            statements=v.statements,
            words=version_words(report.drift, v.label),
            differs=_differs(report.drift, v.label),
        )
        for v in report.versions
    ]


def version_words(drift: Drift, label: str) -> str:
    """Return version `label` of a quote as HTML, its differences from others marked."""
    parts = [_piece(segment, label) for segment in drift.segments]
    parts += [
        f'<ins class="unaligned">{esc(v.text)}</ins>' for v in drift.unaligned if label in v.outlets
    ]
    return " ".join(p for p in parts if p)


def _piece(segment: DriftSegment, label: str) -> str:
    if label in segment.omitted_by:
        return f'<del title="left out here">{esc(segment.text)}</del>' if segment.text else ""
    for variant in segment.variants:
        if label in variant.outlets:
            return f"<ins>{esc(variant.text)}</ins>"
    if label not in segment.carried_by and segment.status != "equal":
        return ""
    if segment.status in ("changed", "omitted") and segment.text:
        return f"<mark>{esc(segment.text)}</mark>"
    return esc(segment.text)


def _differs(drift: Drift, label: str) -> bool:
    return any(label in v.outlets for s in drift.segments for v in s.variants) or any(
        label in v.outlets for v in drift.unaligned
    )


def differences(drift: Drift) -> list[Difference]:
    """Return where the versions differ, each wording with the versions that carry it."""
    found = []
    for segment in drift.segments:
        if segment.status == "equal":
            continue
        wordings: list[tuple[str, tuple[str, ...]]] = []
        if segment.text and segment.carried_by:
            wordings.append((segment.text, segment.carried_by))
        wordings += [(v.text, v.outlets) for v in segment.variants]
        if segment.omitted_by:
            wordings.append(("", segment.omitted_by))
        found.append(Difference(segment.status, tuple(wordings)))
    return found
