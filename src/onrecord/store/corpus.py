"""The corpus stage's part of the store: clusters, speech events, topics and stances.

`CorpusQueries` is mixed into `SQLStore`; it uses the store's connection, transactions
and statement views, and keeps the SQL in `clusters` and `topics` beside it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from onrecord.errors import NotFoundError
from onrecord.models import (
    BandProbe,
    ClusterInput,
    ClusterLink,
    ClusterUpdate,
    EventDating,
    EventOutline,
    EventStance,
    EventView,
    SpeakerRole,
    StatementTopic,
    StatementView,
    Topic,
    TopicSummary,
)
from onrecord.store import clusters as cluster_sql
from onrecord.store import outlines as outline_sql
from onrecord.store import timelines as timeline_sql
from onrecord.store import topics as topic_sql
from onrecord.store.dialect import Connection
from onrecord.store.errors import translated

_NOTHING = "nothing of the update was stored"
_EVENTS_AT_ONCE = 200  # events whose statements are read together


class CorpusQueries:
    """Clusters of the same utterance, speech events, topics and stances, stored and read."""

    if TYPE_CHECKING:

        @property
        def _db(self) -> Connection: ...

        def _transaction(self) -> AbstractContextManager[Connection]: ...

        def _select(
            self, where: str = "", params: Sequence[Any] = (), order: str = "", join: str = ""
        ) -> list[StatementView]: ...

    # --- clusters and speech events ---------------------------------------------

    def unclustered_statements(self) -> list[int]:
        """Return the statements with a speaker not yet in a cluster (reads every statement)."""
        with translated():
            return cluster_sql.unclustered_statements(self._db)

    def cluster_backlog(self) -> bool:
        """Return whether statements with a speaker exist but no cluster does (an upgrade)."""
        with translated():
            return cluster_sql.cluster_backlog(self._db)

    def article_statements(self, articles: Collection[str]) -> list[int]:
        """Return the ids of the statements of `articles`, in order."""
        with translated():
            return cluster_sql.article_statements(self._db, articles)

    def cluster_inputs(
        self, speakers: Collection[int] = (), statements: Collection[int] = ()
    ) -> list[ClusterInput]:
        """Return the statements of `speakers`, or the given `statements`, as clustering inputs."""
        with translated():
            return cluster_sql.cluster_inputs(self._db, speakers, statements)

    def cluster_neighbours(
        self,
        windows: Collection[tuple[int, dt.date, dt.date]],
        probes: Collection[BandProbe] = (),
        articles: Collection[tuple[int, str]] = (),
        *,
        exact: bool = False,
    ) -> set[int]:
        """Return clustered statements by (speaker, first day, last day), band probe or article."""
        with translated():
            return cluster_sql.neighbours(self._db, windows, probes, articles, exact=exact)

    def cluster_members(self, statements: Collection[int]) -> dict[int, tuple[int, bool]]:
        """Return every member of the clusters of `statements`: id -> (cluster, ambiguous)."""
        with translated():
            return cluster_sql.cluster_members(self._db, statements)

    def events_of(self, statements: Collection[int]) -> dict[int, list[int]]:
        """Return the stored events of `statements`, each with all of its statement ids."""
        with translated():
            return cluster_sql.events_of(self._db, statements)

    def save_clusters(self, update: ClusterUpdate) -> None:
        """Write a clustering update and replace the events it redid, in one transaction."""
        cluster_sql.validate(update)
        with translated("cannot store the clusters", _NOTHING), self._transaction() as db:
            cluster_sql.write_update(db, update)

    def forget_clusters(self, speakers: Collection[int]) -> None:
        """Delete the clusters, links and events of `speakers`, so the next update rebuilds them."""
        with translated("cannot reset the clusters"), self._transaction() as db:
            cluster_sql.forget(db, speakers)

    def speech_events(
        self,
        speaker: int | None = None,
        *,
        several: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[EventView]:
        """Yield the stored speech events (of one speaker), in date order, undated last.

        With `several`, only events reported by more than one article.
        """
        with translated():
            rows = cluster_sql.event_rows(self._db, speaker, several, (limit, offset))
            while chunk := list(itertools.islice(rows, _EVENTS_AT_ONCE)):
                yield from self._events(chunk)

    def event_datings(
        self, speaker_id: int, topic: str | None = None, *, limit: int | None = None
    ) -> list[EventDating]:
        """Return a speaker's events with a statement (on `topic`) and what dates each one
        (of those with a day of their own, only the first `limit`)."""
        with translated():
            return timeline_sql.event_datings(self._db, speaker_id, topic, limit)

    def speech_events_by_id(self, events: Sequence[int]) -> list[EventView]:
        """Return the stored speech events numbered `events`, in that order."""
        with translated():
            return self._events(timeline_sql.event_rows_by_id(self._db, events))

    def event_stances(self, speaker_id: int, topic: str | None = None) -> list[EventStance]:
        """Return the on-topic scores of a speaker's event statements (one topic, or all)."""
        with translated():
            return timeline_sql.event_stances(self._db, speaker_id, topic)

    def event_outlines(self, speaker_id: int, topic: str | None = None) -> list[EventOutline]:
        """Return a speaker's events in brief (counts, positions toward `topic`), by date."""
        with translated():
            return outline_sql.event_outlines(self._db, speaker_id, topic)

    def speaker_counts(
        self, speaker_id: int
    ) -> tuple[list[tuple[str | None, int]], list[tuple[int | None, int]]]:
        """Return a speaker's statements counted by outlet (most first) and by year."""
        with translated():
            return outline_sql.speaker_counts(self._db, speaker_id)

    def speaker_roles(self, speaker_id: int) -> list[SpeakerRole]:
        """Return the offices the corpus names a speaker by, the most recently seen first."""
        with translated():
            return outline_sql.speaker_roles(self._db, speaker_id)

    def speech_event(self, event_id: int) -> EventView:
        """Return one stored speech event by its number."""
        with translated():
            rows = list(cluster_sql.event_rows(self._db, event=event_id))
        if not rows:
            raise NotFoundError(
                f"no speech event {event_id}",
                hint="list the speech events with `onrecord clusters --all`",
            )
        return self._events(rows)[0]

    def _events(
        self, rows: Sequence[tuple[int, int, str, dt.date | None, str | None]]
    ) -> list[EventView]:
        members = cluster_sql.event_members(self._db, [row[0] for row in rows])
        ids = sorted({sid for found in members.values() for sid in found})
        views = {v.id: v for v in self._select_ids(ids)}
        return [
            EventView(
                id=event_id,
                speaker_id=speaker_id,
                speaker=name,
                said_on=said_on,
                occasion=occasion,
                statements=tuple(views[sid] for sid in members.get(event_id, {}) if sid in views),
                clusters=dict(members.get(event_id, {})),
            )
            for event_id, speaker_id, name, said_on, occasion in rows
        ]

    def cluster_links(self, statements: Collection[int]) -> list[ClusterLink]:
        """Return the links stored between the given statements."""
        with translated():
            wanted = set(statements)
            return [x for x in cluster_sql.links_among(self._db, wanted) if x.b in wanted]

    def _select_ids(self, ids: Sequence[int]) -> list[StatementView]:
        views: list[StatementView] = []
        for marks, part in cluster_sql.chunks(list(ids)):
            views.extend(self._select(f"s.id IN ({marks})", part, "s.id"))
        return views

    # --- topics -----------------------------------------------------------------

    def save_topics(self, topics: Sequence[Topic]) -> list[str]:
        """Store topic definitions; return the names that are new or whose definition changed."""
        with translated("cannot store the topics"), self._transaction() as db:
            return topic_sql.save_topics(db, topics)

    def topics(self) -> list[Topic]:
        """Return the stored topics, by name."""
        with translated():
            return topic_sql.topics(self._db)

    def unscored_topics(self) -> list[str]:
        """Return the stored topics the whole corpus has not been scored against yet."""
        with translated():
            return topic_sql.unscored_topics(self._db)

    def topic_summaries(self, *, limit: int | None = None, offset: int = 0) -> list[TopicSummary]:
        """Return the stored topics (a page of them) with their on-topic counts by stance."""
        with translated():
            return topic_sql.summaries(self._db, (limit, offset))

    def remove_topic(self, name: str) -> None:
        """Delete topic `name` and every statement's score for it."""
        with translated("cannot remove the topic"), self._transaction() as db:
            topic_sql.remove_topic(db, name)

    def require_topic(self, name: str) -> None:
        """Raise NotFoundError unless topic `name` is stored."""
        with translated():
            topic_sql.require_topic(self._db, name)

    def save_statement_topics(
        self, rows: Sequence[StatementTopic], *, scored: Collection[str] = ()
    ) -> None:
        """Store statements' scores and stances (validated) in one transaction.

        `scored` names topics the whole corpus has now been scored against.
        """
        with translated("cannot store the stances", _NOTHING), self._transaction() as db:
            topic_sql.validate(db, rows)
            topic_sql.write_scores(db, rows)
            topic_sql.mark_scored(db, scored)

    def statement_topics(
        self, statements: Collection[int], topic: str | None = None
    ) -> list[StatementTopic]:
        """Return the stored scores and stances of `statements` (for one topic, or every one)."""
        with translated():
            return topic_sql.statement_topics(self._db, statements, topic)
