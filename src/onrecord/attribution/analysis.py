"""From a parsed Doc to an Analysis: sentences, paragraphs, mentions and attributions."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from onrecord.attribution.channels import with_channels
from onrecord.attribution.model import tagged_extraction
from onrecord.attribution.quotes import paragraph_spans
from onrecord.attribution.rules import context
from onrecord.attribution.speech_acts import with_speech_acts
from onrecord.attribution.transcripts import with_transcripts
from onrecord.models import Analysis, Attribution, Kind, Mention, Span, any_overlap

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The Doc extension the component's attributions are read from, and the user_data key
# they are kept under as plain lists (so Doc.to_bytes and multiprocessing pipe them).
EXTENSION = "onrecord_attributions"
USER_DATA_KEY = "onrecord_attributions"
# Entity labels passed on: those that can name a speaker (or the organisation a speaker
# speaks for), and those that say when and where (for statement dates and occasions).
MENTION_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "DATE", "TIME", "LOC", "FAC", "EVENT"})
# The label of a source noun phrase that is not itself an entity ("he", "the Leader").
NOUN_PHRASE_LABEL = "NP"
# Where the component leaves the count of dropped candidates, by reason.
DROPPED_KEY = "onrecord_attribution_dropped"
# The reason an attribution read from a photo caption is dropped.
DROPPED_CAPTION = "in a photo caption"


def encoded(found: tuple[Attribution, ...]) -> list[list[Any]]:
    """Return attributions as plain lists: [[source, cue, content, kind, confidence,
    channel], ...]."""
    return [
        [
            [span.as_list() for span in attribution.source],
            [span.as_list() for span in attribution.cue],
            [span.as_list() for span in attribution.content],
            attribution.kind.value,
            attribution.confidence,
            [span.as_list() for span in attribution.channel],
        ]
        for attribution in found
    ]


def decoded(data: list[list[Any]]) -> tuple[Attribution, ...]:
    """Rebuild attributions from the plain lists `encoded` made."""
    return tuple(
        Attribution(
            source=tuple(Span(*pair) for pair in source),
            cue=tuple(Span(*pair) for pair in cue),
            content=tuple(Span(*pair) for pair in content),
            kind=Kind(kind),
            confidence=confidence,
            channel=tuple(Span(*pair) for pair in (channel[0] if channel else ())),
        )
        for source, cue, content, kind, confidence, *channel in data
    )


def stored(doc: Doc) -> tuple[Attribution, ...] | None:
    """Return the attributions the component stored on a Doc, or None if it did not run."""
    data = doc.user_data.get(USER_DATA_KEY)
    return None if data is None else decoded(data)


def extracted(doc: Doc) -> tuple[Attribution, ...]:
    """Return the component's attributions stored on the Doc, or extract them now."""
    return extracted_with_drops(doc)[0]


def extracted_with_drops(doc: Doc) -> tuple[tuple[Attribution, ...], dict[str, int]]:
    """Return the Doc's attributions and the candidates dropped, by reason."""
    found = stored(doc)
    if found is not None:
        return found, dict(doc.user_data.get(DROPPED_KEY, {}))
    extraction = tagged_extraction(doc)
    return extraction.attributions, dict(extraction.dropped)


def sentence_spans(doc: Doc, text: str) -> tuple[Span, ...]:
    """Return each sentence as a character span without surrounding whitespace."""
    spans = []
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append(Span(start, end))
    return tuple(spans)


def mentions(doc: Doc, text: str, found: tuple[Attribution, ...]) -> tuple[Mention, ...]:
    """Return speaker-like entities and the source noun phrases of attributions, in order."""
    result = {
        (entity.start_char, entity.end_char): Mention(
            Span(entity.start_char, entity.end_char), entity.text, entity.label_
        )
        for entity in doc.ents
        if entity.label_ in MENTION_LABELS
    }
    for attribution in found:
        for span in attribution.source:
            key = (span.start, span.end)
            if key not in result:  # an entity already names this exact span
                result[key] = Mention(span, span.text(text), NOUN_PHRASE_LABEL)
    return tuple(result[key] for key in sorted(result))


def _in_caption(item: Attribution, captions: Sequence[Span]) -> bool:
    """Whether a caption holds part of the statement's words, or its whole source: a
    caption describes a picture and speaks for no one."""
    if any_overlap(item.cue + item.content, captions):
        return True
    return bool(item.source) and all(
        any(c.start <= s.start and s.end <= c.end for c in captions) for s in item.source
    )


def _outside_captions(item: Attribution, captions: Sequence[Span], text: str) -> Attribution:
    """Cut off the part of a source inside a caption: a parse running from a caption's
    credit into the next line ("Photo: AP\nJoe Biden, in speech ...") keeps the name."""
    source = []
    for span in item.source:
        for caption in captions:
            if span.overlaps(caption) and caption.start <= span.start < caption.end:
                span = Span(caption.end, span.end)
            elif span.overlaps(caption) and span.start < caption.start < span.end:
                span = Span(span.start, caption.start)
        start = (
            span.start
            + len(text[span.start : span.end])
            - len(text[span.start : span.end].lstrip())
        )
        end = span.start + len(text[span.start : span.end].rstrip())
        if start < end:
            source.append(Span(start, end))
    if source == list(item.source):
        return item
    return dataclasses.replace(item, source=tuple(source))


def analyse(doc: Doc, captions: Sequence[Span] = ()) -> Analysis:
    """Return what later stages need from a parsed Doc, as records with character offsets.

    An attribution whose cue or content lies in one of `captions` (photo captions the
    cleaning marked), or whose source lies wholly in one, is dropped and counted: a caption
    describes a picture. A source reaching into a caption loses that part.
    """
    found, counts = extracted_with_drops(doc)
    found = tuple(with_channels(with_transcripts(found, doc, captions), context(doc)))
    found = tuple(with_speech_acts(found, doc))
    dropped = Counter(counts)
    text = doc.text  # built from every token on each read: read once
    kept = tuple(
        _outside_captions(item, captions, text) for item in found if not _in_caption(item, captions)
    )
    dropped[DROPPED_CAPTION] += len(found) - len(kept)
    return Analysis(
        sentences=sentence_spans(doc, text),
        paragraphs=tuple(Span(start, end) for start, end in paragraph_spans(text)),
        mentions=mentions(doc, text, kept),
        attributions=kept,
        dropped={reason: count for reason, count in sorted(dropped.items()) if count},
    )
