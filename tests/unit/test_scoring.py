"""The scorer on hand-made gold and predictions whose scores are known."""

from __future__ import annotations

import pytest

from onrecord.eval.scoring import (
    Counts,
    DocumentPair,
    attribution_counts,
    exact_counts,
    match_attributions,
    role_unit,
    score,
    token_counts,
    tokens,
)
from onrecord.models import Attribution, Kind, Span

TEXT = (
    'Mayor Ana Ruiz said the bridge would reopen. "It is safe," she added, "and tested." '
    "Officials declined to comment."
)


def at(phrase: str, *, after: int = 0) -> Span:
    """Return the span of the first occurrence of `phrase` in TEXT at or after `after`."""
    start = TEXT.index(phrase, after)
    return Span(start, start + len(phrase))


def attribution(
    content: tuple[Span, ...], cue: tuple[Span, ...] = (), source: tuple[Span, ...] = ()
) -> Attribution:
    return Attribution(source=source, cue=cue, content=content, kind=Kind.INDIRECT)


RUIZ = attribution((at("the bridge would reopen"),), (at("said"),), (at("Ana Ruiz"),))
SAFE = attribution(
    (at('"It is safe,"'), at('"and tested."')), (at("added"),), (at("she", after=40),)
)
OFFICIALS = attribution((), (at("declined to comment"),), (at("Officials"),))


def pair(gold: list[Attribution], predicted: list[Attribution]) -> DocumentPair:
    return DocumentPair("doc", TEXT, gold, predicted)


def test_identical_predictions_score_one_everywhere() -> None:
    scores = score([pair([RUIZ, SAFE, OFFICIALS], [OFFICIALS, SAFE, RUIZ])])
    assert set(scores.as_dict().values()) == {1.0}
    assert scores.exact["content"] == Counts(2, 2, 2)  # OFFICIALS has no content unit
    assert scores.attribution == Counts(3, 3, 3)


def test_surrounding_whitespace_does_not_prevent_an_exact_match() -> None:
    padded = Span(RUIZ.content[0].start - 1, RUIZ.content[0].end + 1)  # " the ... reopen."
    predicted = attribution((padded,), RUIZ.cue, RUIZ.source)
    assert role_unit(predicted, "content", TEXT) != role_unit(RUIZ, "content", TEXT)
    trimmed_left = Span(RUIZ.content[0].start - 1, RUIZ.content[0].end)  # " the ... reopen"
    predicted = attribution((trimmed_left,), RUIZ.cue, RUIZ.source)
    assert exact_counts(pair([RUIZ], [predicted]), "content") == Counts(1, 1, 1)


def test_partial_content_counts_tokens_and_matches_the_attribution() -> None:
    partial = attribution((at("bridge would reopen"),), RUIZ.cue, RUIZ.source)
    document = pair([RUIZ], [partial])
    assert exact_counts(document, "content") == Counts(0, 1, 1)
    assert token_counts(document, "content") == Counts(3, 3, 4)
    assert exact_counts(document, "source") == Counts(1, 1, 1)
    # 19 of the gold content's 23 characters are covered: at least half.
    assert attribution_counts(document) == Counts(1, 1, 1)


def test_content_covering_less_than_half_does_not_match() -> None:
    short = attribution((at("reopen"),), RUIZ.cue, RUIZ.source)
    assert attribution_counts(pair([RUIZ], [short])) == Counts(0, 1, 1)


def test_sources_must_overlap() -> None:
    wrong_source = attribution(RUIZ.content, RUIZ.cue, (at("Mayor"),))
    assert attribution_counts(pair([RUIZ], [wrong_source])) == Counts(0, 1, 1)
    longer_source = attribution(RUIZ.content, RUIZ.cue, (at("Mayor Ana Ruiz"),))
    assert attribution_counts(pair([RUIZ], [longer_source])) == Counts(1, 1, 1)


def test_a_missing_source_matches_only_a_missing_source() -> None:
    sourceless = attribution(RUIZ.content, RUIZ.cue)
    assert attribution_counts(pair([sourceless], [sourceless])) == Counts(1, 1, 1)
    assert attribution_counts(pair([sourceless], [RUIZ])) == Counts(0, 1, 1)
    assert attribution_counts(pair([RUIZ], [sourceless])) == Counts(0, 1, 1)
    # An attribution without a source contributes no source unit and no source token.
    assert exact_counts(pair([sourceless], [RUIZ]), "source") == Counts(0, 1, 0)
    assert token_counts(pair([sourceless], [sourceless]), "source") == Counts(0, 0, 0)


def test_one_gold_attribution_matches_one_prediction_the_best() -> None:
    partial = attribution((at("bridge would reopen"),), RUIZ.cue, RUIZ.source)
    assert match_attributions([RUIZ], [partial, RUIZ], TEXT) == [(0, 1)]
    assert attribution_counts(pair([RUIZ], [partial, RUIZ])) == Counts(1, 2, 1)


def test_one_prediction_matches_one_of_two_gold_attributions() -> None:
    both = attribution((at("the bridge would reopen. "),), RUIZ.cue, RUIZ.source)
    twice = [RUIZ, attribution((at("the bridge"),), RUIZ.cue, RUIZ.source)]
    # Both gold contents are covered; the first is the closer (Jaccard 23/24 against 10/24).
    assert match_attributions(twice, [both], TEXT) == [(0, 0)]
    assert attribution_counts(pair(twice, [both])) == Counts(1, 1, 2)


def test_greedy_matching_takes_the_best_pair_first() -> None:
    gold = [RUIZ, attribution((at("the bridge"),), RUIZ.cue, RUIZ.source)]
    predicted = [attribution((at("the bridge"),), RUIZ.cue, RUIZ.source), RUIZ]
    assert sorted(match_attributions(gold, predicted, TEXT)) == [(0, 1), (1, 0)]


def test_discontinuous_content_is_one_unit() -> None:
    reordered = attribution(tuple(reversed(SAFE.content)), SAFE.cue, SAFE.source)
    assert exact_counts(pair([SAFE], [reordered]), "content") == Counts(1, 1, 1)
    first_piece = attribution(SAFE.content[:1], SAFE.cue, SAFE.source)
    document = pair([SAFE], [first_piece])
    assert exact_counts(document, "content") == Counts(0, 1, 1)
    assert token_counts(document, "content") == Counts(6, 6, 11)
    # 13 of 26 characters: exactly half is enough.
    assert attribution_counts(document) == Counts(1, 1, 1)


def test_exact_matching_counts_each_gold_unit_once() -> None:
    assert exact_counts(pair([RUIZ], [RUIZ, RUIZ]), "cue") == Counts(1, 2, 1)
    assert exact_counts(pair([RUIZ, RUIZ], [RUIZ]), "cue") == Counts(1, 1, 2)
    # Token overlap has set semantics: the repeated prediction adds no tokens.
    assert token_counts(pair([RUIZ], [RUIZ, RUIZ]), "content") == Counts(4, 4, 4)


def test_a_content_less_gold_attribution_matches_only_a_content_less_one() -> None:
    with_content = attribution(RUIZ.content, OFFICIALS.cue, OFFICIALS.source)
    assert attribution_counts(pair([OFFICIALS], [with_content])) == Counts(0, 1, 1)
    assert attribution_counts(pair([OFFICIALS], [OFFICIALS])) == Counts(1, 1, 1)


def test_tokens_are_words_and_single_punctuation_marks() -> None:
    unit = role_unit(SAFE, "content", TEXT)
    found = sorted(TEXT[start:end] for start, end in tokens(TEXT, unit))
    assert found == sorted(['"', "It", "is", "safe", ",", '"', '"', "and", "tested", ".", '"'])


def test_precision_recall_and_f1() -> None:
    counts = Counts(matched=1, predicted=2, gold=4)
    assert (counts.precision, counts.recall) == (0.5, 0.25)
    assert counts.f1 == pytest.approx(1 / 3)
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    assert (Counts(0, 0, 3).precision, Counts(0, 0, 3).f1) == (0.0, 0.0)
    assert (Counts(0, 3, 0).recall, Counts(0, 3, 0).f1) == (0.0, 0.0)


def test_scores_are_micro_averaged_over_documents() -> None:
    scores = score([pair([RUIZ], [RUIZ]), pair([RUIZ, SAFE], [])])
    assert scores.attribution == Counts(1, 1, 3)
    values = scores.as_dict()
    assert values["attribution_precision"] == 1.0
    assert values["attribution_recall"] == pytest.approx(1 / 3)
    assert values["cue_exact_recall"] == pytest.approx(1 / 3)
    names = {
        f"{r}_{f}_{m}"
        for r in ("source", "cue", "content")
        for f in ("exact", "token")
        for m in ("precision", "recall", "f1")
    }
    assert set(values) == names | {f"attribution_{m}" for m in ("precision", "recall", "f1")}
