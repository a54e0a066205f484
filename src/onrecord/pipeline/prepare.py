"""From a decoded input document to a clean Article with metadata (no parsing)."""

from __future__ import annotations

from dataclasses import replace

from onrecord import settings
from onrecord.cleaning import clean
from onrecord.errors import InputError
from onrecord.ingest.metadata import extract_metadata, parse_date
from onrecord.models import Article, CleanText, Metadata, RawDocument, Segment, article_id


def prepare(raw: RawDocument, *, clean_text: bool = True) -> Article:
    """Clean `raw` (unless `clean_text` is false), read its metadata and make an Article."""
    check_length(raw.text)
    cleaned = _cleaned(raw.text) if clean_text else _verbatim(raw.text)
    if not cleaned.text.strip():
        raise InputError("no article text left after removing site boilerplate")
    return Article(
        id=article_id(cleaned.text),
        doc=raw.doc,
        source=raw.source,
        text=cleaned.text,
        metadata=_with_stated(extract_metadata(cleaned, raw), raw),
        segments=cleaned.segments,
        captions=cleaned.captions,
        removed=cleaned.removed,
        warnings=raw.warnings,
    )


def check_length(text: str) -> None:
    """Refuse a text longer than the `max_article_chars` setting, saying how to go on."""
    limit = settings.get_int("max_article_chars")
    if len(text) > limit:
        raise InputError(
            f"article text is {len(text):,} characters, over the limit of max_article_chars "
            f"({limit:,}); split it into smaller articles, or raise the setting "
            "(ONRECORD_MAX_ARTICLE_CHARS=<characters>; parsing takes about 1 GB of memory "
            "per 200,000 characters)"
        )


def _with_stated(metadata: Metadata, raw: RawDocument) -> Metadata:
    """Mark the fields whose value is the one the input stated (its hints), not an inference."""
    stated = {
        name
        for name in ("title", "outlet", "url")
        if raw.hints.get(name) and getattr(metadata, name) is not None
    }
    published = raw.hints.get("published")
    if published and metadata.published is not None and parse_date(published) == metadata.published:
        stated.add("published")
    return replace(metadata, stated=frozenset(stated))


def _cleaned(text: str) -> CleanText:
    """Remove `text`'s boilerplate; with none to remove, keep it exactly as read.

    Whitespace alone is no reason to move offsets: a text without boilerplate (an
    annotated corpus's, say) keeps its own, so spans line up with the input as written.
    """
    cleaned = clean(text)
    return cleaned if cleaned.removed or cleaned.captions else _verbatim(text)


def _verbatim(text: str) -> CleanText:
    """Return `text` as its own clean text: offsets line up with the input exactly."""
    return CleanText(text=text, segments=(Segment(0, 0, len(text)),))
