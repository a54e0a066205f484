"""Words, stems and phrase matching shared by relevance and stance (no NLP model needed)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# Function words carry no topic: they are left out of overlap scores.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being between both but by can could did do does doing down during each even
    ever every few for from further had has have having he her here hers him his how i if
    in into is it its itself just last like may me more most much must my no nor not now
    of off on once one only or other our ours out over own per said same say says she
    should since so some such than that the their them then there these they this those
    through to too under until up upon us very was we were what when where which while
    who whom why will with within without would yet you your""".split()  # noqa: SIM905
)

# Suffixes stripped to compare word forms ("negotiations" ~ "negotiate"), longest first.
SUFFIXES = ("ations", "ation", "ators", "ator", "ings", "ing", "ies", "ied", "es", "ed", "s", "e")


def stem(word: str) -> str:
    """Return a crude stem of `word`, lower-cased: enough to match inflected forms."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    """Return the stems of the content words of `text` (stopwords left out)."""
    return {stem(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Compile a phrase to match as whole words; all-capital phrases ("US") keep their case."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"[\s-]+".join(words)
    plural = r"(?:s|es)?" if phrase[-1:].isalpha() else ""
    pattern = rf"(?<![\w.]){body}{plural}(?![\w])"
    letters = [c for c in phrase if c.isalpha()]
    keeps_case = len(letters) > 1 and all(c.isupper() for c in letters)
    return re.compile(pattern, 0 if keeps_case else re.IGNORECASE)


def find_phrases(text: str, phrases: Sequence[str]) -> Iterator[tuple[str, int, int]]:
    """Yield (phrase, start, end) for every whole-word occurrence of each phrase in `text`."""
    for phrase in phrases:
        if phrase.strip():
            for match in phrase_pattern(phrase).finditer(text):
                yield phrase, match.start(), match.end()
