"""Hostile inputs are read without a hang or a traceback: each failed or stored as it should be.

These run the reading and cleaning stages (no spaCy) over the nasty corpus of
tests/nasty_inputs.py; tests/fault/test_ingest_hostile.py runs the whole ingest on it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onrecord.errors import InputError, SettingError
from onrecord.ingest import read_paths
from onrecord.ingest.decoding import decode_counted
from onrecord.models import Article, Failure
from onrecord.pipeline.prepare import prepare
from tests.nasty_inputs import Case

pytestmark = pytest.mark.usefixtures("no_hang")


def _outcomes(folder: Path) -> dict[str, Failure | Article]:
    """Each input's outcome after reading and cleaning, by its name relative to `folder`."""
    found: dict[str, Failure | Article] = {}
    for item in read_paths([folder]):
        name = item.source.removeprefix(f"{folder}/")
        if isinstance(item, Failure):
            found[name] = item
            continue
        try:
            found[name] = prepare(item)
        except InputError as error:
            found[name] = Failure(item.source, error.message)
    return found


def test_every_nasty_input_has_its_expected_outcome(nasty: tuple[Path, list[Case]]) -> None:
    folder, cases = nasty
    found = _outcomes(folder)
    assert sorted(found) == sorted(case.source for case in cases)
    for case in cases:
        outcome = found[case.source]
        if case.outcome == "failed":
            assert isinstance(outcome, Failure), case
            assert case.reason in outcome.reason, (case, outcome.reason)
        else:
            assert isinstance(outcome, Article), (case, outcome)
            warnings = " | ".join(outcome.warnings)
            assert (case.reason in warnings) if case.outcome == "warned" else not warnings, (
                case,
                warnings,
            )


def test_a_fifo_and_a_device_are_named_on_the_command_line_too(tmp_path: Path) -> None:
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    items = list(read_paths([fifo, zero, "/dev/null"]))
    assert [i.reason for i in items if isinstance(i, Failure)] == [
        "not a regular file (a named pipe (FIFO)); skipped",
        "not a regular file (a character device); skipped",
        "unsupported file type (no extension) (expected .txt, .html, .htm or .jsonl)",
    ]


def test_one_stray_byte_keeps_the_article_utf8(nasty: tuple[Path, list[Case]]) -> None:
    folder, _ = nasty
    article = _outcomes(folder)["stray_byte.txt"]
    assert isinstance(article, Article)
    assert "“We are ready for the first ships,”" in article.text  # not "‚ÄúWe"
    assert "pi\ufffder" in article.text


@pytest.mark.parametrize(
    ("data", "text", "replaced"),
    [
        ("Workers’ “union”".encode() + b"\xff", "Workers’ “union”\ufffd", 1),
        ("Café “x”".encode("cp1252"), "Café “x”", 0),  # legacy text: no valid UTF-8 at all
        (b"plain \xe9 ascii", "plain é ascii", 0),  # one byte, no UTF-8 to weigh it against
        ("été".encode() + b"\x80\x80\x80\x80", None, 0),  # more bad than good: not UTF-8
    ],
)
def test_utf8_is_kept_while_it_mostly_holds(data: bytes, text: str | None, replaced: int) -> None:
    decoded = decode_counted(data)
    if text is None:
        assert "\ufffd" not in decoded.text and decoded.replaced == 0
    else:
        assert (decoded.text, decoded.replaced) == (text, replaced)


def test_the_file_limit_is_read_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_MAX_FILE_MB", "0.001")
    path = tmp_path / "big.txt"
    path.write_text("The mayor said yes. " * 200)
    (failure,) = read_paths([path])
    assert isinstance(failure, Failure)
    assert failure.reason == (
        "file is larger (0.004 MB) than the limit of max_file_mb (0.001 MB); split it into "
        "smaller files, or raise the setting (ONRECORD_MAX_FILE_MB=<megabytes>)"
    )


@pytest.mark.parametrize("value", ["lots", "-1", "nan"])
def test_a_setting_that_is_not_a_number_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("ONRECORD_MAX_FILE_MB", value)
    path = tmp_path / "a.txt"
    path.write_text("The mayor said yes.")
    with pytest.raises(SettingError) as caught:
        list(read_paths([path]))
    assert caught.value.message == (
        f"setting max_file_mb must be a number of 0 or more, not {value!r}"
    )
