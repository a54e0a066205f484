"""The read side on a store built by hand: one speaker lookup, listings, undated counts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.unit.test_store import (
    LEADER,
    ZARIF,
    article_a,
    article_b,
    article_c,
    processed,
    statement,
)

from onrecord.cli import main
from onrecord.clustering import LexicalScorer
from onrecord.errors import NotFoundError, UsageError
from onrecord.models import MentionKind, StatementFilter
from onrecord.pipeline.corpus import update_clusters
from onrecord.queries.speakers import find_speaker
from onrecord.queries.statements import StatementQuery, count_statements, find_statements
from onrecord.store import Store, open_store

FOUNDATION = "Khamenei Foundation"
TEXT_D = "The Khamenei Foundation said it would fund new schools in the north."


def article_d():  # type: ignore[no-untyped-def]
    """An organisation whose name shares a word with the Leader's."""
    said = statement(TEXT_D, FOUNDATION, (FOUNDATION,), "said", ("it would fund new schools",))
    said = type(said)(said.attribution, FOUNDATION, MentionKind.ORGANISATION, said.speaker_span)
    return processed(TEXT_D, "foundation-2019", "Reuters", dt.date(2019, 6, 1), (said,))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "queries.db"
    with open_store(path) as store:
        store.save([article_a(), article_b(), article_c(), article_d()])
        update_clusters(store, LexicalScorer())
    return path


@pytest.fixture
def store(db: Path) -> Store:
    return open_store(db)


# --- one speaker lookup ----------------------------------------------------------


def test_a_speaker_is_found_by_number_name_alias_or_part(store: Store) -> None:
    leader = store.speaker(LEADER)
    assert find_speaker(store, str(leader.id)) == leader
    assert find_speaker(store, LEADER.upper()) == leader
    assert find_speaker(store, "  seyyed   ali ") == leader  # part of the name, spaces collapsed
    assert find_speaker(store, "javad").name == ZARIF
    # "khamenei" is in the Leader's name and the Foundation's: the one person is meant.
    assert find_speaker(store, "khamenei") == leader
    assert find_speaker(store, "foundation").kind == "organisation"


def test_a_name_several_speakers_share_is_refused_with_their_numbers(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_speaker(store, "mohammad javad zarif ayatollah")
    assert "no speaker is named" in caught.value.message
    with pytest.raises(NotFoundError) as caught:
        find_speaker(store, "a")  # in every name: two people, so no one person
    assert caught.value.message.startswith("'a' names 3 speakers: ")
    assert caught.value.hint == (
        "give the speaker's number, or more of the name; list speakers with `onrecord speakers`"
    )


COMMANDS = {
    "speakers show": lambda ref: ["speakers", "show", ref, "--format", "json"],
    "statements": lambda ref: ["statements", "--speaker", ref, "--format", "jsonl"],
    "search": lambda ref: ["search", "talks", "--speaker", ref, "--format", "jsonl"],
    "timeline": lambda ref: ["timeline", "--speaker", ref, "--format", "json"],
    "drift": lambda ref: ["drift", "--speaker", ref, "--format", "json"],
    "clusters": lambda ref: ["clusters", "--speaker", ref, "--format", "json"],
}


def _speaker_ids(name: str, output: str) -> set[int]:
    """Return the speaker numbers a command's JSON output names."""
    if name == "speakers show":
        return {json.loads(output)["id"]}
    if name == "timeline":
        return {json.loads(output)["speaker_id"]}
    if name in ("statements", "search"):
        return {json.loads(line)["speaker_id"] for line in output.splitlines()}
    return {row["speaker_id"] for row in json.loads(output) if "speaker_id" in row}


@pytest.mark.parametrize("ref", ["1", LEADER, "ayatollah seyyed", "KHAMENEI", "javad"])
def test_every_command_takes_the_same_names(db: Path, store: Store, ref: str) -> None:
    wanted = find_speaker(store, ref).id
    for name, args in COMMANDS.items():
        result = CliRunner().invoke(main, [*args(ref), "--db", str(db)])
        assert result.exit_code == 0, (name, result.output)
        assert _speaker_ids(name, result.stdout) <= {wanted}, name
    page = Path(db).with_name("report.html")
    result = CliRunner().invoke(
        main, ["report", "--speaker", ref, "-o", str(page), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert f"<h1>{store.speaker(str(wanted)).name}</h1>" in page.read_text()


@pytest.mark.parametrize("ref", ["a", "nobody", "99"])
def test_every_command_gives_the_same_error(db: Path, ref: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    errors = set()
    for args in [
        *(make(ref) for make in COMMANDS.values()),
        ["report", "--speaker", ref, "-o", str(page)],
    ]:
        result = CliRunner().invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 1, args
        errors.add(result.stderr)
    (error,) = errors
    assert error.startswith("Error: ") and "Hint: " in error
    assert not page.exists()


# --- listing statements ----------------------------------------------------------


def test_a_date_range_counts_the_undated_statements_it_leaves_out(store: Store) -> None:
    found = find_statements(store, StatementQuery(since=dt.date(2018, 1, 1)))
    assert "blog-undated" not in {v.doc for v in found.rows}
    assert found.undated_left_out == 1
    kept = find_statements(store, StatementQuery(since=dt.date(2018, 1, 1), include_undated=True))
    assert "blog-undated" in {v.doc for v in kept.rows} and kept.undated_left_out == 0
    assert find_statements(store, StatementQuery()).undated_left_out == 0  # no range
    assert count_statements(store, StatementQuery(speaker="khamenei")) == 3


def test_bad_queries_are_usage_errors(store: Store) -> None:
    with pytest.raises(UsageError, match="ends"):
        find_statements(store, StatementQuery(since=dt.date(2020, 1, 1), until=dt.date(2019, 1, 1)))
    with pytest.raises(UsageError, match="unknown kind"):
        find_statements(store, StatementQuery(kind="quoted"))
    with pytest.raises(UsageError, match="negative"):
        find_statements(store, StatementQuery(), limit=-1)


def test_the_cli_says_how_many_undated_statements_it_left_out(db: Path) -> None:
    args = ["statements", "--since", "2018-01-01", "--db", str(db)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert result.stderr == (
        "left out 1 undated statement(s) (no date said or published); "
        "--include-undated lists them\n"
    )
    assert "blog-undated" not in result.stdout
    result = CliRunner().invoke(main, [*args, "--include-undated"])
    assert result.stderr == "" and "(speaker 1)" in result.stdout
    result = CliRunner().invoke(main, [*args, "--format", "jsonl"])
    assert result.stderr == ""  # machine formats keep stderr quiet
    result = CliRunner().invoke(main, [*args, "--until", "2017-01-01"])
    assert (
        result.exit_code == 2 and "Hint: give --since a day on or before --until" in result.stderr
    )


def test_rows_are_read_a_page_at_a_time(store: Store) -> None:
    many = [
        processed(
            f"Speaker {n} said that item {n} matters.",
            f"doc-{n}",
            "Wire",
            None,
            (
                statement(
                    f"Speaker {n} said that item {n} matters.",
                    f"Speaker {n}",
                    (f"Speaker {n}",),
                    "said",
                    (f"that item {n} matters",),
                ),
            ),
        )
        for n in range(1200)
    ]
    store.save(many)
    traced: list[str] = []
    store._db.set_trace_callback(traced.append)  # type: ignore[attr-defined]
    rows = store.statements(StatementFilter())
    first = next(rows)
    spans_read = [sql for sql in traced if "FROM statement_spans" in sql]
    assert first.id and len(spans_read) == 1  # one chunk of spans, not every row's
    assert sum(1 for _ in rows) == store.statement_count() - 1
    traced.clear()
    assert len(list(store.statements(limit=3, offset=5))) == 3
    assert any("LIMIT" in sql for sql in traced)


def test_a_closed_pipe_ends_a_listing_quietly(db: Path) -> None:
    import subprocess
    import sys

    with open_store(db) as store:  # enough rows to fill the pipe's buffer many times
        store.save(
            [
                processed(
                    f"Official {n} said that plan {n} works.",
                    f"plan-{n}",
                    "Wire",
                    None,
                    (
                        statement(
                            f"Official {n} said that plan {n} works.",
                            "An official",
                            ("Official",),
                            "said",
                            (f"that plan {n} works",),
                        ),
                    ),
                )
                for n in range(3000)
            ]
        )
    command = [sys.executable, "-m", "onrecord", "statements", "--format", "jsonl", "--db", str(db)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    first = json.loads(child.stdout.readline())
    child.stdout.close()
    error = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0, error
    assert first["id"] and error == ""


# --- the same records in every format --------------------------------------------

LISTINGS = [
    ["statements"],
    ["search", "talks"],
    ["speakers"],
    ["articles"],
    ["clusters", "--all"],
    ["timeline", "--speaker", "khamenei"],
]


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda args: args[0])
def test_json_jsonl_and_csv_give_the_same_rows(db: Path, listing: list[str]) -> None:
    def run(*more: str) -> str:
        result = CliRunner().invoke(main, [*listing, *more, "--db", str(db)])
        assert result.exit_code == 0, result.output
        return result.stdout

    lines = [json.loads(line) for line in run("--format", "jsonl").splitlines()]
    assert lines
    if listing[0] != "timeline":  # timeline's json is one object (docs/formats.md)
        assert json.loads(run("--format", "json")) == lines
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
    assert len(rows) == len(lines)
    assert list(rows[0]) == list(lines[0])
    for row, line in zip(rows, lines, strict=True):
        for key, value in line.items():
            if isinstance(value, list | dict):
                assert json.loads(row[key]) == value
            else:
                assert row[key] == ("" if value is None else str(value))
    page = [
        json.loads(line)
        for line in run("--format", "jsonl", "--limit", "2", "--offset", "1").splitlines()
    ]
    assert page == lines[1:3]


def test_an_empty_database_lists_nothing_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()
    result = CliRunner().invoke(main, ["statements", "--db", str(db)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No statements match.\n")
    result = CliRunner().invoke(main, ["articles", "--format", "json", "--db", str(db)])
    assert json.loads(result.stdout) == []
    result = CliRunner().invoke(main, ["speakers", "--format", "csv", "--db", str(db)])
    assert result.stdout == "id,name,kind,external_id,statements,articles,outlets,aliases\n"


def test_show_and_speakers_show_print_json(db: Path, store: Store) -> None:
    result = CliRunner().invoke(main, ["show", "reuters-2019", "--format", "json", "--db", str(db)])
    shown = json.loads(result.stdout)
    assert shown["doc"] == "reuters-2019" and shown["text"] == article_b().article.text
    for item in shown["statements"]:
        start, end = item["spans"]["content"][0]
        assert shown["text"][start:end] in item["content"]
    result = CliRunner().invoke(
        main, ["speakers", "show", "javad", "--format", "json", "--db", str(db)]
    )
    assert json.loads(result.stdout)["name"] == ZARIF
