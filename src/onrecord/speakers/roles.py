"""One person across outlets: the roles the corpus names people by, and the kinds of names.

A bare title of an office ("Iran's supreme leader", "the Leader", "His Eminence", "the
Prime Minister") resolves to the person who holds that office at the time, known from the
alias file or from the corpus itself: every statement whose source names a person with a
role ("Supreme Leader Ayatollah Ali Khamenei"), or whose title its article resolved to a
named person ("the Leader" → Ali Khamenei), keeps that role for that person with the days
it was seen (`SpeakerRows.add_role`). With no single holder known, the title stays
unresolved: it never becomes a "person" of its own.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from urllib.parse import urlsplit

from onrecord.models import MentionKind, RoleSeen, Speaker, SpeakerRows
from onrecord.speakers.keys import fold, is_title_only, person_name
from onrecord.speakers.names import normal_words, role_words, title_words, with_synonyms
from onrecord.speakers.rules import (
    DESIGNATORS,
    DOCUMENT_WORDS,
    GENERIC_HEADS,
    LEADING_OFFICES,
    LINKING_WORDS,
    MEDIA_WORDS,
    OFFICE_HEADS,
    ORGANISATION_HEADS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_SEEN_MARGIN_DAYS,
    SECOND_IN_COMMAND,
    SITE_NAME_MIN_LETTERS,
)

_MARGIN = dt.timedelta(days=ROLE_SEEN_MARGIN_DAYS)
# The office heads under which the offices that lead a country are filed ("prime
# minister" under "minister").
LEADING_HEADS = (LEADING_OFFICES | {"minister"}) & OFFICE_HEADS


def office_title(name: str) -> set[str] | None:
    """Return the role words of a bare title of an office ("the Prime Minister"), else None."""
    if not is_title_only(name):
        return None
    words = title_words(with_synonyms(normal_words(name)))
    return words if words and words & (OFFICE_HEADS | GENERIC_HEADS) else None


def corrected_kind(name: str, kind: MentionKind) -> MentionKind:
    """Return the kind a name is matched as: a person's name holding an organisation's or a
    medium's word ("Fars News Agency") is an organisation's."""
    if kind not in (MentionKind.PERSON, MentionKind.UNKNOWN):
        return kind
    words = set(normal_words(name))
    if words & (ORGANISATION_HEADS | MEDIA_WORDS):
        return MentionKind.ORGANISATION
    return MentionKind.PERSON


def is_nobody(name: str) -> bool:
    """Tell whether a person's name names nobody: a text ("Prime Minister's Statement", a
    heading the tagger took for a name) or a code ("COVID-19")."""
    words = normal_words(name)
    return bool(set(words) & DOCUMENT_WORDS) or any(c.isdigit() for c in name)


def is_site_name(name: str, outlet: str | None, url: str | None) -> bool:
    """Tell whether a name is the article's own outlet or site ("Technical Politics" on
    technicalpolitics.com, "Spinoff" in The Spinoff): a publisher, never a person."""
    letters = _letters(name)
    if len(letters) < SITE_NAME_MIN_LETTERS:
        return False
    names = {_letters(outlet or "")}
    host = urlsplit(url or "").hostname or ""
    names |= {_letters(label) for label in host.split(".")}
    return any(letters in (n, n.removeprefix("the")) for n in names if n)


def _letters(text: str) -> str:
    """Return the lowercase letters and digits of a text, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def is_country(name: str) -> bool:
    """Tell whether a person's name ends in a country's name ("North Korea"): a place that
    speaks, not a person."""
    person = person_name(name)  # "Ivo Dravek of Russia" is Ivo Dravek
    last = person.surname if person is not None else ""
    return len(last) >= 4 and DESIGNATORS.get(last) == last  # not "Kim Jong Un" ("un")


def may_be_person(name: str) -> bool:
    """Tell whether an organisation's name may be a person's the tagger mislabelled ("Trump"):
    capitalised words only, none an organisation's or a medium's."""
    words = name.split()
    lowered = set(normal_words(name))
    return (
        bool(words)
        and len(words) <= 4
        and not (len(words) == 1 and name.isupper())  # "UN", "NATO": an acronym
        and all(w[0].isupper() for w in words)
        and not lowered & (ORGANISATION_HEADS | MEDIA_WORDS)
        and not any(w.endswith(("'s", "’s")) for w in words)
    )


def roles_named(texts: list[str]) -> list[RoleSeen]:
    """Return the office roles that texts naming a person give them ("Iran's Supreme Leader
    Ali Khamenei" → supreme leader of iran); none from a text linking several people."""
    found: list[RoleSeen] = []
    for text in texts:
        words = with_synonyms(normal_words(text))
        if not words or set(words) & LINKING_WORDS:
            continue  # "an aide to President Trump" names no role of the speaker
        named = role_words(words)
        role = frozenset(w for w in named if w in ROLE_HEADS or w in ROLE_MODIFIERS)
        if not role & OFFICE_HEADS:
            continue
        places = sorted(named - role) or [""]
        found.extend(RoleSeen(Speaker("", MentionKind.PERSON), role, p) for p in places)
    return found


def role_heads(role: frozenset[str] | set[str]) -> list[str]:
    """Return the office heads a role is filed under."""
    return sorted(role & OFFICE_HEADS)


def title_heads(title: set[str]) -> list[str]:
    """Return the office heads a bare title is filed under, to find its holder again: its
    own, and for a generic head with a country ("the Russian leader") those of the offices
    that lead a country."""
    role = {w for w in title if w in ROLE_HEADS or w in ROLE_MODIFIERS}
    heads = set(role_heads(frozenset(role)))
    if title - role and _generic(role):
        heads |= LEADING_HEADS
    return sorted(heads)


def new_window(
    day: dt.date | None, before: RoleSeen | None
) -> tuple[dt.date | None, dt.date | None] | None:
    """Return the days whose bare titles a role seen on `day` may now fit, beyond those it
    fitted `before` (None: none new; a None bound: unbounded)."""
    if day is None:
        return (None, None) if before is None else None  # a role with no day fits any day
    if before is None:
        return day - _MARGIN, day + _MARGIN
    if before.first is None or before.last is None:
        return None  # it fitted every day already
    if day < before.first:
        return day - _MARGIN, before.first + _MARGIN
    if day > before.last:
        return before.last - _MARGIN, day + _MARGIN
    return None


def corpus_holder(
    title: set[str], day: dt.date | None, rows: SpeakerRows, text: str = ""
) -> Speaker | None:
    """Return the one person the corpus names by the office `title` names around `day`;
    among several, the one whose surname the title's article `text` names ("the Prime
    Minister" on a page that names Theresa May and no other prime minister of the day)."""
    role = {w for w in title if w in ROLE_HEADS or w in ROLE_MODIFIERS}
    places = title - role
    holders: dict[int | None, Speaker] = {}
    placed = False  # a title naming a country needs a holder seen with that country
    for head in role_heads(frozenset(role)):
        for seen in rows.roles_headed(head):
            if _fits(seen, role, places, day):
                holders.setdefault(seen.speaker.id, seen.speaker)
                placed = placed or seen.designator in places
    if places and not placed:
        holders = {}  # "the Ukrainian president": nobody seen only as "President X"
    if not holders and places and _generic(role):
        holders = _country_leaders(places, day, rows)  # "the Kremlin chief", "Russian leader"
    if len(holders) > 1 and text:
        holders = _named_in(holders, text)
    return next(iter(holders.values())) if len(holders) == 1 else None


def _named_in(holders: dict[int | None, Speaker], text: str) -> dict[int | None, Speaker]:
    """Return the holders a text names in full (given name and surname: "May" alone may
    be the month)."""
    folded = f" {' '.join(fold(w) for w in normal_words(text))} "
    named = {}
    for key, speaker in holders.items():
        person = person_name(speaker.name)
        if person is not None and person.given and f" {person.key} " in folded:
            named[key] = speaker
    return named


def _generic(role: set[str]) -> bool:
    """Tell whether a title's role is only a generic head ("leader", "chief"): not the
    "opposition leader" or the "supreme leader"."""
    return role & ROLE_HEADS <= GENERIC_HEADS and not role & ROLE_MODIFIERS


def _country_leaders(
    places: set[str], day: dt.date | None, rows: SpeakerRows
) -> dict[int | None, Speaker]:
    """Return the people seen holding an office that leads one of `places` around `day`
    (president, prime minister, chancellor, ...): whom a generic head names."""
    found: dict[int | None, Speaker] = {}
    for head in sorted(LEADING_HEADS):
        for seen in rows.roles_headed(head):
            leads = seen.words & LEADING_OFFICES and seen.designator in places
            if leads and _within(seen, day):
                found.setdefault(seen.speaker.id, seen.speaker)
    return found


def _fits(seen: RoleSeen, role: set[str], places: set[str], day: dt.date | None) -> bool:
    """Tell whether a role seen is the one a title names, then: the title's words are among
    the role's and include its heads ("the Leader" names Supreme Leader), its country (if
    any) is the role's (if any), and the day lies within the days seen, give or take."""
    if not (role <= seen.words and seen.words & ROLE_HEADS <= role):
        return False
    if (seen.words & SECOND_IN_COMMAND) - role:
        return False  # "the prime minister" is not the deputy prime minister
    if places and seen.designator and seen.designator not in places:
        return False
    return _within(seen, day)


def _within(seen: RoleSeen, day: dt.date | None) -> bool:
    """Tell whether a day lies within the days a role was seen, give or take the margin."""
    if day is None:
        return True
    if seen.first is not None and day < seen.first - _MARGIN:
        return False
    return seen.last is None or day <= seen.last + _MARGIN
