"""A statement's stance toward a topic's proposition: for, against or neutral, maybe conditional.

The reading, clause by clause (a clause ends at a sentence end, a semicolon or "but"):

1. find the *act* the proposition is about ("negotiate": talks, negotiations, the table)
   and, for each mention of it, its *counterpart*: the topic's entities named after
   "with"/"between" or just before ("Iran-US talks") make it the proposition's act; another
   name ("talks with Europe", "other world nations") makes it a different proposition,
   whose cues are ignored; no name ("talks with them") leaves it open, and it is taken as
   the proposition's when an entity is named in the content, else in `context` (the
   sentence around it), else when `counterpart_in_article` says the article names one;
2. in a clause with a mention of the proposition's act, read the cues: refusals ("rules
   out", "forbidden", "useless") count against, supports ("ready to", "come to the table")
   for, limits ("only about", "merely include") for and conditional; a negator up to three
   words before an act word ("no talks", "will not negotiate") counts against, and one
   before a cue flips it ("is not closed" is for); conditions ("unless", "until",
   "without guarantees") make the stance conditional;
3. the attribution's cue verb counts too ("dismissed the idea of negotiations");
4. the side with more cues wins; on a tie, the first cue: a quote leads with its position
   ("There will be no talks without guarantees. Give us those guarantees, and we will come
   to the table" is a conditional refusal).

What a speaker says they said before ("In January I said ...") is recalled, not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.models import Attribution, Span, Stance, StanceCue, StanceLabel, Statement, Topic
from onrecord.topics import lexicons as lex
from onrecord.topics.words import find_phrases

# How much a counterpart resolved from the content, the context or the article is trusted.
RESOLUTION_TRUST = {"named": 1.0, "content": 1.0, "context": 0.8, "article": 0.6, "any": 0.7}

# Polarity of each cue role: +1 for, -1 against, 0 only qualifies.
POLARITY = {"support": 1, "limit": 1, "refusal": -1, "negation": -1, "condition": 0}

# The cue lexicons in the order they claim text: a refusal wins over a support it overlaps.
PHRASE_LEXICONS = (
    ("refusal", lex.REFUSALS),
    ("limit", lex.LIMITS),
    ("support", lex.SUPPORTS),
    ("condition", lex.CONDITIONS),
)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    role: str
    polarity: int


def stance(
    content: str,
    topic: Topic,
    *,
    cue: str | None = None,
    context: str | None = None,
    counterpart_in_article: bool = False,
) -> Stance:
    """Return the stance of `content` toward `topic`'s proposition; cue spans index `content`."""
    acts = action_terms(topic)
    hits: list[_Hit] = []
    trust = 0.0
    for start, end in clauses(content):
        found, level = _clause_hits(
            content, start, end, topic, acts, context, counterpart_in_article
        )
        hits += found
        trust = max(trust, RESOLUTION_TRUST.get(level, 0.0))
    cues = [_cue(content, h, "content") for h in hits]
    if cue and trust:
        cues += _cue_verbs(cue)
    return _decide(cues, trust)


def statement_stance(
    text: str,
    statement: Statement | Attribution,
    topic: Topic,
    *,
    sentences: tuple[Span, ...] = (),
) -> Stance:
    """Return the stance of a statement in article `text`; cue spans index `text` itself."""
    attribution = statement.attribution if isinstance(statement, Statement) else statement
    content, offsets = _joined(text, attribution.content)
    cue_text, cue_offsets = _joined(text, attribution.cue)
    in_article = any(True for _ in find_phrases(text, topic.entities))
    result = stance(
        content,
        topic,
        cue=cue_text or None,
        context=context_of(text, attribution.content, sentences),
        counterpart_in_article=in_article,
    )
    moved = tuple(
        StanceCue(
            c.text, _moved(c.span, cue_offsets if c.part == "cue" else offsets), c.role, "article"
        )
        for c in result.cues
    )
    return Stance(result.label, result.qualifier, moved, result.confidence)


def action_terms(topic: Topic) -> re.Pattern[str]:
    """Return the pattern of words naming the proposition's act (talks, for "negotiate")."""
    words = re.findall(r"[a-z]+", topic.proposition.lower())
    if lex.NEGOTIATION_VERBS & set(words):
        return lex.TALK_TERMS
    modal = re.search(
        r"\b(?:should|must|ought to|to|will)\s+(?:not\s+)?([a-z]+)", topic.proposition.lower()
    )
    verb = modal.group(1) if modal else (words[0] if words else "")
    return re.compile(rf"\b{re.escape(verb[:-1] if len(verb) > 5 else verb)}\w*", re.IGNORECASE)


def clauses(text: str) -> Iterator[tuple[int, int]]:
    """Yield the (start, end) of each clause of `text`: cues do not reach across them."""
    start = 0
    for match in lex.CLAUSE_BREAK.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def context_of(text: str, content: tuple[Span, ...], sentences: tuple[Span, ...] = ()) -> str:
    """Return the sentences around `content`: the given ones it overlaps, else up to a stop."""
    if not content:
        return ""
    first, last = content[0].start, content[-1].end
    around = [s for s in sentences if s.start < last and first < s.end]
    if around:
        return text[around[0].start : around[-1].end]
    start = max(text.rfind(stop, 0, first) for stop in (". ", "\n", "? ", "! ")) + 1
    ends = [i for i in (text.find(stop, last) for stop in (". ", "\n")) if i >= 0]
    return text[max(start, 0) : min(ends) + 1 if ends else len(text)].strip()


def _clause_hits(
    text: str,
    start: int,
    end: int,
    topic: Topic,
    acts: re.Pattern[str],
    context: str | None,
    in_article: bool,
) -> tuple[list[_Hit], str]:
    """Return the cues of one clause that bear on the proposition, and how its act was found."""
    mentions = [(m.start(), m.end()) for m in acts.finditer(text, start, end)]
    levels = [_counterpart(text, s, e, end, topic, context, in_article) for s, e in mentions]
    targets = [m for m, level in zip(mentions, levels, strict=True) if level != "other" and level]
    if not targets:
        return [], ""
    level = min((lv for lv in levels if lv and lv != "other"), key=lambda lv: -RESOLUTION_TRUST[lv])
    recalled = lex.RECALLED.search(text, start, end)
    stop = recalled.start() if recalled else end
    phrases = _phrases(text, start, stop)
    hits = [_negated(text, h, start) for h in phrases]
    taken = [(h.start, h.end) for h in hits]
    for neg in lex.NEGATORS.finditer(text, start, stop):
        if any(s <= neg.start() < e for s, e in taken):
            continue
        for m_start, m_end in targets:
            if m_start >= neg.end() and _within_scope(text[neg.end() : m_start]):
                hits.append(_Hit(neg.start(), m_end, "negation", -1))
                break
    if recalled:
        hits.append(_Hit(recalled.start(), recalled.end(), "recalled", 0))
    return sorted(hits, key=lambda h: h.start), level


def _counterpart(
    text: str,
    start: int,
    end: int,
    clause_end: int,
    topic: Topic,
    context: str | None,
    in_article: bool,
) -> str:
    """Say whose act a mention is: "named" (the topic's), "other", or how an open one resolved."""
    if not topic.entities:
        return "any"
    before = text[max(0, start - lex.COUNTERPART_BEFORE) : start]
    if any(True for _ in find_phrases(before, topic.entities)):
        return "named"
    after = text[end : min(clause_end, end + lex.COUNTERPART_REACH + lex.COUNTERPART_SPAN)]
    prep = lex.COUNTERPART_PREPOSITION.search(after, 0, lex.COUNTERPART_REACH)
    if prep:
        named = after[prep.end() : prep.end() + lex.COUNTERPART_SPAN]
        if any(True for _ in find_phrases(named, topic.entities)):
            return "named"
        if lex.OTHER_COUNTERPART.match(named):
            return "other"
    if any(True for _ in find_phrases(text, topic.entities)):
        return "content"
    if context and any(True for _ in find_phrases(context, topic.entities)):
        return "context"
    return "article" if in_article else ""


def _phrases(text: str, start: int, end: int) -> list[_Hit]:
    """Return the lexicon phrases in text[start:end], earlier lexicons claiming text first."""
    kept: list[_Hit] = []
    for role, pattern in PHRASE_LEXICONS:
        for match in pattern.finditer(text, start, end):
            if not any(match.start() < k.end and k.start < match.end() for k in kept):
                kept.append(_Hit(match.start(), match.end(), role, POLARITY[role]))
    return sorted(kept, key=lambda h: h.start)


def _negated(text: str, hit: _Hit, clause_start: int) -> _Hit:
    """Flip a refusal or support preceded by a negator in scope ("not closed", "not ready")."""
    if hit.role not in ("refusal", "support"):
        return hit
    window = text[max(clause_start, hit.start - 40) : hit.start]
    negs = list(lex.NEGATORS.finditer(window))
    if negs and _within_scope(window[negs[-1].end() :]):
        role = "negated support" if hit.role == "support" else "negated refusal"
        return _Hit(hit.start - len(window) + negs[-1].start(), hit.end, role, -hit.polarity)
    return hit


def _within_scope(between: str) -> bool:
    """Say whether a negator reaches over `between` to the word after it."""
    if re.search(r"[,.;:!?\"“”()]", between):
        return False
    return len(between.split()) <= lex.NEGATION_WINDOW


def _cue(text: str, hit: _Hit, part: str) -> StanceCue:
    return StanceCue(text[hit.start : hit.end], Span(hit.start, hit.end), hit.role, part)


def _cue_verbs(cue: str) -> list[StanceCue]:
    found = [(m, "refusal") for m in lex.CUE_REFUSALS.finditer(cue)]
    found += [(m, "support") for m in lex.CUE_SUPPORTS.finditer(cue)]
    return [StanceCue(m.group(), Span(m.start(), m.end()), role, "cue") for m, role in found]


def _decide(cues: list[StanceCue], trust: float) -> Stance:
    """Weigh the cues: more for or against wins; a tie goes to the first one."""
    polar = [c for c in cues if _polarity(c) != 0]
    if not polar:
        return Stance(StanceLabel.NEUTRAL, None, tuple(cues), 0.6 if not trust else 0.4)
    score = sum(_polarity(c) for c in polar)
    if score == 0:
        ordered = sorted(polar, key=lambda c: (c.part != "cue", c.span.start))
        score = _polarity(ordered[0])
    label = StanceLabel.FOR if score > 0 else StanceLabel.AGAINST
    conditional = any(c.role in ("condition", "limit") for c in cues)
    agree = sum(1 for c in polar if (_polarity(c) > 0) == (score > 0))
    margin = (2 * agree - len(polar)) / len(polar)
    confidence = min(0.95, (0.55 + 0.1 * min(agree, 3)) * (0.6 + 0.4 * margin) * trust)
    return Stance(label, "conditional" if conditional else None, tuple(cues), round(confidence, 2))


def _polarity(cue: StanceCue) -> int:
    if cue.role.startswith("negated "):
        return -POLARITY[cue.role.removeprefix("negated ")]
    return POLARITY.get(cue.role, 0)


def _joined(text: str, spans: tuple[Span, ...]) -> tuple[str, list[tuple[int, int]]]:
    """Join spans' text with " … " and keep (offset in joined text, offset in article) pairs."""
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for span in spans:
        if pieces:
            position += len(" … ")
        offsets.append((position, span.start))
        pieces.append(span.text(text))
        position += span.end - span.start
    return " … ".join(pieces), offsets


def _moved(span: Span, offsets: list[tuple[int, int]]) -> Span:
    """Map a span of the joined text back to the article (pieces are copied unchanged)."""
    base = max((o for o in offsets if o[0] <= span.start), default=(0, 0))
    shift = base[1] - base[0]
    return Span(span.start + shift, span.end + shift)
