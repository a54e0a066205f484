"""One speaker as their page shows them: names, counts by outlet and year, timeline, edits."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from onrecord.models import Edit, SpeakerSummary, StatementView, Topic
from onrecord.queries.speakers import find_speaker
from onrecord.queries.timeline import Timeline, build_timeline
from onrecord.store import Store


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """A speaker, where and when they are quoted, their timeline and the edits made to them.

    The counts are over the statements of the speaker's speech events; a statement's year
    is the year it was said, else its article's year of publication (None: undated).
    """

    speaker: SpeakerSummary
    timeline: Timeline
    by_outlet: tuple[tuple[str | None, int], ...]  # most statements first
    by_year: tuple[tuple[int | None, int], ...]  # in order, undated last
    topics: tuple[Topic, ...]  # every stored topic, to choose a stance toward
    edits: tuple[Edit, ...]


def speaker_profile(store: Store, ref: str, topic: str | None = None) -> SpeakerProfile:
    """Return the profile of the speaker `ref` names (as every command reads it)."""
    speaker = find_speaker(store, ref)
    timeline = build_timeline(store, str(speaker.id), topic)
    whole = timeline if topic is None else build_timeline(store, str(speaker.id))
    views = [s.view for e in (*whole.events, *whole.undated) for s in e.statements]
    outlets = Counter(v.outlet for v in views)
    years = Counter(_year(v) for v in views)
    return SpeakerProfile(
        speaker=speaker,
        timeline=timeline,
        by_outlet=tuple(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0] or "~"))),
        by_year=tuple(sorted(years.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))),
        topics=tuple(store.topics()),
        edits=tuple(store.edits(speaker=speaker.id)) if speaker.id is not None else (),
    )


def _year(view: StatementView) -> int | None:
    day = view.said_on or view.published
    return day.year if day else None
