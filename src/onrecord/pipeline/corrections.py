"""Corrections that last: an article's fields, a statement's speaker, a statement deleted.

The CLI and the web UI make every edit through these functions. Each edit is written
with a row of the store's edit log, and what follows from it is recomputed at once: a new
publication date (or URL) dates the article's statements again, as an ingest with that
metadata would have, and the speech events of the speakers concerned are rebuilt. The
edit's own transaction forgets those clusters and marks the articles pending, so a run
killed before the rebuild leaves nothing stale: the next ingest or `onrecord repair`
finishes it (`pipeline.derived`). A re-ingest of the same text with richer metadata goes
through `reingest_changes` and the store's `update_article`, which never overrides a field
the user set by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from onrecord.errors import InputError
from onrecord.models import (
    Article,
    ArticleView,
    Edit,
    MentionKind,
    Metadata,
    ProcessedArticle,
    StatementDate,
    StatementView,
)
from onrecord.nlp import load_pipeline
from onrecord.pipeline.analyse import analyse_articles
from onrecord.pipeline.derived import bring_up_to_date
from onrecord.store import Store
from onrecord.store.edits import ARTICLE_FIELDS

ROLES = ("source", "cue", "content")
# Fields whose change can move a statement's date: its statements are dated again.
DATING_FIELDS = frozenset({"published", "url"})

FieldValues = Mapping[str, str | dt.date | None]
SpanKey = tuple[tuple[tuple[int, int], ...], ...]


@dataclass(frozen=True, slots=True)
class Correction:
    """What one correction of an article did: the edits logged, the statements re-clustered."""

    article: str  # the article id
    edits: tuple[Edit, ...]  # field changes first, then the statement dates that followed
    clustered: int = 0  # statements clustered again (the speakers' events rebuilt)


def correct_article(
    store: Store,
    ref: str,
    values: FieldValues,
    *,
    by: str | None = None,
    model: str | None = None,
) -> Correction:
    """Set an article's fields (published, outlet, title, url) by hand, for good.

    Later ingests keep these values. A new date or URL dates the article's statements
    again (the spaCy pipeline parses the article once more), and the speech events of its
    speakers are rebuilt.
    """
    unknown = sorted(set(values) - set(ARTICLE_FIELDS))
    if unknown:
        raise InputError(
            f"an article has no field {unknown[0]!r} to set",
            hint=f"the fields are {', '.join(ARTICLE_FIELDS)}",
        )
    stored = store.article(ref)
    cleaned = {name: _cleaned(value) for name, value in values.items()}
    changing = {name: value for name, value in cleaned.items() if _stored(stored, name) != value}
    dates = None
    if DATING_FIELDS & set(changing):
        dates = redated(stored, _metadata(stored, changing), model)
    edits = store.set_article(stored.id, changing, by=by, dates=dates)
    return Correction(stored.id, tuple(edits), bring_up_to_date(store).clustered)


def apply_update(
    store: Store,
    processed: ProcessedArticle | Article,
    values: FieldValues,
    origin: str,
) -> tuple[Edit, ...]:
    """Take a re-ingest's new field values (with its statements' dates, once analysed)."""
    article = processed.article if isinstance(processed, ProcessedArticle) else processed
    dates = None
    if isinstance(processed, ProcessedArticle):
        dates = matched_dates(store.article(article.id).statements, processed)
    edits = store.update_article(
        article.id,
        values,
        origin=origin,
        evidence=article.metadata.published_evidence,
        dates=dates,
    )
    if edits:
        bring_up_to_date(store)
    return tuple(edits)


def reingest_changes(
    stored: ArticleView, metadata: Metadata, fixed: Collection[str]
) -> tuple[dict[str, str | dt.date | None], tuple[str, ...]]:
    """Return the fields a re-ingest takes (name → new value), and those kept as set by hand.

    A value the input states outright (a JSONL field, a page's metadata) replaces the
    stored one; a value inferred from the text only fills a gap; unknown never replaces
    known.
    """
    taken: dict[str, str | dt.date | None] = {}
    kept: list[str] = []
    for name in ARTICLE_FIELDS:
        value, old = getattr(metadata, name), _stored(stored, name)
        if value is None or value == old:
            continue
        if old is not None and name not in metadata.stated:
            continue
        if name in fixed:
            kept.append(name)
        else:
            taken[name] = value
    return taken, tuple(kept)


def needs_dating(values: Collection[str]) -> bool:
    """Return whether changing these fields can move the statements' dates."""
    return bool(DATING_FIELDS & set(values))


def redated(
    stored: ArticleView, metadata: Metadata, model: str | None = None
) -> dict[int, StatementDate | None]:
    """Return the date each stored statement of an article gets under new metadata."""
    article = Article(
        stored.id, stored.doc, stored.source, stored.text, metadata, captions=stored.captions
    )
    (result,) = analyse_articles([article], load_pipeline(model))
    if not isinstance(result, ProcessedArticle):
        raise InputError(f"cannot date the statements of {stored.doc} again: {result.reason}")
    return matched_dates(stored.statements, result)


def matched_dates(
    stored: Collection[StatementView], processed: ProcessedArticle
) -> dict[int, StatementDate | None]:
    """Map each stored statement to the date of the fresh statement with the same spans.

    A stored statement no fresh one matches (the extractor changed since) is left out.
    """
    fresh = {
        _key(
            {role: [[s.start, s.end] for s in getattr(x.attribution, role)] for role in ROLES}
        ): x.said_on
        for x in processed.statements
    }
    return {view.id: fresh[_key(view.spans)] for view in stored if _key(view.spans) in fresh}


def _key(spans: Mapping[str, list[list[int]]]) -> SpanKey:
    return tuple(tuple((start, end) for start, end in spans.get(role, [])) for role in ROLES)


def _cleaned(value: str | dt.date | None) -> str | dt.date | None:
    """A text value with runs of whitespace collapsed; an empty one means unknown (None)."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return value


def _stored(view: ArticleView, name: str) -> object:
    return getattr(view, name)


def _metadata(stored: ArticleView, values: FieldValues) -> Metadata:
    """Return the metadata of a stored article with `values` put in."""
    current = Metadata(
        title=stored.title,
        outlet=stored.outlet,
        published=stored.published,
        published_evidence=stored.published_evidence,
        url=stored.url,
        language=stored.language,
    )
    return replace(current, **values)  # type: ignore[arg-type]


def reassign_statement(
    store: Store,
    statement_id: int,
    speaker: str,
    *,
    by: str | None = None,
    new_kind: MentionKind | None = None,
) -> Edit | None:
    """Give a statement to another speaker for good; rebuild both speakers' events."""
    edit, _ = store.reassign_statement(statement_id, speaker, by=by, new_kind=new_kind)
    bring_up_to_date(store)
    return edit


def delete_statement(store: Store, statement_id: int, *, by: str | None = None) -> Edit:
    """Delete a statement, keeping what it was in the edit log; rebuild its speaker's events."""
    edit, _ = store.delete_statement(statement_id, by=by)
    bring_up_to_date(store)
    return edit
