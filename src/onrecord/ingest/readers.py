"""Reading input paths: files and directories in, RawDocument or Failure out, in order."""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from onrecord import settings
from onrecord.errors import InputError, OnrecordError
from onrecord.ingest.decoding import Decoded, decode_counted
from onrecord.ingest.html import declared_charset, extract_html
from onrecord.ingest.jsonl import jsonl_documents
from onrecord.models import Failure, RawDocument

Item = RawDocument | Failure
Reader = Callable[[Path, bytes], Iterator[Item]]
MIB = 1 << 20

log = logging.getLogger(__name__)

# What a path that is not a regular file is, for the reason it is skipped.
SPECIAL_FILES: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)

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
    """Yield what `reader` finds in a regular file; any failure is this file's, with a reason."""
    source = str(path)
    try:
        data = read_bounded(path)
        yield from reader(path, data)
    except InputError as err:
        yield Failure(source, err.message + (f"; {err.hint}" if err.hint else ""))
    except OSError as err:
        yield Failure(source, _os_reason(err))
    except OnrecordError:  # a setting or the model, not this file: the run cannot go on
        raise
    # Any other error is this file's failure, never the end of a run over many inputs.
    except Exception as err:  # noqa: BLE001
        log.debug("reading %s failed", source, exc_info=True)
        yield Failure(source, f"could not read the file ({type(err).__name__}: {err})")


def read_bounded(path: Path) -> bytes:
    """Return the bytes of a regular file of at most `max_file_mb`; else raise InputError.

    A FIFO, device or socket is refused before it is opened for reading (so it can never
    block or stream forever), and the read stops one byte past the limit.
    """
    kind = _special(os.stat(path).st_mode)
    if kind:
        raise InputError(f"not a regular file ({kind}); skipped")
    limit = int(settings.get_float("max_file_mb") * MIB)
    # O_NONBLOCK: had the path become a FIFO since the check, opening it cannot block.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as file:
        kind = _special(os.fstat(file.fileno()).st_mode)
        if kind:
            raise InputError(f"not a regular file ({kind}); skipped")
        data = file.read(limit + 1)
    if len(data) > limit:
        size = os.stat(path).st_size
        raise InputError(
            f"file is larger ({_megabytes(size)}) than the limit of max_file_mb "
            f"({_megabytes(limit)})",
            hint="split it into smaller files, or raise the setting "
            "(ONRECORD_MAX_FILE_MB=<megabytes>)",
        )
    return data


def _megabytes(size: int) -> str:
    """A size in MB (MiB) to three decimals, trailing zeros dropped: 100 MB, 0.05 MB."""
    return f"{size / MIB:,.3f}".rstrip("0").rstrip(".") + " MB"


def _special(mode: int) -> str | None:
    return next((kind for test, kind in SPECIAL_FILES if test(mode)), None)


def _read_txt(path: Path, data: bytes) -> Iterator[Item]:
    decoded = decode_counted(data)
    yield RawDocument(path.stem, str(path), "txt", decoded.text, warnings=decoded.warnings)


def _read_html(path: Path, data: bytes) -> Iterator[Item]:
    decoded: Decoded = decode_counted(data, declared=declared_charset(data))
    text, hints = extract_html(decoded.text)
    yield RawDocument(path.stem, str(path), "html", text, hints, decoded.warnings)


def _read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    yield from jsonl_documents(data, str(path), path.stem)


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
