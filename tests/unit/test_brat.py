"""Reading brat .ann files, and a PolNeAR-shaped split built here (fictional text)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.eval.brat import gold_attributions, offsets_agree, parse_ann
from onrecord.eval.polnear import evaluate_polnear, gold_extractor, read_split, read_text
from onrecord.models import Attribution, Kind, Span

TEXT = (
    'Senator Ima Plume said the vote "was a farce." A spokesman declined to comment.\n'
    'Plume added that she would "fight on," and "win."\n'
)

# Written by hand: an attribution, one with discontinuous content, one without a source,
# an ignored Discuss span with a note, a Discard span whose text runs over two lines,
# and an empty event.
ANN = """\
T1\tSource 0 17\tSenator Ima Plume
T2\tCue 18 22\tsaid
T3\tContent 23 46\tthe vote "was a farce."
T4\tAttribution 18 22\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
T5\tDiscuss 47 78\tA spokesman declined to comment
#1\tAnnotatorNotes T5\tnot an attribution?
T6\tSource 80 85\tPlume
T7\tCue 86 91\tadded
T8\tContent 92 118;123 129\tthat she would "fight on," "win."
T9\tAttribution 86 91\tadded
E2\tAttribution:T9 Cue:T7 Source:T6 Content:T8
T10\tCue 59 78\tdeclined to comment
T11\tAttribution-no-source 59 78\tdeclined to comment
E3\tAttribution-no-source:T11 Cue:T10
T12\tDiscard 47 85\tA spokesman declined to comment.
Plume
T13\tAttribution-no-source 18 22\tsaid
E4\tAttribution-no-source:T13
"""


def test_parse_reads_text_bounds_events_and_continuation_lines() -> None:
    ann = parse_ann(ANN)
    assert len(ann.text_bounds) == 13 and len(ann.events) == 4
    assert ann.text_bounds["T8"].spans == (Span(92, 118), Span(123, 129))
    assert ann.text_bounds["T12"].text == "A spokesman declined to comment.\nPlume"
    assert ann.events[2].trigger == ("Attribution-no-source", "T11")
    assert ann.events[2].arguments == (("Cue", "T10"),)
    assert ann.skipped == {"annotator note": 1}
    assert offsets_agree(ann, TEXT) == (13, 13)


def test_offsets_that_do_not_reproduce_their_text_are_counted() -> None:
    assert offsets_agree(parse_ann("T1\tCue 19 23\tsaid\n"), TEXT) == (0, 1)


def test_events_become_attributions() -> None:
    gold = gold_attributions(parse_ann(ANN), TEXT)
    plume, added, declined = gold.attributions
    assert plume == Attribution(
        source=(Span(0, 17),), cue=(Span(18, 22),), content=(Span(23, 46),), kind=Kind.INDIRECT
    )
    assert added.content == (Span(92, 118), Span(123, 129))
    assert (declined.source, declined.content, declined.cue) == ((), (), (Span(59, 78),))
    # Anchors are used by their events; the Discuss and Discard spans are orphans.
    assert gold.orphans == {"Discuss": 1, "Discard": 1}
    # An event with nothing but its anchor is no attribution.
    assert gold.dropped == {"attribution with no spans": 1}


def test_repeated_roles_become_several_spans_and_quotes_make_direct_kind() -> None:
    ann = parse_ann(
        'T1\tSource 80 85\tPlume\nT2\tCue 86 91\tadded\nT3\tContent 123 129\t"win."\n'
        'T4\tContent 106 118\t"fight on,"\nT5\tAttribution 86 91\tadded\n'
        "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4 Speaker:T1 Cue:T9\n"
    )
    gold = gold_attributions(ann, TEXT)
    (only,) = gold.attributions
    assert only.content == (Span(106, 118), Span(123, 129))
    assert only.kind is Kind.DIRECT
    assert gold.dropped == {
        "unknown role Speaker": 1,
        "argument refers to a missing text-bound": 1,
    }


def test_malformed_and_foreign_lines_are_skipped() -> None:
    ann = parse_ann("T1\tCue twelve\tsaid\nR1\tRel Arg1:T1 Arg2:T1\nT2\tCue 18 22\tsaid\n")
    assert list(ann.text_bounds) == ["T2"]
    assert ann.skipped == {"malformed text-bound line": 1, "R line": 1}


def _write_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "plume.txt").write_text(TEXT.replace("\n", "\r\n"), encoding="utf-8")
    (root / "text" / "quiet.txt").write_text("Nobody said anything.\n", encoding="utf-8")
    (root / "text" / "unread.txt").write_text("No annotation for this one.\n", encoding="utf-8")
    (root / "attributions" / "plume_b2.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "plume_a1.ann").write_text(ANN.split("T6")[0], encoding="utf-8")
    (root / "attributions" / "quiet_c3.ann").write_text("", encoding="utf-8")
    return root


def test_read_split_takes_the_annotator_id_sorting_first(tmp_path: Path) -> None:
    split = read_split(_write_split(tmp_path / "dev"))
    assert [(d.doc, d.annotator, len(d.attributions)) for d in split.documents] == [
        ("plume", "a1", 1),
        ("quiet", "c3", 0),
    ]
    assert (split.annotation_files, split.multiply_annotated) == (3, 1)
    assert split.unannotated == ["unread"]
    assert split.offsets_agreeing == split.offsets_total == 5
    # Windows newlines are read as "\n", as onrecord's readers do.
    assert read_text(tmp_path / "dev" / "text" / "plume.txt") == TEXT


def test_gold_scored_against_itself_is_perfect(tmp_path: Path) -> None:
    split_dir = _write_split(tmp_path / "dev")
    report = evaluate_polnear(split_dir, extractor=gold_extractor(split_dir))
    assert set(report.scores().values()) == {1.0}
    assert report.format().splitlines()[-1] == "attribution_f1=1.0000"
    assert report.missing == report.text_mismatches == report.extra == ()


def test_missing_changed_and_unknown_documents_are_reported(tmp_path: Path) -> None:
    split_dir = _write_split(tmp_path / "dev")

    def extractor(paths: list[Path]) -> Iterator[tuple[str, str, list[Attribution]]]:
        assert [p.name for p in paths] == ["plume.txt", "quiet.txt"]
        yield "plume", TEXT.upper(), []
        yield "elsewhere", "Some other text.", []

    report = evaluate_polnear(split_dir, extractor=extractor)
    assert report.missing == ("quiet",)
    assert report.text_mismatches == ("plume",)
    assert report.extra == ("elsewhere",)
    assert report.scores()["attribution_recall"] == 0.0
    assert report.format().splitlines()[-1] == "attribution_f1=0.0000"
    assert report.words == len(TEXT.split()) + 3


def test_a_directory_that_is_not_a_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text/ directory"):
        evaluate_polnear(tmp_path, extractor=lambda paths: [])


def test_a_channelled_statement_is_scored_as_polnear_annotates_it() -> None:
    from onrecord.eval.polnear import polnear_reading
    from onrecord.models import Attribution, Kind, Span

    text = "According to Tidemark Wire, Vell said the quay stays open."

    def at(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words))

    stored = Attribution(
        (at("Vell"),), (at("said"),), (at("the quay stays open"),), Kind.INDIRECT,
        channel=(at("Tidemark Wire"),),
    )  # fmt: skip
    read = polnear_reading(stored, text)
    assert [s.text(text) for s in read.source + read.cue + read.content] == [
        "Tidemark Wire",
        "According to",
        "Vell said the quay stays open",
    ]
    plain = Attribution((at("Vell"),), (at("said"),), (at("the quay stays open"),), Kind.INDIRECT)
    assert polnear_reading(plain, text) is plain

    quoted = "State TV quoted him as saying the quay stays open."
    stored = Attribution(
        (Span(16, 19),), (Span(9, 15), Span(20, 29)), (Span(30, 49),), Kind.INDIRECT,
        channel=(Span(0, 8),),
    )  # fmt: skip
    read = polnear_reading(stored, quoted)
    assert [s.text(quoted) for s in read.source + read.cue + read.content] == [
        "State TV",
        "quoted him as saying",
        "the quay stays open",
    ]
