"""One speaker as their page shows them: names, roles, counts by outlet and year, events, edits.

Read in brief (`store.event_outlines`, `store.speaker_counts`): a speaker quoted 20,000
times costs a few hundred rows. Position changes need every statement's stance toward a
topic, so they are found (through the timeline) only when a topic is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.models import (
    Edit,
    EventOutline,
    PositionChange,
    SpeakerRole,
    SpeakerSummary,
    Topic,
)
from onrecord.queries.speakers import find_speaker
from onrecord.queries.timeline import build_timeline
from onrecord.store import Store


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """A speaker, where and when they are quoted, their events and the edits made to them.

    A statement's year is the year it was said, else its article's (None: undated).
    """

    speaker: SpeakerSummary
    topic: Topic | None  # the topic stance is shown toward (None: no stance)
    events: tuple[EventOutline, ...]  # dated ones by day, then undated ones
    changes: tuple[PositionChange, ...]  # toward `topic` (none without one)
    by_outlet: tuple[tuple[str | None, int], ...]  # articles quoting them, most first
    by_year: tuple[tuple[int | None, int], ...]  # statements, in order, undated last
    topics: tuple[Topic, ...]  # every stored topic, to choose a stance toward
    edits: tuple[Edit, ...]
    roles: tuple[SpeakerRole, ...] = ()  # offices the corpus names them by, latest first


def speaker_profile(store: Store, ref: str, topic: str | None = None) -> SpeakerProfile:
    """Return the profile of the speaker `ref` names (as every command reads it)."""
    speaker = find_speaker(store, ref)
    assert speaker.id is not None
    topics = tuple(store.topics())
    chosen = None
    changes: tuple[PositionChange, ...] = ()
    if topic is not None:
        store.require_topic(topic)
        chosen = next(t for t in topics if t.name == topic)
        changes = build_timeline(store, str(speaker.id), topic).changes
    by_outlet, by_year = store.speaker_counts(speaker.id)
    return SpeakerProfile(
        speaker=speaker,
        topic=chosen,
        events=tuple(store.event_outlines(speaker.id, topic)),
        changes=changes,
        by_outlet=tuple(by_outlet),
        by_year=tuple(by_year),
        topics=topics,
        edits=tuple(store.edits(speaker=speaker.id)),
        roles=tuple(store.speaker_roles(speaker.id)),
    )
