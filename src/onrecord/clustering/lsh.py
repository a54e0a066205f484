"""MinHash LSH band keys: stable 64-bit keys a store can index, blocked by speaker.

Two families share one scheme. *Shingle* keys (word 3-gram shingles, 10 bands of 2 values)
find near-verbatim candidates for the same utterance; *content* keys (stemmed content
words, 6 bands of 2 values, other permutations and a salt) find statements that say
something alike, the only candidates a speech event has when nothing dates it. The keys
depend on nothing but the statement and its speaker, so they never change as a corpus
grows.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

# Shingles: at Jaccard 0.6 (`UNDATED_JACCARD`, the least an undated statement links at) a
# pair is retrieved with probability 1 - (1 - 0.6**2)**10 = 0.988, at 0.3 with 0.61.
SHINGLE_BANDS = 10
# Content words: at stem Jaccard 0.5 a pair is retrieved with probability
# 1 - (1 - 0.5**2)**6 = 0.82, at 0.3 with 0.43, at 0.05 with 0.015. Two reports of one
# speech hold several such pairs; two unrelated statements of one speaker rarely one.
CONTENT_BANDS = 6
BAND_ROWS = 2
_SEEDS = {"shingles": 1, "content": 2}
_MIX = (0x9E3779B97F4A7C15, 0xD1B54A32D192ED03, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


# numpy is imported on the first key asked for, not with the module: the CLI's read
# commands import the clustering package (quote drift) and never hash a statement.
@functools.cache
def _tables() -> dict[str, Any]:
    """The hashing constants as numpy values: the prime, the mixers, each family's
    permutations (drawn once from fixed seeds, so keys never change)."""
    import numpy as np

    return {
        "np": np,
        "mersenne": np.uint64((1 << 61) - 1),
        "mix": np.array(_MIX, dtype=np.uint64),
        "permutations": {
            family: np.random.RandomState(seed).randint(
                1,
                (1 << 32) - 1,
                size=(2, BAND_ROWS * (SHINGLE_BANDS if family == "shingles" else CONTENT_BANDS)),
                dtype=np.uint64,
            )
            for family, seed in _SEEDS.items()
        },
    }


def shingle_keys(speaker: int | None, shingled: frozenset[int]) -> tuple[int, ...]:
    """Return the near-verbatim band keys of a statement's hashed shingles."""
    return _keys("shingles", speaker, shingled)


def content_keys(speaker: int | None, stems: Iterable[str]) -> tuple[int, ...]:
    """Return the content band keys of a statement's stemmed content words."""
    hashed = frozenset(zlib.crc32(s.encode("utf-8")) for s in stems)
    return _keys("content", speaker, hashed)


# The same statement's keys are asked for several times in one corpus update (look-ups,
# index, events): a few thousand recent ones are kept.
@functools.lru_cache(maxsize=1 << 15)
def _keys(family: str, speaker: int | None, values: frozenset[int]) -> tuple[int, ...]:
    if speaker is None or not values:
        return ()
    tables = _tables()
    np, mix = tables["np"], tables["mix"]
    column = np.fromiter(values, dtype=np.uint64, count=len(values))
    a, b = tables["permutations"][family]
    signature = ((column[:, None] * a[None, :] + b[None, :]) % tables["mersenne"]).min(axis=0)
    bands = signature.reshape(-1, BAND_ROWS)
    salt = np.uint64(_SEEDS[family])
    with np.errstate(over="ignore"):  # uint64 arithmetic wraps on purpose
        key = np.uint64(speaker) * mix[0] + np.arange(len(bands), dtype=np.uint64) * mix[1]
        key = _mixed(key ^ salt, mix) if family != "shingles" else key
        for row in range(BAND_ROWS):
            key = _mixed(key ^ bands[:, row], mix)
    return tuple(int(k) for k in key.view(np.int64))


def _mixed(x: np.ndarray, mix: np.ndarray) -> np.ndarray:
    """Return the splitmix64 finaliser of `x`: a stable, well-spread 64-bit hash."""
    thirty, twenty_seven, thirty_one = (x.dtype.type(n) for n in (30, 27, 31))
    x = (x ^ (x >> thirty)) * mix[2]
    x = (x ^ (x >> twenty_seven)) * mix[3]
    return x ^ (x >> thirty_one)
