"""`onrecord ingest` and `extract` over the nasty corpus: every input accounted for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.store import open_store
from tests.nasty_inputs import Case

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("no_hang")]


def _lines(output: str, kind: str) -> dict[str, str]:
    """The `  failed: SOURCE: reason` (or warning) lines, by source relative to the folder."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        if line.startswith(f"  {kind}: "):
            source, _, reason = line.removeprefix(f"  {kind}: ").partition(": ")
            found[source.rsplit("/nasty/", 1)[-1]] = (
                found.get(source.rsplit("/nasty/", 1)[-1], "") + reason
            )
    return found


def test_ingest_accounts_for_every_nasty_input(
    nasty: tuple[Path, list[Case]], tmp_path: Path
) -> None:
    folder, cases = nasty
    db = tmp_path / "nasty.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--silent"])
    assert result.exit_code == 1, result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    failed, warned = _lines(result.output, "failed"), _lines(result.output, "warning")
    for case in cases:
        if case.outcome == "failed":
            assert case.reason in failed.get(case.source, ""), (case, failed)
        else:
            assert case.source not in failed, (case, failed[case.source])
        if case.outcome == "warned":
            assert case.reason in warned.get(case.source, ""), (case, warned)
    kept = [case for case in cases if case.outcome != "failed"]
    with open_store(db, write=False) as store:
        sources = {a.source.rsplit("/nasty/", 1)[-1] for a in store.articles()}
        assert sources == {case.source for case in kept}
        for view in store.statements():
            text = store.article(view.article).text
            for role, spans in view.spans.items():
                for start, end in spans:
                    assert 0 <= start <= end <= len(text), (role, start, end)


def test_extract_accounts_for_every_nasty_input(nasty: tuple[Path, list[Case]]) -> None:
    folder, cases = nasty
    result = CliRunner().invoke(main, ["extract", str(folder), "--jsonl"])
    assert result.exit_code == 1
    failed = _lines(result.output, "failed")
    assert {source for source in failed} == {c.source for c in cases if c.outcome == "failed"}
    printed = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(printed) == sum(1 for c in cases if c.outcome != "failed")
    for record in printed:
        for attribution in record["attributions"]:
            for role in ("source", "cue", "content"):
                for start, end in attribution[role]:
                    assert 0 <= start <= end <= len(record["text"])
