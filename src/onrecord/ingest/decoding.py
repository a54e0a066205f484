"""Bytes to text: byte-order marks, UTF-8, the windows-1252 fallback, and refusals.

The text returned here is what onrecord calls the raw text of a document: decoded and
with every newline normalised to "\\n". Offsets kept by later stages refer to it.

UTF-8 is kept when it mostly holds: a file whose valid multi-byte characters outnumber its
invalid bytes is UTF-8 with a few bad bytes, which become U+FFFD (and are counted). A
legacy encoding is guessed for the whole file only when UTF-8 clearly fails.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass

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

# How far invalid bytes may run ahead of valid multi-byte characters before the UTF-8 read
# stops early (the file is then legacy text); the final verdict is invalid <= valid.
MAX_INVALID_UTF8_LEAD = 64

NUL_REASON = "binary file, not text (it holds NUL characters)"

NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded document and how many invalid bytes of its UTF-8 were replaced."""

    text: str
    replaced: int = 0

    @property
    def warnings(self) -> tuple[str, ...]:
        """The warning to report with the document, if bytes were replaced."""
        if not self.replaced:
            return ()
        return (f"{self.replaced} invalid byte(s) of UTF-8 replaced with U+FFFD",)


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode the bytes of a text document, or raise InputError saying why it is not text.

    `declared` is an encoding the document names for itself (an HTML meta charset); it is
    tried after UTF-8, which a wrong declaration on a UTF-8 page must not override.
    """
    return decode_counted(data, declared).text


def decode_counted(data: bytes, declared: str | None = None) -> Decoded:
    """Decode like `decode`, and say how many invalid UTF-8 bytes were replaced."""
    if not data:
        raise InputError("empty file")
    decoded = _decode_bytes(data, declared)
    if "\x00" in decoded.text:  # a UTF-16/32 file's NUL character, as a NUL byte below
        raise InputError(NUL_REASON)
    if _looks_binary(decoded.text, decoded.replaced):
        raise InputError("binary file, not text")
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise InputError("no text")
    return Decoded(text, decoded.replaced)


def text_problem(text: str) -> str | None:
    """Say why decoded text (a JSONL field) is not text, as a file would be refused; else None."""
    if "\x00" in text:
        return "holds a NUL character (U+0000): binary data, not text"
    if _looks_binary(text):
        return "is binary data, not text"
    return None


def normalise_newlines(text: str) -> str:
    """Return `text` with CR LF, lone CR and Unicode line separators turned into "\\n"."""
    return NEWLINES.sub("\n", text)


def _decode_bytes(data: bytes, declared: str | None) -> Decoded:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding))
            except UnicodeDecodeError as err:
                raise InputError(f"invalid {encoding} text after its byte-order mark") from err
    # Without a UTF-16/32 mark a NUL byte means binary data, not text.
    if b"\x00" in data:
        raise InputError(NUL_REASON)
    if (mostly := _mostly_utf8(data)) is not None:
        return mostly
    for encoding in _candidates(declared)[1:]:
        try:
            return Decoded(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise InputError("binary file, not text")
    return Decoded(str(best))


def _mostly_utf8(data: bytes) -> Decoded | None:
    """Decode UTF-8, replacing invalid bytes, unless they outnumber its multi-byte characters.

    Legacy 8-bit text (windows-1252, Mac Roman) almost never forms valid multi-byte UTF-8,
    so its every accented letter is an invalid byte and it has no valid multi-byte
    character: it is left to the legacy decoders. Stops early once that is clear.
    """
    pieces: list[str] = []
    bad = good = position = 0
    view = memoryview(data)
    while True:
        try:
            pieces.append(codecs.utf_8_decode(view[position:], "strict", True)[0])
            break
        except UnicodeDecodeError as err:
            piece = codecs.utf_8_decode(view[position : position + err.start], "strict", True)[0]
            pieces.append(piece)
            good += len(piece) - len(piece.encode("ascii", "ignore"))
            pieces.append("\ufffd")
            bad += 1
            position += err.end
            if bad > good + MAX_INVALID_UTF8_LEAD:
                return None
    good += len(pieces[-1]) - len(pieces[-1].encode("ascii", "ignore"))
    return Decoded("".join(pieces), bad) if bad <= good else None


def _candidates(declared: str | None) -> list[str]:
    """UTF-8, then a declared encoding Python knows, then the fallbacks (no repeats)."""
    names = [FALLBACK_ENCODINGS[0]]
    if declared:
        with contextlib.suppress(LookupError):
            name = codecs.lookup(declared).name
            names.append(DECLARED_ALIASES.get(name, name))
    names.extend(FALLBACK_ENCODINGS[1:])
    return list(dict.fromkeys(names))


def _looks_binary(text: str, replaced: int = 0) -> bool:
    """Too many control characters (or U+FFFD, but for the `replaced` bytes already counted)."""
    if not text:
        return False
    return (len(CONTROL_CHARS.findall(text)) - replaced) / len(text) > MAX_CONTROL_SHARE
