"""Token features for the attribution tagger: the parse, quotations, cues and the rules' view.

Each token becomes a list of `name=value` strings (binary features, as CRFsuite takes
them): its own word, lemma, tags and dependency; its path up the tree to the nearest
cue word ("ccomp>say" marks content, "nsubj>say" a source); whether it lies inside a
quotation; the role the rule extractor gives it (so the model learns the rules'
corrections rather than everything from scratch); and a few of its neighbours' features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.attribution import lexicon as lx
from onrecord.attribution.linking import Extraction
from onrecord.attribution.rules import Context
from onrecord.attribution.tagging import ROLE_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words a path up the tree stops at: the lexicon's cues, and "according".
CUE_WORDS = lx.CUE_VERBS | lx.CUE_NOUNS | {"according"}
# How far up the tree the path to a cue word is followed, and how many ancestors are named.
MAX_PATH = 6
NAMED_ANCESTORS = 3
# Neighbour offsets whose short features are copied onto a token.
NEIGHBOURS = (-2, -1, 1, 2)


def lemma(token: Token) -> str:
    """Return the lower-case lemma, or the lower-case text when the token has none."""
    return (token.lemma_ or token.text).lower()


def rule_roles(doc: Doc, extraction: Extraction) -> list[str]:
    """Return, per token, the role the rule extractor gave it (B-/I- prefixed), or "O"."""
    roles = ["O"] * len(doc)
    for attribution in extraction.attributions:
        for role, tag in ROLE_TAGS.items():
            for span in getattr(attribution, role):
                found = doc.char_span(span.start, span.end, alignment_mode="expand")
                for position, token in enumerate(found or ()):
                    roles[token.i] = ("B-" if position == 0 else "I-") + tag
    return roles


def cue_path(token: Token) -> tuple[str, str] | None:
    """Return (dependency path, cue lemma) from a token up to the nearest cue word above it."""
    path = []
    current = token
    for _ in range(MAX_PATH):
        if current.head.i == current.i:
            return None
        path.append(current.dep_)
        current = current.head
        if lemma(current) in CUE_WORDS:
            return path[-1] + ("<" + path[-2] if len(path) > 1 else ""), lemma(current)
    return None


def own_features(token: Token, quoted: int, rule: str) -> list[str]:
    """Return a token's own features (without its neighbours')."""
    word = token.text
    low = word.lower()
    head = token.head
    features = [
        "bias",
        "w=" + low,
        "l=" + lemma(token),
        "p=" + token.pos_,
        "t=" + token.tag_,
        "d=" + token.dep_,
        "hl=" + lemma(head),
        "hd=" + head.dep_,
        "hp=" + head.pos_,
        "dh=" + token.dep_ + ">" + lemma(head),
        "side=" + ("L" if token.i < head.i else "R" if token.i > head.i else "0"),
        "q=" + str(quoted),
        "r=" + rule,
        "e=" + token.ent_type_,
        "sh=" + ("X" if word[:1].isupper() else "x" if word[:1].isalpha() else word[:1]),
    ]
    if token.is_sent_start:
        features.append("sent_start")
    if lemma(token) in CUE_WORDS:
        features.append("cueword")
    path = cue_path(token)
    if path is not None:
        top = path[0].partition("<")[0]
        features += [
            "path=" + path[0],
            "top=" + top,
            "topcue=" + top + ">" + path[1],
            "cue=" + path[1],
        ]
    for depth, ancestor in enumerate(token.ancestors):
        if depth >= NAMED_ANCESTORS:
            break
        features.append(f"a{depth}={lemma(ancestor)}")
    features += ["c=" + child.dep_ for child in token.children]
    return features


def short_features(token: Token, quoted: int, rule: str) -> list[str]:
    """Return the few features a token lends its neighbours."""
    return ["w=" + token.text.lower(), "p=" + token.pos_, "q=" + str(quoted), "r=" + rule]


def quote_depths(ctx: Context) -> list[int]:
    """Return per token 2 if it lies in a double quotation, 1 in a single one, else 0."""
    return [0 if index < 0 else 1 if ctx.quotes[index].single else 2 for index in ctx.quote_of]


def cue_sides(doc: Doc) -> list[str]:
    """Return per token where the cue words of its sentence lie: "L", "R", "LR" or ""."""
    sides = [""] * len(doc)
    for sentence in doc.sents:
        cues = [t.i for t in sentence if lemma(t) in CUE_WORDS]
        for index in range(sentence.start, sentence.end):
            left = any(cue < index for cue in cues)
            right = any(cue > index for cue in cues)
            sides[index] = ("L" if left else "") + ("R" if right else "")
    return sides


def doc_features(doc: Doc, ctx: Context, extraction: Extraction) -> list[list[str]]:
    """Return the features of every token of a Doc, neighbours' included."""
    rules = rule_roles(doc, extraction)
    quoted = quote_depths(ctx)
    own = [own_features(t, quoted[t.i], rules[t.i]) for t in doc]
    for features, side in zip(own, cue_sides(doc), strict=True):
        features.append("cs=" + side)
    short = [short_features(t, quoted[t.i], rules[t.i]) for t in doc]
    size = len(doc)
    for index in range(size):
        for offset in NEIGHBOURS:
            other = index + offset
            if 0 <= other < size:
                own[index] += [f"{offset}{feature}" for feature in short[other]]
            else:
                own[index].append(f"{offset}edge")
    return own
