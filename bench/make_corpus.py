"""Generate a large fictional news corpus, as article files or straight into a database.

    python bench/make_corpus.py N --seed S --out DIR [--format jsonl|txt]
    python bench/make_corpus.py N --seed S --db PATH [--undated SHARE] [--base B]

Everything is fiction, written from templates in this file: invented speakers (names,
titles, pronouns), outlets, places and policies. Speeches are given on days spread over a
period that ends on `END` (2025-12-31) and grows with N at `ARTICLES_PER_DAY` (40)
articles a day from `SPEAKERS` (200) speakers, so every size has the same density of news
per day and per speaker, and a larger corpus holds the same last days as a smaller one.
Each speech is reported by one to four outlets in different words: one outlet
quotes a sentence in one wording and another in a second wording (as two translations
would), a third reports it indirectly; some reports say the day ("on Tuesday"), others
leave only their publication date; with `--undated`, that share of articles states no
date at all. The same N, seed and share give the same corpus, byte for byte.

`--out` writes N articles for `onrecord ingest` (JSONL with `published`, `outlet`,
`title` and `url` fields, or plain text files with a date line). `--db` writes N
articles' records (`ProcessedArticle`, with statements, spans, speakers and dates)
through the store and then runs the corpus stage, without any NLP: a fast way to fill a
database with millions of statements for query and ingest benchmarks. With `--base B`
only the last B articles go through the store and the corpus stage; the database then
grows to N articles (rounded up to whole copies of B) by copies of them, each a whole
stretch of days earlier, made in SQL (bench/corpus_copies.py): a million statements in
minutes. See docs/scaling.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.models import (
    Article,
    Attribution,
    Kind,
    MentionKind,
    Metadata,
    Precision,
    ProcessedArticle,
    Span,
    Speaker,
    Statement,
    StatementDate,
    article_id,
)

END = dt.date(2025, 12, 31)
ARTICLES_PER_DAY = 40
SPEAKERS = 200
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

FIRST = tuple(
    [
        "Anwen",
        "Bexley",
        "Corin",
        "Dalla",
        "Edric",
        "Faye",
        "Garrow",
        "Hesper",
        "Ilsa",
        "Joren",
        "Kael",
        "Liora",
        "Maddox",
        "Nerys",
        "Oswin",
        "Perrin",
        "Quilla",
        "Rhosyn",
        "Soren",
        "Tamsin",
        "Ulric",
        "Vesna",
        "Wendel",
        "Xanthe",
        "Yorick",
        "Zella",
    ]
)
LAST = tuple(
    [
        "Ashcombe",
        "Brennock",
        "Calloway",
        "Dunmere",
        "Everholt",
        "Farrowby",
        "Glenning",
        "Harrowgate",
        "Iverly",
        "Jessamy",
        "Kettering",
        "Lowmarsh",
        "Mirrowen",
        "Northam",
        "Ostrey",
        "Pellingham",
        "Quarrie",
        "Ravensworth",
        "Stellan",
        "Thornbury",
        "Upwell",
        "Varrick",
        "Wendmoor",
        "Yarrowdale",
    ]
)
TITLES = (
    "Prime Minister",
    "Foreign Minister",
    "Finance Minister",
    "President",
    "Governor",
    "Senator",
    "Interior Minister",
    "Mayor",
)
PLACES = ("Dornholm", "Port Selden", "Grennock", "Korvhaven", "Vellmouth", "Ashby", "Tarrow")
OUTLETS = (
    "The Dornholm Courier",
    "Tidemark Wire",
    "The Northern Ledger",
    "Coastline Newswire",
    "The Vellmouth Sentinel",
    "The Iskarel Herald",
    "Port Selden Gazette",
    "Northcoast Dispatch",
    "The Harbour Post",
    "Calverran News Agency",
)
OCCASIONS = (
    "at a rally in {place}",
    "in a speech to parliament",
    "at a news conference in {place}",
    "in a meeting with visiting ministers in {place}",
    "in an address to the nation",
    "at a harbour workers' congress in {place}",
)
SUBJECTS = (
    "fishing quotas",
    "the harbour fund",
    "fuel prices",
    "the strait patrols",
    "rail links",
    "school budgets",
    "the grain tariff",
    "water rights",
    "the coastal levy",
    "border checks",
)
RIVALS = ("Morvask", "Iskarel", "the Federation", "the Littoral Council", "Calverra")
# Each claim in two direct wordings (as two translations of one sentence would differ)
# and one indirect form. Slots: {subject}, {rival}, {number}, {place}.
CLAIMS = (
    (
        "There will be no deal with {rival} on {subject}, nor will we negotiate under pressure.",
        "Neither a deal on {subject} with {rival} will happen, nor will we negotiate under "
        "pressure.",
        "there would be no deal with {rival} on {subject}",
    ),
    (
        "We will double the money for {subject} within {number} months.",
        "The money for {subject} will be doubled in the next {number} months.",
        "the money for {subject} would be doubled within {number} months",
    ),
    (
        "Nobody in {place} should pay for the mistakes made over {subject}.",
        "No one in {place} must pay the price of the errors over {subject}.",
        "nobody in {place} should pay for mistakes made over {subject}",
    ),
    (
        "Our door is open to {rival}, but only for talks about {subject}.",
        "The door stays open for {rival}, though talks can only be about {subject}.",
        "the door was open to {rival} for talks limited to {subject}",
    ),
    (
        "We have waited {number} years for a fair answer on {subject}.",
        "For {number} years we have been waiting for a fair answer about {subject}.",
        "the country had waited {number} years for a fair answer on {subject}",
    ),
    (
        "I will not sign any plan on {subject} that leaves {place} behind.",
        "No plan on {subject} that abandons {place} will carry my signature.",
        "no plan on {subject} leaving {place} behind would be signed",
    ),
)


@dataclass(frozen=True, slots=True)
class Person:
    """A fictional speaker."""

    first: str
    last: str
    title: str
    pronoun: str  # "he" | "she"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True, slots=True)
class Speech:
    """One appearance: a speaker, a day, an occasion and the sentences said."""

    person: Person
    day: dt.date
    occasion: str
    claims: tuple[tuple[int, dict[str, str]], ...]  # (claim template, slot values)


@dataclass
class Writer:
    """Builds one article's text and records the spans of what it writes."""

    parts: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> Span:
        span = Span(self.size, self.size + len(text))
        self.parts.append(text)
        self.size += len(text)
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)


def person(index: int) -> Person:
    """Return speaker number `index`: the same person in every corpus, whatever N or seed."""
    first = FIRST[index % len(FIRST)]
    last = LAST[(index // len(FIRST) + index * 7) % len(LAST)]
    suffix = "" if index < len(FIRST) * len(LAST) else f"-{index}"
    title = TITLES[index % len(TITLES)]
    return Person(first, f"{last}{suffix}", title, "she" if index % 2 else "he")


def speech(day: dt.date, rng: random.Random) -> Speech:
    """Return a speech given on `day` by one of the `SPEAKERS` (a few of them say most)."""
    weights = [1 / (rank + 1) for rank in range(SPEAKERS)]
    who = person(rng.choices(range(SPEAKERS), weights)[0])
    claims = tuple(
        (
            template,
            {
                "subject": rng.choice(SUBJECTS),
                "rival": rng.choice(RIVALS),
                "number": str(rng.randint(2, 40)),
                "place": rng.choice(PLACES),
            },
        )
        for template in rng.sample(range(len(CLAIMS)), 3)
    )
    return Speech(who, day, rng.choice(OCCASIONS).format(place=rng.choice(PLACES)), claims)


def report(
    speech: Speech, outlet: int, rng: random.Random, *, dated: bool = True
) -> ProcessedArticle:
    """Return one outlet's article about `speech`, with its statements' exact spans.

    An article not `dated` states neither its publication date nor the speech's day."""
    who = speech.person
    lag = rng.choice((0, 0, 1)) if speech.day < END else 0
    published = speech.day + dt.timedelta(days=lag) if dated else None
    outlet_name = OUTLETS[outlet % len(OUTLETS)]
    tells_day = rng.random() < 0.6 and dated
    writer = Writer()
    title = f"{who.last} speaks on {speech.claims[0][1]['subject']}"
    dateline = f"{published:%d %B %Y}\n" if published else ""
    writer.add(f"{title}\nBy {outlet_name} staff\n{dateline}\n")
    statements: list[Statement] = []
    shift = outlet % len(speech.claims)  # each outlet leads with another sentence
    claims = speech.claims[shift:] + speech.claims[:shift]
    when = f" on {WEEKDAYS[speech.day.weekday()]}" if tells_day else ""
    for number, (template, slots) in enumerate(claims):
        direct = CLAIMS[template][outlet % 2].format(**slots)
        indirect = CLAIMS[template][2].format(**slots)
        if number == 0:
            source = writer.add(f"{who.title} {who.name}")
            writer.add(" ")
            cue = writer.add("said")
            said_at = writer.add(when) if when else None
            writer.add(f" {speech.occasion} that ")
            content = writer.add(indirect)
            writer.add(".\n\n")
            kind = Kind.INDIRECT
        else:
            content = writer.add(f'"{direct[:-1]},"')
            writer.add(" ")
            source = writer.add(who.pronoun)
            writer.add(" ")
            cue = writer.add("said")
            writer.add(".\n\n")
            said_at = None
            kind = Kind.DIRECT
        said = StatementDate(
            speech.day,
            Precision.DAY,
            when.strip(),
            Span(said_at.start + 1, said_at.end) if said_at else None,
            "weekday before publication date" if said_at else "earlier statement",
        )
        statements.append(
            Statement(
                attribution=Attribution((source,), (cue,), (content,), kind),
                speaker=who.name,
                speaker_kind=MentionKind.PERSON,
                said_on=said if tells_day else None,
                canonical=Speaker(who.name, MentionKind.PERSON, (f"{who.title} {who.name}",)),
            )
        )
    text = writer.text
    stamp = f"{published:%Y%m%d}" if published else "undated"
    doc = f"gen-{stamp}-{outlet:02d}-{article_id(text)[:8]}"
    meta = Metadata(
        title=title,
        outlet=outlet_name,
        published=published,
        published_evidence=f"header: {published:%d %B %Y}" if published else None,
        url=f"https://news.example/{stamp}/{doc}",
    )
    return ProcessedArticle(Article(article_id(text), doc, doc, text, meta), tuple(statements))


def articles(n: int, seed: int, undated: float = 0.0) -> Iterator[ProcessedArticle]:
    """Yield `n` generated articles, day by day up to `END` (deterministic for `n`, `seed`).

    Every day but the first has `ARTICLES_PER_DAY` articles drawn from a generator seeded
    by (`seed`, day), so a larger corpus holds the same last days as a smaller one. A share
    `undated` of the articles state no date at all (drawn apart, so the rest are the same).
    """
    days = max(1, -(-n // ARTICLES_PER_DAY))
    first = END - dt.timedelta(days=days - 1)
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        wanted = ARTICLES_PER_DAY if offset else n - ARTICLES_PER_DAY * (days - 1)
        rng = random.Random(f"{seed}:{day.isoformat()}")
        dates = random.Random(f"{seed}:{day.isoformat()}:undated")
        made = 0
        while made < wanted:
            told = speech(day, rng)
            reports = min(wanted - made, rng.choice((1, 1, 2, 3, 4)))
            for outlet in rng.sample(range(len(OUTLETS)), reports):
                made += 1
                yield report(told, outlet, rng, dated=dates.random() >= undated)


def write_files(
    items: Sequence[ProcessedArticle] | Iterator[ProcessedArticle], out: Path, form: str
) -> int:
    """Write articles for `onrecord ingest`: one JSONL file, or one text file each."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    if form == "jsonl":
        with (out / "corpus.jsonl").open("w", encoding="utf-8") as handle:
            for item in items:
                meta = item.article.metadata
                row = {
                    "id": item.article.doc,
                    "text": item.article.text,
                    "title": meta.title,
                    "outlet": meta.outlet,
                    "published": meta.published.isoformat() if meta.published else None,
                    "url": meta.url,
                    "note": "fictional",
                }
                handle.write(json.dumps(row) + "\n")
                written += 1
        return written
    for item in items:
        (out / f"{item.article.doc}.txt").write_text(item.article.text, encoding="utf-8")
        written += 1
    return written


def fill_database(
    path: str | Path, n: int, seed: int, batch: int = 500, quiet: bool = False, undated: float = 0.0
) -> dict[str, float]:
    """Store `n` generated articles and run the corpus stage batch by batch, without NLP."""
    from onrecord.store import open_store
    from onrecord.store.sqlite import SQLiteStore

    started = time.perf_counter()
    with open_store(path) as store:
        if isinstance(store, SQLiteStore):
            # A page cache of 256 MB for the build (SQLite's default is 2 MB): the band-key
            # and statement indexes take inserts all over a file of gigabytes.
            store._db.execute("PRAGMA cache_size = -262144")
        pending: list[ProcessedArticle] = []
        done = 0
        for item in articles(n, seed, undated):
            pending.append(item)
            if len(pending) == batch:
                done += _store_batch(store, pending)
                pending = []
                if not quiet:
                    rate = done / (time.perf_counter() - started)
                    print(f"\r{done} articles, {rate:.0f}/s", end="", file=sys.stderr, flush=True)
        done += _store_batch(store, pending)
        counts = store.counts()
    if not quiet:
        print(file=sys.stderr)
    return {**counts, "seconds": round(time.perf_counter() - started, 1)}


def _store_batch(store: object, batch: list[ProcessedArticle]) -> int:
    """Store a batch as ingest does: the articles, then their clusters and topic scores, then
    the pending marks cleared (`bring_up_to_date`), so the database holds what ingest leaves."""
    from onrecord.pipeline.derived import bring_up_to_date

    if not batch:
        return 0
    inserted = store.save(batch)  # type: ignore[attr-defined]
    bring_up_to_date(store, inserted)  # type: ignore[arg-type]
    return len(inserted)


def key_speakers(path: str | Path) -> None:
    """Key the speakers' aliases the build stored unkeyed (`store.save` without `assign`),
    as an ingest stores them, so the first ingest into the database does not key them all."""
    from onrecord.speakers.canonical import SpeakerIndex
    from onrecord.store import open_store
    from onrecord.store.speaker_keys import KeyedSpeakers

    with open_store(path) as store, store._transaction() as db:  # type: ignore[attr-defined]
        SpeakerIndex()._key_pending(KeyedSpeakers(db))


def _fill_by_copies(args: argparse.Namespace) -> dict[str, float]:
    """Store `args.base` articles, then copies of them up to `args.n` articles."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.corpus_copies import add_copies

    if args.undated or args.base < 1 or args.base > args.n:
        raise SystemExit("--base needs 1 <= B <= N and no --undated")
    started = time.perf_counter()
    filled = fill_database(args.db, args.base, args.seed, quiet=args.quiet)
    copies = -(-args.n // args.base) - 1
    made = add_copies(args.db, copies, quiet=args.quiet)
    key_speakers(args.db)
    base = {f"base_{name}": value for name, value in filled.items()}
    return {
        **base,
        **made,
        "copies": copies,
        "articles": filled["articles"] * (copies + 1),
        "statements": filled["statements"] * (copies + 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, help="write article files into this directory")
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    parser.add_argument(
        "--db", type=str, help="store records in this database, a file or a PostgreSQL URL (no NLP)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--undated", type=float, default=0.0, help="share of articles stating no date (0-1)"
    )
    parser.add_argument(
        "--base", type=int, help="with --db: store B articles, then copy them up to N (SQLite)"
    )
    args = parser.parse_args(argv)
    if args.n < 1 or not (args.out or args.db):
        parser.error("give N >= 1 and --out DIR or --db PATH")
    if args.out:
        written = write_files(articles(args.n, args.seed, args.undated), args.out, args.format)
        print(f"wrote {written} article(s) to {args.out}")
    if args.db and args.base:
        print(json.dumps(_fill_by_copies(args)))
    elif args.db:
        filled = fill_database(args.db, args.n, args.seed, quiet=args.quiet, undated=args.undated)
        print(json.dumps(filled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
