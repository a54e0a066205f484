"""The SQL that stores a processed article: its row, segments, statements and spans.

Functions here take an open connection and run inside the caller's transaction; the
store (`sqlite.SQLiteStore`) owns transactions and turns sqlite3 errors into StoreErrors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from onrecord.errors import StoreError
from onrecord.models import (
    Article,
    Attribution,
    Kind,
    MentionKind,
    ProcessedArticle,
    Span,
    Speaker,
    Statement,
)
from onrecord.store import speakers as speaker_sql
from onrecord.store.dialect import Connection

ROLES = ("source", "cue", "content")
JOINER = " … "  # between the texts of the spans of one role


def validate(processed: ProcessedArticle) -> None:
    """Raise StoreError unless every offset of the article lies inside its text."""
    article = processed.article
    size = len(article.text)
    where = f"article {article.id} ({article.doc})"
    if not article.id:
        raise StoreError(f"{where}: empty article id", hint="ids come from models.article_id")
    _check_text(where, article)
    for seq, segment in enumerate(article.segments):
        end = segment.clean_start + segment.length
        if min(segment.clean_start, segment.raw_start, segment.length) < 0 or end > size:
            raise StoreError(
                f"{where}: segment {seq} [{segment.clean_start}, {end}) is outside the text "
                f"(length {size})",
                hint="this is a bug in the stage that made the segment; nothing was stored",
            )
    for seq, caption in enumerate(article.captions):
        if caption.end > size:
            raise StoreError(
                f"{where}: caption {seq} [{caption.start}, {caption.end}) is outside the text "
                f"(length {size})",
                hint="this is a bug in the cleaning that marked it; nothing was stored",
            )
    for index, statement in enumerate(processed.statements):
        spans: list[tuple[str, Span]] = [
            (role, span) for role in ROLES for span in getattr(statement.attribution, role)
        ]
        if statement.speaker_span is not None:
            spans.append(("speaker", statement.speaker_span))
        if statement.said_on is not None and statement.said_on.span is not None:
            spans.append(("said_on", statement.said_on.span))
        if statement.occasion is not None:
            spans.append(("occasion", statement.occasion.span))
        for role, span in spans:
            if not 0 <= span.start <= span.end <= size:
                raise StoreError(
                    f"{where}: statement {index}: {role} span [{span.start}, {span.end}) "
                    f"is outside the text (length {size})",
                    hint="this is a bug in the stage that made the span; nothing was stored",
                )
        try:
            Kind(statement.attribution.kind)
            MentionKind(statement.speaker_kind)
        except ValueError as exc:
            raise StoreError(f"{where}: statement {index}: {exc}") from exc


def _check_text(where: str, article: Article) -> None:
    """Refuse a string SQLite cannot store as UTF-8 text (a lone surrogate), naming its field."""
    meta = article.metadata
    fields = {
        "text": article.text,
        "doc": article.doc,
        "source": article.source,
        "title": meta.title,
        "outlet": meta.outlet,
        "url": meta.url,
        "published_evidence": meta.published_evidence,
    }
    for name, value in fields.items():
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start]
            raise StoreError(
                f"{where}: its {name} holds U+{ord(bad):04X} at {exc.start}, which is not text",
                hint="a reader should have replaced it; nothing of the article was stored",
            ) from exc


def _anchor(attribution: Attribution, size: int) -> int:
    """Return where a statement sits in the text: its content's start, else any span's."""
    spans = attribution.content or attribution.source + attribution.cue
    return min((span.start for span in spans), default=size)


def insert_article(
    db: Connection,
    processed: ProcessedArticle,
    speakers: dict[object, int],
    *,
    by_mention: bool = True,
) -> None:
    """Insert one validated article with its segments, statements and spans, marked pending.

    With `by_mention`, a statement with no canonical speaker gets one named as mentioned;
    without, it is stored without a speaker (the corpus stage left it unresolved).
    """
    article, meta = processed.article, processed.article.metadata
    db.execute(
        "INSERT INTO articles (id, doc, source, outlet, title, published, "
        "published_evidence, url, language, text, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.doc,
            article.source,
            meta.outlet,
            meta.title,
            meta.published.isoformat() if meta.published else None,
            meta.published_evidence,
            meta.url,
            meta.language,
            article.text,
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        ),
    )
    db.executemany(
        "INSERT INTO article_segments (article_id, seq, clean_start, raw_start, length) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (article.id, seq, seg.clean_start, seg.raw_start, seg.length)
            for seq, seg in enumerate(article.segments)
        ],
    )
    db.executemany(
        "INSERT INTO article_captions (article_id, seq, start, end_) VALUES (?, ?, ?, ?)",
        [(article.id, seq, c.start, c.end) for seq, c in enumerate(article.captions)],
    )
    size = len(article.text)
    ordered = sorted(
        enumerate(processed.statements),
        key=lambda item: (_anchor(item[1].attribution, size), item[0]),
    )
    for position, (_, statement) in enumerate(ordered):
        _insert_statement(db, article.id, article.text, position, statement, speakers, by_mention)
    # Cleared once the article's derived data (clusters, topic scores) is written.
    db.execute("INSERT INTO pending_articles (article_id) VALUES (?)", (article.id,))


def pending_articles(db: Connection) -> list[str]:
    """Return the stored articles whose clusters and topic scores are not yet written."""
    return [row[0] for row in db.execute("SELECT article_id FROM pending_articles ORDER BY 1")]


def clear_pending(db: Connection, articles: Sequence[str]) -> None:
    """Take the pending mark off `articles`: their derived data is up to date."""
    db.executemany("DELETE FROM pending_articles WHERE article_id = ?", [(a,) for a in articles])


def _insert_statement(
    db: Connection,
    article_id: str,
    text: str,
    position: int,
    statement: Statement,
    speakers: dict[object, int],
    by_mention: bool,
) -> None:
    """Insert one statement and its spans, creating or updating its speaker."""
    attribution = statement.attribution
    speaker_kind = MentionKind(statement.speaker_kind).value
    mention = speaker_sql.collapse(statement.speaker)
    speaker = statement.canonical
    if speaker is None and mention is not None and by_mention:
        speaker = Speaker(mention, MentionKind(speaker_kind))
    speaker_id = None
    if speaker is not None:
        if speaker not in speakers:  # a speaker written once per batch and state
            speakers[speaker] = speaker_sql.write_speaker(db, speaker)
        speaker_id = speakers[speaker]
        if mention is not None:
            speaker_sql.add_aliases(db, speaker_id, [mention])
    said_on, occasion = statement.said_on, statement.occasion
    joined = {
        role: JOINER.join(span.text(text) for span in getattr(attribution, role)) for role in ROLES
    }
    content, channel = attribution.content, attribution.channel
    speaker_span = statement.speaker_span
    statement_id = db.execute(
        "INSERT INTO statements (article_id, position, speaker_id, speaker_kind, "
        "speaker_start, speaker_end, kind, confidence, source_text, cue_text, "
        "content_text, content_start, content_end, speaker_mention, said_on, "
        "said_on_precision, said_on_expression, said_on_start, said_on_end, said_on_method, "
        "occasion_text, occasion_start, occasion_end, channel_text, channel_start, "
        "channel_end, published) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "(SELECT published FROM articles WHERE id = ?)) RETURNING id",
        (
            article_id,
            position,
            speaker_id,
            speaker_kind,
            speaker_span.start if speaker_span else None,
            speaker_span.end if speaker_span else None,
            Kind(attribution.kind).value,
            attribution.confidence,
            joined["source"],
            joined["cue"],
            joined["content"],
            min(span.start for span in content) if content else None,
            max(span.end for span in content) if content else None,
            mention,
            said_on.value.isoformat() if said_on and said_on.value else None,
            said_on.precision.value if said_on and said_on.precision else None,
            said_on.expression if said_on else None,
            said_on.span.start if said_on and said_on.span else None,
            said_on.span.end if said_on and said_on.span else None,
            said_on.method if said_on else None,
            occasion.text if occasion else None,
            occasion.span.start if occasion else None,
            occasion.span.end if occasion else None,
            JOINER.join(span.text(text) for span in channel) if channel else None,
            min(span.start for span in channel) if channel else None,
            max(span.end for span in channel) if channel else None,
            article_id,
        ),
    ).fetchone()[0]
    db.executemany(
        "INSERT INTO statement_spans (statement_id, role, seq, start, end_) VALUES (?, ?, ?, ?, ?)",
        [
            (statement_id, role, seq, span.start, span.end)
            for role in ROLES
            for seq, span in enumerate(getattr(attribution, role))
        ],
    )
