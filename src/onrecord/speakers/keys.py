"""Comparing names across articles: conservative keys for people and organisations.

A person's name is read as (given names, surname, suffix) with honorifics and role words
left out and spelling folded (accents dropped, doubled letters made single), so that
"Ayatollah Seyyed Ali Khamenei", "Imam Ali Khamenei" and "Iran's Supreme Leader Ali
Khamenei" all read as (("ali",), "khamenei", None).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from onrecord.models import Span
from onrecord.speakers.names import clean_name, is_role_phrase, normal_words, title_words
from onrecord.speakers.rules import (
    ADDRESS_WORDS,
    DEFINITE,
    HONORIFICS,
    NAME_BREAKERS,
    NAME_ENDS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    POSSESSIVE_DETERMINERS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
)

_POSSESSIVE_TOKEN = re.compile(r"\w['’]s?$")
_DOUBLED = re.compile(r"(\w)\1+")


def fold(word: str) -> str:
    """Return a word in a spelling-blind form: lowercase, no accents, doubled letters single.

    "Seyyed" and "Seyed", "Mashhad" and "Mashad" fold alike; vowels are left alone, which
    keeps "Mohammad" and "Mahmoud" apart.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    letters = "".join(c for c in decomposed if c.isalnum())
    return _DOUBLED.sub(r"\1", letters)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as compared across articles, plus the form to show."""

    given: tuple[str, ...]  # folded given names and initials, honorifics left out
    surname: str  # folded
    suffix: str | None  # "jr", "sr", "ii", ...
    display: str  # the name as written, role words, possessives and honorifics left out

    @property
    def key(self) -> str:
        """Return the whole name as one key: given names, surname and suffix."""
        return " ".join((*self.given, self.surname, *([self.suffix] if self.suffix else [])))


def is_title_only(name: str) -> bool:
    """Tell whether a name is only a role ("Supreme Leader", "the head of state")."""
    words = normal_words(name)
    return bool(words) and is_role_phrase(words) and title_words(words) is not None


def person_name(name: str) -> PersonName | None:
    """Read a person's name; None when no name word is left (a bare title)."""
    span = clean_name(name, Span(0, len(name)))
    if span is None:
        return None
    raw = span.text(name).split()
    while len(raw) > 1 and _POSSESSIVE_TOKEN.search(raw[0]):
        raw = raw[1:]  # "Calverra's Kestrel", "Iran's Ali Khamenei"
    kept: list[str] = []
    for token in raw:
        words = normal_words(token)
        if not words or (not kept and words[0] in ADDRESS_WORDS):
            continue  # "His Excellency Ali Vell": the form of address is not the name
        if token.startswith(("(", "[")) or (kept and words[0] in NAME_ENDS):
            break  # "Ali Vell (pictured)", "Ali Vell of Morvask": the rest is not the name
        if words[0] in NAME_BREAKERS:
            break  # "Ali Khamenei Wednesday": the date is not the name
        if words[0] in HONORIFICS or words[0] in ROLE_HEADS or words[0] in ROLE_MODIFIERS:
            continue
        if not kept and words[0] in DEFINITE:
            continue  # "The Rt Hon Boris Johnson"
        kept.append(token.strip("\"“”‘’'(),;:"))
        if token.endswith(","):
            break  # "Ali Vell, Morvask's president": the apposition is not the name
    folded = [fold(w) for w in kept]
    pairs = [(k, f) for k, f in zip(kept, folded, strict=True) if f]
    if not pairs:
        return None
    suffix = pairs[-1][1] if len(pairs) > 1 and pairs[-1][1] in NAME_SUFFIXES else None
    core = pairs[:-1] if suffix else pairs
    given = tuple(f for _, f in core[:-1] if f not in NAME_PARTICLES)
    return PersonName(given, core[-1][1], suffix, " ".join(k for k, _ in pairs))


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Tell whether two sets of given names can be one person's ("J." fits "John").

    They can when every given name of one side is found in the other, as itself or as
    an initial; "Donald" and "Ivanka" cannot.
    """

    def found(word: str, others: tuple[str, ...]) -> bool:
        if word in others:
            return True
        if len(word) == 1:
            return any(o.startswith(word) for o in others)
        return word[0] in others  # an initial on the other side

    return all(found(w, b) for w in a) or all(found(w, a) for w in b)


def organisation_key(name: str) -> str:
    """Return an organisation's key: folded words, no determiner or possessive ending."""
    words = normal_words(name)
    while words and (words[0] in DEFINITE or words[0] in POSSESSIVE_DETERMINERS):
        words = words[1:]
    return " ".join(fold(w) for w in words)


def demonym_variants(key: str) -> set[str]:
    """Return the keys an organisation key may also be written as, its first word read as
    a demonym of a place ("calveran foreign ministry" → "calvera foreign ministry")."""
    first, _, rest = key.partition(" ")
    if not rest:
        return set()
    stems = {first[: -len(end)] for end in ("ian", "an", "n") if first.endswith(end)}
    return {f"{stem} {rest}" for stem in stems if len(stem) >= 3}


def plain_key(name: str) -> str:
    """Return the key of a name compared as a whole (anonymous sources, bare titles)."""
    return " ".join(name.casefold().replace("’", "'").split())


_VOWELS = frozenset("aeiouy")


def skeleton_key(person: PersonName) -> str:
    """Return a person's given names and surname without its vowels after the first letter:
    a misspelt surname ("Sitharman", "Sitharaman") keeps its key."""
    bones = person.surname[:1] + "".join(c for c in person.surname[1:] if c not in _VOWELS)
    return " ".join((*person.given, bones, *([person.suffix] if person.suffix else [])))


# Letters written differently in transliterations of one name, in the order they are
# rewritten: "Qaddafi", "Gaddafi", "Kadhafi"; "Wladimir", "Vladimir"; "Zelenskyy", "Zelenskiy".
_SOUNDS = (("ph", "f"), ("kh", "h"), ("dh", "d"), ("th", "t"), ("ck", "k"), ("q", "k"),
           ("c", "k"), ("g", "k"), ("w", "v"), ("y", "i"))  # fmt: skip
_VOWEL_RUN = re.compile(r"([aeiou])[aeiou]+")


def sound(word: str) -> str:
    """Return how a folded word sounds, spelling aside: letters transliterations write
    differently made one ("ou" and "o" as "u"), each run of vowels its first, a final vowel
    dropped. "Zelenskyy", "Zelenskiy" and "Zelensky" sound alike, as do "Putin" and
    "Poutine"; "Khamenei" and "Khomeini", "Mohammad" and "Mahmoud" do not."""
    for written, said in (*_SOUNDS, ("ou", "u"), ("o", "u")):
        word = word.replace(written, said)
    word = _DOUBLED.sub(r"\1", _VOWEL_RUN.sub(r"\1", word))
    return word[:-1] if len(word) > 1 and word[-1] in "aeiou" else word


def sound_keys(person: PersonName) -> list[str]:
    """Return the keys a person's name is found by spelt another way: its surname, and its
    words run together ("Kim Jong-un" and "Kim Jong Un" alike)."""
    return sorted({sound(person.surname), compact_sound(person)})


def compact_sound(person: PersonName) -> str:
    """Return how a person's name sounds with its words run together."""
    return sound("".join((*person.given, person.surname)))


def spelt(word: str) -> str:
    """Return a folded word with the consonants transliterations write differently made
    one, its vowels kept ("Wladimir" = "Vladimir"; "Maria" is not "Mario")."""
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    return _DOUBLED.sub(r"\1", word)
