"""Corrections that last, on an example article with no publication date (the Gazette's).

Its statements say "on Tuesday" and "last week", which cannot be dated until the article's
date is known: a re-ingest with richer metadata, or a date set by hand, dates them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.shared_data import EXAMPLES

from onrecord.cli import main
from onrecord.models import EditAction
from onrecord.pipeline.corrections import correct_article
from onrecord.pipeline.run import ingest
from onrecord.queries.statements import StatementQuery, find_statements
from onrecord.store import Store, open_store

pytestmark = pytest.mark.slow

GAZETTE = EXAMPLES / "txt" / "gazette_ondrel_right_terms.txt"
ONDREL = "Casimir Ondrel"


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_PARAPHRASE", "lexical")


def _jsonl(tmp_path: Path, name: str, **fields: str) -> Path:
    path = tmp_path / name
    record = {"id": "gazette-wire", "text": GAZETTE.read_text(encoding="utf-8"), **fields}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _tuesday_statement_dates(store: Store) -> set[dt.date | None]:
    views = find_statements(store, StatementQuery(speaker="Ondrel")).rows
    return {v.said_on for v in views if v.said_on_evidence and "Tuesday" in str(v.said_on_evidence)}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "c.db")
    report = ingest([GAZETTE], opened)
    assert len(report.ingested) == 1 and report.ok
    return opened


def test_the_gazette_starts_undated(store: Store) -> None:
    (article,) = list(store.articles())
    assert article.published is None
    assert _tuesday_statement_dates(store) == {None}


def test_a_reingest_with_a_date_updates_the_article_and_dates_its_statements(
    store: Store, tmp_path: Path
) -> None:
    (article,) = list(store.articles())
    richer = _jsonl(tmp_path, "wire.jsonl", published="2025-06-20", url="https://g.example/x")
    report = ingest([richer], store)
    assert (report.ingested, report.duplicates, report.failures) == ([], 0, [])
    (update,) = report.updated
    assert (update.article, update.source, update.kept) == (article.id, f"{richer}:1", ())
    fields = {e.field: (e.old, e.new) for e in update.edits if e.action is EditAction.UPDATE}
    assert fields == {
        "published": (None, "2025-06-20"),
        "url": (None, "https://g.example/x"),
        "outlet": (None, "g.example"),  # inferred from the URL: it fills a gap
    }
    # The Tuesday before Friday 20 June 2025.
    assert _tuesday_statement_dates(store) == {dt.date(2025, 6, 17)}
    redates = [e for e in update.edits if e.action is EditAction.REDATE]
    published = next(e for e in update.edits if e.field == "published")
    assert redates and {e.cause for e in redates} == {published.id}
    assert all(e.origin == f"{richer}:1" for e in update.edits)
    # The speech events follow the new dates.
    ondrel = store.speaker(ONDREL).id
    assert dt.date(2025, 6, 17) in {e.said_on for e in store.speech_events(ondrel)}
    # The same input again changes nothing: a duplicate.
    again = ingest([richer], store)
    assert (again.updated, again.duplicates) == ([], 1)


def test_an_inference_never_replaces_a_known_value(store: Store, tmp_path: Path) -> None:
    ingest([_jsonl(tmp_path, "wire.jsonl", published="2025-06-20")], store)
    # The plain-text file again: it knows no date, so the stored one stays.
    report = ingest([GAZETTE], store)
    assert (report.updated, report.duplicates) == ([], 1)
    assert next(store.articles()).published == dt.date(2025, 6, 20)


def test_a_date_set_by_hand_wins_over_later_reingests(store: Store, tmp_path: Path) -> None:
    (article,) = list(store.articles())
    correction = correct_article(store, article.doc, {"published": dt.date(2025, 6, 25)}, by="ana")
    assert correction.edits[0].action is EditAction.SET
    assert _tuesday_statement_dates(store) == {dt.date(2025, 6, 24)}
    assert next(store.articles()).published_evidence == "set by hand"
    richer = _jsonl(tmp_path, "wire.jsonl", published="2025-06-20", outlet="Gazette Wire")
    report = ingest([richer], store)
    (update,) = report.updated
    assert update.kept == ("published",)
    assert [(e.field, e.new) for e in update.edits] == [("outlet", "Gazette Wire")]
    stored = next(store.articles())
    assert (stored.published, stored.outlet) == (dt.date(2025, 6, 25), "Gazette Wire")
    assert _tuesday_statement_dates(store) == {dt.date(2025, 6, 24)}


def test_the_same_text_twice_in_one_run_updates_the_first(tmp_path: Path) -> None:
    with open_store(tmp_path / "once.db") as store:
        richer = _jsonl(tmp_path, "wire.jsonl", published="2025-06-20")
        report = ingest([GAZETTE, richer], store)
        assert len(report.ingested) == 1 and report.duplicates == 0
        (update,) = report.updated
        assert update.source == f"{richer}:1"
        assert _tuesday_statement_dates(store) == {dt.date(2025, 6, 17)}


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    return result.exit_code, result.output


@pytest.fixture
def db(store: Store, tmp_path: Path) -> Path:
    store.close()
    return tmp_path / "c.db"


def test_the_cli_reports_a_reingest_as_an_update(db: Path, tmp_path: Path) -> None:
    richer = _jsonl(tmp_path, "wire.jsonl", published="2025-06-20")
    code, output = _run(db, "ingest", str(richer), "--silent")
    assert code == 0, output
    assert "ingested 0 article(s) with 0 statement(s); updated 1; skipped 0 duplicate(s)" in output
    assert (
        f"  updated: {richer}:1 (gazette-wire): published unknown → 2025-06-20; "
        in output
    )
    assert "statement date(s) recomputed" in output


def test_articles_set_prints_the_edits_and_show_and_articles_carry_them(db: Path) -> None:
    doc = GAZETTE.stem
    code, output = _run(db, "articles", "set", doc, "--published", "2025-06-20", "--by", "ana")
    assert code == 0, output
    first = output.splitlines()[0]
    assert first.startswith("edit 1  ") and first.endswith(
        "  ana  article " + first.split("article ")[1].split()[0]
        + " published: unknown → 2025-06-20 (set by hand)"
    )
    assert "said on: unknown → 2025-06-17 (after edit 1)" in output
    code, listing = _run(db, "articles")
    row = next(line for line in listing.splitlines() if doc in line)
    assert "2025-06-20" in row and "set by hand" in row
    code, shown = _run(db, "show", doc)
    assert "\nedits (" in shown and "published: unknown → 2025-06-20 (set by hand)" in shown
    code, statements = _run(db, "statements", "--speaker", "Ondrel")
    assert "[edited 1x: onrecord edits --statement " in statements
    code, nothing = _run(db, "articles", "set", doc, "--published", "2025-06-20")
    assert code == 0 and "nothing changed" in nothing


def test_statements_are_reassigned_and_deleted_with_the_log_kept(db: Path) -> None:
    with open_store(db) as store:
        views = list(store.statements())
        wexley = next(v for v in views if v.speaker and "Wexley" in v.speaker)
        other = next(v for v in views if v.id != wexley.id)
    code, output = _run(db, "statements", "reassign", str(wexley.id), ONDREL, "--by", "ana")
    assert code == 0, output
    assert f"statement #{wexley.id} speaker: “{wexley.speaker}” → “{ONDREL}”" in output
    code, card = _run(db, "speakers", "show", ONDREL)
    assert f"statement #{wexley.id} speaker:" in card
    code, one = _run(db, "statements", "show", str(wexley.id))
    assert code == 0 and one.startswith(f"{ONDREL} in ") and "edits (1)" in one
    code, output = _run(db, "statements", "delete", str(other.id))
    assert code == 0 and f"statement #{other.id} deleted" in output
    code, log = _run(db, "edits", "--format", "jsonl")
    records = [json.loads(line) for line in log.splitlines()]
    assert [(r["action"], r["statement"], r["made_by"]) for r in records] == [
        ("reassign", wexley.id, "ana"),
        ("delete", other.id, None),
    ]
    assert json.loads(records[1]["old"])["content"] == other.content
    code, only = _run(db, "edits", "--statement", str(wexley.id))
    assert code == 0 and len(only.splitlines()) == 1


def test_corrections_refuse_bad_usage_and_missing_things(db: Path) -> None:
    doc = GAZETTE.stem
    code, output = _run(db, "articles", "set", doc)
    assert code == 2 and "give at least one of --published, --outlet, --title, --url" in output
    code, output = _run(db, "articles", "set", doc, "--published", "2025-13-01")
    assert code == 2 and "'2025-13-01' is not a date YYYY-MM-DD (or none)" in output
    code, output = _run(db, "statements", "reassign", "9999", ONDREL)
    assert code == 1
    assert "Error: no statement has the number 9999" in output
    code, output = _run(db, "statements", "reassign", "1", "Nobody Atall")
    assert code == 1 and "no speaker is named 'Nobody Atall'" in output
