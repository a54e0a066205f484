"""Property tests: readers, cleaning, extraction and the store never fail beyond a reported failure.

Each property holds for every input Hypothesis makes: a reader yields documents or
Failures and never raises; cleaning's segments always map the clean text back to the raw
text; extraction's spans always lie inside the text; the store stores an article (its
spans reading back exactly) or refuses it with a StoreError, nothing else. The number of
examples comes from the Hypothesis profile (tests/fault/conftest.py): `ci` in `make
test`, `long` from bench/fuzz.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.cleaning import clean
from onrecord.errors import InputError, StoreError
from onrecord.ingest import read_paths
from onrecord.ingest.decoding import decode_counted
from onrecord.models import (
    Article,
    Attribution,
    Failure,
    Kind,
    Metadata,
    ProcessedArticle,
    RawDocument,
    Segment,
    Span,
    Statement,
    article_id,
)
from onrecord.pipeline.prepare import prepare
from onrecord.store import open_store
from tests.fault.strategies import any_text, file_bytes, news_text


def _is_text(value: str) -> bool:
    """A string SQLite and every output can hold: UTF-8 encodable, no NUL."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


@given(data=st.binary(max_size=2000))
def test_decoding_gives_text_or_a_reason(data: bytes) -> None:
    try:
        decoded = decode_counted(data)
    except InputError as error:
        assert error.message
        return
    assert _is_text(decoded.text) and decoded.text.strip()
    assert decoded.replaced <= len(data)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
@given(data=st.data())
def test_readers_yield_documents_or_failures(suffix: str, data: st.DataObject) -> None:
    content = data.draw(file_bytes(suffix))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        items = list(read_paths([path]))
    assert items, "every input is accounted for"
    for item in items:
        assert isinstance(item, RawDocument | Failure)
        if isinstance(item, Failure):
            assert item.source.startswith(str(path)) and item.reason
            continue
        assert _is_text(item.text) and item.text.strip()
        assert all(_is_text(value) for value in item.hints.values())
        assert _is_text(item.doc)


def _check_segments(raw: str, text: str, segments: tuple[Segment, ...]) -> None:
    """Every segment copies raw text unchanged; what lies between segments is newlines."""
    covered = [False] * len(text)
    for segment in segments:
        start, end = segment.clean_start, segment.clean_start + segment.length
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == raw[segment.raw_start : segment.raw_start + segment.length]
        for i in range(start, end):
            assert not covered[i], "segments overlap"
            covered[i] = True
    assert all(covered[i] or text[i] == "\n" for i in range(len(text)))


@given(raw=news_text | any_text.filter(lambda t: "\x00" not in t))
def test_cleaning_offsets_always_map_back(raw: str) -> None:
    cleaned = clean(raw)
    _check_segments(raw, cleaned.text, cleaned.segments)
    for caption in cleaned.captions:
        assert 0 <= caption.start <= caption.end <= len(cleaned.text)


@given(raw=news_text)
def test_prepare_gives_an_article_whose_segments_map_back(raw: str) -> None:
    document = RawDocument("doc", "doc.txt", "txt", raw)
    try:
        article = prepare(document)
    except InputError as error:
        assert error.message
        return
    _check_segments(raw, article.text, article.segments)
    assert article.id == article_id(article.text)


@st.composite
def processed_articles(draw: st.DrawFn) -> ProcessedArticle:
    """A processed article as a buggy or hostile stage might make one: spans may be wrong."""
    text = draw(news_text | any_text)
    size = len(text)

    def spans() -> tuple[Span, ...]:
        pairs = draw(st.lists(st.tuples(st.integers(0, size + 3), st.integers(0, 5)), max_size=2))
        return tuple(Span(start, start + length) for start, length in pairs)

    statements = tuple(
        Statement(
            Attribution(spans(), spans(), spans(), draw(st.sampled_from(list(Kind)))),
            speaker=draw(st.none() | any_text),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    metadata = Metadata(title=draw(st.none() | any_text), outlet=draw(st.none() | any_text))
    segments = (Segment(0, 0, size),)
    article = Article(
        id=draw(st.sampled_from(["", "0123456789abcdef", "x" * 16])),
        doc=draw(any_text),
        source="fuzz.jsonl:1",
        text=text,
        metadata=metadata,
        segments=segments,
    )
    return ProcessedArticle(article, statements)


@given(batch=st.lists(processed_articles(), min_size=1, max_size=3))
def test_the_store_stores_exactly_or_refuses(batch: list[ProcessedArticle]) -> None:
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "f.db") as store:
        try:
            inserted = store.save(batch)
        except StoreError as error:
            assert error.message
            assert store.counts()["articles"] == 0  # refused whole: nothing half stored
            return
        for article_ref in inserted:
            stored = store.article(article_ref)
            for view in stored.statements:
                for spans in view.spans.values():
                    for start, end in spans:
                        assert 0 <= start <= end <= len(stored.text)


@pytest.mark.slow
@given(raw=news_text)
def test_extraction_spans_always_lie_in_the_text(raw: str) -> None:
    from onrecord.nlp import load_pipeline
    from onrecord.pipeline.analyse import analyse_articles

    try:
        article = prepare(RawDocument("doc", "doc.txt", "txt", raw))
    except InputError:
        return
    (result,) = analyse_articles([article], load_pipeline())
    if isinstance(result, Failure):
        assert result.reason  # reported, never raised
        return
    text = result.article.text
    for statement in result.statements:
        attribution = statement.attribution
        for span in (*attribution.source, *attribution.cue, *attribution.content):
            assert 0 <= span.start <= span.end <= len(text)
        for extra in (statement.speaker_span, statement.said_on and statement.said_on.span):
            if extra is not None:
                assert 0 <= extra.start <= extra.end <= len(text)
