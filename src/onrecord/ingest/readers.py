"""Reading input paths: files and directories in, RawDocument or Failure out, in order."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from onrecord.errors import InputError
from onrecord.ingest.decoding import decode
from onrecord.ingest.html import declared_charset, extract_html
from onrecord.ingest.jsonl import jsonl_documents
from onrecord.models import Failure, RawDocument

Item = RawDocument | Failure
Reader = Callable[[Path, str], Iterator[Item]]

EXPECTED_TYPES = ".txt, .html, .htm or .jsonl"
# A missing path that reads like a web address without its scheme ("www.x.org/a", "x.com/a").
LOOKS_LIKE_WEB_ADDRESS = re.compile(r"^(?:www\.|[\w-]+(?:\.[\w-]+)+/)", re.IGNORECASE)
WEB_HINT = " (to fetch a web page, give its whole address, starting with https:// or http://)"


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawDocument | Failure]:
    """Yield every document in the given files and directories (recursively, sorted)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _read_directory(path)
        elif not path.exists() and not path.is_symlink():
            hint = WEB_HINT if LOOKS_LIKE_WEB_ADDRESS.match(str(given)) else ""
            yield Failure(str(path), "no such file or directory" + hint)
        else:
            reader = _reader(path)
            if reader is None:
                suffix = f"'{path.suffix}'" if path.suffix else "(no extension)"
                reason = f"unsupported file type {suffix} (expected {EXPECTED_TYPES})"
                yield Failure(str(path), reason)
            else:
                yield from _read_file(path, reader)


def _read_directory(root: Path) -> Iterator[Item]:
    """Files under `root` with a known extension, depth first, sorted; hidden ones skipped."""
    walk_error: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=walk_error.append):
        # Sorting in place makes os.walk visit subdirectories in a fixed order.
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            reader = _reader(path)
            if reader is not None and not name.startswith("."):
                yield from _read_file(path, reader)
        while walk_error:
            err = walk_error.pop(0)
            yield Failure(str(err.filename or root), _os_reason(err))


def _read_file(path: Path, reader: Reader) -> Iterator[Item]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Failure(source, _os_reason(err))
        return
    try:
        text = decode(data, declared=declared_charset(data) if reader is _read_html else None)
    except InputError as err:
        yield Failure(source, err.message)
        return
    yield from reader(path, text)


def _read_txt(path: Path, text: str) -> Iterator[Item]:
    yield RawDocument(doc=path.stem, source=str(path), format="txt", text=text)


def _read_html(path: Path, html: str) -> Iterator[Item]:
    try:
        text, hints = extract_html(html)
    except InputError as err:
        yield Failure(str(path), err.message)
        return
    yield RawDocument(doc=path.stem, source=str(path), format="html", text=text, hints=hints)


def _read_jsonl(path: Path, text: str) -> Iterator[Item]:
    yield from jsonl_documents(text, str(path), path.stem)


# The reader of each supported file extension (compared in lower case).
READERS: dict[str, Reader] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
}


def _reader(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return (err.strerror or str(err)).lower()
