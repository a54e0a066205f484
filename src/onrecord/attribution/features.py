"""Token features for the attribution tagger: the parse, quotations, cues and the rules' view.

Each token becomes a list of `name=value` strings (binary features, as CRFsuite takes
them): its own word, lemma, tags and dependency; its path up the tree to the nearest
cue word ("ccomp>say" marks content, "nsubj>say" a source); whether it lies inside a
quotation; the role the rule extractor gives it (so the model learns the rules'
corrections rather than everything from scratch); where clauses start and end; word
pairs (phrase cues: "in a statement", "NAME :"); and a few of its neighbours' features.
The cue words are the rules' and those learnt from train (`cue_lexicon`).

The features are built a column at a time (`Column`: one feature, every token's value),
which is how the tagger scores them (`decoding.state_scores`); `doc_features` writes the
same columns out as each token's strings, in a fixed order, for training.
"""

from __future__ import annotations

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
# A token's quotation depth (`quote_depths`) as a feature value.
QUOTE_DEPTHS = ("0", "1", "2")
# Which side of its head a token lies on, by the sign of (head - token): the root is "0".
SIDES = {1: "L", -1: "R", 0: "0"}


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
    clause: list[str]  # "dependency>head lemma": the clause the token heads, as features name it
    children: list[list[int]]
    order: list[int]  # every token after its head: the tree read from the roots down
    left: list[int]  # the first token of each token's subtree
    right: list[int]  # the last token of each token's subtree
    is_cue: list[bool]  # the token's lemma is a cue word


def table(doc: Doc, ctx: Context, cue_words: frozenset[str]) -> Table:
    """Read every token attribute the features use, in one pass over the Doc's arrays."""
    import numpy as np
    from spacy.attrs import DEP, ENT_TYPE, HEAD, POS, SENT_START, TAG

    size = len(doc)
    array = doc.to_array([HEAD, DEP, POS, TAG, ENT_TYPE, SENT_START])
    head = (array[:, 0].astype(np.int64) + np.arange(size)).tolist()  # offsets to the head
    keys = np.unique(array[:, 1:5]).tolist()
    names = {key: doc.vocab.strings[key] if key else "" for key in keys}
    dep, pos, tag, ent = ([names[key] for key in array[:, n].tolist()] for n in range(1, 5))
    texts = ctx.words
    children: list[list[int]] = [[] for _ in range(size)]
    for index in range(size):
        above = head[index]
        if above != index:
            children[above].append(index)
    order = [index for index in range(size) if head[index] == index]
    for index in order:  # the list grows as it is read: each token's children follow it
        order.extend(children[index])
    left, right = subtree_edges(head, order)
    return Table(
        lower=[SAME_MARKS.get(word, word) for word in map(str.lower, texts)],
        lemma=ctx.lemmas,
        pos=pos,
        tag=tag,
        dep=dep,
        head=head,
        ent=ent,
        sent_start=(array[:, 5] == 1).tolist(),
        shape=[shape(text) for text in texts],
        clause=[f"{d}>{ctx.lemmas[above]}" for d, above in zip(dep, head, strict=True)],
        children=children,
        order=order,
        left=left,
        right=right,
        is_cue=[lemma in cue_words for lemma in ctx.lemmas],
    )


def subtree_edges(head: list[int], order: list[int]) -> tuple[list[int], list[int]]:
    """Return the first and last token of every token's subtree (heads as indices)."""
    left, right = list(range(len(head))), list(range(len(head)))
    for index in reversed(order):  # children before their heads: a subtree widens its head's
        above = head[index]
        if above != index:
            left[above] = min(left[above], left[index])
            right[above] = max(right[above], right[index])
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


def cue_paths(t: Table) -> list[tuple[str, str] | None]:
    """Return per token (dependency path, cue lemma) up to the nearest cue word above it.

    The path names the dependency just under the cue and the one under that ("ccomp<nsubj"),
    and is followed at most MAX_PATH steps up.
    """
    # (cue, steps up to it, dependency just under it, the one under that), heads first.
    found: list[tuple[int, int, str, str] | None] = [None] * len(t.lower)
    for index in t.order:
        above = t.head[index]
        if above == index:
            continue
        if t.is_cue[above]:
            found[index] = (above, 1, t.dep[index], "")
        elif (via := found[above]) is not None and via[1] < MAX_PATH:
            cue, steps, top, second = via
            found[index] = (cue, steps + 1, top, t.dep[index] if steps == 1 else second)
    return [
        None if via is None else (via[2] + ("<" + via[3] if via[3] else ""), t.lemma[via[0]])
        for via in found
    ]


@dataclass(frozen=True, slots=True)
class Column:
    """One feature of every token: its name ("w=", "-1w=", "bias") and each token's value.

    A token's feature string is the name and its value ("w=" + "said"); a token whose
    value is None lacks the feature. A flag ("bias", "sent_start") has the value "".
    A feature a token may have several times (its children's dependencies) names, in
    `tokens`, the token of each value instead.
    """

    name: str
    values: Sequence[str | None]
    tokens: Sequence[int] | None = None  # None: one value per token, in order


def word_columns(t: Table, depths: list[str], rules: list[str]) -> list[Column]:
    """Return the token's own word, tags and dependency, its head's, and its marks."""
    size = len(t.lower)
    head = t.head
    head_lemma = [t.lemma[above] for above in head]
    return [
        Column("bias", [""] * size),
        Column("w=", t.lower),
        Column("l=", t.lemma),
        Column("p=", t.pos),
        Column("t=", t.tag),
        Column("d=", t.dep),
        Column("hl=", head_lemma),
        Column("hd=", [t.dep[above] for above in head]),
        Column("hp=", [t.pos[above] for above in head]),
        Column("dh=", t.clause),
        Column("side=", [SIDES[(above > i) - (above < i)] for i, above in enumerate(head)]),
        Column("q=", depths),
        Column("r=", rules),
        Column("e=", t.ent),
        Column("sh=", t.shape),
        Column("sent_start", ["" if start else None for start in t.sent_start]),
        Column("cueword", ["" if cue else None for cue in t.is_cue]),
    ]


def path_columns(t: Table) -> list[Column]:
    """Return the path up to the nearest cue word above the token, and that cue word."""
    paths = cue_paths(t)
    tops = [None if found is None else found[0].partition("<")[0] for found in paths]
    return [
        Column("path=", [None if found is None else found[0] for found in paths]),
        Column("top=", tops),
        Column(
            "topcue=",
            [None if p is None else f"{top}>{p[1]}" for p, top in zip(paths, tops, strict=True)],
        ),
        Column("cue=", [None if found is None else found[1] for found in paths]),
    ]


def ancestor_columns(t: Table) -> list[Column]:
    """Return the token's named ancestors, and the clauses above it that it opens or closes."""
    head, left, right = t.head, t.left, t.right
    columns = []
    above: list[int | None] = list(range(len(t.lower)))
    for depth in range(NAMED_ANCESTORS):
        above = [None if a is None or head[a] == a else head[a] for a in above]
        # The token opens the clause the ancestor heads, or closes it: content starts or ends.
        opens = [
            t.clause[a] if a is not None and left[a] == i else None for i, a in enumerate(above)
        ]
        closes = [
            t.dep[a] if a is not None and right[a] == i else None for i, a in enumerate(above)
        ]
        columns += [
            Column(f"a{depth}=", [None if a is None else t.lemma[a] for a in above]),
            Column("le=", opens),
            Column("re=", closes),
        ]
    return columns


def child_columns(t: Table) -> list[Column]:
    """Return the dependencies of the token's children, in their order."""
    tokens = [index for index, children in enumerate(t.children) for _ in children]
    return [Column("c=", [t.dep[child] for children in t.children for child in children], tokens)]


def pair_columns(t: Table, sentences: list[tuple[int, int]]) -> list[Column]:
    """Return where the sentence's cue words lie, the sentence's last word, and word pairs."""
    words = t.lower
    size = len(words)
    last: list[str | None] = [None] * size
    for _, end in sentences:  # the sentence's last word: content drops an outside period
        last[end - 1] = ""
    pairs = [f"{before}|{after}" for before, after in zip(words[:-1], words[1:], strict=True)]
    return [
        Column("cs=", cue_sides(t, sentences)),
        Column("sent_end", last),
        Column("b=", [None, *pairs]),  # phrase cues: "in a statement", "NAME :"
        Column("b+=", [*pairs, None]),
    ]


def neighbour_columns(t: Table, depths: list[str], rules: list[str]) -> list[Column]:
    """Return, at each offset in NEIGHBOURS, the neighbour's word, tag, quotation and role."""
    size = len(t.lower)
    columns = []
    for offset in NEIGHBOURS:
        for name, values in (("w=", t.lower), ("p=", t.pos), ("q=", depths), ("r=", rules)):
            columns.append(Column(f"{offset}{name}", shifted(values, offset)))
        edge = [None if 0 <= index + offset < size else "" for index in range(size)]
        columns.append(Column(f"{offset}edge", edge))
    return columns


def cluster_columns(clusters: Sequence[int], t: Table) -> list[Column]:
    """Return the token's vector cluster, its head's, and its neighbours' within one token."""
    own = [str(cluster) for cluster in clusters]
    heads = [own[above] for above in t.head]
    return [
        Column("k=", own),
        Column("hk=", heads),
        Column("dhk=", [f"{dep}>{head}" for dep, head in zip(t.dep, heads, strict=True)]),
        Column("-1k=", shifted(own, -1)),
        Column("1k=", shifted(own, 1)),
    ]


def shifted(values: Sequence[str | None], offset: int) -> list[str | None]:
    """Return each token's neighbour's value at `offset`, None past either end."""
    size = len(values)
    if offset < 0:
        return [*[None] * min(-offset, size), *values[: max(size + offset, 0)]]
    return [*values[offset:], *[None] * min(offset, size)]


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


def doc_columns(
    doc: Doc,
    ctx: Context,
    extraction: Extraction,
    cue_words: frozenset[str],
    clusters: Sequence[int] | None = None,
) -> list[Column]:
    """Return the features of every token of a Doc as columns, in the order they are written.

    `clusters` holds each token's vector cluster (`token_clusters`), when there are any.
    """
    if not len(doc):
        return []
    t = table(doc, ctx, cue_words)
    rules = rule_roles(doc, extraction)
    depths = [QUOTE_DEPTHS[depth] for depth in quote_depths(ctx)]
    columns = [
        *word_columns(t, depths, rules),
        *path_columns(t),
        *ancestor_columns(t),
        *child_columns(t),
        *pair_columns(t, sentence_bounds(t)),
        *neighbour_columns(t, depths, rules),
    ]
    if clusters is not None:
        columns += cluster_columns(clusters, t)
    return columns


def doc_features(
    doc: Doc,
    ctx: Context,
    extraction: Extraction,
    cue_words: frozenset[str],
    clusters: Sequence[int] | None = None,
) -> list[list[str]]:
    """Return the feature strings of every token of a Doc (what the CRF is trained on)."""
    return written(doc_columns(doc, ctx, extraction, cue_words, clusters), len(doc))


def written(columns: Sequence[Column], size: int) -> list[list[str]]:
    """Return each token's feature strings: the name and value of every column it has."""
    features: list[list[str]] = [[] for _ in range(size)]
    for column in columns:
        name = column.name
        owners = features if column.tokens is None else [features[i] for i in column.tokens]
        for strings, value in zip(owners, column.values, strict=True):
            if value is not None:
                strings.append(name + value)
    return features
