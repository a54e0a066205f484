"""Score what onrecord makes of real news pages against their gold (docs/metrics.md).

`evaluate_pages(GOLD, PAGES.jsonl)` ingests the pages into a temporary database with the
normal pipeline, reads back what was stored, and scores it with `score_pages`, a pure
function of the gold and per-page records (so the scoring is tested on records made by hand).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from onrecord.eval.pages_gold import Gold, GoldPage, GoldStatement, fold, read_gold
from onrecord.ingest import read_paths
from onrecord.models import RawDocument, Segment, StatementView
from onrecord.pipeline.prepare import prepare
from onrecord.pipeline.run import ingest
from onrecord.store import Store, open_store

# Statements, dates, speakers and events are scored on pages in this language only:
# onrecord extracts statements from English; other pages count for metadata and language.
SCORED_LANGUAGE = "en"
# A domain name given as an outlet: its first label names the site.
DOMAIN = re.compile(r"([\w-]+)(?:\.[a-z]{2,})+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StoredStatement:
    """One statement onrecord stored for a page, with offsets into the page's own text."""

    id: int
    speaker: str | None  # the speaker's name as resolved within the article
    canonical: str | None = None  # the corpus-wide speaker's name
    speaker_id: int | None = None
    kind: str | None = None  # the corpus-wide speaker's kind: person, organisation, anonymous
    said_on: dt.date | None = None
    precision: str | None = None  # "day" (also when None), "month" or "year"
    event: int | None = None  # the stored speech event it belongs to
    spans: tuple[tuple[int, int], ...] = ()  # its content and source, in the page text


@dataclass(frozen=True, slots=True)
class PageResult:
    """What onrecord stored for one page: its metadata and statements."""

    id: str
    text: str = ""  # the page text as given (titles are compared against its ranges)
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    title: str | None = None
    statements: tuple[StoredStatement, ...] = ()


@dataclass(frozen=True, slots=True)
class Ratio:
    """A count of right answers out of the cases scored."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.right}/{self.total})"


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pairwise precision and recall of a grouping of units against the gold grouping."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else float(not self.gold)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else float(not self.predicted)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class DateScores:
    """Statement dates against the days the pages state."""

    right: int = 0  # gold statements with a day whose stored statements all carry that day
    total: int = 0  # gold statements with a day (on scored pages)
    wrong: int = 0  # stored statements of a gold speaker dated another day
    undated: int = 0  # gold statements with a day whose stored statements carry none
    unfound: int = 0  # gold statements with a day and no stored statement at all
    unsupported: int = 0  # stored statements dated where the page states no day

    @property
    def accuracy(self) -> Ratio:
        return Ratio(self.right, self.total)


@dataclass(frozen=True)
class PagesReport:
    """Every figure of one real-pages evaluation, with the per-page detail behind it."""

    pages: int
    scored_pages: int  # pages in SCORED_LANGUAGE
    missing: tuple[str, ...]  # gold pages with nothing stored (failed or duplicate)
    dates: DateScores
    speakers: dict[str, tuple[int, ...]]  # gold person -> canonical speaker ids found
    events: PairScores
    statements: int  # stored statements on scored pages
    person_statements: int  # ... of gold people
    pages_with_person: int  # scored pages with at least one statement of a gold person
    outlets: Ratio
    published: Ratio
    unsupported_published: int  # pages given a date where the gold states none
    languages: Ratio
    titles: Ratio
    caption_statements: int  # stored statements overlapping a gold caption
    details: tuple[str, ...] = field(default=(), repr=False)

    def figures(self) -> dict[str, float]:
        """Return the headline figures by name: dates, outlets, published, titles, ..."""
        return {
            "dates": self.dates.accuracy.value,
            "wrong_dates": float(self.dates.wrong),
            "event_f1": self.events.f1,
            "outlets": self.outlets.value,
            "published": self.published.value,
            "titles": self.titles.value,
            "languages": self.languages.value,
        }

    def format(self, *, per_page: bool = False) -> str:
        """Return the report as text (with one line per page when `per_page`)."""
        lines = list(self.details) + [""] if per_page else []
        return "\n".join(lines + _summary_lines(self))


def evaluate_pages(
    gold_path: str | Path, pages_path: str | Path, *, model: str | None = None
) -> PagesReport:
    """Ingest the pages into a temporary database and score what was stored."""
    gold = read_gold(gold_path)
    with (
        tempfile.TemporaryDirectory(prefix="onrecord-eval-pages-") as folder,
        open_store(Path(folder) / "pages.db") as store,
    ):
        ingest([str(pages_path)], store, model=model)
        results = stored_results(store, pages_path)
    return score_pages(gold, results)


def stored_results(store: Store, pages_path: str | Path) -> list[PageResult]:
    """Read back, per page, the metadata and statements `store` holds for the pages file."""
    raws = {
        item.doc: item for item in read_paths([str(pages_path)]) if isinstance(item, RawDocument)
    }
    event_of = {s.id: event.id for event in store.speech_events() for s in event.statements}
    kinds = {speaker.id: speaker.kind for speaker in store.speakers()}
    by_article: dict[str, list[StatementView]] = defaultdict(list)
    for view in store.statements():
        by_article[view.article].append(view)
    results = []
    for article in store.articles():
        raw = raws.get(article.doc)
        if raw is None:
            continue
        segments = prepare(raw).segments
        statements = tuple(
            StoredStatement(
                id=view.id,
                speaker=view.speaker_mention or view.speaker,
                canonical=view.speaker,
                speaker_id=view.speaker_id,
                kind=kinds.get(view.speaker_id),
                said_on=view.said_on,
                precision=view.said_on_precision,
                event=event_of.get(view.id),
                spans=tuple(
                    _raw_span(segments, start, end)
                    for role in ("content", "source")
                    for start, end in view.spans.get(role, ())
                ),
            )
            for view in by_article.get(article.id, ())
        )
        results.append(
            PageResult(
                id=article.doc,
                text=raw.text,
                outlet=article.outlet,
                published=article.published,
                language=article.language,
                title=article.title,
                statements=statements,
            )
        )
    return results


def _raw_span(segments: tuple[Segment, ...], start: int, end: int) -> tuple[int, int]:
    """Map a clean-text range to the raw text through the cleaning's segments."""
    return (_raw_offset(segments, start), _raw_offset(segments, max(start, end - 1)) + 1)


def _raw_offset(segments: tuple[Segment, ...], offset: int) -> int:
    for segment in segments:
        if segment.clean_start <= offset < segment.clean_start + segment.length:
            return segment.raw_start + offset - segment.clean_start
    return offset


def score_pages(gold: Gold, results: Iterable[PageResult]) -> PagesReport:
    """Score the stored results of each page against the gold (see docs/metrics.md)."""
    stored = {r.id: r for r in results}
    scored = [p for p in gold.pages if p.language == SCORED_LANGUAGE]
    assigned = {p.id: _assign(gold, p, stored.get(p.id)) for p in scored}
    outlets, published, unsupported_published, languages, titles = _metadata(gold, stored)
    person_statements = sum(len(pairs) for pairs in assigned.values())
    return PagesReport(
        pages=len(gold.pages),
        scored_pages=len(scored),
        missing=tuple(p.id for p in gold.pages if p.id not in stored),
        dates=_date_scores(scored, assigned),
        speakers=_speakers(assigned),
        events=_event_pairs(scored, assigned),
        statements=sum(len(stored[p.id].statements) for p in scored if p.id in stored),
        person_statements=person_statements,
        pages_with_person=sum(1 for pairs in assigned.values() if pairs),
        outlets=outlets,
        published=published,
        unsupported_published=unsupported_published,
        languages=languages,
        titles=titles,
        caption_statements=sum(
            _in_captions(p, stored[p.id]) for p in scored if p.id in stored and p.captions
        ),
        details=tuple(_page_line(p, stored.get(p.id), assigned.get(p.id, [])) for p in gold.pages),
    )


Pair = tuple[StoredStatement, GoldStatement]


def _assign(gold: Gold, page: GoldPage, result: PageResult | None) -> list[Pair]:
    """Pair each stored statement of a gold person on `page` with that person's gold event."""
    if result is None:
        return []
    pairs = []
    for statement in result.statements:
        names = [n for n in (statement.speaker, statement.canonical) if n]
        candidates = [
            g
            for g in page.statements
            if any(gold.person(g.speaker).named_by(name, statement.kind) for name in names)
        ]
        if not candidates:
            continue
        speaker = candidates[0].speaker
        own = [g for g in candidates if g.speaker == speaker]
        pairs.append((statement, min(own, key=lambda g: _distance(statement, g))))
    return pairs


def _distance(statement: StoredStatement, gold: GoldStatement) -> int:
    """Characters between a stored statement's spans and a gold statement's `at` range."""
    if gold.at is None or not statement.spans:
        return 0
    start, end = gold.at
    return min(max(0, s - end, start - e) for s, e in statement.spans)


def _date_scores(pages: list[GoldPage], assigned: dict[str, list[Pair]]) -> DateScores:
    right = total = wrong = undated = unfound = unsupported = 0
    for page in pages:
        pairs = assigned[page.id]
        for gold in page.statements:
            found = [s for s, g in pairs if g is gold]
            if gold.said_on is None:
                unsupported += sum(1 for s in found if _names_a_day(s))
                continue
            total += 1
            claims = [_claim(s, gold.said_on) for s in found]
            wrong += claims.count("wrong")
            if "right" in claims and "wrong" not in claims:
                right += 1
            elif not found:
                unfound += 1
            elif "wrong" not in claims:
                undated += 1
    return DateScores(right, total, wrong, undated, unfound, unsupported)


def _names_a_day(statement: StoredStatement) -> bool:
    return statement.said_on is not None and (statement.precision or "day") == "day"


def _claim(statement: StoredStatement, day: dt.date) -> str:
    """Whether a stored date names the gold day ("right"), another ("wrong"), or no day."""
    said_on = statement.said_on
    if said_on is None:
        return "none"
    precision = statement.precision or "day"
    if precision == "day":
        return "right" if said_on == day else "wrong"
    same = said_on.year == day.year and (precision == "year" or said_on.month == day.month)
    return "none" if same else "wrong"  # a month or year holding the day names no day


def _speakers(assigned: dict[str, list[Pair]]) -> dict[str, tuple[int, ...]]:
    found: dict[str, set[int]] = defaultdict(set)
    for pairs in assigned.values():
        for statement, gold in pairs:
            ids = found[gold.speaker]
            if statement.speaker_id is not None:
                ids.add(statement.speaker_id)
    return {person: tuple(sorted(ids)) for person, ids in sorted(found.items())}


def _event_pairs(pages: list[GoldPage], assigned: dict[str, list[Pair]]) -> PairScores:
    """Pairwise scores over (page, gold event) units; a unit's stored event is its majority."""
    units: list[tuple[str, object]] = []
    for page in pages:
        for event in dict.fromkeys(g.event for g in page.statements):
            votes = Counter(
                s.event for s, g in assigned[page.id] if g.event == event and s.event is not None
            )
            best = min(votes, key=lambda e: (-votes[e], e)) if votes else ("none", page.id, event)
            units.append((event, best))
    gold_pairs = _pairs([gold for gold, _ in units])
    predicted = _pairs([found for _, found in units])
    return PairScores(len(predicted), len(gold_pairs), len(predicted & gold_pairs))


def _pairs(labels: list[object]) -> set[tuple[int, int]]:
    """Return the pairs of positions whose labels are equal."""
    return {(a, b) for a, b in combinations(range(len(labels)), 2) if labels[a] == labels[b]}


def _metadata(gold: Gold, stored: dict[str, PageResult]) -> tuple[Ratio, Ratio, int, Ratio, Ratio]:
    outlets, published, languages, titles = (Counter[str]() for _ in range(4))
    unsupported = 0
    for page in gold.pages:
        result = stored.get(page.id) or PageResult(page.id)
        if page.outlet is not None:
            outlets["total"] += 1
            outlets["right"] += same_outlet(result.outlet, page.outlet)
        if page.published is not None:
            published["total"] += 1
            published["right"] += result.published == page.published
        elif result.published is not None:
            unsupported += 1
        languages["total"] += 1
        languages["right"] += result.language == page.language
        if page.title is not None and result.text:
            titles["total"] += 1
            expected = " ".join(result.text[page.title[0] : page.title[1]].split())
            titles["right"] += " ".join((result.title or "").split()) == expected
    return (
        Ratio(outlets["right"], outlets["total"]),
        Ratio(published["right"], published["total"]),
        unsupported,
        Ratio(languages["right"], languages["total"]),
        Ratio(titles["right"], titles["total"]),
    )


def same_outlet(found: str | None, expected: str) -> bool:
    """Return whether an outlet name names the expected outlet (case, accents, spaces, "The";
    a domain by its name: "civilserviceworld.com" names "Civil Service World")."""
    if not found:
        return False

    def key(name: str) -> str:
        words = fold(name).split()
        return "".join(words[1:] if words[:1] == ["the"] else words)

    domain = DOMAIN.fullmatch(found.strip())
    return key(found) == key(expected) or bool(domain and key(domain.group(1)) == key(expected))


def _in_captions(page: GoldPage, result: PageResult) -> int:
    return sum(
        1
        for s in result.statements
        if any(a < ce and cs < b for a, b in s.spans for cs, ce in page.captions)
    )


def _page_line(page: GoldPage, result: PageResult | None, pairs: list[Pair]) -> str:
    if result is None:
        return f"{page.id}: nothing stored"
    days = []
    for gold in page.statements:
        found = sorted({str(s.said_on) for s, g in pairs if g is gold})
        days.append(f"{gold.speaker} {gold.said_on} -> {'/'.join(found) or 'no statement'}")
    return (
        f"{page.id}: outlet {result.outlet!r} (gold {page.outlet!r}); published "
        f"{result.published} (gold {page.published}); language {result.language} "
        f"(gold {page.language}); {len(result.statements)} statements; " + "; ".join(days)
    )


def _summary_lines(report: PagesReport) -> list[str]:
    people, dates = report.speakers, report.dates
    one = sum(1 for ids in people.values() if len(ids) == 1)
    per_page = report.statements / report.scored_pages if report.scored_pages else 0.0
    lines = [
        f"pages: {report.pages} ({report.scored_pages} in {SCORED_LANGUAGE}); "
        f"nothing stored for {len(report.missing)}",
        f"statement dates: {dates.accuracy} where the page states the day; "
        f"wrong dates: {dates.wrong}; undated: {dates.undated}; no statement: "
        f"{dates.unfound}; dated where the page states no day: {dates.unsupported}",
        f"speakers per person: {one} of {len(people)} people under one speaker; "
        + ", ".join(f"{name} {len(ids)}" for name, ids in people.items()),
        f"events: pairwise precision {report.events.precision:.3f}, recall "
        f"{report.events.recall:.3f}, F1 {report.events.f1:.3f} "
        f"({report.events.matched} of {report.events.predicted} predicted pairs, "
        f"{report.events.gold} gold)",
        f"statements per page: {per_page:.2f} ({report.statements} on {report.scored_pages} "
        f"pages; {report.person_statements} of gold people, on {report.pages_with_person} pages)",
        f"statements from captions: {report.caption_statements}",
        f"outlets: {report.outlets}",
        f"publication dates: {report.published}; dated where the page states none: "
        f"{report.unsupported_published}",
        f"titles: {report.titles}",
        f"languages: {report.languages}",
        f"date_accuracy={dates.accuracy.value:.3f} wrong_dates={dates.wrong}",
    ]
    return lines
