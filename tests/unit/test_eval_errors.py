"""The error breakdown on hand-made gold and predictions, one outcome per case."""

from __future__ import annotations

from onrecord.eval import errors
from onrecord.eval.errors import breakdown, breakdown_lines, content_difference
from onrecord.eval.scoring import DocumentPair
from onrecord.models import Attribution, Kind, Span

TEXT = (
    "Mayor Ana Ruiz said the bridge would reopen soon. Her deputy insisted that tolls stay. "
    "Critics fear delays, a report found."
)


def at(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start, start + len(phrase))


def said(content: str, cue: str, source: str | None) -> Attribution:
    return Attribution(
        source=(at(source),) if source else (),
        cue=(at(cue),),
        content=(at(content),),
        kind=Kind.INDIRECT,
    )


RUIZ = said("the bridge would reopen soon", "said", "Ana Ruiz")
DEPUTY = said("that tolls stay", "insisted", "Her deputy")
CRITICS = said("delays", "fear", "Critics")


def counted(gold: list[Attribution], predicted: list[Attribution]) -> errors.Breakdown:
    return breakdown([DocumentPair("doc", TEXT, gold, predicted)])


def test_a_gold_attribution_found_whole_is_matched_with_exact_content() -> None:
    found = counted([RUIZ], [RUIZ])
    assert found.gold[errors.MATCHED] == 1
    assert found.predicted[errors.MATCHED] == 1
    assert found.content == {errors.EXACT: 1}


def test_content_found_with_another_speaker_is_told_apart_from_nothing_found() -> None:
    wrong_speaker = said("the bridge would reopen soon", "said", "Mayor")
    found = counted([RUIZ, DEPUTY], [wrong_speaker])
    assert found.gold[errors.OTHER_SOURCE] == 1  # "Mayor" does not overlap "Ana Ruiz"
    assert found.gold[errors.NOTHING] == 1  # the deputy's statement
    assert found.missed_cues == {"insisted": 1}
    assert found.predicted[errors.AT_GOLD_CUE] == 1  # its cue is gold's "said"


def test_a_source_the_gold_lacks_and_a_content_too_short_have_their_own_outcomes() -> None:
    sourceless = said("delays", "a report found", None)
    with_source = said("delays", "a report found", "Critics")
    short = said("the bridge", "said", "Ana Ruiz")  # covers less than half the content
    found = counted([sourceless, RUIZ], [with_source, short])
    assert found.gold[errors.EXTRA_SOURCE] == 1
    assert found.gold[errors.CUE_ONLY] == 1


def test_a_prediction_two_gold_attributions_could_match_counts_once() -> None:
    twin = said("the bridge would reopen soon", "said", "Ruiz")
    found = counted([RUIZ, twin], [RUIZ])
    assert found.gold[errors.MATCHED] == 1
    assert found.gold[errors.TAKEN] == 1


def test_a_prediction_at_no_gold_cue_is_counted_as_such() -> None:
    found = counted([RUIZ], [RUIZ, CRITICS])
    assert found.predicted == {errors.MATCHED: 1, errors.AT_NO_GOLD_CUE: 1}


def test_content_edges_say_which_end_moved() -> None:
    gold = ((10, 20),)
    assert content_difference(gold, ((8, 20),)) == ["starts earlier"]
    assert content_difference(gold, ((10, 25),)) == ["ends later"]
    assert content_difference(gold, ((12, 18),)) == ["starts later", "ends earlier"]
    assert content_difference(gold, ((10, 14), (15, 20))) == [errors.SPLIT]


def test_the_report_lines_name_every_outcome_with_its_count() -> None:
    lines = list(breakdown_lines(counted([RUIZ, DEPUTY], [RUIZ])))
    assert lines[0] == "gold attributions (2)"
    assert any(line.split() == ["matched", "1"] for line in lines)
    assert lines[-1].endswith('most frequent: "insisted" 1')
