"""Cue lemmas learnt from the training data, beside the rules' hand-written ones.

PolNeAR's cues are far more varied than a reporting-verb list ("endorse", "blast",
"skeptical", "accusation"). The tagger's features follow the parse up to the nearest
cue word ("ccomp>say" marks content), so which words count as cue words matters. This
module counts, in the training split, how often each content word (verb, noun or
adjective lemma) lies inside a gold cue, and keeps those that often do. The list is
written next to the model by `make train` and read with it: model and list go together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.attribution import lexicon as lx
from onrecord.models import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The rules' cue words: always cue words for the features, learnt list or not.
RULE_CUE_WORDS: frozenset[str] = lx.CUE_VERBS | lx.CUE_NOUNS | {"according"}
# Parts of speech a learnt cue word may have: function words ("to", "be") stay out.
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ"})
# A lemma is learnt when at least this many of its occurrences in train lie in a gold
# cue, and at least this share of them. Chosen on PolNeAR dev among (3, 0.15), (5, 0.1),
# (5, 0.2) and (8, 0.3): attribution F1 0.652, 0.646, 0.651, 0.646; the middle-sized
# list (about 270 lemmas) was kept.
MIN_COUNT = 5
MIN_SHARE = 0.2


def learn(examples: Iterable[tuple[Doc, Sequence[Attribution]]]) -> frozenset[str]:
    """Return the content-word lemmas that often lie inside the gold cues of the examples."""
    in_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc, gold in examples:
        cue_tokens = _cue_tokens(doc, gold)
        for token in doc:
            if token.pos_ not in CONTENT_POS:
                continue
            lemma = (token.lemma_ or token.text).lower()
            seen[lemma] += 1
            if token.i in cue_tokens:
                in_cue[lemma] += 1
    return frozenset(
        lemma
        for lemma, count in in_cue.items()
        if count >= MIN_COUNT and count >= MIN_SHARE * seen[lemma]
    )


def _cue_tokens(doc: Doc, gold: Sequence[Attribution]) -> set[int]:
    """Return the indices of the tokens inside the gold cues."""
    found: set[int] = set()
    for attribution in gold:
        for span in attribution.cue:
            tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
            found.update(token.i for token in tokens or ())
    return found


def path_for(model: Path) -> Path:
    """Return where the learnt cue words of a model file live: beside it, `.cues`."""
    return model.with_suffix(".cues")


def write(words: Iterable[str], path: Path) -> None:
    """Write learnt cue words, one per line, sorted (the same words give the same file)."""
    path.write_text("".join(word + "\n" for word in sorted(set(words))), encoding="utf-8")


def cue_words(learnt: Iterable[str]) -> frozenset[str]:
    """Return the words the features treat as cues: the rules' and the learnt ones."""
    return RULE_CUE_WORDS | frozenset(learnt)


def read(text: str) -> frozenset[str]:
    """Read a learnt cue-word list and return the cue words (the rules' added)."""
    return cue_words(line.strip() for line in text.splitlines() if line.strip())
