"""Wording shared by every output format: dates of events, reports, positions and changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.models import PositionChange, SpeakerRole

if TYPE_CHECKING:
    from onrecord.queries.timeline import Report, Timeline, TimelineEvent, TimelineStatement


def event_date(event: TimelineEvent) -> str:
    """Return an event's date as shown: the day, month or year, and what it rests on."""
    if event.date is None:
        return "undated"
    shown = event.date.isoformat()
    if event.precision == "month":
        shown = shown[:7]
    elif event.precision == "year":
        shown = shown[:4]
    return f"{shown} (published)" if event.basis == "published" else shown


def report_line(report: Report) -> str:
    """Return one outlet's report of an event: outlet, doc and statement ids."""
    ids = " ".join(f"#{sid}" for sid in report.statements)
    return f"{report.outlet or 'outlet unknown'} ({report.doc}: {ids})"


def statement_position(item: TimelineStatement) -> str:
    """Return a statement's position toward its topic, or '-' when it is on none."""
    if item.stance is None:
        return "-"
    return item.stance.stance.position


def role_text(role: SpeakerRole) -> str:
    """Return an office as a reader writes it: "Supreme Leader (Iran), seen 2018-07-21 to
    2019-09-17" (the head noun last; the words are stored sorted)."""
    others = [w for w in role.words.split() if w != role.head]
    name = " ".join(w.capitalize() for w in (*others, role.head))
    country = f" ({role.designator.title()})" if role.designator else ""
    first, last = role.first_seen, role.last_seen
    if first and last:
        seen = f", seen {first}" if first == last else f", seen {first} to {last}"
    else:
        seen = ""
    return f"{name}{country}{seen}"


def change_text(change: PositionChange) -> str:
    """Return a position change with the statements on either side."""
    before = " ".join(f"#{i.statement}" for i in change.before.items)
    after = " ".join(f"#{i.statement}" for i in change.after.items)
    return (
        f"position change on {change.topic}: {change.before.position} "
        f"({change.before.first} to {change.before.last}: {before}) -> "
        f"{change.after.position} ({change.after.first} to {change.after.last}: {after})"
    )


def timeline_heading(timeline: Timeline) -> list[str]:
    """Return a timeline's title line and its line of counts."""
    who = f"{timeline.speaker.name} (speaker {timeline.speaker.id})"
    toward = (
        f" toward {timeline.topic.name}: {timeline.topic.proposition}" if timeline.topic else ""
    )
    undated = sum(len(e.statements) for e in timeline.undated)
    return [
        f"Timeline of {who}{toward}",
        f"{len(timeline.events)} dated event(s), {undated} undated statement(s), "
        f"{len(timeline.changes)} position change(s)",
    ]


def stance_text(event: TimelineEvent) -> str:
    """Return an event's position toward the chosen topic, else its positions per topic."""
    if event.stance is not None:
        return event.stance
    return "; ".join(f"{t}: {p}" for t, p in event.stances.items()) or "-"
