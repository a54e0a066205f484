"""Canonical speakers across the corpus: each statement's in-article speaker → one speaker.

`SpeakerIndex` is built from the speakers already stored (and the user's alias file), then
assigns the statements of one article at a time, updating itself as it goes: ingesting
one more article never recomputes the corpus. A person mention joins a known speaker, in
this order:

1. its key is an alias of an alias-file speaker (the user's word comes first);
2. a bare title ("the Supreme Leader") → the alias file's holder of that role on the
   statement's date (`said_on`, else the article's publication date);
3. its key equals the key of a known name of exactly one speaker;
4. same surname and compatible given names ("Ali Khamenei" ~ "Seyed Ali Khamenei",
   "J. Smith" ~ "John Smith", never "Donald Trump" ~ "Ivanka Trump") in exactly one
   speaker — a surname alone joins only when exactly one speaker has that surname;
5. otherwise it is a new speaker.
Organisations join by their folded name ("Morvask's Foreign Ministry" = "Morvaskan
Foreign Ministry"); anonymous sources by their exact phrase. Kinds never mix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from onrecord.models import MentionKind, ProcessedArticle, Speaker, Statement
from onrecord.speakers.aliases import AliasBook, AliasEntry
from onrecord.speakers.keys import (
    PersonName,
    demonym_variants,
    given_compatible,
    is_title_only,
    organisation_key,
    person_name,
    plain_key,
)
from onrecord.speakers.names import (
    clean_name,
    looks_like_name,
    normal_words,
    title_words,
    with_synonyms,
)


@dataclass
class _Entry:
    """The growing state of one canonical speaker."""

    name: str
    kind: MentionKind
    id: int | None = None
    aliases: list[str] = field(default_factory=list)
    external_id: str | None = None
    name_fixed: bool = False
    given: set[tuple[str, ...]] = field(default_factory=set)  # given names of each full form
    suffixes: set[str | None] = field(default_factory=set)  # "jr" of full forms, or None
    excluded: set[str] = field(default_factory=set)  # keys that are someone else

    def snapshot(self) -> Speaker:
        return Speaker(
            self.name, self.kind, tuple(self.aliases), self.external_id, self.id, self.name_fixed
        )


def name_key(name: str, kind: MentionKind) -> str:
    """Return the key a name is matched by, for its kind."""
    if kind is MentionKind.PERSON and not is_title_only(name):
        person = person_name(name)
        if person is not None:
            return person.key
    if kind is MentionKind.ORGANISATION:
        return organisation_key(name)
    return plain_key(name)


class SpeakerIndex:
    """The corpus's canonical speakers, matched against and grown one article at a time."""

    def __init__(self, speakers: Iterable[Speaker] = (), book: AliasBook | None = None) -> None:
        self._entries: list[_Entry] = []
        self._by_key: dict[tuple[MentionKind, str], list[_Entry]] = defaultdict(list)
        self._by_surname: dict[str, list[_Entry]] = defaultdict(list)
        self._by_name: dict[tuple[MentionKind, str], _Entry] = {}
        self._book_keys: dict[tuple[MentionKind, str], _Entry] = {}
        self._book = book or AliasBook()
        self._holders: dict[str, _Entry] = {}
        self._next_id = 1
        for speaker in speakers:
            self._load(speaker)
        for entry in self._book.entries:
            self._load_book_entry(entry)

    # --- building ---------------------------------------------------------------------

    def _load(self, speaker: Speaker) -> _Entry:
        entry = _Entry(
            speaker.name,
            speaker.kind,
            speaker.id,
            [],
            speaker.external_id,
            speaker.name_fixed,
        )
        self._entries.append(entry)
        self._by_name[(entry.kind, entry.name)] = entry
        for alias in (speaker.name, *speaker.aliases):
            self._add_alias(entry, alias)
        if speaker.id is not None:
            self._next_id = max(self._next_id, speaker.id + 1)
        return entry

    def _load_book_entry(self, book_entry: AliasEntry) -> None:
        """Bind an alias-file speaker to the stored speaker it names, else to a new one."""
        forms = (book_entry.name, *book_entry.aliases)
        stored = [
            e
            for form in forms
            for e in self._by_key.get((book_entry.kind, self._key(form, book_entry.kind)), [])
        ]
        entry = stored[0] if stored else None
        if entry is None:
            entry = _Entry(book_entry.name, book_entry.kind)
            self._entries.append(entry)
        owner = self._by_name.get((book_entry.kind, book_entry.name))
        if owner is None or owner is entry:
            self._by_name.pop((entry.kind, entry.name), None)
            entry.name, entry.name_fixed = book_entry.name, True
            self._by_name[(entry.kind, entry.name)] = entry
        entry.external_id = book_entry.external_id or entry.external_id
        entry.excluded |= {self._key(form, entry.kind) for form in book_entry.excluded}
        for form in forms:
            self._add_alias(entry, form)
            self._book_keys[(entry.kind, self._key(form, entry.kind))] = entry
        self._holders[book_entry.name] = entry

    def _key(self, name: str, kind: MentionKind) -> str:
        return name_key(name, kind)

    def _add_alias(self, entry: _Entry, alias: str) -> None:
        if alias not in entry.aliases:
            entry.aliases.append(alias)
        if is_title_only(alias) and not is_title_only(entry.name):
            return  # a title someone held is not their name: it resolves by date, not by key
        key = self._key(alias, entry.kind)
        if entry not in self._by_key[(entry.kind, key)]:
            self._by_key[(entry.kind, key)].append(entry)
        if entry.kind is MentionKind.PERSON and not is_title_only(alias):
            person = person_name(alias)
            if person is not None:
                entry.given.add(person.given)
                if person.given:
                    entry.suffixes.add(person.suffix)
                if entry not in self._by_surname[person.surname]:
                    self._by_surname[person.surname].append(entry)

    # --- assigning --------------------------------------------------------------------

    def assign(self, processed: ProcessedArticle) -> ProcessedArticle:
        """Return the article with each statement's canonical speaker set (ids included)."""
        published = processed.article.metadata.published
        text = processed.article.text
        entries: list[_Entry | None] = []
        for statement in processed.statements:
            entry = self._assign(statement, published)
            if entry is not None:
                self._add_written_form(entry, statement, text)
            entries.append(entry)
        statements = tuple(
            dataclasses.replace(s, canonical=e.snapshot()) if e is not None else s
            for s, e in zip(processed.statements, entries, strict=True)
        )
        return dataclasses.replace(processed, statements=statements)

    def _assign(self, statement: Statement, published: dt.date | None) -> _Entry | None:
        name = " ".join((statement.speaker or "").split())
        if not name:
            return None
        kind = MentionKind(statement.speaker_kind)
        if kind is MentionKind.UNKNOWN:
            kind = MentionKind.PERSON
        said_on = statement.said_on.value if statement.said_on is not None else None
        day = said_on or published
        entry = self._match(name, kind, day)
        if entry is None:
            entry = self._new(name, kind)
        self._add_alias(entry, name)
        self._improve_name(entry, name)
        if entry.id is None:
            entry.id = self._next_id
            self._next_id += 1
        return entry

    def _add_written_form(self, entry: _Entry, statement: Statement, text: str) -> None:
        """Keep the source as written ("Mrs Kestrel") as an alias, when it names the person."""
        if entry.kind is not MentionKind.PERSON or len(statement.attribution.source) != 1:
            return
        span = clean_name(text, statement.attribution.source[0])
        if span is None or not looks_like_name(span.text(text)):
            return
        written = " ".join(span.text(text).split())
        person, known = person_name(written), person_name(entry.name)
        if person is None or known is None or person.surname != known.surname:
            return
        if set(person.given) <= set().union(*entry.given):  # no words the name lacks
            self._add_alias(entry, written)

    def _match(self, name: str, kind: MentionKind, day: dt.date | None) -> _Entry | None:
        key = self._key(name, kind)
        book = self._book_keys.get((kind, key))
        if book is not None:
            return book
        if kind is MentionKind.PERSON and is_title_only(name):
            holder = self._role_holder(name, day)
            if holder is not None:
                return holder
        exact = [e for e in self._by_key.get((kind, key), []) if key not in e.excluded]
        if len(exact) == 1:
            return exact[0]
        if kind is MentionKind.ORGANISATION:
            return self._match_organisation(key)
        person = person_name(name) if kind is MentionKind.PERSON else None
        if person is None or is_title_only(name):
            return None
        return self._match_person(person)

    def _match_person(self, person: PersonName) -> _Entry | None:
        """Return the one known person this name can be: same surname, no conflicting name."""
        candidates = [
            e
            for e in self._by_surname.get(person.surname, [])
            if person.key not in e.excluded and self._fits(e, person)
        ]
        if len(candidates) > 1 and person.given:
            exact = [e for e in candidates if person.given in e.given]
            candidates = exact or [e for e in candidates if any(e.given)]
        return candidates[0] if len(candidates) == 1 else None

    @staticmethod
    def _fits(entry: _Entry, person: PersonName) -> bool:
        """Tell whether a person's name agrees with every full form the speaker goes by."""
        if not person.given:
            return True  # a surname alone: fits; whether it is unique is decided by the caller
        if entry.suffixes and person.suffix not in entry.suffixes:
            return False  # "Donald Trump" is not "Donald Trump Jr."
        return all(given_compatible(person.given, g) for g in entry.given if g)

    def _match_organisation(self, key: str) -> _Entry | None:
        """Return the one organisation written with a place or its demonym ("Iran's"/"Iranian")."""
        found = {
            id(e): e
            for variant in demonym_variants(key)
            for e in self._by_key.get((MentionKind.ORGANISATION, variant), [])
        }
        for (kind, other), entries in self._by_key.items():
            if kind is MentionKind.ORGANISATION and key in demonym_variants(other):
                found.update((id(e), e) for e in entries)
        return next(iter(found.values())) if len(found) == 1 else None

    def _role_holder(self, name: str, day: dt.date | None) -> _Entry | None:
        """Return the alias-file holder of the role a bare title names, on `day`."""
        wanted = title_words(with_synonyms(normal_words(name)))
        if not wanted:
            return None
        terms = [t for t in self._book.roles if t.matches(wanted)]
        if day is not None:
            terms = [t for t in terms if t.covers(day)]
        holders = {t.holder for t in terms}
        return self._holders.get(holders.pop()) if len(holders) == 1 else None

    def _new(self, name: str, kind: MentionKind) -> _Entry:
        """Return a new speaker for a name, or the one already shown under that name."""
        display = self._display(name, kind)
        same = self._by_name.get((kind, display))
        if same is not None:
            return same
        entry = _Entry(display, kind)
        self._entries.append(entry)
        self._by_name[(kind, display)] = entry
        return entry

    def _improve_name(self, entry: _Entry, name: str) -> None:
        """Show a speaker under the fullest name seen, honorifics left out, unless fixed."""
        if entry.name_fixed or entry.kind is not MentionKind.PERSON or is_title_only(name):
            return
        display = self._display(name, entry.kind)
        current = None if is_title_only(entry.name) else person_name(entry.name)
        better = (
            current is None  # shown under a bare title so far
            or len(display.split()) > len(current.display.split())
            or (display == current.display and entry.name != display)  # honorifics dropped
        )
        owner = self._by_name.get((entry.kind, display))
        if not better or (owner is not None and owner is not entry):
            return  # not fuller, or another speaker is shown under that name
        self._by_name.pop((entry.kind, entry.name), None)
        entry.name = display
        self._by_name[(entry.kind, display)] = entry

    @staticmethod
    def _display(name: str, kind: MentionKind) -> str:
        if kind is MentionKind.PERSON and not is_title_only(name):
            person = person_name(name)
            if person is not None:
                return person.display
        return name
