"""The user's alias file (YAML): who is who, and who held which role when.

The format is documented in docs/speakers.md; `read_alias_file` turns it into an
`AliasBook` or raises InputError naming the entry that is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.models import MentionKind
from onrecord.speakers.names import normal_words, role_words, with_synonyms
from onrecord.speakers.rules import ROLE_HEADS

_HINT = "see the alias file format in docs/speakers.md"
_SPEAKER_KEYS = frozenset({"name", "kind", "aliases", "external_id", "not", "roles"})
_ROLE_KEYS = frozenset({"title", "also", "from", "until"})


@dataclass(frozen=True, slots=True)
class RoleTerm:
    """One holder of a role for a time: "Supreme Leader of Iran" = Ali Khamenei from 1989."""

    title: str
    holder: str  # the `name` of the alias-file speaker holding it
    forms: tuple[frozenset[str], ...]  # the role words of the title and of each other form
    start: dt.date | None = None
    end: dt.date | None = None  # inclusive

    def covers(self, day: dt.date) -> bool:
        """Tell whether the term includes `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def matches(self, wanted: set[str]) -> bool:
        """Tell whether a title's role words name this role ("the Leader" names Supreme Leader).

        They do when they are part of one form of it and include that form's head nouns.
        """
        return any(wanted <= form and form & ROLE_HEADS <= wanted for form in self.forms)


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One speaker the user describes: a name to show, the forms it goes by, an external id."""

    name: str
    kind: MentionKind = MentionKind.PERSON
    aliases: tuple[str, ...] = ()
    external_id: str | None = None
    excluded: tuple[str, ...] = ()  # forms that are someone else, though the rules would merge


@dataclass(frozen=True, slots=True)
class AliasBook:
    """Everything an alias file says."""

    entries: tuple[AliasEntry, ...] = ()
    roles: tuple[RoleTerm, ...] = ()


def role_forms(titles: list[str]) -> tuple[frozenset[str], ...]:
    """Return the role words of each title ("head of state" is read as president)."""
    forms: list[frozenset[str]] = []
    for title in titles:
        found = frozenset(role_words(with_synonyms(normal_words(title))))
        if found and found not in forms:
            forms.append(found)
    return tuple(forms)


def read_alias_file(path: str | Path) -> AliasBook:
    """Read an alias file; raise InputError naming what is wrong."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read the alias file {str(path)!r}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise InputError(f"the alias file {str(path)!r} is not valid YAML: {error}") from error
    return parse_alias_data(data or {}, str(path))


def parse_alias_data(data: Any, where: str = "alias file") -> AliasBook:
    """Turn the parsed YAML of an alias file into an AliasBook."""
    if not isinstance(data, dict) or not isinstance(data.get("speakers", []), list):
        raise InputError(f"{where}: expected a mapping with a `speakers:` list", hint=_HINT)
    entries: list[AliasEntry] = []
    roles: list[RoleTerm] = []
    for index, item in enumerate(data.get("speakers") or []):
        here = f"{where}: speakers[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise InputError(f"{here}: each speaker needs a `name`", hint=_HINT)
        unknown = set(item) - _SPEAKER_KEYS
        if unknown:
            raise InputError(f"{here}: unknown key(s) {', '.join(sorted(unknown))}", hint=_HINT)
        try:
            kind = MentionKind(item.get("kind", "person"))
        except ValueError as error:
            raise InputError(f"{here}: {error}", hint=_HINT) from error
        entries.append(
            AliasEntry(
                name=" ".join(item["name"].split()),
                kind=kind,
                aliases=_strings(item.get("aliases"), f"{here}.aliases"),
                external_id=str(item["external_id"]) if item.get("external_id") else None,
                excluded=_strings(item.get("not"), f"{here}.not"),
            )
        )
        for r, role in enumerate(item.get("roles") or []):
            roles.append(_role(role, entries[-1].name, f"{here}.roles[{r}]"))
    return AliasBook(tuple(entries), tuple(roles))


def _role(role: Any, holder: str, here: str) -> RoleTerm:
    if not isinstance(role, dict) or not isinstance(role.get("title"), str):
        raise InputError(f"{here}: each role needs a `title`", hint=_HINT)
    unknown = set(role) - _ROLE_KEYS
    if unknown:
        raise InputError(f"{here}: unknown key(s) {', '.join(sorted(unknown))}", hint=_HINT)
    titles = [role["title"], *_strings(role.get("also"), f"{here}.also")]
    forms = role_forms(titles)
    if not forms:
        raise InputError(
            f"{here}: no role word in {role['title']!r}",
            hint="a title names a role such as President, Supreme Leader or Foreign Minister",
        )
    return RoleTerm(
        title=role["title"],
        holder=holder,
        forms=forms,
        start=_day(role.get("from"), f"{here}.from"),
        end=_day(role.get("until"), f"{here}.until"),
    )


def _strings(value: Any, here: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{here}: expected a list of names", hint=_HINT)
    return tuple(" ".join(v.split()) for v in value)


def _day(value: Any, here: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise InputError(f"{here}: {value!r} is not a date (YYYY-MM-DD)", hint=_HINT) from error
