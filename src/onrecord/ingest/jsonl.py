"""JSON Lines input: one article per line, each line read (or refused) on its own.

Each line is decoded on its own (UTF-8, with the fallbacks of a whole file), so a bad byte
is reported on its line. What a line's JSON cannot give as text is refused or repaired as
a file's bytes would be: a NUL character refuses the line (as a NUL byte refuses a .txt
file), and lone UTF-16 surrogates (`\\ud800`) become U+FFFD with a warning, as invalid
UTF-8 bytes do.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from onrecord.errors import InputError
from onrecord.ingest.decoding import BOMS, decode_counted, normalise_newlines, text_problem
from onrecord.ingest.metadata import parse_date
from onrecord.models import Failure, RawDocument

log = logging.getLogger(__name__)

# A UTF-16 code unit JSON can escape (\\ud800) but no text can hold on its own.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Optional string fields of a line that become hints for metadata, unchanged.
HINT_FIELDS: tuple[str, ...] = ("title", "url", "published", "outlet")
# Other names a line may give a hint field under; the field's own name wins.
HINT_ALIASES: dict[str, str] = {"date": "published", "source": "outlet"}


def jsonl_documents(data: bytes, path: str, stem: str) -> Iterator[RawDocument | Failure]:
    """Yield one RawDocument per good line of a JSONL file's bytes, a Failure per bad one."""
    if not data.strip():  # as a text file: an empty file is reported, never passed over
        yield Failure(path, "empty file" if not data else "no text")
        return
    for lineno, line in _lines(data):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            decoded = decode_counted(line) if isinstance(line, bytes) else None
            text = decoded.text if decoded else str(line)
            warnings = list(decoded.warnings) if decoded else []
            yield _document(text, source, f"{stem}:{lineno}", warnings)
        except (ValueError, InputError) as err:
            yield Failure(source, err.message if isinstance(err, InputError) else str(err))
        # Any other error is this line's failure: the file's other lines are still read.
        except Exception as err:  # noqa: BLE001
            log.debug("reading %s failed", source, exc_info=True)
            yield Failure(source, f"could not read the line ({type(err).__name__}: {err})")


def _lines(data: bytes) -> Iterator[tuple[int, bytes | str]]:
    """Number the lines: bytes to decode one by one, or text when a UTF-16/32 mark says so."""
    if any(data.startswith(bom) for bom, encoding in BOMS if encoding != "utf-8-sig"):
        yield from enumerate(decode_counted(data).text.split("\n"), start=1)
        return
    data = data.removeprefix(codecs.BOM_UTF8)
    for lineno, line in enumerate(data.split(b"\n"), start=1):
        yield lineno, line.removesuffix(b"\r")


def _document(line: str, source: str, default_doc: str, warnings: list[str]) -> RawDocument:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON: {err.msg} at column {err.colno}") from err
    except RecursionError as err:
        raise ValueError("invalid JSON: arrays or objects nested too deeply") from err
    except ValueError as err:  # an integer of more digits than Python converts
        raise ValueError("invalid JSON: a number too long to read (over 4,300 digits)") from err
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise ValueError("missing 'text' field")
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise ValueError("empty 'text' field")
    if problem := text_problem(text):
        raise ValueError(f"'text' {problem}")
    text = _repaired("text", text, warnings)
    hints = {}
    for name in (*HINT_ALIASES, *HINT_FIELDS):
        value = record.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise ValueError(f"'{name}' must be a string, got {_json_type(value)}")
        if "\x00" in value:
            raise ValueError(f"'{name}' holds a NUL character (U+0000): binary data, not text")
        hints[HINT_ALIASES.get(name, name)] = _repaired(name, value, warnings).strip()
    published = hints.get("published")
    if published and parse_date(published) is None:
        del hints["published"]
        warnings.append(
            f"'published' is not a date onrecord can read: {published!r} (expected a date "
            "such as 2025-03-15, from 1990 on); the article is stored without it"
        )
    doc_id = record.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        raise ValueError(f"'id' must be a string or an integer, got {_json_type(doc_id)}")
    if isinstance(doc_id, str) and "\x00" in doc_id:
        raise ValueError("'id' holds a NUL character (U+0000): binary data, not text")
    doc = _repaired("id", str(doc_id), warnings) if doc_id not in (None, "") else default_doc
    return RawDocument(
        doc, source, "jsonl", normalise_newlines(text), hints, warnings=tuple(warnings)
    )


def _repaired(name: str, value: str, warnings: list[str]) -> str:
    """Replace lone surrogates (no text can hold them) with U+FFFD and say so in `warnings`."""
    repaired, count = LONE_SURROGATE.subn("\ufffd", value)
    if count:
        warnings.append(
            f"{count} invalid character(s) in '{name}' (lone UTF-16 surrogates) "
            "replaced with U+FFFD"
        )
    return repaired


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)
