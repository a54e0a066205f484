"""Run the per-article stages over many inputs: into the store (ingest) or out as records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from onrecord import settings
from onrecord.errors import InputError
from onrecord.ingest import read_paths
from onrecord.models import Article, Failure, ProcessedArticle, RawDocument
from onrecord.nlp import load_pipeline
from onrecord.pipeline.analyse import analyse_articles
from onrecord.pipeline.corpus import update_clusters
from onrecord.pipeline.prepare import prepare
from onrecord.pipeline.topics import apply_topics, score_articles, topics_file
from onrecord.speakers import AliasBook, SpeakerIndex, read_alias_file
from onrecord.store import Store

Progress = Callable[[ProcessedArticle | Failure], None]


@dataclass
class IngestReport:
    """What an ingest run did: every input is counted once, as stored, duplicate or failed."""

    ingested: list[str] = field(default_factory=list)
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    statements: int = 0
    clustered: int = 0  # statements put into clusters of the same utterance
    scored: int = 0  # statement-topic scores stored
    rescored: tuple[str, ...] = ()  # topics whose new definition was applied to the corpus

    @property
    def ok(self) -> bool:
        return not self.failures


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    batch_size: int | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    aliases: str | Path | None = None,
    topics: str | Path | None = None,
) -> IngestReport:
    """Read, clean, parse and store every article under `paths`; skip ones already stored.

    Each statement's speaker joins the corpus's canonical speakers (with the alias file
    `aliases`, default: the `aliases` setting); the user's kept speaker edits are
    re-applied at the end. After each batch the new statements join clusters of the same
    utterance and are scored against the stored topics; a topics file (`topics`, default:
    the `topics` setting) is stored first, and a topic whose definition changed is scored
    again over the whole corpus.
    """
    size = batch_size or settings.get_int("batch_size")
    report = IngestReport()
    defined = topics_file(topics)
    if defined:
        run = apply_topics(store, defined, only_changed=True)
        report.rescored = run.topics if run.articles else ()
    if store.cluster_backlog():  # a database upgraded from before local clustering
        report.clustered += update_clusters(store).statements
    index = SpeakerIndex(store.speaker_records(), alias_book(aliases))
    seen: set[str] = set()

    def new_articles() -> Iterator[Article]:
        for article in _prepared(paths, report.failures, progress):
            if article.id in seen or store.has_article(article.id):
                report.duplicates += 1
                continue
            seen.add(article.id)
            yield article

    batch: list[ProcessedArticle] = []
    for result in analyse_articles(new_articles(), load_pipeline(model), batch_size=size):
        if progress:
            progress(result)
        if isinstance(result, Failure):
            report.failures.append(result)
            continue
        batch.append(index.assign(result))
        if len(batch) >= size:
            _save(store, batch, report)
            batch = []
    _save(store, batch, report)
    if report.ingested and store.replay_speaker_edits():
        report.clustered += update_clusters(store).statements
    return report


def alias_book(path: str | Path | None = None) -> AliasBook | None:
    """Read the alias file at `path`, else the one the `aliases` setting names, if any."""
    chosen = path if path is not None else settings.get("aliases")
    return read_alias_file(chosen) if chosen else None


def extract(
    paths: Iterable[str | Path], *, clean_text: bool = True, model: str | None = None
) -> Iterator[ProcessedArticle | Failure]:
    """Yield every article under `paths` with its statements, without a database."""
    failures: list[Failure] = []
    articles = _prepared(paths, failures, None, clean_text=clean_text)
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
    paths: Iterable[str | Path],
    failures: list[Failure],
    progress: Progress | None,
    *,
    clean_text: bool = True,
) -> Iterator[Article]:
    """Yield clean articles; unreadable inputs go to `failures` (and to `progress`)."""
    for item in read_paths(paths):
        if isinstance(item, Failure):
            failure = item
        else:
            try:
                yield prepare(item, clean_text=clean_text)
                continue
            except InputError as error:
                failure = Failure(item.source, error.message)
        failures.append(failure)
        if progress:
            progress(failure)


def _drain(failures: list[Failure]) -> Iterator[Failure]:
    while failures:
        yield failures.pop(0)


def _save(store: Store, batch: list[ProcessedArticle], report: IngestReport) -> None:
    if not batch:
        return
    inserted = set(store.save(batch))
    new = [p.article.id for p in batch if p.article.id in inserted]
    report.ingested.extend(new)
    report.statements += sum(len(p.statements) for p in batch if p.article.id in inserted)
    report.clustered += update_clusters(store, statements=store.article_statements(new)).statements
    report.scored += score_articles(store, new)
