"""Reporting channels: the outlet or medium a statement reached the page through.

"Vell said the pier would open in May, according to Fars", "His official website quoted
him as saying that …", "State TV quoted Vell as saying …": the speaker is the person, and
"Fars", "his official website", "State TV" are how the words were reported — the
statement's channel. The tagger reads these the PolNeAR way, with the channel as the
source of "according to" or "quoted" and the person's words inside the content; here the
person becomes the source and the channel is kept apart. An addressee ("told Reuters") is
whom the words were said to, not a channel: it stays in the content's sentence, unrecorded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from onrecord.attribution import lexicon as lx
from onrecord.attribution.finishing import char_tokens, edges
from onrecord.attribution.linking import kind
from onrecord.attribution.rules import Context
from onrecord.models import Attribution, Span

# The cue of a channel that quotes someone: "quoted him as saying".
QUOTING_LEMMAS: frozenset[str] = frozenset({"quote", "cite"})
# Dependencies that name who speaks inside a channel's content.
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
# Dependencies of the words said under a reporting verb.
SAID_DEPS: frozenset[str] = frozenset({"ccomp", "xcomp", "parataxis", "dobj"})
# Words that make the Y of "according to Y" a medium the words came through, not a source
# of its own ("according to the family's attorneys", "according to her account" stay the
# attorneys' and the account's). On PolNeAR dev, which annotates "according to Y" as Y's
# statement, rewriting every such Y cost attribution F1 0.002 (four statements).
MEDIA_WORDS: frozenset[str] = frozenset(
    {
        "news", "agency", "tv", "television", "radio", "website", "site", "newspaper", "daily",
        "press", "media", "broadcaster", "channel", "network", "wire", "outlet", "reuters",
        "afp", "ap", "irna", "fars", "tasnim", "isna", "mehr", "xinhua", "kyodo", "bbc", "cnn",
        "tass", "yonhap", "anadolu",
    }
)  # fmt: skip
# Parts of speech of who a channel quotes: "him", "Vell", "the minister".
PERSON_POS: frozenset[str] = frozenset({"PRON", "PROPN", "NOUN"})
# Words that are no person to hand a statement to.
NOBODY: frozenset[str] = frozenset({"it", "there", "this", "that", "which", "who"})


def with_channels(found: Sequence[Attribution], ctx: Context) -> list[Attribution]:
    """Give each statement reported through a channel its person as source, the channel apart."""
    return [_channelled(item, ctx) or item for item in found]


def _channelled(item: Attribution, ctx: Context) -> Attribution | None:
    if len(item.cue) != 1 or len(item.source) != 1 or len(item.content) != 1:
        return None
    cue = char_tokens(ctx.doc, item.cue[0])
    if cue is None or not len(cue):
        return None
    words = cue.text.lower()
    if words == "according to":
        return _according_to(item, ctx) if is_medium(item.source[0], ctx) else None
    if cue.root.lemma_.lower() in QUOTING_LEMMAS:
        return _quoted_as_saying(item, ctx)
    return _according_at_end(item, ctx)


def is_medium(span: Span, ctx: Context) -> bool:
    """Tell whether words name a medium: a news agency, a website, state TV (MEDIA_WORDS)."""
    words = {
        word.strip(".,()").removesuffix("’s").removesuffix("'s").casefold()
        for word in span.text(ctx.text).split()
    }
    return bool(words & MEDIA_WORDS)


def _according_at_end(item: Attribution, ctx: Context) -> Attribution | None:
    """"X said A, according to Fars", read as X's statement running on to the end: A is the
    content, Fars the channel."""
    doc = ctx.doc
    tokens = char_tokens(doc, item.content[0])
    if tokens is None:
        return None
    for token in tokens[1:-2]:
        if token.lower_ != "according" or doc[token.i + 1].lower_ != "to":
            continue
        if doc[token.i - 1].text != "," or item.content[0].start < item.cue[0].start:
            return None
        end = tokens.end
        while end > token.i + 2 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end <= token.i + 2 or not is_medium(edges(doc[token.i + 2 : end]), ctx):
            return None
        content = Span(item.content[0].start, doc[token.i - 1].idx)
        return dataclasses.replace(
            item,
            content=(content,),
            kind=kind([(content.start, content.end)], ctx),
            channel=(edges(doc[token.i + 2 : end]),),
        )
    return None


def _according_to(item: Attribution, ctx: Context) -> Attribution | None:
    """"X said A, according to Fars": X is the speaker of A, Fars the channel."""
    tokens = char_tokens(ctx.doc, item.content[0])
    if tokens is None:
        return None
    for token in tokens:
        if token.lemma_.lower() not in lx.CUE_VERBS or token.pos_ != "VERB":
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        said = [c for c in token.children if c.dep_ in SAID_DEPS]
        if subject is None or subject.lower_ in NOBODY:
            continue
        if not (tokens.start <= subject.left_edge.i and subject.i < tokens.end):
            continue
        if said:  # "X said [A], according to Fars"
            start = min(c.left_edge.i for c in said)
            end = min(max(c.right_edge.i for c in said) + 1, tokens.end)
        elif token.dep_ == "parataxis" and subject.left_edge.i > tokens.start:
            start, end = tokens.start, subject.left_edge.i  # "[A], X said, according to Fars"
        else:
            continue
        while end > start and ctx.doc[end - 1].is_punct:
            end -= 1
        if start >= end:
            continue
        content = edges(ctx.doc[start:end])
        return dataclasses.replace(
            item,
            source=(edges(ctx.doc[subject.left_edge.i : subject.i + 1]),),
            cue=(edges([token]),),
            content=(content,),
            kind=kind([(content.start, content.end)], ctx),
            channel=item.source,
        )
    return None


def _quoted_as_saying(item: Attribution, ctx: Context) -> Attribution | None:
    """"State TV quoted him as saying A": "him" speaks A, State TV is the channel."""
    doc = ctx.doc
    tokens = char_tokens(doc, item.content[0])
    if tokens is None or len(tokens) < 4:
        return None
    as_saying = next(
        (
            t.i
            for t in tokens[1:-2]
            if t.lower_ == "as" and doc[t.i + 1].lower_ == "saying"
        ),
        None,
    )
    if as_saying is None:
        return None
    person = doc[as_saying - 1]
    if person.lower_ in NOBODY or person.pos_ not in PERSON_POS:
        return None
    content = Span(doc[as_saying + 2].idx, item.content[0].end)
    return dataclasses.replace(
        item,
        source=(edges(doc[tokens.start : person.i + 1]),),
        cue=(*item.cue, edges(doc[as_saying : as_saying + 2])),
        content=(content,),
        kind=kind([(content.start, content.end)], ctx),
        channel=item.source,
    )
