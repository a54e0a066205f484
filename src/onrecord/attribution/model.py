"""Attribution by the trained tagger: rules and parse as features, a CRF decides the roles.

The model is a linear-chain CRF (CRFsuite) trained on PolNeAR train by `make train`; it
ships in the package as `onrecord/data/attribution.crfsuite`, with the cue words its
features were built with (`attribution.cues`), and both are loaded once, lazily, from
there (never from the network), with the centres of the token-vector clusters
(`attribution.centroids.npy`, see `token_clusters`). Without the model the rules alone answer.
CRFsuite only trains and stores the model: its weights are read out once, and the tagging
is done in NumPy (`decoding`), with the same labels and far less time per token.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from onrecord.attribution import cue_lexicon, decoding, token_clusters
from onrecord.attribution.assembly import QUOTE_OPENERS, Linked, layout, linked
from onrecord.attribution.features import Column, doc_columns
from onrecord.attribution.finishing import (
    with_but_clauses,
    with_headline,
    with_nested_reports,
    with_quoted_references,
    with_trimmed_sources,
    without_references,
)
from onrecord.attribution.linking import Extraction, extract, kind
from onrecord.attribution.linking import char_range as token_chars
from onrecord.attribution.parse_fallbacks import (
    speaks_for_no_one,
    with_parse_contents,
    with_parse_sources,
    with_whole_phrases,
)
from onrecord.attribution.quotes import with_quote_marks
from onrecord.attribution.rules import CharRange, Context, TokenRange, context
from onrecord.attribution.tagging import OUTSIDE, TaggedSpan, is_blank, sequences, tagged_spans
from onrecord.models import Attribution, Span, any_overlap

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.tokens import Doc

# Where the shipped weights live inside the package (the cue words beside them).
MODEL_RESOURCE = ("data", "attribution.crfsuite")
# The roles a sure rule attribution (see `is_sure`) settles when the tagger found the same
# cue. On PolNeAR dev (shipped model) taking the rules' content raised attribution F1
# 0.614 -> 0.617 and exact content 0.452 -> 0.457; taking their source too lowered exact
# source 0.700 -> 0.689 (the tagger knows PolNeAR's source boundaries better); taking
# their cue raised exact cue by 0.003 but drops phrase cues ("said in a statement").
RULE_ROLES = ("content",)
# How a possessive speaker ends: "Macron’s remarks".
POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")
# How a set-off participle (", saying ...") hangs on the verb before it.
MANNER_DEPS = frozenset({"advcl", "xcomp", "conj"})
# The reason a statement the tagger found is dropped when no speaker could be found.
DROPPED_NO_SOURCE = "statement without a source"


@dataclasses.dataclass(frozen=True, slots=True)
class Tagger:
    """The CRF's weights, and the cue words and vector clusters its features were built with."""

    weights: decoding.Weights
    cue_words: frozenset[str]
    centres: Any = None  # a NumPy array of cluster centres (`token_clusters`), or None


@functools.cache
def load_tagger() -> Tagger | None:
    """Return the shipped tagger, or None when the package carries no weights."""
    model = resources.files("onrecord").joinpath(*MODEL_RESOURCE)
    if not model.is_file():
        return None
    with resources.as_file(model) as local:
        return open_tagger(local)


def open_tagger(model: Path) -> Tagger | None:
    """Return the tagger in a model file and the files beside it, or None if one is missing.

    The cue words (`attribution.cues`) must lie beside the weights; the cluster centres
    (`attribution.centroids.npy`) may (a model trained without them has none).
    """
    import pycrfsuite

    cues = cue_lexicon.path_for(model)
    if not model.is_file() or not cues.is_file():
        return None
    crf = pycrfsuite.Tagger()
    crf.open(str(model))
    centres = token_clusters.path_for(model)
    return Tagger(
        decoding.read_weights(crf),
        cue_lexicon.read(cues.read_text(encoding="utf-8")),
        token_clusters.read(centres.read_bytes()) if centres.is_file() else None,
    )


def predicted_tags(columns: list[Column], words: list[str], weights: decoding.Weights) -> list[str]:
    """Tag every paragraph of a Doc (its features and words); blank words between stay outside."""
    tags = [OUTSIDE] * len(words)
    runs = sequences(words)
    scores = decoding.state_scores(columns, len(words), weights)
    for run, labels in zip(runs, decoding.best_labels(scores, runs, weights), strict=True):
        tags[run.start : run.stop] = labels
    return tags


def char_range(doc: Doc, span: TaggedSpan) -> CharRange:
    """Return the characters a tagged span covers."""
    return token_chars(doc, (span.first, span.last))


def record(doc: Doc, item: Linked, ctx: Context) -> Attribution:
    """Turn a linked attribution into a record with character offsets."""
    content = sorted(char_range(doc, piece) for piece in item.content)
    source = (char_range(doc, item.source),) if item.source else ()
    return Attribution(
        source=tuple(Span(*span) for span in source),
        cue=(Span(*char_range(doc, item.cue)),),
        content=tuple(Span(*span) for span in content),
        kind=kind(content, ctx),
    )


def tagged_attributions(doc: Doc, tags: list[str], ctx: Context) -> list[Attribution]:
    """Read the spans off one label per token and link them into attribution records."""
    return read_tags(doc, tags, ctx)[0]


def read_tags(
    doc: Doc, tags: list[str], ctx: Context
) -> tuple[list[Attribution], list[TokenRange]]:
    """Return the attribution records linked from the labels, and the cues left without one."""
    spans = tagged_spans(tags, [is_blank(word) for word in ctx.words])
    items = linked(spans, layout(doc, ctx.words))
    found = [record(doc, item, ctx) for item in items]
    kept = {item.cue for item in items}
    bare = [(span.first, span.last) for span in spans if span.role == "CUE" and span not in kept]
    return sorted(found, key=lambda a: min(span.start for span in a.cue + a.content)), bare


def is_sure(attribution: Attribution) -> bool:
    """Tell whether the rules are sure of an attribution: one cue, its speaker, its content."""
    return (
        bool(attribution.source)  # a quotation left without a speaker is a guess
        and len(attribution.cue) == 1  # "did ... say" split around a source is a guess
        and attribution.confidence >= 1.0  # an orphan quotation is a guess
    )


def within(spans: Sequence[Span], others: Sequence[Span]) -> bool:
    """Tell whether every span of one list lies inside a span of the other."""
    return bool(spans) and all(
        any(o.start <= span.start and span.end <= o.end for o in others) for span in spans
    )


def pieces(
    found: Sequence[Span], ruled: Sequence[Span], others: Sequence[Span], ctx: Context
) -> tuple[Span, ...]:
    """Return the rules' content, then the tagger's later pieces that open a sentence or quote.

    A later piece the rules are sure belongs to another statement (`others`) is left out:
    `“A.” ― Ana Ruiz ¶ “B.” ― Ben Ode`, where the tagger ran A's statement on into B.
    """
    ruled = without_scare_quotes(ruled, ctx)
    end = max(piece.end for piece in ruled)
    starts = ctx.sentence_starts
    later = starts[bisect_left(starts, end)] if starts and end <= starts[-1] else len(ctx.text)
    kept = [
        piece
        for piece in found
        if piece.start >= end  # `"A," he said. "B."`: the rules' quotation stops at A
        and (piece.start >= later or ctx.text[piece.start] in QUOTE_OPENERS)
        and not any_overlap([piece], others)
    ]
    return tuple(sorted([*ruled, *kept]))


def without_scare_quotes(ruled: Sequence[Span], ctx: Context) -> list[Span]:
    """Return the rules' content pieces but a later one inside a sentence it does not open.

    The rules let a quotation in the next sentence go on with a statement (`"A," he
    said. "B."`). One that opens no sentence (`…has gone after him as a “spoiled
    brat.”`) belongs to that sentence's own statement, which the tagger reads. On PolNeAR
    dev exact content F1 0.542 -> 0.547. The rules alone keep such pieces: changing their
    linking changes the tagger's features, and the retrained tagger scored lower.
    """
    starts, text = ctx.sentence_starts, ctx.text
    kept = [min(ruled)]
    for piece in sorted(ruled)[1:]:
        sentence = bisect_right(starts, piece.start) - 1
        later = sentence > bisect_right(starts, kept[-1].end - 1) - 1
        if later and sentence >= 0 and text[starts[sentence] : piece.start].strip():
            continue
        kept.append(piece)
    return kept


def with_rules(found: list[Attribution], rules: Extraction, ctx: Context) -> list[Attribution]:
    """Let the rules' sure attributions settle their content, and add those the tagger missed."""
    sure = [rule for rule in rules.attributions if is_sure(rule)]
    result: list[Attribution] = []
    matched: set[int] = set()
    for attribution in found:
        same = next(
            (i for i, rule in enumerate(sure) if any_overlap(attribution.cue, rule.cue)), None
        )
        if same is not None:  # the same cue: the rules read its content off the parse
            matched.add(same)
            settled: dict[str, Any] = {role: getattr(sure[same], role) for role in RULE_ROLES}
            if "content" in settled:  # pieces the rules did not see (later sentences) stay
                others = [span for i, rule in enumerate(sure) if i != same for span in rule.content]
                content = pieces(attribution.content, sure[same].content, others, ctx)
                settled["content"] = content
                settled["kind"] = kind([(span.start, span.end) for span in content], ctx)
            if not attribution.source:  # "A, underlined X": the tagger left the speaker out
                settled["source"] = sure[same].source
            attribution = dataclasses.replace(attribution, **settled)
        result.append(attribution)
    for index, rule in enumerate(sure):
        if index in matched or any(any_overlap(other.cue, rule.cue) for other in result):
            continue  # the tagger saw this statement otherwise
        nested = [other for other in result if within(other.cue, rule.content)]
        rivals = [o for o in result if o not in nested and any_overlap(o.content, rule.content)]
        if any(not reported_within(rule, other, ctx.text) for other in rivals):
            continue
        result = [other for other in result if other not in nested] + [rule]
    manners = manner_verbs(sure, ctx)
    result = [
        item
        for item in result
        if item.source or not any(c.start <= at < c.end for c in item.cue for at in manners)
    ]
    return sorted(result, key=lambda a: min(span.start for span in a.cue + a.content))


def reported_within(rule: Attribution, other: Attribution, text: str) -> bool:
    """Tell whether a rule attribution with a possessive speaker is told inside another's content.

    "He pointed to Macron’s remarks that talks can resolve all problems": the tagger
    reads one statement (his), PolNeAR's one role a token cannot hold both; Macron's
    statement inside it is kept too. Only with a possessive speaker: on PolNeAR dev,
    keeping every nested sure rule lowered attribution F1 from 0.653 to 0.650.
    """
    owner = rule.source[-1].text(text) if rule.source else ""
    return owner.endswith(POSSESSIVE_ENDINGS) and within(rule.source + rule.cue, other.content)


def manner_verbs(sure: list[Attribution], ctx: Context) -> set[int]:
    """Return where the verbs a sure ", saying ..." hangs on start: "X downplayed A, saying B".

    The rules read the participle as the report and the verb as how it was made; the
    tagger's cue on that verb, without a speaker of its own, is no second statement
    (it never fires on PolNeAR dev; it keeps seed 003's September 17 remark one statement).
    """
    found = set()
    for rule in sure:
        span = ctx.doc.char_span(rule.cue[0].start, rule.cue[0].end, alignment_mode="expand")
        for token in span or ():
            if token.tag_ == "VBG" and token.dep_ in MANNER_DEPS and token.head.i != token.i:
                found.add(token.head.idx)
    return found


def tagged_extraction(doc: Doc, tagger: Tagger | None = None) -> Extraction:
    """Find the attributions of a parsed Doc with a tagger (the shipped one by default).

    Without a tagger (no weights shipped) the rules alone answer.
    """
    with collection_paused():
        return _tagged_extraction(doc, tagger or load_tagger())


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector off while a Doc is tagged.

    Tagging makes many new lists and tuples (the rules' records, the features' columns,
    each token's path up the tree), and every few hundred of them the collector walks the
    young objects, the parsed Docs' among them: when the features were a list of strings
    per token, that was a third of the extraction's time on PolNeAR dev. Nothing built here
    forms a cycle, and the collector is turned back on (if it was on) when the Doc is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _tagged_extraction(doc: Doc, tagger: Tagger | None) -> Extraction:
    ctx = context(doc)
    rules = extract(doc, ctx)
    if tagger is None:
        return rules
    clusters = token_clusters.assign(doc, tagger.centres)
    columns = doc_columns(doc, ctx, rules, tagger.cue_words, clusters)
    tags = predicted_tags(columns, ctx.words, tagger.weights)
    found, bare_cues = read_tags(doc, tags, ctx)
    found = with_parse_contents(with_parse_sources(found, doc), bare_cues, ctx)
    found, dropped = without_references(with_nested_reports(found, ctx), doc)
    found = with_whole_phrases(with_rules(found, rules, ctx), doc)
    found, references = without_references(with_quoted_references(found, ctx), doc)
    dropped.update(references)
    found = with_headline(with_but_clauses(found, ctx), ctx)
    kept = [with_marks(item, ctx.text) for item in attributed(found, doc)]
    dropped.update(rules.dropped)
    if len(found) > len(kept):
        dropped[DROPPED_NO_SOURCE] = len(found) - len(kept)
    return Extraction(tuple(with_trimmed_sources(kept, doc)), dict(dropped))


def attributed(found: list[Attribution], doc: Doc) -> list[Attribution]:
    """Keep the statements with a source, and those whose cue speaks for no one, sourceless.

    A statement still without a source is dropped: on PolNeAR dev only 18 of 64 such
    matched a gold attribution. A cue of seeming, a passive "expected" or "reportedly"
    has no speaker by nature (`parse_fallbacks.speaks_for_no_one`): its statement is kept,
    and any source the tagger or the parse gave it (the subject of "seemed") is let go.
    """
    kept = []
    for item in found:
        if speaks_for_no_one(item, doc):
            kept.append(dataclasses.replace(item, source=()))
        elif item.source:
            kept.append(item)
    return kept


def with_marks(attribution: Attribution, text: str) -> Attribution:
    """Let each content piece that stops inside its quotation marks take them in."""
    content = tuple(Span(*with_quote_marks(text, s.start, s.end)) for s in attribution.content)
    return dataclasses.replace(attribution, content=content)
