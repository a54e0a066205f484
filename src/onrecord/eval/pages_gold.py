"""The gold of a real-pages set, read and checked: pages, people, their statements and days.

The format is defined in docs/metrics.md ("Real pages"). Reading refuses a malformed gold
with an InputError naming the page and the field, so a typo never scores silently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.errors import InputError

SUPPORTED_VERSION = 1


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """A person of the story quoted on a page, once per speech event the page reports."""

    speaker: str
    said_on: dt.date | None
    event: str
    at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class GoldPage:
    """One page of the set and the facts a careful reader takes from it."""

    id: str
    url: str
    language: str
    outlet: str | None = None
    published: dt.date | None = None
    title: tuple[int, int] | None = None
    story: str = ""
    form: tuple[str, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    captions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class GoldPerson:
    """How a stored speaker name is recognised as one person of the gold."""

    name: str
    keys: tuple[str, ...] = ()  # folded words: one among a name's words means this person
    titles: tuple[str, ...] = ()  # folded role names meaning this person on their pages

    def named_by(self, name: str, kind: str | None = None) -> bool:
        """Return whether the stored speaker name `name` (of a speaker of `kind`) means this
        person.

        A person's name means them when a key is among its words. An organisation's or an
        anonymous source's means them only when it is their name itself, a key its last
        word ("Trump" tagged an organisation); not when it names something of theirs or
        about them ("Buhari's government", "the Obama administration", "critics of Mario
        Draghi's actions").
        """
        folded = fold(name)
        words = folded.split()
        if kind not in (None, "person"):
            words = words[:-1] if words[-1:] == ["s"] and len(words) > 1 else words
            words = words[-1:]
        if any(key in words for key in self.keys):
            return True
        return _without_article(folded) in {_without_article(t) for t in self.titles}


@dataclass(frozen=True, slots=True)
class Gold:
    """A real-pages gold: its pages and the people its statements name."""

    pages: tuple[GoldPage, ...]
    people: dict[str, GoldPerson]

    def person(self, name: str) -> GoldPerson:
        """Return the person called `name` (one made from the name alone when not listed)."""
        return self.people.get(name) or GoldPerson(name, keys=(fold(name).split()[-1],))


def fold(text: str) -> str:
    """Return `text` without accents, in lower case, words split on anything but letters."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain.casefold()))


def _without_article(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def read_gold(path: str | Path) -> Gold:
    """Read and check a real-pages gold file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the gold file {path}: {error}") from error
    except json.JSONDecodeError as error:
        message = f"the gold file {path} is not JSON: {error.msg} (line {error.lineno})"
        raise InputError(message) from error
    return parse_gold(data)


def parse_gold(data: Any) -> Gold:
    """Check the decoded JSON of a gold file and return it as records."""
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise InputError("the gold must be a JSON object with a 'pages' list")
    if data.get("version", SUPPORTED_VERSION) != SUPPORTED_VERSION:
        raise InputError(f"unsupported gold version {data.get('version')!r}")
    pages = tuple(_page(raw, n) for n, raw in enumerate(data["pages"], start=1))
    ids = [page.id for page in pages]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError(f"page ids appear twice in the gold: {', '.join(twice)}")
    people = {p.name: p for p in (_person(raw) for raw in data.get("people") or [])}
    return Gold(pages=pages, people=people)


def _page(raw: Any, n: int) -> GoldPage:
    where = f"gold page {n}"
    if not isinstance(raw, dict):
        raise InputError(f"{where} is not an object")
    page_id = _string(raw, "id", where)
    where = f"gold page {page_id!r}"
    statements = raw.get("statements")
    statements = [] if statements is None else statements
    if not isinstance(statements, list):
        raise InputError(f"{where}: 'statements' must be a list")
    return GoldPage(
        id=page_id,
        url=_string(raw, "url", where),
        language=_string(raw, "language", where),
        outlet=_optional_string(raw, "outlet", where),
        published=_date(raw.get("published"), f"{where}: 'published'"),
        title=_range(raw.get("title"), f"{where}: 'title'"),
        story=_optional_string(raw, "story", where) or "",
        form=tuple(str(f) for f in raw.get("form") or ()),
        statements=tuple(_statement(s, where) for s in statements),
        captions=tuple(
            r for c in raw.get("captions") or () if (r := _range(c, f"{where}: caption"))
        ),
    )


def _statement(raw: Any, where: str) -> GoldStatement:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: a statement is not an object")
    return GoldStatement(
        speaker=_string(raw, "speaker", where),
        said_on=_date(raw.get("said_on"), f"{where}: 'said_on'"),
        event=_string(raw, "event", where),
        at=_range(raw.get("at"), f"{where}: 'at'"),
    )


def _person(raw: Any) -> GoldPerson:
    if not isinstance(raw, dict):
        raise InputError("a gold person is not an object")
    name = _string(raw, "name", "gold person")
    return GoldPerson(
        name=name,
        keys=tuple(fold(k) for k in raw.get("keys") or ()),
        titles=tuple(fold(t) for t in raw.get("titles") or ()),
    )


def _string(raw: dict[str, Any], name: str, where: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: '{name}' must be a non-empty string")
    return value


def _optional_string(raw: dict[str, Any], name: str, where: str) -> str | None:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: '{name}' must be a string or null")
    return value


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise InputError(f"{where} must be a YYYY-MM-DD date or null, not {value!r}") from error


def _range(value: Any, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        not isinstance(value, Sequence)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 0 <= value[0] <= value[1]
    ):
        raise InputError(f"{where} must be [start, end] character offsets, not {value!r}")
    return (value[0], value[1])
