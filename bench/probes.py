"""Issue 15's probes, re-run: bad files, kills, concurrent runs, injection, outputs.

Each probe runs the `onrecord` command in a subprocess (as a user would), in a scratch
folder, and prints whether onrecord handled it well and what it did. The issue names the
kinds of probe and the failures it found, not each probe's exact input: these 43 are
rebuilt from its text (the 22 failures it lists one by one, and 21 of the kinds it found
handled well). Timings are wall-clock seconds on whatever machine runs this.

    python bench/probes.py [--only P12,P13] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# Runs the CLI and SIGKILLs itself right after the Nth return of one SQLiteStore method:
# "save 1" is a kill after the first batch's commit, before clustering.
from tests.fault.killing import KILL_AFTER as KILLER  # noqa: E402

TRACEBACK = "Traceback (most recent call last)"
PAYLOAD = "<img src=x onerror=alert(1)>"
SPEAKERS = ("Tomas Vell", "Ana Pell", "Ines Varga", "Jo Brandt", "Oriane Kestrel", "Piet Ondrel")
PLACES = ("Grennock", "Dornholm", "Port Selden", "Vellmouth", "Korvhaven", "Iskarel")



@dataclass(frozen=True, slots=True)
class Run:
    rc: int | None  # None: killed after the timeout
    out: str
    err: str
    seconds: float
    max_rss_mb: float

    @property
    def clean(self) -> bool:
        """No traceback and no hang."""
        return self.rc is not None and TRACEBACK not in self.err


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    detail: str


def article(n: int, speaker: str | None = None, place: str | None = None) -> str:
    """A short fictional article quoting one speaker (n varies the wording)."""
    who = speaker or SPEAKERS[n % len(SPEAKERS)]
    where = place or PLACES[n % len(PLACES)]
    last = who.split()[-1]
    return (
        f"{who} said on Monday that the new pier in {where} would open in month {n}.\n\n"
        f"“We are ready for ship number {n},” {last} told reporters.\n"
    )


class Lab:
    """A scratch folder with helpers to write inputs and run onrecord."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._base: Path | None = None

    def path(self, name: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def folder(self, name: str, count: int, start: int = 0) -> Path:
        folder = self.path(name)
        folder.mkdir(exist_ok=True)
        for n in range(start, start + count):
            (folder / f"a{n:03d}.txt").write_text(article(n), encoding="utf-8")
        return folder

    def run(
        self,
        *args: str,
        timeout: float = 180,
        env: dict[str, str] | None = None,
        prefix: tuple[str, ...] = ("-m", "onrecord"),
    ) -> Run:
        """Run `python -m onrecord ARGS` (or another `prefix`) and wait for it."""
        out, err = self.path(".out"), self.path(".err")
        started = time.perf_counter()
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, *prefix, *args],
                cwd=self.root,
                stdout=stdout,
                stderr=stderr,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **(env or {})},
            )
            rc, usage = _wait(process.pid, timeout)
        return Run(
            rc,
            out.read_text(errors="replace"),
            err.read_text(errors="replace"),
            time.perf_counter() - started,
            usage / 1024,
        )

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "onrecord", *args],
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def killed(self, method: str, after: int, *args: str) -> Run:
        """Run onrecord, SIGKILLed right after the `after`th call of SQLiteStore.`method`."""
        return self.run(method, str(after), *args, prefix=("-c", KILLER))

    def ingest(self, db: Path, *paths: str | Path, extra: tuple[str, ...] = ()) -> Run:
        return self.run("ingest", *map(str, paths), "--db", str(db), "--silent", *extra)

    def base_db(self, name: str) -> Path:
        """A copy of a database holding a few articles, one carrying markup and escapes."""
        if self._base is None:
            folder = self.folder("base", 6)
            hostile = {
                "id": PAYLOAD,
                "outlet": PAYLOAD,
                "title": PAYLOAD,
                "text": article(7, "Ines Varga").replace("pier", "pier \x1b[31mred\x1b]0;x\x07"),
            }
            (folder / "hostile.jsonl").write_text(json.dumps(hostile) + "\n")
            self._base = self.path("base.db")
            self.ingest(self._base, folder, extra=("--topics", str(REPO / "examples/topics.yaml")))
        copy = self.path(name)
        shutil.copy(self._base, copy)
        return copy


def _wait(pid: int, timeout: float) -> tuple[int | None, int]:
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage.ru_maxrss
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            return None, usage.ru_maxrss
        time.sleep(0.05)


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def snapshot(db: Path) -> dict[str, object]:
    """What a run stored, comparable across runs: articles, statements, speakers, clusters."""
    return {
        "articles": sorted(rows(db, "SELECT id FROM articles")),
        "statements": sorted(
            rows(
                db,
                "SELECT s.article_id, s.position, s.content_text, "
                "sp.name FROM statements s LEFT JOIN speakers sp "
                "ON sp.id = s.speaker_id",
            )
        ),
        "clusters": sorted(
            rows(
                db,
                "SELECT s.article_id, s.position, c.article_id, "
                "c.position FROM statement_clusters k JOIN statements s "
                "ON s.id = k.statement_id JOIN statements c "
                "ON c.id = k.cluster_id",
            )
        ),
        "scores": rows(db, "SELECT count(*) FROM statement_topics")[0],
    }


def said(run: Run) -> str:
    """The last lines a run printed to stderr, shortened."""
    lines = [line.strip() for line in run.err.strip().splitlines() if line.strip()]
    text = " | ".join(lines[-3:]) if lines else "(nothing)"
    return text[:300]


# --- the probes -------------------------------------------------------------------------


def kill_between_batches(lab: Lab) -> Outcome:
    folder, db = lab.folder("kb", 8), lab.path("kb.db")
    run = lab.killed(
        "save", 2, "ingest", str(folder), "--db", str(db), "--batch-size", "2", "--silent"
    )
    check = rows(db, "PRAGMA integrity_check")[0][0]
    stored = rows(db, "SELECT count(*) FROM articles")[0][0]
    return Outcome(
        run.rc == -9 and check == "ok" and stored == 4,
        f"killed rc {run.rc}; integrity_check {check}; {stored} of 8 stored",
    )


def resume_after_kill(lab: Lab) -> Outcome:
    folder, db, clean = lab.folder("rk", 8), lab.path("rk.db"), lab.path("rk-clean.db")
    lab.killed("save", 2, "ingest", str(folder), "--db", str(db), "--batch-size", "2", "--silent")
    run = lab.ingest(db, folder)
    lab.ingest(clean, folder)
    same = snapshot(db) == snapshot(clean)
    return Outcome(
        run.clean and same, f"re-run rc {run.rc}: {said(run)}; same as a clean run: {same}"
    )


def kill_before_derived(lab: Lab) -> Outcome:
    folder, db, clean = lab.folder("kd", 6), lab.path("kd.db"), lab.path("kd-clean.db")
    topics = ("--topics", str(REPO / "examples/topics.yaml"))
    lab.killed("save", 1, "ingest", str(folder), "--db", str(db), "--silent", *topics)
    run = lab.ingest(db, folder, extra=topics)
    lab.ingest(clean, folder, extra=topics)
    got, want = snapshot(db), snapshot(clean)
    return Outcome(
        got == want,
        f"after re-run: clusters {len(got['clusters'])} of "  # type: ignore[arg-type]
        f"{len(want['clusters'])}, scores {got['scores']} of {want['scores']}; {said(run)}",
    )  # type: ignore[arg-type]


def concurrent_shared_speakers(lab: Lab) -> Outcome:
    a, b = lab.folder("ca", 12), lab.folder("cb", 12, start=12)
    db, seq = lab.path("c.db"), lab.path("c-seq.db")
    procs = [lab.start("ingest", str(x), "--db", str(db), "--silent") for x in (a, b)]
    codes = [p.wait() for p in procs]
    errs = [p.stderr.read().decode() if p.stderr else "" for p in procs]
    lab.ingest(seq, a)
    lab.ingest(seq, b)
    same = snapshot(db)["statements"] == snapshot(seq)["statements"]
    return Outcome(
        codes == [0, 0] and same,
        f"rc {codes}; same speakers as sequential: {same}; "
        f"{' / '.join(e.strip().splitlines()[-1][:120] for e in errs if e.strip())}",
    )


def concurrent_same_files(lab: Lab) -> Outcome:
    folder, db = lab.folder("cs", 13), lab.path("cs.db")
    procs = [lab.start("ingest", str(folder), "--db", str(db), "--silent") for _ in range(2)]
    codes = [p.wait() for p in procs]
    lines = [(p.stderr.read().decode() if p.stderr else "").strip() for p in procs]
    counted = [_counted(line) for line in lines]
    ok = codes == [0, 0] and all(n == 13 for n in counted)
    return Outcome(ok, f"rc {codes}; inputs counted per run {counted} of 13")


def _counted(stderr: str) -> int:
    """ingested + skipped + failed, from an ingest summary line."""
    import re

    match = re.search(r"ingested (\d+) .*skipped (\d+) .*failed (\d+)", stderr)
    return sum(int(x) for x in match.groups()) if match else -1


def report_overwrites(lab: Lab) -> Outcome:
    db = lab.base_db("ro.db")
    target = lab.path("keep.html")
    target.write_text("precious")
    run = lab.run("report", "--speaker", "Vell", "-o", str(target), "--db", str(db))
    kept = target.read_bytes() == b"precious"
    return Outcome(kept and run.clean, f"rc {run.rc}; existing file kept: {kept}; {said(run)}")


def report_onto_database(lab: Lab) -> Outcome:
    db = lab.base_db("rd.db")
    force = ("--force",) if "--force" in lab.run("report", "--help").out else ()
    results = [
        lab.run("report", "--speaker", "Vell", "-o", str(db), "--db", str(db), *extra)
        for extra in {(), force}
    ]
    intact = rows(db, "PRAGMA integrity_check")[0][0] == "ok"
    ok = intact and all(r.rc not in (0, None) and r.clean for r in results)
    return Outcome(
        ok, f"rc {[r.rc for r in results]}; database intact: {intact}; {said(results[-1])}"
    )


def plot_through_symlink(lab: Lab) -> Outcome:
    db = lab.base_db("ps.db")
    victim = lab.path("victim.txt")
    victim.write_text("precious")
    link = lab.path("chart.png")
    link.symlink_to(victim)
    run = lab.run("timeline", "--speaker", "Vell", "--plot", str(link), "--db", str(db))
    kept = victim.read_bytes() == b"precious"
    return Outcome(kept and run.clean, f"rc {run.rc}; symlink target kept: {kept}; {said(run)}")


def markdown_escapes(lab: Lab) -> Outcome:
    db = lab.base_db("md.db")
    run = lab.run("timeline", "--speaker", "Varga", "--format", "markdown", "--db", str(db))
    live = PAYLOAD in run.out
    return Outcome(run.rc == 0 and not live, f"rc {run.rc}; raw payload in Markdown: {live}")


def terminal_escapes(lab: Lab) -> Outcome:
    db = lab.base_db("te.db")
    found = []
    for args in (("show", PAYLOAD[:10]), ("statements",), ("articles",)):
        run = lab.run(*args, "--db", str(db))
        if "\x1b" in run.out or "\x07" in run.out:
            found.append(args[0])
    return Outcome(not found, f"raw escape sequences printed by: {', '.join(found) or 'none'}")


def _jsonl_probe(lab: Lab, name: str, line: str, command: str = "ingest") -> tuple[Run, int]:
    folder = lab.path(name)
    folder.mkdir()
    (folder / "a.txt").write_text(article(1))
    (folder / "b.jsonl").write_text(
        json.dumps({"id": "ok", "text": article(2)}) + "\n" + line + "\n"
    )
    db = lab.path(f"{name}.db")
    if command == "ingest":
        run = lab.ingest(db, folder)
        return run, rows(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
    run = lab.run("extract", str(folder), "--jsonl")
    return run, len(run.out.splitlines())


def nested_field(lab: Lab) -> Outcome:
    line = '{"id": "deep", "text": "x", "extra": ' + "[" * 50000 + "]" * 50000 + "}"
    run, stored = _jsonl_probe(lab, "nest", line)
    ok = run.clean and stored == 2 and "b.jsonl:2" in run.err
    return Outcome(ok, f"rc {run.rc}; good inputs stored {stored} of 2; {said(run)}")


def surrogate_text(lab: Lab) -> Outcome:
    text = json.dumps(article(3)).replace("We are", "We \\ud800are")
    run, stored = _jsonl_probe(lab, "surt", '{"id": "s", "text": ' + text + "}")
    ok = run.clean and stored >= 2 and "b.jsonl:2" in run.err
    return Outcome(ok, f"rc {run.rc}; stored {stored} (2 good + the line); {said(run)}")


def surrogate_title(lab: Lab) -> Outcome:
    line = '{"id": "t", "title": "Pier \\ud800", "text": ' + json.dumps(article(4)) + "}"
    run, stored = _jsonl_probe(lab, "surti", line)
    ok = run.clean and stored >= 2 and "b.jsonl:2" in run.err
    return Outcome(ok, f"rc {run.rc}; stored {stored} (2 good + the line); {said(run)}")


def extract_bad_lines(lab: Lab) -> Outcome:
    line = '{"id": "deep", "text": "x", "extra": ' + "[" * 50000 + "]" * 50000 + "}"
    run, printed = _jsonl_probe(lab, "ext", line, command="extract")
    ok = run.clean and printed == 2 and "b.jsonl:2" in run.err
    return Outcome(ok, f"rc {run.rc}; documents printed {printed} of 2; {said(run)}")


def stray_byte(lab: Lab) -> Outcome:
    path = lab.path("sb/stray.txt")
    data = (article(5) + "The minister’s aides said “nothing” more.\n").encode()
    path.write_bytes(data.replace(b"pier", b"pi\x9der", 1))
    db = lab.path("sb.db")
    run = lab.ingest(db, path)
    texts = rows(db, "SELECT text FROM articles") if db.exists() else []
    intact = bool(texts) and "minister’s" in str(texts[0][0]) and "‚Äô" not in str(texts[0][0])
    warned = "invalid byte" in run.err
    return Outcome(
        intact and warned and run.clean,
        f"rc {run.rc}; kept as UTF-8: {intact}; warned: {warned}; {said(run)}",
    )


def _special_outcome(run: Run) -> Outcome:
    ok = run.clean and "x.txt" in run.err and run.seconds < 60
    state = "hung (killed after the timeout)" if run.rc is None else f"rc {run.rc}"
    return Outcome(ok, f"{state} in {run.seconds:.1f} s; {said(run)}")


def _special_run(lab: Lab, name: str, make: Callable[[Path], None], in_folder: bool) -> Outcome:
    folder = lab.path(name)
    folder.mkdir()
    (folder / "good.txt").write_text(article(6))
    special = folder / "x.txt"
    make(special)
    run = lab.run(
        "ingest",
        str(folder if in_folder else special),
        "--db",
        str(lab.path(f"{name}.db")),
        "--silent",
        timeout=60,
    )
    return _special_outcome(run)


def fifo_in_folder(lab: Lab) -> Outcome:
    return _special_run(lab, "fifo", os.mkfifo, in_folder=True)


def fifo_named(lab: Lab) -> Outcome:
    return _special_run(lab, "fifo2", os.mkfifo, in_folder=False)


def dev_zero(lab: Lab) -> Outcome:
    return _special_run(lab, "zero", lambda p: p.symlink_to("/dev/zero"), in_folder=True)


def long_line(lab: Lab) -> Outcome:
    path = lab.path("ll/line.txt")
    path.write_text("Vell said the pier in Grennock is open for ships. " * 18000)
    run = lab.run("ingest", str(path), "--db", str(lab.path("ll.db")), "--silent", timeout=600)
    ok = run.clean and run.seconds < 60 and "max_article_chars" in run.err
    return Outcome(
        ok,
        f"{len(path.read_text()):,} characters: rc {run.rc} in {run.seconds:.1f} s, "
        f"peak {run.max_rss_mb:,.0f} MB; {said(run)}",
    )


def big_file(lab: Lab) -> Outcome:
    path = lab.path("bf/big.txt")
    paragraph = article(8) + "\n"
    path.write_text(paragraph * (50 * 2**20 // len(paragraph.encode())))
    run = lab.run("ingest", str(path), "--db", str(lab.path("bf.db")), "--silent", timeout=600)
    ok = run.clean and "E088" not in run.err and "max_" in run.err
    return Outcome(
        ok,
        f"{path.stat().st_size / 2**20:.0f} MB: rc {run.rc} in {run.seconds:.1f} s, "
        f"peak {run.max_rss_mb:,.0f} MB; {said(run)}",
    )


def deep_html(lab: Lab) -> Outcome:
    body = "".join(f"<p>{line}</p>" for line in article(9).split("\n") if line)
    path = lab.path("dh/deep.html")
    path.write_text("<html><body>" + "<div>" * 300 + body + "</div>" * 300 + "</body></html>")
    db = lab.path("dh.db")
    run = lab.ingest(db, path)
    stored = rows(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
    return Outcome(run.clean and stored == 1, f"rc {run.rc}; stored {stored}; {said(run)}")


def bad_published(lab: Lab) -> Outcome:
    line = json.dumps({"id": "d", "text": article(10), "published": "2025-13-45"})
    run, stored = _jsonl_probe(lab, "bp", line)
    reported = "2025-13-45" in run.err
    return Outcome(
        run.clean and reported, f"rc {run.rc}; stored {stored}; reported: {reported}; {said(run)}"
    )


def nul_in_jsonl(lab: Lab) -> Outcome:
    folder = lab.path("nul")
    folder.mkdir()
    text = article(11).replace("pier", "pi\x00er")
    (folder / "a.txt").write_bytes(text.encode())
    (folder / "b.jsonl").write_text(json.dumps({"id": "n", "text": text}) + "\n")
    db = lab.path("nul.db")
    run = lab.ingest(db, folder)
    txt_failed, jsonl_failed = "a.txt:" in run.err, "b.jsonl:1:" in run.err
    return Outcome(
        run.clean and txt_failed == jsonl_failed,
        f"rc {run.rc}; .txt refused: {txt_failed}; JSONL refused: {jsonl_failed}",
    )


def mistyped_db(lab: Lab) -> Outcome:
    db = lab.path("typo/onrecrod.db")
    run = lab.run("statements", "--db", str(db))
    created = db.exists()
    ok = not created and run.rc not in (0, None) and "no database" in run.err
    return Outcome(ok, f"rc {run.rc}; file created: {created}; {said(run)}")


def _foreign(lab: Lab, name: str, tables: bool) -> Outcome:
    db = lab.path(name)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA application_id = 1234")
        if tables:
            conn.execute("CREATE TABLE notes (x)")
    results = [lab.run("statements", "--db", str(db)), lab.ingest(db, lab.folder(f"{name}-in", 1))]
    app_id = rows(db, "PRAGMA application_id")[0][0]
    ok = all(r.rc == 1 and "not one onrecord made" in r.err for r in results) and app_id == 1234
    return Outcome(
        ok, f"rc {[r.rc for r in results]}; application_id now {app_id}; {said(results[1])}"
    )


def foreign_empty(lab: Lab) -> Outcome:
    return _foreign(lab, "fe.db", tables=False)


def foreign_tables(lab: Lab) -> Outcome:
    return _foreign(lab, "ft.db", tables=True)


def not_a_database(lab: Lab) -> Outcome:
    db = lab.path("nd.db")
    db.write_text("just some notes\n" * 100)
    run = lab.run("statements", "--db", str(db))
    return Outcome(run.rc == 1 and "not a SQLite database" in run.err, f"rc {run.rc}; {said(run)}")


def newer_schema(lab: Lab) -> Outcome:
    db = lab.base_db("ns.db")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    run = lab.run("statements", "--db", str(db))
    return Outcome(run.rc == 1 and "newer" in run.err, f"rc {run.rc}; {said(run)}")


def injection(lab: Lab) -> Outcome:
    db = lab.base_db("sq.db")
    attacks = ("' OR 1=1 --", "x'); DROP TABLE statements; --", '" OR ""="')
    results = [
        lab.run("statements", option, attack, "--db", str(db))
        for attack in attacks
        for option in ("--speaker", "--outlet")
    ]
    results.append(lab.run("show", attacks[1], "--db", str(db)))
    left = rows(db, "SELECT count(*) FROM statements")[0][0]
    matched = [r for r in results if r.out.strip()]
    ok = all(r.clean for r in results) and left > 0 and not matched
    return Outcome(
        ok,
        f"{len(results)} runs; rows matched by an attack: {len(matched)}; statements left {left}",
    )


def fts_syntax(lab: Lab) -> Outcome:
    db = lab.base_db("fts.db")
    queries = ('"', "ready*", "NEAR(a b)", "content_text:ready", "AND OR NOT", "(", "^ready", "-")
    results = [lab.run("search", query, "--db", str(db)) for query in queries]
    bad = [q for q, r in zip(queries, results, strict=True) if not r.clean or r.rc != 0]
    return Outcome(not bad, f"{len(queries)} queries; errors on: {bad or 'none'}")


def html_report_escaped(lab: Lab) -> Outcome:
    db = lab.base_db("he.db")
    out = lab.path("varga.html")
    run = lab.run("report", "--speaker", "Varga", "-o", str(out), "--db", str(db))
    page = out.read_text() if out.exists() else ""
    return Outcome(
        run.rc == 0 and bool(page) and PAYLOAD not in page,
        f"rc {run.rc}; raw payload in the page: {PAYLOAD in page}",
    )


def _one_file(lab: Lab, name: str, data: bytes, expect: str) -> Outcome:
    path = lab.path(f"one/{name}")
    path.write_bytes(data)
    db = lab.path(f"one-{name}.db")
    run = lab.ingest(db, path)
    stored = rows(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
    if expect == "stored":
        return Outcome(run.rc == 0 and stored == 1, f"rc {run.rc}; stored {stored}")
    return Outcome(run.rc == 1 and run.clean and expect in run.err, f"rc {run.rc}; {said(run)}")


def binary_file(lab: Lab) -> Outcome:
    return _one_file(lab, "bin.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary")


def empty_file(lab: Lab) -> Outcome:
    return _one_file(lab, "empty.txt", b"", "empty file")


def blank_file(lab: Lab) -> Outcome:
    return _one_file(lab, "blank.txt", b" \n\t\n", "no text")


def broken_json(lab: Lab) -> Outcome:
    run, stored = _jsonl_probe(lab, "bj", '{"id": broken')
    return Outcome(
        run.rc == 1 and run.clean and stored == 2, f"rc {run.rc}; stored {stored}; {said(run)}"
    )


def array_line(lab: Lab) -> Outcome:
    run, stored = _jsonl_probe(lab, "al", "[1, 2]")
    return Outcome(
        run.rc == 1 and run.clean and stored == 2, f"rc {run.rc}; stored {stored}; {said(run)}"
    )


def unsupported_type(lab: Lab) -> Outcome:
    return _one_file(lab, "notes.pdf", b"%PDF-1.4", "unsupported file type")


def missing_path(lab: Lab) -> Outcome:
    run = lab.ingest(lab.path("mp.db"), lab.path("nowhere/at-all.txt"))
    return Outcome(run.rc == 1 and "no such file" in run.err, f"rc {run.rc}; {said(run)}")


def utf16_file(lab: Lab) -> Outcome:
    return _one_file(lab, "wide.txt", b"\xff\xfe" + article(12).encode("utf-16-le"), "stored")


def cp1252_file(lab: Lab) -> Outcome:
    return _one_file(
        lab, "latin.txt", article(13).replace("Vell", "Véll").encode("cp1252"), "stored"
    )


def idempotent(lab: Lab) -> Outcome:
    folder, db = lab.folder("id", 5), lab.path("id.db")
    lab.ingest(db, folder)
    before = snapshot(db)
    run = lab.ingest(db, folder)
    same = snapshot(db) == before
    return Outcome(run.rc == 0 and same and "skipped 5" in run.err, f"rc {run.rc}; {said(run)}")


def long_number(lab: Lab) -> Outcome:
    run, stored = _jsonl_probe(lab, "ln", '{"id": ' + "9" * 5000 + ', "text": "x"}')
    return Outcome(
        run.rc == 1 and run.clean and stored == 2, f"rc {run.rc}; stored {stored}; {said(run)}"
    )


def db_in_missing_folder(lab: Lab) -> Outcome:
    run = lab.ingest(lab.path("nowhere") / "sub" / "x.db", lab.folder("dm", 1))
    return Outcome(run.rc == 1 and run.clean and "Hint" in run.err, f"rc {run.rc}; {said(run)}")


PROBES: tuple[tuple[str, str, Callable[[Lab], Outcome]], ...] = (
    # The failures issue 15 lists (owner in brackets when not `hardening`).
    ("P01", "two concurrent ingests, shared speakers [speakers]", concurrent_shared_speakers),
    ("P02", "two concurrent ingests of the same 13 files [speakers]", concurrent_same_files),
    ("P03", "report -o onto an existing file [readside]", report_overwrites),
    ("P04", "report -o onto the database itself [readside]", report_onto_database),
    ("P05", "timeline --plot through a symlink [readside]", plot_through_symlink),
    ("P06", "JSONL: deeply nested extra field", nested_field),
    ("P07", "JSONL: lone surrogate in text", surrogate_text),
    ("P08", "JSONL: lone surrogate in title", surrogate_title),
    ("P09", "extract: a deeply nested JSONL line", extract_bad_lines),
    ("P10", "one stray invalid byte in a UTF-8 file", stray_byte),
    ("P11", "kill after a batch commit, before clustering and topics", kill_before_derived),
    ("P12", "a FIFO named x.txt in the input folder", fifo_in_folder),
    ("P13", "a FIFO named x.txt on the command line", fifo_named),
    ("P14", "a symlink to /dev/zero named x.txt", dev_zero),
    ("P15", "timeline --format markdown with HTML in names [readside]", markdown_escapes),
    ("P16", "show/statements/articles with terminal escapes [readside]", terminal_escapes),
    ("P17", "a 900k-character line", long_line),
    ("P18", "a 50 MB file", big_file),
    ("P19", "HTML nested 300 levels deep", deep_html),
    ("P20", "JSONL published 2025-13-45", bad_published),
    ("P21", "a NUL in JSONL text and in a .txt file", nul_in_jsonl),
    ("P22", "a read command on a mistyped --db", mistyped_db),
    ("P23", "a SQLite file with another application id, no tables", foreign_empty),
    # Kinds the issue found handled well.
    ("P24", "kill -9 between batches: integrity", kill_between_batches),
    ("P25", "kill -9 between batches: resume without duplicates", resume_after_kill),
    ("P26", "re-ingest the same files", idempotent),
    ("P27", "SQL injection in --speaker, --outlet, show", injection),
    ("P28", "FTS syntax characters in search", fts_syntax),
    ("P29", "HTML report escapes markup from articles", html_report_escaped),
    ("P30", "a SQLite file with another application id and tables", foreign_tables),
    ("P31", "a --db that is not SQLite", not_a_database),
    ("P32", "a database of a newer schema version", newer_schema),
    ("P33", "a binary file", binary_file),
    ("P34", "an empty file", empty_file),
    ("P35", "a whitespace-only file", blank_file),
    ("P36", "a broken JSON line", broken_json),
    ("P37", "a JSONL line that is an array", array_line),
    ("P38", "an unsupported file type", unsupported_type),
    ("P39", "a path that does not exist", missing_path),
    ("P40", "a UTF-16 file with a byte-order mark", utf16_file),
    ("P41", "a windows-1252 file", cp1252_file),
    ("P42", "a JSONL id of 5,000 digits", long_number),
    ("P43", "a --db in a folder that does not exist", db_in_missing_folder),
)


def main() -> int:
    """Run the probes (all, or --only some) and print one line per probe and a total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated probe ids, e.g. P06,P07")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else None
    root = Path(tempfile.mkdtemp(prefix="onrecord-probes-"))
    lab = Lab(root)
    passed = total = 0
    try:
        for probe_id, title, probe in PROBES:
            if wanted and probe_id not in wanted:
                continue
            started = time.perf_counter()
            try:
                outcome = probe(lab)
            except Exception as error:  # noqa: BLE001  (a probe that breaks is a failed probe)
                outcome = Outcome(False, f"probe error: {error!r}")
            total += 1
            passed += outcome.ok
            mark = "ok  " if outcome.ok else "FAIL"
            print(
                f"{probe_id} {mark} {title} ({time.perf_counter() - started:.0f} s): "
                f"{outcome.detail}",
                flush=True,
            )
    finally:
        if args.keep:
            print(f"scratch folder: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(f"probes={total} handled_well={passed} not_handled={total - passed}")
    return 0 if passed == total else 1


if __name__ == "__main__":
    sys.exit(main())
