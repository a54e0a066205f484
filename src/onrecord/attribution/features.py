"""Token features for the attribution tagger: the parse, quotations, cues and the rules' view.

Each token becomes a list of `name=value` strings (binary features, as CRFsuite takes
them): its own word, lemma, tags and dependency; its path up the tree to the nearest
cue word ("ccomp>say" marks content, "nsubj>say" a source); whether it lies inside a
quotation; the role the rule extractor gives it (so the model learns the rules'
corrections rather than everything from scratch); where clauses start and end; word
pairs (phrase cues: "in a statement", "NAME :"); and a few of its neighbours' features.
The cue words are the rules' and those learnt from train (`cue_lexicon`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.attribution.linking import Extraction
from onrecord.attribution.rules import Context
from onrecord.attribution.tagging import ROLE_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Marks written differently but used alike, read as one: dashes before a commenter's
# name ("― Name", "- Name"), curly and straight quotation marks.
SAME_MARKS = {
    "―": "-",
    "–": "-",
    "—": "-",
    "--": "-",
    "“": '"',
    "”": '"',
    "``": '"',
    "''": '"',
    "‘": "'",
    "’": "'",
}
# How far up the tree the path to a cue word is followed, and how many ancestors are named.
MAX_PATH = 6
NAMED_ANCESTORS = 3
# Neighbour offsets whose short features are copied onto a token.
NEIGHBOURS = (-2, -1, 1, 2)
# How many distinct words (and heads, and neighbours) keep their feature strings built.
CACHED_WORDS = 50_000


@dataclass(frozen=True, slots=True)
class Table:
    """A Doc's tokens as plain lists, read once: spaCy builds a Token object per access."""

    lower: list[str]  # lower-case text, with dashes and quotation marks made alike
    lemma: list[str]  # lower-case lemma, or the lower-case text when unlemmatised
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    sent_start: list[bool]
    shape: list[str]  # "X" capitalised, "x" lower-case letter, else the first character
    children: list[list[int]]
    left: list[int]  # the first token of each token's subtree
    right: list[int]  # the last token of each token's subtree
    is_cue: list[bool]  # the token's lemma is a cue word


def table(doc: Doc, ctx: Context, cue_words: frozenset[str]) -> Table:
    """Read every token attribute the features use, in one pass over the Doc's arrays."""
    from spacy.attrs import DEP, ENT_TYPE, HEAD, POS, SENT_START, TAG

    strings = doc.vocab.strings
    size = len(doc)
    rows = doc.to_array([HEAD, DEP, POS, TAG, ENT_TYPE, SENT_START]).tolist()
    head = [i + row[0] if row[0] < 2**63 else i + row[0] - 2**64 for i, row in enumerate(rows)]
    names: dict[int, str] = {0: ""}

    def name(key: int) -> str:
        found = names.get(key)
        if found is None:
            found = names[key] = strings[key]
        return found

    texts = ctx.words
    children: list[list[int]] = [[] for _ in range(size)]
    for index in range(size):
        above = head[index]
        if above != index:
            children[above].append(index)
    left, right = subtree_edges(head)
    return Table(
        lower=[SAME_MARKS.get(word, word) for word in map(str.lower, texts)],
        lemma=ctx.lemmas,
        pos=[name(row[2]) for row in rows],
        tag=[name(row[3]) for row in rows],
        dep=[name(row[1]) for row in rows],
        head=head,
        ent=[name(row[4]) for row in rows],
        sent_start=[row[5] == 1 for row in rows],
        shape=[shape(text) for text in texts],
        children=children,
        left=left,
        right=right,
        is_cue=[lemma in cue_words for lemma in ctx.lemmas],
    )


def subtree_edges(head: list[int]) -> tuple[list[int], list[int]]:
    """Return the first and last token of every token's subtree (heads as indices)."""
    left, right = list(range(len(head))), list(range(len(head)))
    for index in range(len(head)):
        current = index
        while head[current] != current:  # widen every ancestor's subtree to this token
            current = head[current]
            left[current] = min(left[current], index)
            right[current] = max(right[current], index)
    return left, right


def shape(word: str) -> str:
    """Return "X" for a capitalised word, "x" for a lower-case one, else its first character."""
    first = word[:1]
    return "X" if first.isupper() else "x" if first.isalpha() else first


def rule_roles(doc: Doc, extraction: Extraction) -> list[str]:
    """Return, per token, the role the rule extractor gave it (B-/I- prefixed), or "O"."""
    roles = ["O"] * len(doc)
    for attribution in extraction.attributions:
        for role, tag in ROLE_TAGS.items():
            for span in getattr(attribution, role):
                found = doc.char_span(span.start, span.end, alignment_mode="expand")
                if found is None:
                    continue
                roles[found.start] = "B-" + tag
                roles[found.start + 1 : found.end] = ["I-" + tag] * (len(found) - 1)
    return roles


def cue_path(index: int, t: Table) -> tuple[str, str] | None:
    """Return (dependency path, cue lemma) from a token up to the nearest cue word above it."""
    path = []
    current = index
    for _ in range(MAX_PATH):
        above = t.head[current]
        if above == current:
            return None
        path.append(t.dep[current])
        current = above
        if t.is_cue[current]:
            return path[-1] + ("<" + path[-2] if len(path) > 1 else ""), t.lemma[current]
    return None


# Feature strings repeat from token to token ("w=the", "hl=say"): they are built once
# per distinct word and head (and per distinct neighbour, see `lent`) and shared.
@functools.lru_cache(maxsize=CACHED_WORDS)
def word_features(lower: str, lemma: str, pos: str, tag: str, dep: str) -> tuple[str, ...]:
    """Return the features of a token's own word: its text, lemma, tags and dependency."""
    return ("bias", "w=" + lower, "l=" + lemma, "p=" + pos, "t=" + tag, "d=" + dep)


@functools.lru_cache(maxsize=CACHED_WORDS)
def head_features(dep: str, lemma: str, head_dep: str, head_pos: str) -> tuple[str, ...]:
    """Return the features of a token's head: its lemma, dependency and tag."""
    return ("hl=" + lemma, "hd=" + head_dep, "hp=" + head_pos, "dh=" + dep + ">" + lemma)


@functools.lru_cache(maxsize=CACHED_WORDS)
def path_features(path: str, cue: str) -> tuple[str, ...]:
    """Return the features of a token's path up to a cue word, and of that cue word."""
    top = path.partition("<")[0]
    return ("path=" + path, "top=" + top, "topcue=" + top + ">" + cue, "cue=" + cue)


def own_features(i: int, t: Table, quoted: int, rule: str) -> list[str]:
    """Return a token's own features (without its neighbours')."""
    head = t.head[i]
    features = [
        *word_features(t.lower[i], t.lemma[i], t.pos[i], t.tag[i], t.dep[i]),
        *head_features(t.dep[i], t.lemma[head], t.dep[head], t.pos[head]),
        "side=" + ("L" if i < head else "R" if i > head else "0"),
        "q=" + str(quoted),
        "r=" + rule,
        "e=" + t.ent[i],
        "sh=" + t.shape[i],
    ]
    if t.sent_start[i]:
        features.append("sent_start")
    if t.is_cue[i]:
        features.append("cueword")
    path = cue_path(i, t)
    if path is not None:
        features += path_features(*path)
    current = i
    for depth in range(NAMED_ANCESTORS):
        ancestor = t.head[current]
        if ancestor == current:
            break
        current = ancestor
        features.append(f"a{depth}={t.lemma[ancestor]}")
        if t.left[ancestor] == i:  # the token opens the clause the ancestor heads
            features.append(f"le={t.dep[ancestor]}>{t.lemma[t.head[ancestor]]}")
        if t.right[ancestor] == i:  # or closes it: content often ends there
            features.append(f"re={t.dep[ancestor]}")
    features += ["c=" + t.dep[child] for child in t.children[i]]
    return features


def lent_features(
    words: list[str], tags: list[str], quoted: list[int], rules: list[str]
) -> list[dict[int, tuple[str, ...]]]:
    """Return per token the features it lends each neighbour offset, named by the offset."""
    return [lent(*key) for key in zip(words, tags, quoted, rules, strict=True)]


@functools.lru_cache(maxsize=CACHED_WORDS)
def lent(word: str, tag: str, depth: int, rule: str) -> dict[int, tuple[str, ...]]:
    """Return what a token lends each neighbour: its word, tag, quotation depth, rule role."""
    short = ["w=" + word, "p=" + tag, f"q={depth}", "r=" + rule]
    return {o: tuple(f"{o}{feature}" for feature in short) for o in NEIGHBOURS}


def quote_depths(ctx: Context) -> list[int]:
    """Return per token 2 if it lies in a double quotation, 1 in a single one, else 0."""
    return [0 if index < 0 else 1 if ctx.quotes[index].single else 2 for index in ctx.quote_of]


def sentence_bounds(t: Table) -> list[tuple[int, int]]:
    """Return each sentence's token range [first, last)."""
    starts = [i for i, start in enumerate(t.sent_start) if start or i == 0]
    return list(zip(starts, [*starts[1:], len(t.lower)], strict=True))


def cue_sides(t: Table, sentences: list[tuple[int, int]]) -> list[str]:
    """Return per token where the cue words of its sentence lie: "L", "R", "LR" or ""."""
    sides = [""] * len(t.lower)
    for first, last in sentences:
        cues = [i for i in range(first, last) if t.is_cue[i]]
        if not cues:
            continue
        for index in range(first, last):
            left = cues[0] < index
            right = cues[-1] > index
            sides[index] = ("L" if left else "") + ("R" if right else "")
    return sides


def doc_features(
    doc: Doc,
    ctx: Context,
    extraction: Extraction,
    cue_words: frozenset[str],
    clusters: Sequence[int] | None = None,
) -> list[list[str]]:
    """Return the features of every token of a Doc, neighbours' included.

    `clusters` holds each token's vector cluster (`token_clusters`), when there are any.
    """
    t = table(doc, ctx, cue_words)
    rules = rule_roles(doc, extraction)
    quoted = quote_depths(ctx)
    size = len(doc)
    own = [own_features(i, t, quoted[i], rules[i]) for i in range(size)]
    sentences = sentence_bounds(t)
    for features, side in zip(own, cue_sides(t, sentences), strict=True):
        features.append("cs=" + side)
    lent = lent_features(t.lower, t.pos, quoted, rules)
    for _, last in sentences:  # the sentence's last word: content drops an outside period
        own[last - 1].append("sent_end")
    words = t.lower
    for index in range(size):
        if index > 0:  # word pairs: phrase cues ("in a statement", "NAME :")
            own[index].append(f"b={words[index - 1]}|{words[index]}")
        if index + 1 < size:
            own[index].append(f"b+={words[index]}|{words[index + 1]}")
        for offset in NEIGHBOURS:
            other = index + offset
            if 0 <= other < size:
                own[index] += lent[other][offset]
            else:
                own[index].append(f"{offset}edge")
    if clusters is not None:
        add_cluster_features(own, clusters, t)
    return own


def add_cluster_features(own: list[list[str]], clusters: Sequence[int], t: Table) -> None:
    """Add each token's cluster, its neighbours' within one token, and its head's."""
    size = len(own)
    for index, features in enumerate(own):
        head = t.head[index]
        features += [
            f"k={clusters[index]}",
            f"hk={clusters[head]}",
            f"dhk={t.dep[index]}>{clusters[head]}",
        ]
        if index > 0:
            features.append(f"-1k={clusters[index - 1]}")
        if index + 1 < size:
            features.append(f"1k={clusters[index + 1]}")
