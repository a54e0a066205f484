"""Bytes to text: byte-order marks, UTF-8, the windows-1252 fallback, and refusals.

The text returned here is what onrecord calls the raw text of a document: decoded and
with every newline normalised to "\\n". Offsets kept by later stages refer to it.
"""

from __future__ import annotations

import codecs
import contextlib
import re

from charset_normalizer import from_bytes

from onrecord.errors import InputError

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Tried in order when there is no byte-order mark; windows-1252 is what scraped news
# pages that are not UTF-8 most often are, and it is strict about its five unused bytes.
FALLBACK_ENCODINGS: tuple[str, ...] = ("utf-8", "cp1252")

# Declared encodings read as windows-1252, as web browsers do: pages that say latin-1
# or ASCII are usually windows-1252 (curly quotes and dashes in the 0x80-0x9F range).
DECLARED_ALIASES: dict[str, str] = {"iso8859-1": "cp1252", "ascii": "cp1252"}

# Control characters that never occur in text (tab, newlines and form feed excluded).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")

# Share of control or replacement characters above which decoded "text" is binary data.
MAX_CONTROL_SHARE = 0.05

NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode the bytes of a text document, or raise InputError saying why it is not text.

    `declared` is an encoding the document names for itself (an HTML meta charset); it is
    tried after UTF-8, which a wrong declaration on a UTF-8 page must not override.
    """
    if not data:
        raise InputError("empty file")
    text = _decode_bytes(data, declared)
    if _looks_binary(text):
        raise InputError("binary file, not text")
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError("no text")
    return text


def normalise_newlines(text: str) -> str:
    """Return `text` with CR LF, lone CR and Unicode line separators turned into "\\n"."""
    return NEWLINES.sub("\n", text)


def _decode_bytes(data: bytes, declared: str | None) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"invalid {encoding} text after its byte-order mark") from err
    # Without a UTF-16/32 mark a NUL byte means binary data, not text.
    if b"\x00" in data:
        raise InputError("binary file, not text")
    for encoding in _candidates(declared):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise InputError("binary file, not text")
    return str(best)


def _candidates(declared: str | None) -> list[str]:
    """UTF-8, then a declared encoding Python knows, then the fallbacks (no repeats)."""
    names = [FALLBACK_ENCODINGS[0]]
    if declared:
        with contextlib.suppress(LookupError):
            name = codecs.lookup(declared).name
            names.append(DECLARED_ALIASES.get(name, name))
    names.extend(FALLBACK_ENCODINGS[1:])
    return list(dict.fromkeys(names))


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(CONTROL_CHARS.findall(text)) / len(text) > MAX_CONTROL_SHARE
