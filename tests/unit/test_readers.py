"""Reading inputs: decoding, formats, and a Failure with a reason for every bad input."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest import read_paths
from onrecord.ingest.decoding import decode
from onrecord.ingest.html import extract_html
from onrecord.models import Failure, RawDocument

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"

CAFE = "Councillor Ines Varga said the café — “quoted” here — would stay open."


def _only(path: Path) -> RawDocument | Failure:
    items = list(read_paths([path]))
    assert len(items) == 1, items
    return items[0]


def _failure(path: Path) -> Failure:
    item = _only(path)
    assert isinstance(item, Failure), item
    return item


def _document(path: Path) -> RawDocument:
    item = _only(path)
    assert isinstance(item, RawDocument), item
    return item


# --- decoding -----------------------------------------------------------------------


def test_cp1252_file_decodes(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(CAFE.encode("cp1252"))
    doc = _document(path)
    assert doc.text == CAFE
    assert (doc.doc, doc.format, doc.source) == ("latin", "txt", str(path))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + CAFE.encode(encoding))
    assert _document(path).text == CAFE


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + CAFE.encode("utf-8"))
    assert _document(path).text == CAFE


def test_utf32_with_bom() -> None:
    assert decode(CAFE.encode("utf-32")) == CAFE


def test_newlines_are_normalised() -> None:
    assert decode(b"One line.\r\nTwo lines.\rThree.\n") == "One line.\nTwo lines.\nThree.\n"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _failure(path) == Failure(str(path), "empty file")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \r\n\t\n")
    assert _failure(path).reason == "no text"


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\xff" * 100,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(range(1, 32)) * 20,
    ],
    ids=["nul-bytes", "png", "control-characters"],
)
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(data)
    assert _failure(path).reason.startswith("binary file, not text")


def test_decode_raises_input_error() -> None:
    with pytest.raises(InputError, match="empty file"):
        decode(b"")


# --- paths --------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert _failure(path) == Failure(str(path), "no such file or directory")


def test_explicit_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.xyz"
    path.write_text("Some words.", encoding="utf-8")
    reason = "unsupported file type '.xyz' (expected .txt, .html, .htm or .jsonl)"
    assert _failure(path) == Failure(str(path), reason)


def test_read_error_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("The mayor said the road is closed.", encoding="utf-8")

    opened = os.open

    def refuse(file: str | Path, flags: int, *args: int) -> int:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return opened(file, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    assert _failure(path) == Failure(str(path), "permission denied")


def test_directory_order_is_sorted_and_recursive(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "a2/e.txt", "z.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {name}.", encoding="utf-8")
    (tmp_path / "ignored.md").write_text("Not an input.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    first = [item.source for item in read_paths([tmp_path])]
    expected = ["a.txt", "b.txt", "z.txt", "a2/e.txt", "sub/c.txt", "sub/deeper/d.txt"]
    assert first == [str(tmp_path / name) for name in expected]
    assert [item.source for item in read_paths([tmp_path])] == first


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Second.", encoding="utf-8")
    items = list(read_paths([tmp_path / "two.txt", str(tmp_path / "one.txt")]))
    assert [item.doc for item in items if isinstance(item, RawDocument)] == ["two", "one"]


# --- JSONL --------------------------------------------------------------------------


def test_jsonl_with_one_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "file.jsonl"
    good = {"id": "w1", "text": "Mayor Ana Pell said the bridge is safe.", "title": "Bridge"}
    path.write_text(
        json.dumps(good) + "\n" + '{"id": broken\n' + "\n" + json.dumps({"text": "Second."}) + "\n",
        encoding="utf-8",
    )
    items = list(read_paths([path]))
    assert len(items) == 3
    first, broken, last = items
    assert isinstance(first, RawDocument)
    assert (first.doc, first.source, first.format) == ("w1", f"{path}:1", "jsonl")
    assert first.hints == {"title": "Bridge"}
    assert isinstance(broken, Failure)
    assert broken.source.endswith("file.jsonl:2")
    assert broken.reason.startswith("invalid JSON")
    assert isinstance(last, RawDocument)
    assert (last.doc, last.source) == ("file:4", f"{path}:4")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a list"]', "expected a JSON object, got an array"),
        ('{"title": "No text"}', "missing 'text' field"),
        ('{"text": "   "}', "empty 'text' field"),
        ('{"text": 42}', "'text' must be a string, got a number"),
        ('{"text": "Fine.", "url": 7}', "'url' must be a string, got a number"),
        (
            '{"id": "\\u0000", "text": "Fine."}',
            "'id' holds a NUL character (U+0000): binary data, not text",
        ),
    ],
)
def test_jsonl_bad_lines(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert _failure(path) == Failure(f"{path}:1", reason)


def test_jsonl_hints(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    record = {
        "text": "The port reopened.\r\nShips queued.",
        "url": "https://example.org/2020/05/01/port",
        "published": "2020-05-01",
        "outlet": "Harbour Herald",
        "id": 17,
    }
    path.write_text(json.dumps(record), encoding="utf-8")
    doc = _document(path)
    assert doc.doc == "17"
    assert doc.text == "The port reopened.\nShips queued."
    assert doc.hints == {
        "url": "https://example.org/2020/05/01/port",
        "published": "2020-05-01",
        "outlet": "Harbour Herald",
    }


def test_jsonl_date_and_source_name_published_and_outlet(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [
        {"text": "The port reopened.", "date": "2020-05-01", "source": "Harbour Herald"},
        {"text": "Ships queued.", "date": "2020-05-02", "published": "2020-05-03"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    first, second = read_paths([path])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.hints == {"published": "2020-05-01", "outlet": "Harbour Herald"}
    assert second.hints == {"published": "2020-05-03"}  # the field's own name wins


# --- HTML ---------------------------------------------------------------------------


def test_html_page_text_and_hints() -> None:
    doc = _document(FIXTURES / "ferry-fares.html")
    assert doc.format == "html"
    assert doc.doc == "ferry-fares"
    assert doc.hints == {
        "title": "Harbour council delays vote on ferry fares",
        "outlet": "The Coastline Courier",
        "url": "https://www.coastline-courier.example/news/2021/ferry-fares",
        "published": "2021-03-14",
    }
    assert "said council chair Mara Lindqvist" in doc.text
    assert doc.text.endswith("shortage of trained crew on the northern routes.")
    # Paragraphs are separated by blank lines; navigation, sidebar and footer are gone.
    assert "\n\n" in doc.text
    for furniture in ["Home", "Sport", "Storm closes coastal road", "All rights reserved"]:
        assert furniture not in doc.text


def test_malformed_html_still_gives_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><body><div><p>The river rose by two metres overnight, flooding the lower "
        "streets of the old town, officials said on Sunday.<p>Residents were told to stay "
        "indoors <b>until further notice, the mayor said.\n<div><span>",
        encoding="utf-8",
    )
    doc = _document(path)
    assert "The river rose by two metres overnight" in doc.text
    assert "until further notice, the mayor said." in doc.text


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "menu.htm"
    path.write_text(
        "<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav><script>run()</script></body></html>",
        encoding="utf-8",
    )
    assert _failure(path) == Failure(str(path), "no article text found in HTML")


@pytest.mark.parametrize("html", ["", "<", "<html></html>", "<<<>>>&&&", "\x0c<p>"])
def test_extract_html_never_crashes(html: str) -> None:
    with pytest.raises(InputError, match="HTML"):
        extract_html(html)


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    sentence = "Мэр города заявил, что новый мост откроется весной следующего года."
    page = (
        '<html><head><meta charset="windows-1251"><title>Мост</title></head>'
        f"<body><article><p>{sentence}</p></article></body></html>"
    )
    path = tmp_path / "most.html"
    path.write_bytes(page.encode("cp1251"))
    assert sentence in _document(path).text


def test_wrong_declared_charset_does_not_override_utf8() -> None:
    assert decode(CAFE.encode("utf-8"), declared="iso-8859-1") == CAFE
    assert decode(CAFE.encode("cp1252"), declared="no-such-codec") == CAFE


def test_latin1_declaration_reads_as_windows_1252() -> None:
    assert decode(CAFE.encode("cp1252"), declared="ISO-8859-1") == CAFE
