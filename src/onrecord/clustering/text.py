"""Text features for clustering: normalised words, word shingles, stemmed content words."""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import replace

from onrecord.models import ClusterInput

# Word shingles of this many words feed MinHash and the verbatim/trimmed tests. Three words
# survive one changed word in a 20-word quote with half the shingles intact (tuned on the
# example corpus: "boats" -> "ships" in the Port Selden quote keeps Jaccard at 0.7).
SHINGLE_WORDS = 3
# Quoted strings of this many words, shared by two reports, echo one utterance: six words
# in one order are rarely a coincidence, and rarely a stock phrase of the speaker's.
ECHO_WORDS = 6

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_WORD = re.compile(r"\w+(?:'\w+)*")
_QUOTED = re.compile(r'"([^"]+)"')
_QUOTE_MARKS = re.compile(r"[\"“”„«»]")

# Function words: left out of the lexical paraphrase score, which should count what a
# statement is about, not how English glues it together.
_STOP_TEXT = """a about above after again against all also am an and any are as at be been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it it's its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves said says say told added that's there's let us"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Suffixes stripped (longest first) so "modernising" and "modernisation" meet at "modern".
_SUFFIXES = (
    "isation",
    "ization",
    "ations",
    "ation",
    "ising",
    "izing",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ised",
    "ized",
    "ise",
    "ize",
    "ies",
    "ed",
    "es",
    "ly",
    "s",
    "e",
)
_MIN_STEM = 3


def normalise(text: str) -> str:
    """Return `text` with Unicode, quotation marks and case normalised."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


# The corpus stage reads a statement's words several times in one update (its keys, its
# features, its events' content words) and again when a later update reads it back.
@functools.lru_cache(maxsize=1 << 15)
def words(text: str) -> tuple[str, ...]:
    """Return the normalised words of `text`, punctuation dropped."""
    return tuple(_WORD.findall(normalise(text)))


def shingles(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> frozenset[int]:
    """Return the hashed word `size`-grams of `tokens` (the whole text when shorter)."""
    if not tokens:
        return frozenset()
    if len(tokens) < size:
        return frozenset({_hash(" ".join(tokens))})
    return frozenset(_hash(" ".join(tokens[i : i + size])) for i in range(len(tokens) - size + 1))


def quoted_strings(pieces: Sequence[str], size: int = ECHO_WORDS) -> frozenset[int]:
    """Return the hashed word `size`-grams of quoted pieces (none from a shorter piece)."""
    found: set[int] = set()
    for piece in pieces:
        tokens = words(piece)
        found.update(_hash(" ".join(tokens[i : i + size])) for i in range(len(tokens) - size + 1))
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem of a normalised word: enough to match inflections, no more."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def content_stems(tokens: Sequence[str]) -> frozenset[str]:
    """Return the stems of the content words among `tokens`."""
    return frozenset(stem(t) for t in tokens if t not in STOP_WORDS and not t.isdigit())


def quoted_pieces(content: str, kind: str) -> tuple[str, ...]:
    """Return the direct-quote pieces of a statement's content, without quotation marks.

    A direct statement's content (and a transcript's) is all quotation (pieces are joined by
    " … " when the content is discontinuous); a mixed one quotes only the fragments between
    marks.
    """
    # Split before NFKC, which turns the joiner's ellipsis into three full stops.
    parts = [unicodedata.normalize("NFKC", p).translate(_QUOTES) for p in content.split(" … ")]
    if kind in {"direct", "transcript"}:  # a transcript's paragraph is the speaker's words
        pieces = (_QUOTE_MARKS.sub("", piece) for piece in parts)
    elif kind == "mixed":
        pieces = (found for part in parts for found in _QUOTED.findall(part))
    else:
        return ()
    cleaned = (piece.strip().rstrip(",").strip() for piece in pieces)
    return tuple(piece for piece in cleaned if words(piece))


def _hash(text: str) -> int:
    """Return a stable 32-bit hash of `text` (Python's hash() changes between runs)."""
    return zlib.crc32(text.encode("utf-8"))


def with_quotes(item: ClusterInput) -> ClusterInput:
    """Return a stored statement's clustering input with its direct-quote pieces filled in."""
    return replace(item, quoted=quoted_pieces(item.content, item.kind))
