"""Quote drift over the stored clusters: where outlets' versions of one quote differ."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from onrecord.clustering import quote_drift, version_labels, with_quotes
from onrecord.models import Drift, EventView
from onrecord.queries.speakers import find_speaker
from onrecord.store import Store


@dataclass(frozen=True, slots=True)
class Version:
    """One outlet's version of a quote: the article and the statements that carry it."""

    label: str  # the outlet (told apart by article id when one outlet reports twice)
    outlet: str | None
    doc: str
    article: str
    statements: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DriftReport:
    """The drift of one cluster's direct quotes, with where each version comes from."""

    cluster_id: int
    event_id: int
    speaker: str
    said_on: dt.date | None
    occasion: str | None
    drift: Drift
    versions: tuple[Version, ...]  # in the order of `drift.versions`


def drift_reports(
    store: Store, speaker: str | None = None, *, omissions: bool = False
) -> Iterator[DriftReport]:
    """Yield the clusters whose direct quotes differ between outlets (by word), by date.

    With `omissions`, clusters whose versions only leave words out are listed too. Each
    event is read and compared when the next report is asked for.
    """
    speaker_id = find_speaker(store, speaker).id if speaker else None
    return _drifts(store, speaker_id, omissions)


def _drifts(store: Store, speaker_id: int | None, omissions: bool) -> Iterator[DriftReport]:
    for event in store.speech_events(speaker_id, several=True):
        for members in _quoting_clusters(event):
            report = _report(store, event, members)
            if report.drift.drifted or (omissions and len(report.versions) > 1):
                yield report


def _quoting_clusters(event: EventView) -> list[list[int]]:
    """Return the clusters of an event reported by more than one article, as statement ids."""
    by_cluster: dict[int, list[int]] = defaultdict(list)
    for sid, cluster in event.clusters.items():
        by_cluster[cluster].append(sid)
    articles = {v.id: v.article for v in event.statements}
    kinds = {v.id: v.kind for v in event.statements}
    return [
        sorted(ids)
        for _, ids in sorted(by_cluster.items())
        if len({articles[i] for i in ids if kinds.get(i) != "indirect"}) > 1
    ]


def _report(store: Store, event: EventView, members: Sequence[int]) -> DriftReport:
    inputs = [with_quotes(item) for item in store.cluster_inputs(statements=members)]
    drift = quote_drift(inputs)
    labels = version_labels(inputs)
    docs = {v.article: v.doc for v in event.statements}
    versions = {
        label: Version(
            label=label,
            outlet=next(i.outlet for i in inputs if i.article == article),
            doc=docs.get(article, article),
            article=article,
            statements=tuple(i.statement_id for i in inputs if i.article == article and i.quoted),
        )
        for article, label in labels.items()
    }
    return DriftReport(
        cluster_id=min(members),
        event_id=event.id,
        speaker=event.speaker,
        said_on=event.said_on,
        occasion=event.occasion,
        drift=drift,
        versions=tuple(versions[label] for label in drift.versions if label in versions),
    )


def event_drifts(store: Store, event: EventView) -> list[DriftReport]:
    """Return the drift of each cluster of one event that several articles quote.

    Clusters whose versions agree word for word are returned too (`drift.drifted` says
    which differ), so a page can show every report side by side.
    """
    return [_report(store, event, members) for members in _quoting_clusters(event)]
