"""Attribution by rules over the dependency parse: cues, their speakers and contents.

A cue is found first (a reporting verb, "according to", or a noun such as "remarks"
governing a "that" clause); its source and content are read from the parse around it.
The drafts hold token ranges [first, last); `linking` settles them against quotations
and turns them into character ranges.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from onrecord.attribution import lexicon as lx
from onrecord.attribution.quotes import Quote, paragraph_spans, quotations

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TokenRange = tuple[int, int]  # [first, last) token indices
CharRange = tuple[int, int]  # [start, end) character offsets

VERB_POS = frozenset({"VERB", "AUX"})
# How many reporting verbs a set-off participle may climb through to find its speaker.
MAX_BORROW_STEPS = 2
# How many ancestors a set-off participle looks through for the reporting verb it belongs to.
MAX_ANCESTORS = 4

# Lemmas that may head a cue: a token with none of them is never looked at.
CANDIDATE_LEMMAS = lx.CUE_VERBS | lx.CUE_NOUNS | lx.ACCORDING_LEMMAS

DROPPED_NO_CONTENT = "cue without content"
DROPPED_SCARE_QUOTE = "quotation without a cue (too short to be a statement)"


@dataclass(slots=True)
class Draft:
    """An attribution being built: token ranges until quotes and offsets are settled."""

    cue_token: int  # index of the cue's head token, or -1 for a quotation without a cue
    source: list[TokenRange]
    cue: list[TokenRange]
    content: list[TokenRange]
    clause: TokenRange  # the cue and its own speaker, where adjacent quotes attach
    extra: list[CharRange] = field(default_factory=list)  # quotations joined to the content
    confidence: float = 1.0


@dataclass(slots=True)
class Context:
    """What the rules need about one Doc, computed once."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    quotes: tuple[Quote, ...]
    quote_of: list[int]  # per token: index of the quotation it lies in, or -1
    quote_ends: list[int]  # end offset of each quotation, for bisecting
    paragraphs: tuple[CharRange, ...]
    paragraph_starts: list[int]
    dropped: Counter[str]
    sentence_starts: list[int]  # character offset of each sentence's start
    words: list[str]  # per token: its text (spaCy builds a Token object on every access)
    lemmas: list[str]  # per token: its lower-case lemma, or its lower-case text


def lemma(token: Token) -> str:
    """Return the lower-case lemma of a token, or its lower-case text when unlemmatised."""
    return (token.lemma_ or token.text).lower()


def lower(token: Token) -> str:
    """Return a token's text in lower case (a bare Vocab has no lexical attributes)."""
    return token.text.lower()


def context(doc: Doc) -> Context:
    """Scan a Doc's quotations and index its tokens by the quotation they lie in."""
    from spacy.attrs import IDX, LEMMA, ORTH, SENT_START

    text = doc.text
    scan = quotations(text)
    strings = doc.vocab.strings
    rows = doc.to_array([IDX, ORTH, LEMMA, SENT_START]).tolist()
    words = [strings[row[1]] for row in rows]
    lemmas = [
        (strings[row[2]] if row[2] else word).lower() for row, word in zip(rows, words, strict=True)
    ]
    quote_of = [-1] * len(doc)
    position = 0
    for index, row in enumerate(rows):
        while position < len(scan.quotes) and scan.quotes[position].end <= row[0]:
            position += 1
        if position < len(scan.quotes) and scan.quotes[position].start <= row[0]:
            quote_of[index] = position
    ends = [quote.end for quote in scan.quotes]
    paragraphs = paragraph_spans(text)
    starts = [start for start, _ in paragraphs]
    refused = Counter(scan.refused)
    sentence_starts = sentence_start_chars(doc, rows)
    return Context(
        doc,
        text,
        scan.quotes,
        quote_of,
        ends,
        paragraphs,
        starts,
        refused,
        sentence_starts,
        words,
        lemmas,
    )


def sentence_start_chars(doc: Doc, rows: list[list[int]]) -> list[int]:
    """Return where each sentence starts: as `doc.sents` says, without a Span per sentence.

    `rows` holds each token's (IDX, ORTH, LEMMA, SENT_START). The first token always starts
    one; a Doc without sentence boundaries, or with its own "sents" hook, asks `doc.sents`.
    """
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [sentence.start_char for sentence in doc.sents]
    return [row[0] for index, row in enumerate(rows) if index == 0 or row[3] == 1]


def is_reporting_verb(token: Token) -> bool:
    """Tell whether a token is a reporting verb used as a verb."""
    return (
        lemma(token) in lx.CUE_VERBS
        and token.pos_ in VERB_POS  # excludes "a claim", "the report"
        and token.dep_ not in lx.NON_CUE_DEPS  # excludes "the said report"
    )


def is_verb_cue(token: Token, ctx: Context) -> bool:
    """Tell whether a token is a reporting verb heading an attribution of its own."""
    return (
        is_reporting_verb(token)
        and ctx.quote_of[token.i] < 0  # excludes cues spoken inside a quotation
        and not any(child.dep_ == "auxpass" for child in token.children)  # "be responded"
    )


def subtree_range(token: Token) -> TokenRange:
    """Return the token range a token's subtree spans."""
    return token.left_edge.i, token.right_edge.i + 1


def cue_ranges(tokens: Iterable[Token]) -> list[TokenRange]:
    """Group tokens into runs of adjacent indices: "did not announce" is one run."""
    runs: list[TokenRange] = []
    for index in sorted({token.i for token in tokens}):
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


def is_time_modifier(token: Token) -> bool:
    """Tell whether a subtree is a time expression: "on Saturday", "Wednesday", "July 30"."""
    return any(
        word.ent_type_ in lx.TIME_ENTITY_LABELS or lower(word) in lx.TIME_WORDS
        for word in token.subtree
    )


def source_range(head: Token, cue: Token) -> TokenRange:
    """Return the speaker's noun phrase, without trailing time modifiers or the cue's clause."""
    doc = head.doc
    first, last = subtree_range(head)
    for child in reversed(list(head.rights)):
        if child.left_edge.i <= cue.i <= child.right_edge.i:
            last = child.left_edge.i  # "an official who said": the relative clause is no source
        elif child.dep_ == "npadvmod" or (child.dep_ == "prep" and is_time_modifier(child)):
            last = child.left_edge.i  # "Khamenei Wednesday", "Khamenei on Saturday"
        elif child.dep_ in lx.SOURCE_TRAILING_DROP_DEPS and child.text not in lx.CLOSING_BRACKETS:
            last = child.left_edge.i  # "Khamenei, meantime,", "the Leader, addressing ..."
        else:
            break
    last = max(last, head.i + 1)
    for index in range(last - 2, first - 1, -1):  # "TEHRAN (Tasnim) – Leader ...": a dateline
        if doc[index].text in lx.DATELINE_DASHES:
            first = index + 1
            break
    first, last = trim(doc, (first, last))
    set_off = any(
        child.dep_ == "appos" and doc[child.left_edge.i - 1].text == "," for child in head.rights
    )
    if set_off and last < len(doc) and doc[last].text == "," and last < cue.i:
        last += 1  # PolNeAR closes an apposition with its comma: "Phil Lovas, the chairman,"
    return first, last


def trim(doc: Doc, span: TokenRange) -> TokenRange:
    """Drop edge punctuation (not quotation marks or brackets) and whitespace tokens."""
    first, last = span
    while first < last and is_edge(doc[first]):
        first += 1
    while last > first and is_edge(doc[last - 1]):
        last -= 1
    return first, last


def is_edge(token: Token) -> bool:
    """Tell whether a token may be trimmed from the end of a span."""
    return token.text in lx.EDGE_PUNCTUATION or token.text.isspace()


def nearest_subject(clause: Token) -> Token | None:
    """Return the subject of a clause nearest its verb (a headline taken for one lies farther)."""
    subjects = [child for child in clause.children if child.dep_ in lx.SUBJECT_DEPS]
    for aux in clause.children:  # "Khamenei had ... downplayed", parsed with Khamenei ← had
        if aux.dep_ == "aux":
            subjects += [child for child in aux.children if child.dep_ in lx.SUBJECT_DEPS]
    return min(subjects, key=lambda child: abs(child.i - clause.i)) if subjects else None


def is_set_off_participle(token: Token) -> bool:
    """Tell whether a token opens ", saying ...", "while adding ...": the reporter's aside."""
    return (
        token.tag_ == "VBG"
        and lemma(token) in lx.TRAILING_PARTICIPLES
        and token.i > 0
        and lower(token.doc[token.i - 1]) in lx.SET_OFF_WORDS
        and nearest_subject(token) is None
    )


def speaker(cue: Token, depth: int = 0) -> tuple[Token, Token] | None:
    """Return (speaker head, clause it is subject of), borrowing from the verb above if need be."""
    own = nearest_subject(cue)
    if own is not None:
        return antecedent(own, cue), cue
    if is_set_off_participle(cue) and depth < MAX_BORROW_STEPS:
        # ", saying ..." after a reported clause tells how the reporting speaker spoke
        for ancestor in islice(cue.ancestors, MAX_ANCESTORS):
            if is_reporting_verb(ancestor):
                return speaker(ancestor, depth + 1)
        root = cue.sent.root
        subject = nearest_subject(root) if root.pos_ in VERB_POS else None
        if subject is not None:  # "X downplayed the policy, saying ...": the sentence's speaker
            return antecedent(subject, root), root
    if cue.dep_ in lx.BORROWING_DEPS:  # "X warned ... and said", "X noted, adding"
        borrowed = nearest_subject(cue.head)
        if borrowed is not None:
            return antecedent(borrowed, cue.head), cue.head
    return None


def antecedent(subject: Token, clause: Token) -> Token:
    """Return the noun a relative pronoun stands for ("an official who said"), else the subject."""
    if subject.tag_ in lx.RELATIVE_PRONOUN_TAGS and clause.dep_ == "relcl":
        return clause.head
    return subject


def verb_content(cue: Token) -> list[TokenRange]:
    """Return the content a reporting verb governs: its clause, else its object."""
    word = lemma(cue)
    deps = lx.CLAUSE_CONTENT_DEPS | ({"xcomp"} if word in lx.XCOMP_CONTENT_VERBS else set())
    clauses = [child for child in cue.children if child.dep_ in deps]
    if clauses:
        return [subtree_range(child) for child in clauses]
    if word in lx.CLAUSE_ONLY_VERBS or word in lx.ADDRESSEE_VERBS:
        return []  # "he continued the talks", "told reporters": the object is not content
    objects = [child for child in cue.children if child.dep_ in lx.OBJECT_CONTENT_DEPS]
    if not objects:
        return []
    first, last = subtree_range(objects[0])
    for child in cue.rights:  # "described the offer as a deceptive move": up to a comma
        if child.i < last:
            continue
        if child.dep_ in lx.OBJECT_TAIL_STOP_DEPS or child.text in lx.EDGE_PUNCTUATION:
            break
        last = child.right_edge.i + 1
    return [(first, last)]


def left_content(cue: Token, clause: TokenRange, has_speaker: bool) -> list[TokenRange]:
    """Return the clause before a cue that hangs below it: "A, X said." parsed as A ← said."""
    head = cue.head
    if (
        cue.dep_ not in lx.CLAUSE_CONTENT_DEPS  # the cue is not set beside the clause
        or head.i >= cue.i  # the clause does not come first
        or not has_speaker  # "A, to be responded" is no report
        or is_reporting_verb(head)  # "X reiterated that ..., the policy would continue"
        or any(child.dep_ not in lx.CUE_TAIL_DEPS for child in cue.rights)  # cue ends A
        or clause[0] == 0
        or cue.doc[clause[0] - 1].text not in {",", "”", '"', "’"}  # not set off from A
    ):
        return []
    return [(head.left_edge.i, clause[0])]


def inverted_speaker(cue: Token, content: list[TokenRange]) -> TokenRange | None:
    """Return the speaker after the cue in "A, underlined X." parsed as X ← object of cue."""
    if not content or content[0][1] > cue.i:
        return None  # the content does not precede the cue
    for child in cue.rights:
        if child.dep_ in lx.INVERTED_SPEAKER_DEPS:
            return source_range(child, cue)
    return None


def cut_trailing(doc: Doc, span: TokenRange, ctx: Context) -> TokenRange:
    """End content before a trailing ", referring to ..." or ", and added ..." of the reporter."""
    first, last = span
    for index in range(first + 1, last):
        token = doc[index]
        before = lower(doc[index - 1])
        aside = (
            token.dep_ in {"advcl", "conj"}  # a clause beside the content, not inside it
            and token.pos_ in VERB_POS  # "federal and state law" is no clause
            and lemma(token) in lx.TRAILING_PARTICIPLES  # "referring", "adding", "said"
            and before in lx.SET_OFF_WORDS  # set off from the content
            and nearest_subject(token) is None  # "..., and they said" is content
        )
        unmarked = (
            token.tag_ == "VBG"  # "criticised the deal stressing that ..."
            and lemma(token) in lx.CUE_VERBS
            and any(that_clause(child) for child in token.children)
        )
        if (aside or unmarked) and ctx.quote_of[index] < 0:  # quoted words are the speaker's
            cut = index - (1 if before in lx.SET_OFF_WORDS - {","} else 0)
            return trim(doc, (first, cut))
    return span


def that_clause(token: Token) -> bool:
    """Tell whether a token heads a clause opened by "that"."""
    return token.dep_ in lx.CLAUSE_CONTENT_DEPS and any(
        child.dep_ == "mark" and lower(child) == "that" for child in token.children
    )


def clause_range(cue: Token, subject: TokenRange | None, parts: list[Token]) -> TokenRange:
    """Return the tokens of the cue's own clause: its speaker (if its own), the cue, its parts."""
    indices = [cue.i] + [part.i for part in parts]
    if subject is not None:
        indices += [subject[0], subject[1] - 1]
    for child in cue.children:  # "told reporters, “…”": the addressee sits in the clause
        if child.dep_ in {"dobj", "dative"} and lemma(cue) in lx.ADDRESSEE_VERBS:
            indices.append(child.right_edge.i)
    return min(indices), max(indices) + 1


def verb_draft(cue: Token, ctx: Context) -> Draft:
    """Build the draft of a reporting verb: speaker, cue with its parts, content."""
    found = speaker(cue)
    source = source_range(*found) if found else None
    parts = [child for child in cue.children if child.dep_ in lx.CUE_PART_DEPS]
    own_source = source if found and found[1] is cue else None
    clause = clause_range(cue, own_source, parts)
    content = verb_content(cue) or left_content(cue, clause, found is not None)
    if source is None:
        source = inverted_speaker(cue, content)
        clause = clause_range(cue, source, parts)
    content = [cut_trailing(ctx.doc, trim(ctx.doc, span), ctx) for span in content]
    content = [span for span in content if span[0] < span[1]]
    cue_spans = cue_runs(cue, parts, [*content, *([source] if source else [])])
    clause = (min(clause[0], cue_spans[0][0]), max(clause[1], cue_spans[-1][1]))
    return Draft(
        cue_token=cue.i,
        source=[source] if source and source[0] < source[1] else [],
        cue=cue_spans,
        content=content,
        clause=clause,
    )


def cue_runs(cue: Token, parts: list[Token], taken: list[TokenRange]) -> list[TokenRange]:
    """Return the cue's spans: the verb with its parts and the adverbs right before it."""
    doc = cue.doc
    near = {part.i for part in parts}
    for child in cue.lefts:
        if child.dep_ in lx.CUE_MODIFIER_DEPS:  # "also said", "now says", "did not say"
            near.update(range(*subtree_range(child)))
    if cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":":  # "said:"
        near.add(cue.i + 1)
    for first, last in taken:  # never the source's or the content's words
        near.difference_update(range(first, last))
    reach = sorted(near | {cue.i})
    near.update(i for i in range(reach[0], reach[-1]) if doc[i].text.isspace())  # "has\xa0said"
    first, last = cue.i, cue.i + 1
    while first - 1 in near:
        first -= 1
    while last in near:
        last += 1
    outside = [part for part in parts if not first <= part.i < last]
    return sorted([(first, last), *cue_ranges(outside)])


def according_draft(token: Token, ctx: Context) -> Draft | None:
    """Build the draft of "according to X, A" / "A, according to X"."""
    to = next((child for child in token.children if lower(child) == "to"), None)
    objects = [child for child in to.children if child.dep_ == "pobj"] if to else []
    if to is None or not objects or lemma(token) not in lx.ACCORDING_LEMMAS:
        return None
    first, last = subtree_range(token)
    head_first, head_last = subtree_range(token.head)
    if token.head.i == token.i:  # a fragment: the phrase governs nothing
        head_first, head_last = token.sent.start, token.sent.end
    pieces = [trim(ctx.doc, (head_first, first)), trim(ctx.doc, (last, head_last))]
    return Draft(
        cue_token=token.i,
        source=[trim(ctx.doc, subtree_range(objects[0]))],
        cue=cue_ranges([token, to]),
        content=[piece for piece in pieces if piece[0] < piece[1]],
        clause=(first, last),
    )


def noun_draft(noun: Token, ctx: Context) -> Draft | None:
    """Build the draft of "X's remarks that A" / "a statement by X that A"."""
    clauses = [
        child
        for child in noun.rights
        if child.dep_ in lx.NOUN_CONTENT_DEPS
        and any(mark.dep_ == "mark" and lower(mark) == "that" for mark in child.children)
    ]
    owner = next((child for child in noun.lefts if child.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.rights if c.dep_ == "prep" and lower(c) == "by"), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if not clauses or owner is None:
        return None
    first, last = subtree_range(owner)
    return Draft(
        cue_token=noun.i,
        source=[trim(ctx.doc, (first, last))],
        cue=[(noun.i, noun.i + 1)],
        content=[cut_trailing(ctx.doc, trim(ctx.doc, subtree_range(clauses[0])), ctx)],
        clause=(noun.i, noun.i + 1),
    )


def cue_drafts(ctx: Context) -> list[Draft]:
    """Find every cue of the Doc and draft its attribution; drop cues without content."""
    drafts: list[Draft] = []
    for index, word in enumerate(ctx.lemmas):
        if ctx.quote_of[index] >= 0:
            continue  # cues inside quotations are the speaker's words, not the reporter's
        if word not in CANDIDATE_LEMMAS and ctx.words[index].lower() != "according":
            continue  # no cue word: skip it without building spaCy's Token
        token = ctx.doc[index]
        draft: Draft | None = None
        if is_verb_cue(token, ctx):
            draft = verb_draft(token, ctx)
        elif lower(token) == "according":
            draft = according_draft(token, ctx)
        elif lemma(token) in lx.CUE_NOUNS and token.dep_ in lx.NOMINAL_DEPS:
            draft = noun_draft(token, ctx)
        if draft is None:
            continue
        if draft.content or draft.cue_token >= 0 and is_verb_cue(token, ctx):
            drafts.append(draft)
    return drafts
