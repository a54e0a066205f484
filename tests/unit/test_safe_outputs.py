"""Outputs are safe (issue 15): files never overwritten unasked, never the database, never
through a link; Markdown, HTML and the terminal show hostile article text as text."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from tests.unit.test_store import processed, statement

from onrecord.cli import main
from onrecord.clustering import LexicalScorer
from onrecord.errors import OutputError
from onrecord.pipeline.corpus import update_clusters
from onrecord.queries.timeline import build_timeline
from onrecord.render.markdown import markdown_text, timeline_markdown
from onrecord.render.outputs import output_file
from onrecord.store import open_store

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
LINK = "[click me](javascript:alert(3))"
RED = "\x1b[31m"
TITLE = "\x1b]0;owned\x07"
NAME = f"Ana {IMG} Pell"
TEXT = (
    f'{NAME} said on Monday: "The pier {LINK} opens {RED}today{RED} | {SCRIPT} ![x](y.png)." '
    f"Ana Pell told reporters that ships would come {TITLE}soon."
)
DOC = f"wire-{IMG}{RED}x"


def hostile() -> object:
    said = statement(TEXT, NAME, (NAME,), "said", (f"The pier {LINK} opens {RED}today",))
    told = statement(TEXT, NAME, ("Ana Pell",), "told", (f"ships would come {TITLE}soon",))
    return processed(TEXT, DOC, f"Wire {RED}| <b>", dt.date(2024, 5, 6), (said, told))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    with open_store(path) as store:
        store.save([hostile()])  # type: ignore[list-item]
        update_clusters(store, LexicalScorer())
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


# --- Markdown ------------------------------------------------------------------------


def rendered(markdown: str) -> str:
    """The HTML a CommonMark renderer (with GitHub's tables and strikethrough) makes."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


@pytest.mark.parametrize(
    "text",
    [IMG, SCRIPT, LINK, "![x](javascript:alert(1))", "a | b", "# title", "1. item", "- item",
     "**bold** _it_ `code` ~~gone~~", "<javascript:alert(1)>", "[ref]: javascript:x", "a\nb",
     "+ item", "12) item", "2025-03-15"],
)  # fmt: skip
def test_markdown_text_renders_as_exactly_its_text(text: str) -> None:
    html = rendered(f"- {markdown_text(text)}\n")
    inner = re.fullmatch(r"<ul>\n<li>(.*)</li>\n</ul>\n", html, re.S)
    assert inner, html
    unescaped = (
        inner.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    ).replace("&amp;", "&")
    assert unescaped == text.replace("\n", " ")


def test_plain_words_and_dates_stay_readable() -> None:
    assert markdown_text("2025-03-15 in Port Selden, 1.5 km away") == (
        "2025-03-15 in Port Selden, 1.5 km away"
    )


def test_timeline_markdown_escapes_everything_taken_from_articles(db: Path) -> None:
    code, markdown = run("timeline", "--speaker", "Pell", "--format", "markdown", "--db", str(db))
    assert code == 0
    assert IMG not in markdown and SCRIPT not in markdown and "\x1b" not in markdown
    html = rendered(markdown)
    for tag in ("<img", "<script", "<a ", "<b>", "<table"):
        assert tag not in html, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as text
    assert "[click me](javascript:alert(3))" in html


def test_timeline_markdown_puts_each_statement_on_its_own_line(db: Path) -> None:
    with open_store(db, write=False) as store:
        markdown = timeline_markdown(build_timeline(store, "Pell"))
    items = [line for line in markdown.splitlines() if line.startswith("- #")]
    assert len(items) == 2


# --- HTML ----------------------------------------------------------------------------


def test_html_outputs_stay_escaped(db: Path, tmp_path: Path) -> None:
    code, page = run("timeline", "--speaker", "Pell", "--format", "html", "--db", str(db))
    assert code == 0
    report = tmp_path / "report.html"
    assert run("report", "--speaker", "Pell", "-o", str(report), "--db", str(db))[0] == 0
    for html in (page, report.read_text()):
        assert IMG not in html and SCRIPT not in html and "| <b>" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert 'href="javascript' not in html


# --- the terminal ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["statements"],
        ["search", "pier"],
        ["articles"],
        ["speakers"],
        ["speakers", "show", "Pell"],
        ["show", "wire-"],
        ["timeline", "--speaker", "Pell"],
        ["clusters", "--all"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_terminal_output_prints_no_control_characters(db: Path, args: list[str]) -> None:
    code, out = run(*args, "--db", str(db))
    assert code == 0 and out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), repr(out)
    assert "Pell" in out or "wire-" in out  # the text itself is still shown


# --- output files ----------------------------------------------------------------------


def test_a_new_file_is_written(tmp_path: Path) -> None:
    with output_file(tmp_path / "new.html") as out:
        out.write(b"page")
    assert (tmp_path / "new.html").read_bytes() == b"page"


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "keep.html"
    target.write_text("precious")
    with pytest.raises(OutputError, match="exists.*\n.*--force"), output_file(target) as out:
        out.write(b"new")
    assert target.read_text() == "precious"
    with output_file(target, force=True) as out:
        out.write(b"new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.html"]  # no temporary file left


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "half.html"
    with pytest.raises(RuntimeError), output_file(target) as out:
        out.write(b"half")
        raise RuntimeError("drawing failed")
    assert not target.exists()
    target.write_text("precious")
    with pytest.raises(RuntimeError), output_file(target, force=True) as out:
        out.write(b"half")
        raise RuntimeError("drawing failed")
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["half.html"]


@pytest.mark.parametrize("force", [False, True])
def test_a_symbolic_link_is_never_followed(tmp_path: Path, force: bool) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "chart.png"
    link.symlink_to(victim)
    dangling = tmp_path / "dangling.png"
    dangling.symlink_to(tmp_path / "nowhere.png")
    for path in (link, dangling):
        with pytest.raises(OutputError, match="symbolic link"), output_file(path, force=force):
            pass
    assert victim.read_text() == "precious"
    assert not (tmp_path / "nowhere.png").exists()


def test_the_database_is_never_written_even_forced(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    hard = tmp_path / "hard.db"
    os.link(db, hard)
    for path in (
        db,
        elsewhere / ".." / db.name,  # another spelling of the same path
        Path(os.path.relpath(db)),
        hard,  # another name of the same file
        Path(f"{db}-wal"),
        Path(f"{db}-shm"),
    ):
        with (
            pytest.raises(OutputError, match="is the database"),
            output_file(path, force=True, protect=[db]) as out,
        ):
            out.write(b"x")
    assert db.read_bytes() == before


def test_the_commands_refuse_and_force(db: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text("precious")
    args = ["report", "--speaker", "Pell", "-o", str(report), "--db", str(db)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and report.read_text() == "precious"
    assert "Hint: add --force to replace it" in result.stderr
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0
    assert report.read_text().startswith("<!DOCTYPE html>")
    onto_db = ["report", "--speaker", "Pell", "-o", str(db), "--db", str(db), "--force"]
    result = CliRunner().invoke(main, onto_db)
    assert result.exit_code == 1 and "is the database" in result.stderr
    chart = tmp_path / "chart.svg"
    plot = ["timeline", "--speaker", "Pell", "--plot", str(chart), "--db", str(db)]
    assert CliRunner().invoke(main, plot).exit_code == 0
    assert chart.read_text().lstrip().startswith("<?xml")
    assert CliRunner().invoke(main, plot).exit_code == 1
    assert CliRunner().invoke(main, [*plot, "--force"]).exit_code == 0


# --- messages ----------------------------------------------------------------------------


def test_a_failed_inputs_name_is_shown_with_its_control_characters_written_out(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"e{RED}.txt").write_text("")
    args = ["ingest", str(folder), "--workers", "0", "--silent", "--db", str(tmp_path / "i.db")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "e\\x1b[31m.txt: empty file" in result.stderr and "\x1b" not in result.stderr


def test_an_error_naming_speakers_prints_no_escape_sequence(tmp_path: Path) -> None:
    first, second = f"Ana {RED}Pell", f"Bo {TITLE}Pell"
    text = f"{first} said the pier would open. {second} said it would not."
    said = statement(text, first, (first,), "said", ("the pier would open",))
    denied = statement(text, second, (second,), "said", ("it would not",))
    path = tmp_path / "two.db"
    with open_store(path) as store:
        store.save([processed(text, "two", "Wire", dt.date(2024, 5, 6), (said, denied))])
    result = CliRunner().invoke(main, ["statements", "--speaker", "pell", "--db", str(path)])
    assert result.exit_code == 1
    assert "names 2 speakers" in result.stderr, result.stderr
    assert "\\x1b[31m" in result.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stderr)
