"""What the parse adds where the tagger left a gap: a speaker, or a cue's content.

The tagger misses sources more than cues: on PolNeAR dev, most statements matched by
content but not by source had a gold source the tagger left untagged ("Scott asked",
"Mr. McKinley expects"). Such a statement takes its cue's speaker as the rules find
it (`rules.speaker`, borrowed from the verb above in "continued to call for"), or the
owner of a noun cue ("its own plan"): attribution F1 0.655 -> 0.665.

A cue that speaks for no one ("X seemed to ...", "Y is expected to ...", "Z
reportedly ...") keeps no source, whichever the tagger or parse gave it: PolNeAR gives
such statements none (the subject is what seems, not who says so), and they are kept
when statements without a source are dropped. On PolNeAR dev 23 statements, attribution
F1 0.736 -> 0.738; on train (seen by the tagger) 248, 0.738 -> 0.744.

A cue the tagger found but linked to no content makes no statement; when the rules,
read from that cue's verb, give it a speaker and content no other statement holds,
that is its statement: attribution F1 0.665 -> 0.666.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from onrecord.attribution import lexicon as lx
from onrecord.attribution.linking import char_range, kind
from onrecord.attribution.rules import (
    Context,
    TokenRange,
    is_edge,
    source_range,
    speaker,
    subtree_range,
    trim,
    verb_draft,
)
from onrecord.models import Attribution, Span, any_overlap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan


def with_parse_sources(found: list[Attribution], doc: Doc) -> list[Attribution]:
    """Give each statement without a source its cue's speaker from the parse, if it has one."""
    return [item if item.source else _sourced(item, doc) for item in found]


def with_parse_contents(
    found: list[Attribution], bare_cues: Sequence[TokenRange], ctx: Context
) -> list[Attribution]:
    """Add a statement for each cue left without content that the rules can complete."""
    result = list(found)
    for cue in bare_cues:
        completed = _completed(cue, result, ctx)
        if completed is not None:
            result.append(completed)
    return sorted(result, key=lambda a: min(span.start for span in a.cue + a.content))


def _sourced(attribution: Attribution, doc: Doc) -> Attribution:
    cue = doc.char_span(attribution.cue[0].start, attribution.cue[0].end, alignment_mode="expand")
    found = _speaker_range(cue) if cue is not None else None
    if found is None or found[0] >= found[1]:
        return attribution
    if doc[found[0] : found[1]].text.lower() in lx.EXPLETIVE_SUBJECTS:
        return attribution  # "it seems that ..."
    source = Span(*char_range(doc, found))
    if any_overlap([source], attribution.content + attribution.cue):
        return attribution
    return dataclasses.replace(attribution, source=(source,))


def _speaker_range(cue: TokenSpan) -> TokenRange | None:
    """Return the tokens of the cue's speaker: its subject, else the owner of a noun cue.

    The subject may be the agent of a passive cue ("was first reported by The Post"), or
    the subject of the verb a gerund hangs on ("He pitched himself by telling them").
    """
    subject = speaker(cue.root)
    if subject is None and cue.root.dep_ == "pcomp" and cue.root.head.dep_ == "prep":
        subject = speaker(cue.root.head.head)
    if subject is not None:
        return source_range(*subject)
    agent = next((child for child in cue.root.children if child.dep_ == "agent"), None)
    done_by = (
        next((child for child in agent.children if child.dep_ == "pobj"), None) if agent else None
    )
    if done_by is not None:
        return trim(cue.doc, subtree_range(done_by))
    owner = next((child for token in cue for child in token.children if child.dep_ == "poss"), None)
    return trim(cue.doc, subtree_range(owner)) if owner is not None else None


def _completed(cue: TokenRange, found: list[Attribution], ctx: Context) -> Attribution | None:
    """Return the statement the rules read from a bare cue's verb, if it is whole and new."""
    doc = ctx.doc
    draft = verb_draft(doc[cue[0] : cue[1]].root, ctx)
    content = [Span(*char_range(doc, span)) for span in draft.content if span[0] < span[1]]
    source = [Span(*char_range(doc, span)) for span in draft.source if span[0] < span[1]]
    cue_span = Span(*char_range(doc, cue))
    taken = [span for other in found for span in other.source + other.cue + other.content]
    if not content or not source or any_overlap(content, taken):
        return None
    if any_overlap([cue_span], source + content):
        return None
    return Attribution(
        source=tuple(source),
        cue=(cue_span,),
        content=tuple(content),
        kind=kind([(span.start, span.end) for span in content], ctx),
    )


def with_whole_phrases(found: list[Attribution], doc: Doc) -> list[Attribution]:
    """Let content cut short inside the phrase its cue governs run to that phrase's end.

    "called for [a moratorium] on charter schools", "promising [to meet] and in some cases
    exceed his goals": the tagger stopped inside the cue's object. The last content piece,
    when it is one phrase hanging on the cue, runs on to the end of that phrase (within
    its sentence and paragraph, over no other statement's source or cue). On PolNeAR dev,
    attribution F1 0.733 -> 0.736 (exact content unchanged: "which ..." clauses go both ways).
    """
    taken = [span for item in found for span in item.source + item.cue]
    return [_whole(item, doc, taken) for item in found]


def _whole(attribution: Attribution, doc: Doc, taken: list[Span]) -> Attribution:
    cue_tokens = {
        token.i
        for span in attribution.cue
        for token in doc.char_span(span.start, span.end, alignment_mode="expand") or ()
    }
    *before, last = sorted(attribution.content)
    widened = _widened(doc, last, cue_tokens)
    if widened is None:
        return attribution
    added = Span(last.end, widened.end)
    if any_overlap([added], taken + before):
        return attribution
    return dataclasses.replace(attribution, content=(*before, widened))


def _widened(doc: Doc, piece: Span, cue_tokens: set[int]) -> Span | None:
    """Return a piece run on to the end of the phrase it heads, if that phrase hangs on the cue."""
    tokens = doc.char_span(piece.start, piece.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return None
    roots = [token for token in tokens if not tokens.start <= token.head.i < tokens.end]
    if len(roots) != 1 or roots[0].head.i not in cue_tokens:
        return None
    root = roots[0]
    end = min(root.right_edge.i, root.sent.end - 1)
    while end >= tokens.end and is_edge(doc[end]):
        end -= 1
    if end < tokens.end:
        return None
    between = doc[tokens.end : end + 1]
    if any("\n" in token.text or token.i in cue_tokens for token in between):
        return None
    return Span(piece.start, doc[end].idx + len(doc[end].text))


def speaks_for_no_one(attribution: Attribution, doc: Doc) -> bool:
    """Whether the statement's cue is a verb of seeming, a passive "expected" or "reportedly"."""
    first, last = attribution.cue[0], attribution.cue[-1]
    cue = doc.char_span(first.start, last.end, alignment_mode="expand")
    return cue is not None and any(_impersonal(token) for token in cue)


def _impersonal(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in lx.SEEMING_VERBS and token.pos_ in {"VERB", "AUX"}:
        return any(child.dep_ in lx.SEEMING_COMPLEMENT_DEPS for child in token.children)
    if lemma in lx.IMPERSONAL_PASSIVES:
        return any(child.dep_ == "auxpass" for child in token.children)
    return token.lower_ in lx.IMPERSONAL_ADVERBS
