"""Where a speaker's position on a topic changes over time, with the statements either side.

A statement's date is when it was said, else when its article was published; statements
with neither are never placed at a guessed date: `undated()` lists them apart. Statements
on one date form a group whose position is the label most of its non-neutral statements
take, conditional when any of those carries the condition (a speaker states a condition
once per occasion; the other reports of that occasion do not withdraw it). Consecutive
groups with one position form a period (holding its non-neutral statements); a change is
the step from one period to the next.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from onrecord.models import PositionChange, PositionPeriod, StanceItem, StanceLabel


def position_changes(items: Sequence[StanceItem]) -> list[PositionChange]:
    """Return every change of position, per speaker and topic, in date order."""
    changes: list[PositionChange] = []
    for (speaker, topic), thread in _threads(items).items():
        periods = position_periods(thread)
        for before, after in zip(periods, periods[1:], strict=False):
            changes.append(PositionChange(speaker, topic, before, after))
    return sorted(changes, key=lambda c: (c.after.first, c.speaker, c.topic))


def position_periods(items: Iterable[StanceItem]) -> list[PositionPeriod]:
    """Return the periods of one thread (one speaker, one topic): runs of one position."""
    periods: list[PositionPeriod] = []
    for date, group in sorted(_by_date(items).items()):
        position = group_position(group)
        if position is None:
            continue
        taken = tuple(i for i in group if i.stance.label != StanceLabel.NEUTRAL)
        if periods and periods[-1].position == position:
            last = periods[-1]
            periods[-1] = PositionPeriod(position, last.first, date, last.items + taken)
        else:
            periods.append(PositionPeriod(position, date, date, taken))
    return periods


def group_position(group: Sequence[StanceItem]) -> str | None:
    """Return the position of one date's statements (None: all neutral)."""
    taken = [item for item in group if item.stance.label != StanceLabel.NEUTRAL]
    if not taken:
        return None
    counts = Counter(item.stance.label for item in taken)
    best = max(counts.values())
    tied = [label for label, n in counts.items() if n == best]
    if len(tied) > 1:
        # On a tie the surer statement decides; if still tied, the later one in the input.
        top = max(
            (i for i in taken if i.stance.label in tied),
            key=lambda i: (i.stance.confidence, taken.index(i)),
        )
        tied = [top.stance.label]
    label = tied[0]
    conditional = any(i.stance.qualifier for i in taken if i.stance.label == label)
    return f"{label}/conditional" if conditional else str(label)


def undated(items: Iterable[StanceItem]) -> list[StanceItem]:
    """Return the statements with no date (neither said_on nor published), in input order."""
    return [item for item in items if item.date is None]


def _by_date(items: Iterable[StanceItem]) -> dict[dt.date, list[StanceItem]]:
    groups: dict[dt.date, list[StanceItem]] = defaultdict(list)
    for item in items:
        if item.date is not None:
            groups[item.date].append(item)
    return groups


def _threads(items: Iterable[StanceItem]) -> dict[tuple[str, str], list[StanceItem]]:
    threads: dict[tuple[str, str], list[StanceItem]] = defaultdict(list)
    for item in items:
        threads[(item.speaker, item.topic)].append(item)
    return threads
