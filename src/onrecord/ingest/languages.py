"""Which language an article is written in, offline, with py3langid's bundled model.

onrecord extracts statements from English only; an article detected as another language
is stored with its language and reported, never dropped in silence. A short or mixed text
the model is unsure of is taken as English, so no English article loses its statements
to a doubtful guess.
"""

from __future__ import annotations

from functools import cache
from typing import Any

ENGLISH = "en"
# Characters of the text the model reads: enough to decide, quick on long pages.
SAMPLE_CHARS = 3000
# A text shorter than this (in letters) is too short to judge: taken as English.
MIN_LETTERS = 20
# Probability the model must give another language before an article is taken as not
# English; checked on the real-pages dev set (4 non-English pages of 69) and the examples.
MIN_OTHER_PROBABILITY = 0.9


@cache
def _identifier() -> Any:
    # Imported and loaded once, on first use: the model takes most of a second to load.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language `text` is written in ("en" when unsure)."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return ENGLISH
    language, probability = _identifier().classify(sample)
    if language != ENGLISH and probability >= MIN_OTHER_PROBABILITY:
        return str(language)
    return ENGLISH
