"""Run the per-article stages over many inputs: into the store (ingest) or out as records."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from onrecord import settings
from onrecord.errors import InputError, OnrecordError, StoreError
from onrecord.ingest.web import Fetcher
from onrecord.models import Article, Assign, Edit, Failure, ProcessedArticle, RawDocument
from onrecord.nlp import load_pipeline
from onrecord.pipeline.analyse import ENGLISH, analyse_articles
from onrecord.pipeline.corpus import update_clusters
from onrecord.pipeline.corrections import (
    FieldValues,
    apply_update,
    needs_dating,
    reingest_changes,
)
from onrecord.pipeline.derived import bring_up_to_date, finish_pending, replay_edits
from onrecord.pipeline.engines import Engine, open_engine
from onrecord.pipeline.prepare import prepare
from onrecord.pipeline.topics import apply_topics, topics_file
from onrecord.pipeline.web import WebInputs, read_inputs
from onrecord.speakers import AliasBook, SpeakerIndex, read_alias_file
from onrecord.store import Store

# Called once per input: with its processed article, its failure, or (a duplicate) its Article.
log = logging.getLogger(__name__)

Progress = Callable[[ProcessedArticle | Failure | Article], None]


@dataclass(frozen=True, slots=True)
class Update:
    """A stored article read again with new metadata: the changes taken, the fields kept."""

    source: str  # the input read again
    article: str  # the article id
    doc: str
    edits: tuple[Edit, ...]  # field changes, then the statement dates that followed
    kept: tuple[str, ...] = ()  # fields the input would change but the user set by hand


@dataclass
class IngestReport:
    """What an ingest run did: each input counted once, as stored, updated, duplicate or failed."""

    ingested: list[str] = field(default_factory=list)
    # Stored articles read again with new metadata; those that changed nothing (fields set
    # by hand kept) are counted as duplicates too.
    updated: list[Update] = field(default_factory=list)
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    statements: int = 0
    clustered: int = 0  # statements put into clusters of the same utterance
    scored: int = 0  # statement-topic scores stored
    rescored: tuple[str, ...] = ()  # topics whose new definition was applied to the corpus
    # Stored articles not in English (input, language code): kept without statements.
    other_languages: list[tuple[str, str]] = field(default_factory=list)
    # what cleaning removed and extraction left out of the stored articles, by (stage, reason)
    dropped: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Articles an interrupted run stored but left unclustered or unscored, finished first.
    recovered: int = 0
    # What reading repaired or left out of inputs that were read (input, warning).
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def left_out(self) -> str:
        """Return the dropped counts as one line: "cleaning: story list 3; attribution: ..."."""
        stages: dict[str, list[str]] = {}  # in the order the stages run
        for (stage, reason), count in self.dropped.items():
            stages.setdefault(stage, []).append(f"{reason} {count}")
        return "; ".join(f"{stage}: {', '.join(sorted(items))}" for stage, items in stages.items())


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    batch_size: int | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    aliases: str | Path | None = None,
    topics: str | Path | None = None,
    feeds: Iterable[str] = (),
    fetcher: Fetcher | None = None,
    engine: str | Engine | None = None,
    workers: int | str | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Read, clean, parse and store every article of `paths` (files, folders, URLs) and `feeds`.

    Articles already stored are skipped, or updated when the input says more of them.

    The parsing runs on `engine` with `workers` (default: the settings of those names;
    docs/scaling.md), or on an `Engine` already open (kept open after); this process stays
    the one writer, storing in input order, so the database is the same whichever engine
    parsed.

    Each statement's speaker joins the corpus's canonical speakers (with the alias file
    `aliases`, default: the `aliases` setting); the user's kept speaker edits are
    re-applied at the end. After each batch the new statements join clusters of the same
    utterance and are scored against the stored topics; a topics file (`topics`, default:
    the `topics` setting) is stored first, and a topic whose definition changed is scored
    again over the whole corpus. Web pages are fetched with `fetcher` (default: a polite
    `Fetcher` from the settings) and kept in the store with their article.
    """
    size = batch_size or settings.get_int("batch_size")
    report = IngestReport()
    finished = finish_pending(store)
    report.recovered = finished.articles
    report.clustered += finished.clustered
    report.scored += finished.scored
    defined = topics_file(topics)
    if defined:
        run = apply_topics(store, defined, only_changed=True)
        report.rescored = run.topics if run.articles else ()
    if store.cluster_backlog():  # a database upgraded from before local clustering
        report.clustered += update_clusters(store).statements
    index = SpeakerIndex(alias_book(aliases))  # speakers are matched as each batch is stored
    updates = _Updates(store, report)
    web = WebInputs(store, fetcher)
    seen: set[str] = set()

    def new_articles() -> Iterator[Article]:
        items = read_inputs(paths, web, feeds)
        for article in _prepared(items, report.failures, progress):
            report.warnings.extend((article.source, warning) for warning in article.warnings)
            if article.id in seen or store.has_article(article.id):
                web.keep(article.source, article.id)
            if article.id in seen:
                updates.later.append(article)  # compared once the first copy is stored
                if progress:
                    progress(article)
            elif store.has_article(article.id):
                again = list(updates.check(article))  # read again only for new dates
                if progress and not again:
                    progress(article)
                yield from again
            else:
                seen.add(article.id)
                yield article

    batch: list[ProcessedArticle] = []
    opened = (
        nullcontext(engine)
        if engine is not None and not isinstance(engine, str)
        else open_engine(engine, workers, model=model, scheduler=scheduler, batch_size=size)
    )
    with opened as parser:
        for result in parser.analyse(new_articles()):
            if progress:
                progress(result)
            if isinstance(result, Failure):
                report.failures.append(result)
            elif not updates.apply(result):
                batch.append(result)
            if len(batch) >= size:
                _save(store, batch, report, web, index)
                batch = []
        _save(store, batch, report, web, index)
        updates.take_later(parser)
    _replay_edits(store, report)
    report.duplicates += web.known
    return report


def _named(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _replay_edits(store: Store, report: IngestReport) -> None:
    """Re-apply the user's speaker and statement edits to what the run added or moved."""
    if report.ingested:
        report.clustered += replay_edits(store)


class _Updates:
    """Stored articles read again: what their new metadata changes, taken as it comes."""

    def __init__(self, store: Store, report: IngestReport) -> None:
        self.store = store
        self.report = report
        self.pending: dict[str, tuple[Article, FieldValues, tuple[str, ...]]] = {}
        self.later: list[Article] = []  # to check once the update pending for them is taken

    def check(self, article: Article) -> Iterator[Article]:
        """Count a stored article read again; yield it when its statements need new dates."""
        stored = self.store.article(article.id)
        values, kept = reingest_changes(
            stored, article.metadata, self.store.fixed_fields(article.id)
        )
        if not values and not kept:
            self.report.duplicates += 1
        elif needs_dating(values) and article.id in self.pending:
            self.later.append(article)
        elif needs_dating(values):
            self.pending[article.id] = (article, values, kept)
            yield article
        else:
            self._take(article, article, values, kept)

    def take_later(self, engine: Engine) -> None:
        """Check the articles read again within the run, now that their first copy is stored."""
        while self.later:
            again, self.later = self.later, []
            checked = (dated for article in again for dated in self.check(article))
            for result in engine.analyse(checked):
                if isinstance(result, Failure):
                    self.report.failures.append(result)
                else:
                    self.apply(result)

    def apply(self, result: ProcessedArticle) -> bool:
        """Take the update a freshly analysed article was read for; False if it is new."""
        if result.article.id not in self.pending:
            return False
        article, values, kept = self.pending.pop(result.article.id)
        self._take(article, result, values, kept)
        return True

    def _take(
        self,
        article: Article,
        processed: Article | ProcessedArticle,
        values: FieldValues,
        kept: tuple[str, ...],
    ) -> None:
        edits = apply_update(self.store, processed, values, article.source)
        if not edits:
            self.report.duplicates += 1  # nothing changed: fields set by hand were kept
        self.report.updated.append(Update(article.source, article.id, article.doc, edits, kept))


def alias_book(path: str | Path | None = None) -> AliasBook | None:
    """Read the alias file at `path`, else the one the `aliases` setting names, if any."""
    chosen = path if path is not None else settings.get("aliases")
    return read_alias_file(chosen) if chosen else None


def extract(
    paths: Iterable[str | Path], *, clean_text: bool = True, model: str | None = None
) -> Iterator[ProcessedArticle | Failure]:
    """Yield every article under `paths` with its statements, without a database."""
    failures: list[Failure] = []
    articles = _prepared(read_inputs(paths, WebInputs()), failures, None, clean_text=clean_text)
    for result in analyse_articles(articles, load_pipeline(model)):
        yield from _drain(failures)
        yield result
    yield from _drain(failures)


def extract_text(text: str, *, doc: str = "text", model: str | None = None) -> ProcessedArticle:
    """Return the statements of one text, taken exactly as given (no cleaning)."""
    raw = RawDocument(doc=doc, source=doc, format="txt", text=text)
    result = next(analyse_articles([prepare(raw, clean_text=False)], load_pipeline(model)))
    if isinstance(result, Failure):
        raise InputError(result.reason)
    return result


def _prepared(
    items: Iterable[RawDocument | Failure],
    failures: list[Failure],
    progress: Progress | None,
    *,
    clean_text: bool = True,
) -> Iterator[Article]:
    """Yield clean articles; unreadable inputs go to `failures` (and to `progress`)."""
    for item in items:
        if isinstance(item, Failure):
            failure = item
        else:
            try:
                article = prepare(item, clean_text=clean_text)
            except InputError as error:
                failure = Failure(item.source, error.message)
            except OnrecordError:  # a setting, not this input: the run cannot go on
                raise
            # Any other error is this input's failure: the run goes on with the others.
            except Exception as error:  # noqa: BLE001
                log.debug("cleaning %s failed", item.source, exc_info=True)
                failure = Failure(item.source, f"could not clean the article ({_named(error)})")
            else:
                yield article
                continue
        failures.append(failure)
        if progress:
            progress(failure)


def _stored(
    store: Store,
    batch: list[ProcessedArticle],
    report: IngestReport,
    assign: Assign | None = None,
) -> set[str]:
    """Store the batch in one transaction; if it is refused, each article alone, to name the
    one refused (its failure is reported and the others are stored).

    When no article of a batch of several can be stored, for one and the same reason, the
    fault is the database's (locked, full, read-only), not an article's: it is raised.
    """
    try:
        return set(store.save(batch, assign=assign))
    except StoreError:
        pass  # told apart below, one article at a time
    inserted: set[str] = set()
    refused: list[tuple[ProcessedArticle, StoreError]] = []
    for processed in batch:
        try:
            inserted.update(store.save([processed], assign=assign))
        except StoreError as refusal:
            refused.append((processed, refusal))
    if not inserted and len(refused) > 1 and len({e.message for _, e in refused}) == 1:
        first, why = refused[0]
        raise StoreError(
            f"cannot store {first.article.source} or the rest of its batch: {why.message}",
            hint=why.hint,
        )
    for processed, why in refused:
        reason = why.message.removeprefix("cannot store the batch: ")
        report.failures.append(Failure(processed.article.source, f"cannot store it: {reason}"))
    return inserted


def _drain(failures: list[Failure]) -> Iterator[Failure]:
    while failures:
        yield failures.pop(0)


def _save(
    store: Store,
    batch: list[ProcessedArticle],
    report: IngestReport,
    web: WebInputs,
    index: SpeakerIndex,
) -> None:
    """Store a batch (its speakers matched in the same transaction), then its derived data.

    An article another process stored since this run checked counts as a duplicate.
    """
    if not batch:
        return
    failed = len(report.failures)
    inserted = _stored(store, batch, report, index.assign)
    refused = {f.source for f in report.failures[failed:]}
    for processed in batch:
        web.keep(processed.article.source, processed.article.id)
    report.duplicates += sum(
        1 for p in batch if p.article.id not in inserted and p.article.source not in refused
    )
    new = [p.article.id for p in batch if p.article.id in inserted]
    report.ingested.extend(new)
    report.statements += sum(len(p.statements) for p in batch if p.article.id in inserted)
    report.other_languages.extend(
        (p.article.source, p.article.metadata.language)
        for p in batch
        if p.article.id in inserted and p.article.metadata.language != ENGLISH
    )
    for processed in batch:
        if processed.article.id in inserted:
            report.dropped.update({(d.stage, d.reason): d.count for d in processed.dropped})
    # With the new articles, those of the speakers a title was re-pointed from or to (their
    # clusters and events were forgotten when a batch taught the corpus a holder).
    done = bring_up_to_date(store, sorted({*new, *index.take_unsettled()}))
    report.clustered += done.clustered
    report.scored += done.scored
