"""Grow a generated database by copies of its own stretch of days, earlier in time, in SQL.

`make_corpus.py N --db PATH --base B` stores the last B articles through the store and
the corpus stage (as ingest would), then calls `add_copies`: each copy k repeats those
articles `k * span` days earlier (`span` is the base's days rounded up to whole weeks, so
"on Tuesday" still names the right day). A copy is an article in its own right: its
dateline, publication date, said-on dates, URL and id (the hash of its text) are its
own, its spans still reproduce its text exactly (they move with the dateline's length),
and its clusters, band keys, links and speech events are the base's, moved by the same
days, with statement, cluster and event ids moved by `k * offset` (offset: the base's
largest statement id; cluster and event ids are statement ids). The rows are copied by
`INSERT ... SELECT`, so the triggers keep the full-text index and the speaker counts as
they would for stored articles; only the article rows pass through Python.

What a copy is not: news of its own. The same speeches come back every `span` days
(as the same templates would in a longer generated corpus), and no cluster or event
joins two copies, since they lie `span` days apart.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time

from onrecord.models import article_id

# Dates in a generated article's header line ("30 August 2025").
DATELINE = "%d %B %Y"
# Statement columns holding offsets into the article text: they move with the dateline.
OFFSET_COLUMNS = frozenset(
    {
        "speaker_start", "speaker_end", "content_start", "content_end", "said_on_start",
        "said_on_end", "occasion_start", "occasion_end", "channel_start", "channel_end",
    }
)  # fmt: skip
# Days left empty between copies, so no cluster or event of a rebuild joins two copies
# (clusters link statements at most 8 days apart on generated corpora).
GAP_DAYS = 28
# Statement columns holding dates: they move with the copy.
DATE_COLUMNS = frozenset({"said_on", "published"})


def add_copies(path: str, copies: int, quiet: bool = False) -> dict[str, int]:
    """Add `copies` copies of every article of the generated database at `path`, each
    `k * span` days earlier; return the span in days and the statement id offset."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA cache_size = -262144")
        _refuse_unsupported(db)
        span, offset = _span_days(db), _offset(db)
        db.execute("CREATE TEMP TABLE base_articles AS SELECT id FROM articles")
        for k in range(1, copies + 1):
            started = time.perf_counter()
            db.execute("BEGIN")
            _copy(db, k, span, offset)
            db.execute("COMMIT")
            if not quiet:
                took = time.perf_counter() - started
                print(f"copy {k} of {copies}: {took:.0f} s", file=sys.stderr, flush=True)
    finally:
        db.close()
    return {"span_days": span, "id_offset": offset}


def _refuse_unsupported(db: sqlite3.Connection) -> None:
    """Copies are made of generated articles only: dated, with no segments or captions."""
    undated = db.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0]
    extra = db.execute(
        "SELECT (SELECT count(*) FROM article_segments) + (SELECT count(*) FROM article_captions)"
    ).fetchone()[0]
    if undated or extra:
        raise SystemExit("copies need generated articles, all dated (no --undated)")


def _span_days(db: sqlite3.Connection) -> int:
    """Days from the base's first said-on or publication day to its last and `GAP_DAYS`
    more, in whole weeks."""
    first, last = db.execute(
        "SELECT min(min(coalesce(said_on, published)), min(published)), max(published) "
        "FROM statements"
    ).fetchone()
    days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1 + GAP_DAYS
    return -(-days // 7) * 7


def _offset(db: sqlite3.Connection) -> int:
    """The base's largest statement, cluster or event id: copy k's ids are moved by k times it."""
    row = db.execute(
        "SELECT max((SELECT max(id) FROM statements), "
        "coalesce((SELECT max(cluster_id) FROM statement_clusters), 0), "
        "coalesce((SELECT max(id) FROM speech_events), 0))"
    ).fetchone()
    return int(row[0])


def _copy(db: sqlite3.Connection, k: int, span: int, offset: int) -> None:
    """Write copy `k`: its articles from Python, every other row by INSERT ... SELECT."""
    shift = f"-{k * span} days"
    moved = k * offset
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS copy_map (old TEXT PRIMARY KEY, new TEXT, delta INT)"
    )
    db.execute("DELETE FROM copy_map")
    _copy_articles(db, k * span)
    columns = [row[1] for row in db.execute("PRAGMA table_info(statements)")]
    chosen = ", ".join(_statement_value(c) for c in columns)
    db.execute(
        f"INSERT INTO statements ({', '.join(columns)}) SELECT {chosen} "
        "FROM statements s JOIN copy_map m ON m.old = s.article_id WHERE s.id <= :offset "
        "ORDER BY s.id",
        {"moved": moved, "shift": shift, "offset": offset},
    )
    for sql in _DERIVED:
        db.execute(sql, {"moved": moved, "shift": shift, "offset": offset})


def _statement_value(column: str) -> str:
    if column == "id":
        return "s.id + :moved"
    if column == "article_id":
        return "m.new"
    if column in OFFSET_COLUMNS:
        return f"s.{column} + m.delta"
    if column in DATE_COLUMNS:
        return f"date(s.{column}, :shift)"
    return f"s.{column}"


# Rows hanging off statements: ids moved, dates moved, offsets moved with their article.
_DERIVED = (
    "INSERT INTO statement_spans (statement_id, role, seq, start, end_) "
    "SELECT p.statement_id + :moved, p.role, p.seq, p.start + m.delta, p.end_ + m.delta "
    "FROM statement_spans p JOIN statements s ON s.id = p.statement_id "
    "JOIN copy_map m ON m.old = s.article_id WHERE p.statement_id <= :offset",
    "INSERT INTO statement_topics SELECT statement_id + :moved, topic, score, relevant, stance, "
    "qualifier, confidence, cues FROM statement_topics WHERE statement_id <= :offset",
    "INSERT INTO statement_clusters (statement_id, cluster_id, speaker_id, placed_on, exact, "
    "ambiguous) SELECT statement_id + :moved, cluster_id + :moved, speaker_id, "
    "date(placed_on, :shift), exact, ambiguous FROM statement_clusters "
    "WHERE statement_id <= :offset ORDER BY statement_id",
    "INSERT INTO statement_bands (key, statement_id) SELECT key, statement_id + :moved "
    "FROM statement_bands WHERE statement_id <= :offset",
    "INSERT INTO cluster_links (a, b, how, score) SELECT a + :moved, b + :moved, how, score "
    "FROM cluster_links WHERE a <= :offset",
    "INSERT INTO speech_events (id, speaker_id, said_on, occasion) SELECT id + :moved, "
    "speaker_id, date(said_on, :shift), occasion FROM speech_events WHERE id <= :offset",
    "INSERT INTO speech_event_statements (event_id, statement_id) SELECT event_id + :moved, "
    "statement_id + :moved FROM speech_event_statements WHERE statement_id <= :offset",
)


def _copy_articles(db: sqlite3.Connection, days: int) -> None:
    """Insert copies of the base's articles `days` earlier, with their own dateline and id,
    and fill `copy_map` (old id, new id, how far the text after the dateline moved)."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(articles)")]
    rows = db.execute(
        f"SELECT {', '.join(columns)} FROM articles WHERE id IN (SELECT id FROM base_articles) "
        "ORDER BY rowid"
    ).fetchall()
    copied, mapped = [], []
    for row in rows:
        record = dict(zip(columns, row, strict=True))
        new, delta = _moved_article(record, days)
        copied.append(tuple(new[c] for c in columns))
        mapped.append((record["id"], new["id"], delta))
    marks = ", ".join("?" for _ in columns)
    db.executemany(f"INSERT INTO articles ({', '.join(columns)}) VALUES ({marks})", copied)
    db.executemany("INSERT INTO copy_map (old, new, delta) VALUES (?, ?, ?)", mapped)


def _moved_article(record: dict[str, object], days: int) -> tuple[dict[str, object], int]:
    """Return the article `record` `days` earlier (dateline, dates, id, doc and URL its own)
    and how many characters its text after the dateline moved."""
    old = dt.date.fromisoformat(str(record["published"]))
    new = old - dt.timedelta(days=days)
    text = str(record["text"])
    before, after = f"\n{old:{DATELINE}}\n", f"\n{new:{DATELINE}}\n"
    if before not in text:
        raise SystemExit(f"article {record['id']} has no dateline {before.strip()!r}")
    moved_text = text.replace(before, after, 1)
    new_id = article_id(moved_text)
    kind, _, outlet, _ = str(record["doc"]).split("-")
    doc = f"{kind}-{new:%Y%m%d}-{outlet}-{new_id[:8]}"
    copy = {
        **record,
        "id": new_id,
        "doc": doc,
        "source": doc,
        "published": new.isoformat(),
        "published_evidence": f"header: {new:{DATELINE}}",
        "url": f"https://news.example/{new:%Y%m%d}/{doc}",
        "text": moved_text,
    }
    return copy, len(after) - len(before)
