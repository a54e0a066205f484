"""A corpus of hostile input files, written at test time (never committed as binaries).

`write_corpus(folder)` writes every case into `folder` and returns what each must become:
stored (perhaps with a warning naming what was repaired) or failed with a reason. The
tests in tests/fault/ and bench/probes.py read the same cases. Every article text here is
fiction written for onrecord.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOOD = (
    "Harbour Minister Tomas Vell said on Monday that the new pier in Grennock would open "
    "in May.\n\n“We are ready for the first ships,” Vell told reporters.\n"
)
OTHER = (
    "Mayor Ana Pell said the Dornholm bridge was safe after the storm.\n\n"
    "“Nobody should worry about crossing it,” Pell told the council on Tuesday.\n"
)

# Settings the corpus is read with, so the limit cases stay small (bytes, characters).
LIMITS = {"ONRECORD_MAX_FILE_MB": "0.05", "ONRECORD_MAX_ARTICLE_CHARS": "20000"}


@dataclass(frozen=True, slots=True)
class Case:
    """One input and what reading it must give: stored, stored with a warning, or failed."""

    source: str  # the name a failure or warning is reported under, relative to the folder
    outcome: str  # "stored" | "warned" | "failed"
    reason: str = ""  # a piece of the failure's reason or the warning's text


def _article(n: int) -> str:
    return GOOD.replace("Tomas Vell", f"Tomas Vell{'e' * n}").replace("Vell told", "He told")


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _jsonl_lines() -> list[tuple[str, Case | None]]:
    """Each JSONL line with its case (None for a blank line)."""
    good = {"id": "good", "text": OTHER, "title": "Bridge safe", "published": "2025-03-04"}
    return [
        (json.dumps(good), Case("wire.jsonl:1", "stored")),
        (
            '{"id": "deep", "text": "x", "extra": ' + _nested(5_000) + "}",
            Case("wire.jsonl:2", "failed", "nested too deeply"),
        ),
        (
            '{"id": "surrogate-text", "text": "'
            + _article(1).replace("\n", "\\n").replace("“", "\\ud800“")
            + '"}',
            Case("wire.jsonl:3", "warned", "invalid character"),
        ),
        (
            '{"id": "surrogate-title", "title": "Pier \\udfff opens", "text": '
            + json.dumps(_article(2))
            + "}",
            Case("wire.jsonl:4", "warned", "invalid character"),
        ),
        (
            json.dumps({"id": "nul", "text": _article(3).replace("pier", "pi\x00er")}),
            Case("wire.jsonl:5", "failed", "NUL"),
        ),
        (
            json.dumps({"id": "bad-date", "text": _article(4), "published": "2025-13-45"}),
            Case("wire.jsonl:6", "warned", "2025-13-45"),
        ),
        ("[1, 2, 3]", Case("wire.jsonl:7", "failed", "expected a JSON object")),
        ('{"id": broken', Case("wire.jsonl:8", "failed", "invalid JSON")),
        ("", None),
        (json.dumps({"id": 1.5, "text": "x"}), Case("wire.jsonl:10", "failed", "'id' must be")),
        (
            '{"id": ' + "9" * 5000 + ', "text": "x"}',
            Case("wire.jsonl:11", "failed", "number too long"),
        ),
        (
            json.dumps({"id": "escapes", "text": _article(5).replace("pier", "pier\x1b[31m")}),
            Case("wire.jsonl:12", "stored"),
        ),
        (
            json.dumps({"id": "huge", "text": "Word " * 5000}),
            Case("wire.jsonl:13", "failed", "max_article_chars"),
        ),
    ]


def _deep_html(depth: int) -> str:
    body = "".join(f"<p>{line}</p>" for line in _article(6).split("\n") if line)
    return (
        "<html><head><title>Pier opens</title></head><body>"
        + "<div>" * depth
        + body
        + "</div>" * depth
        + "</body></html>"
    )


def _writers() -> list[tuple[str, Callable[[Path], None], Case]]:
    """(file name, how to write it, its case) for every file of the corpus."""
    stray = _article(7).encode("utf-8").replace(b"pier", b"pi\x9der", 1)
    return [
        ("good.txt", lambda p: p.write_text(GOOD, encoding="utf-8"), Case("good.txt", "stored")),
        ("empty.txt", lambda p: p.write_bytes(b""), Case("empty.txt", "failed", "empty file")),
        ("blank.txt", lambda p: p.write_text(" \n\t\n"), Case("blank.txt", "failed", "no text")),
        (
            "binary.txt",
            lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
            Case("binary.txt", "failed", "binary"),
        ),
        (
            "nul.txt",
            lambda p: p.write_bytes(_article(8).replace("pier", "pi\x00er").encode()),
            Case("nul.txt", "failed", "NUL"),
        ),
        (
            "stray_byte.txt",
            lambda p: p.write_bytes(stray),
            Case("stray_byte.txt", "warned", "1 invalid byte"),
        ),
        (
            "truncated.txt",
            lambda p: p.write_bytes(_article(9).encode() + "“".encode()[:2]),
            Case("truncated.txt", "warned", "1 invalid byte"),
        ),
        (
            "latin.txt",
            lambda p: p.write_bytes(_article(10).encode("cp1252")),
            Case("latin.txt", "stored"),
        ),
        (
            "wide.txt",
            lambda p: p.write_bytes(codecs.BOM_UTF16_LE + _article(11).encode("utf-16-le")),
            Case("wide.txt", "stored"),
        ),
        (
            "bom_only.txt",
            lambda p: p.write_bytes(codecs.BOM_UTF8),
            Case("bom_only.txt", "failed", "no text"),
        ),
        (
            "long.txt",
            lambda p: p.write_text("Vell said the pier is open. " * 1000),
            Case("long.txt", "failed", "max_article_chars"),
        ),
        (
            "big.txt",
            lambda p: p.write_text(_article(12) * 500),
            Case("big.txt", "failed", "max_file_mb"),
        ),
        ("deep.html", lambda p: p.write_text(_deep_html(400)), Case("deep.html", "stored")),
        (
            "nav.html",
            lambda p: p.write_text("<html><body><a href=x>Home</a></body></html>"),
            Case("nav.html", "failed", "no article text"),
        ),
        ("fifo.txt", lambda p: os.mkfifo(p), Case("fifo.txt", "failed", "not a regular file")),
        (
            "zero.txt",
            lambda p: p.symlink_to("/dev/zero"),
            Case("zero.txt", "failed", "not a regular file"),
        ),
        (
            "loop.txt",
            lambda p: p.symlink_to(p),
            Case("loop.txt", "failed", "symbolic links"),
        ),
        (
            "crlf.jsonl",
            lambda p: p.write_bytes(
                b"\xef\xbb\xbf"
                + json.dumps({"id": "crlf", "text": _article(13)}).encode()
                + b"\r\n\r\n"
            ),
            Case("crlf.jsonl:1", "stored"),
        ),
        (
            "dangling.txt",
            lambda p: p.symlink_to(p.parent / "missing"),
            Case("dangling.txt", "failed", "no such file"),
        ),
    ]


def write_corpus(folder: Path) -> list[Case]:
    """Write every nasty input into `folder`; return each input's expected case."""
    cases: list[Case] = []
    for name, write, case in _writers():
        write(folder / name)
        cases.append(case)
    lines = _jsonl_lines()
    (folder / "wire.jsonl").write_text(
        "\n".join(line for line, _ in lines) + "\n", encoding="utf-8"
    )
    cases.extend(case for _, case in lines if case is not None)
    return cases
