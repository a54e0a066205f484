"""Canonical speakers across the corpus: each statement's in-article speaker → one speaker.

`SpeakerIndex` holds the user's alias file and assigns the statements of one article at a
time, inside the transaction that stores it: the stored speakers are looked up by their
indexed keys (`SpeakerRows`, the store's) and grown there, so ingesting one more article
reads only the speakers its names could be, and never recomputes the corpus. A person
mention joins a known speaker, in this order:

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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from onrecord.models import (
    Article,
    KeyMatch,
    MentionKind,
    NameKey,
    ProcessedArticle,
    RoleSeen,
    Speaker,
    SpeakerRows,
    Statement,
    TitleSeen,
)
from onrecord.speakers.aliases import AliasBook, AliasEntry
from onrecord.speakers.keys import (
    PersonName,
    compact_sound,
    demonym_variants,
    given_compatible,
    is_title_only,
    organisation_key,
    person_name,
    plain_key,
    skeleton_key,
    sound,
    sound_keys,
    spelt,
)
from onrecord.speakers.names import (
    clean_name,
    looks_like_name,
    normal_words,
    title_words,
    with_synonyms,
)
from onrecord.speakers.roles import (
    corpus_holder,
    corrected_kind,
    is_country,
    is_nobody,
    is_site_name,
    may_be_person,
    new_window,
    office_title,
    role_heads,
    roles_named,
    title_heads,
)
from onrecord.speakers.rules import (
    FAMILY_FIRST_MAX,
    MISSPELT_MIN_LETTERS,
    SKELETON_MIN_LETTERS,
    TRANSLITERATED_MIN_LETTERS,
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
    """Matches each statement's in-article speaker to one of the corpus's canonical speakers.

    It holds only the alias file: the speakers are read and grown through the store's
    `SpeakerRows`, by indexed keys, inside the transaction that stores the article
    (`Store.save(batch, assign=index.assign)`), so concurrent writers never work from a
    stale copy and nothing is loaded whole.
    """

    def __init__(self, book: AliasBook | None = None) -> None:
        self._book = book or AliasBook()
        self._book_keys: dict[tuple[MentionKind, str], AliasEntry] = {}
        self._book_names: dict[tuple[MentionKind, str], AliasEntry] = {}
        self._excluded: dict[str, set[str]] = {}
        for entry in self._book.entries:
            self._book_names[(entry.kind, entry.name)] = entry
            self._excluded[entry.name] = {name_key(f, entry.kind) for f in entry.excluded}
            for form in (entry.name, *entry.aliases):
                self._book_keys[(entry.kind, name_key(form, entry.kind))] = entry
        self._holders = {entry.name: entry for entry in self._book.entries}
        # The roles the article being assigned taught: (head, day, the role before).
        self._learned: list[tuple[str, dt.date | None, RoleSeen | None]] = []
        # The stored articles whose derived data re-pointed titles left to rebuild.
        self._unsettled: set[str] = set()
        # The names its statements gave each speaker, as shown: (speaker id, name).
        self._named: Counter[tuple[int, str]] = Counter()

    # --- assigning --------------------------------------------------------------------

    def take_unsettled(self) -> list[str]:
        """Return (and forget) the stored articles whose clusters and events the titles
        re-pointed since the last call left to rebuild (they are also marked pending)."""
        taken, self._unsettled = sorted(self._unsettled), set()
        return taken

    def assign(self, processed: ProcessedArticle, rows: SpeakerRows) -> ProcessedArticle:
        """Return the article with each statement's canonical speaker set (ids included).

        Names come before bare titles, so a title finds the holder its own article names;
        the roles the article teaches then re-point the titles stored before it.
        """
        self._key_pending(rows)
        self._learned = []
        self._named = Counter()
        text = processed.article.text
        statements = processed.statements
        ids: list[int | None] = [None] * len(statements)
        for i in sorted(range(len(statements)), key=lambda i: _is_title(statements[i])):
            speaker_id = self._assign(statements[i], processed.article, rows)
            if speaker_id is not None:
                self._add_written_form(speaker_id, statements[i], text, rows)
            ids[i] = speaker_id
        self._repoint_titles(processed.article, rows)
        final = {i: rows.speaker(i) for i in dict.fromkeys(ids) if i is not None}
        statements = tuple(
            dataclasses.replace(s, canonical=final[i]) if i is not None else s
            for s, i in zip(processed.statements, ids, strict=True)
        )
        return dataclasses.replace(processed, statements=statements)

    def _key_pending(self, rows: SpeakerRows) -> None:
        """Key the aliases stored without keys (merges, renames, an older database)."""
        for speaker, alias in rows.pending_aliases():
            self._add_alias(speaker, alias, rows)

    def _assign(self, statement: Statement, article: Article, rows: SpeakerRows) -> int | None:
        name = " ".join((statement.speaker or "").split())
        if not name:
            return None
        kind = MentionKind(statement.speaker_kind)
        if kind is MentionKind.UNKNOWN:
            kind = MentionKind.PERSON
        said_on = statement.said_on.value if statement.said_on is not None else None
        day = said_on or article.metadata.published
        title = office_title(name)
        if title is not None:  # a bare title of an office: its holder, else nobody
            rows.add_title(article.id, name, title_heads(title), day)
            holder = self._title_holder(name, title, day, rows, article.text)
            if holder is not None:
                self._add_alias(holder, name, rows)
            return holder.id if holder is not None else None
        kind = corrected_kind(name, kind)
        if kind is MentionKind.PERSON:
            if is_nobody(name):
                return None  # a heading or a code the tagger took for a name
            meta = article.metadata
            if is_site_name(name, meta.outlet, meta.url) or is_country(name):
                kind = MentionKind.ORGANISATION  # the publisher, or a country that speaks
        source = " ".join(span.text(article.text) for span in statement.attribution.source)
        roles = roles_named([source] if source else [])
        speaker = self._match(name, kind, day, rows, roles)
        if speaker is None and kind is MentionKind.ORGANISATION and may_be_person(name):
            speaker = self._known_person(name, rows)  # "Trump" tagged an organisation
        if speaker is None:
            speaker = self._new(name, kind, rows)
        self._add_alias(speaker, name, rows)
        self._improve_name(speaker, name, rows)
        self._learn_roles(speaker, source, day, rows)
        return speaker.id

    def _title_holder(
        self, name: str, title: set[str], day: dt.date | None, rows: SpeakerRows, text: str
    ) -> Speaker | None:
        """Return who holds the office a bare title names on `day`: the alias file's holder,
        else the one person the corpus names by that role then (among several, the one
        its article `text` names)."""
        book = self._role_holder(name, day)
        if book is not None:
            return self._bound(book, rows)
        return corpus_holder(title, day, rows, text)

    def _known_person(self, name: str, rows: SpeakerRows) -> Speaker | None:
        """Return the one known person an organisation's name is ("Trump"), if any."""
        person = person_name(name)
        if person is None:
            return None
        key = person.key
        exact = _speakers(rows.keys_named(MentionKind.PERSON, [key], "name"))
        if len(exact) == 1:
            return exact[0]
        return self._match_person(person, rows)

    def _learn_roles(
        self, speaker: Speaker, source: str, day: dt.date | None, rows: SpeakerRows
    ) -> None:
        """Keep the office roles a statement's source names its person by."""
        if speaker.kind is not MentionKind.PERSON or speaker.id is None:
            return
        for role in roles_named([source] if source else []):
            for head in role_heads(role.words):
                before = rows.add_role(speaker.id, role, head, day)
                self._learned.append((head, day, before))

    def _repoint_titles(self, article: Article, rows: SpeakerRows) -> None:
        """Find the holder again for the stored bare titles whose days the roles this article
        taught now cover: a holder learned later reaches back to them, and a second holder
        learned later makes them nobody's, so ingest order does not change the result."""
        seen: set[TitleSeen] = set()
        for head, day, before in self._learned:
            window = new_window(day, before)
            if window is None:
                continue
            for title in rows.titles_headed(head, *window):
                if title in seen:
                    continue
                seen.add(title)
                words = office_title(title.mention)
                if words is None:
                    continue
                text = article.text if title.article_id == article.id else None
                if text is None:
                    text = rows.article_text(title.article_id) or ""
                holder = self._title_holder(title.mention, words, title.day, rows, text)
                self._unsettled.update(
                    rows.point_title(title, holder.id if holder is not None else None)
                )
                if holder is not None:
                    self._add_alias(holder, title.mention, rows)

    def _add_written_form(
        self, speaker_id: int, statement: Statement, text: str, rows: SpeakerRows
    ) -> None:
        """Keep the source as written ("Mrs Kestrel") as an alias, when it names the person."""
        if len(statement.attribution.source) != 1:
            return
        span = clean_name(text, statement.attribution.source[0])
        if span is None or not looks_like_name(span.text(text)):
            return
        speaker = rows.speaker(speaker_id)
        written = " ".join(span.text(text).split())
        person, known = person_name(written), person_name(speaker.name)
        if speaker.kind is not MentionKind.PERSON or person is None or known is None:
            return
        if person.surname != known.surname:
            return
        given = {word for key in rows.keys_of(speaker_id) if key.surname for word in key.given}
        if set(person.given) <= given:  # no words the name lacks
            self._add_alias(speaker, written, rows)

    def _add_alias(self, speaker: Speaker, alias: str, rows: SpeakerRows) -> None:
        assert speaker.id is not None
        rows.add_alias(speaker.id, alias, alias_keys(alias, speaker))

    # --- matching ---------------------------------------------------------------------

    def _match(
        self,
        name: str,
        kind: MentionKind,
        day: dt.date | None,
        rows: SpeakerRows,
        roles: Sequence[RoleSeen] = (),
    ) -> Speaker | None:
        key = name_key(name, kind)
        book = self._book_keys.get((kind, key))
        if book is not None:
            return self._bound(book, rows)
        if kind is MentionKind.PERSON and is_title_only(name):
            holder = self._role_holder(name, day)
            if holder is not None:
                return self._bound(holder, rows)
        exact = _speakers(
            m for m in rows.keys_named(kind, [key], "name") if not self._is_excluded(m.speaker, key)
        )
        if len(exact) == 1:
            return exact[0]
        if kind is MentionKind.ORGANISATION:
            return self._match_organisation(key, rows)
        person = person_name(name) if kind is MentionKind.PERSON else None
        if person is None or is_title_only(name):
            return None
        return self._match_person(person, rows, roles)

    def _is_excluded(self, speaker: Speaker, key: str) -> bool:
        """Tell whether the alias file says a name of this key is not this speaker."""
        book = self._book_names.get((speaker.kind, speaker.name))
        return book is not None and key in self._excluded[book.name]

    def _match_person(
        self, person: PersonName, rows: SpeakerRows, roles: Sequence[RoleSeen] = ()
    ) -> Speaker | None:
        """Return the one known person this name can be: same surname, no conflicting name;
        among several, the one holding the office the source names ("President Obama");
        with a given name spelt otherwise, one holding that office ("Nigeria's President
        Mohammadu Buhari" ~ "President Muhammadu Buhari")."""
        found: dict[int, tuple[Speaker, list[NameKey]]] = {}
        for match in rows.keys_of_surname(person.surname):
            assert match.speaker.id is not None
            found.setdefault(match.speaker.id, (match.speaker, []))[1].append(match.key)
        if not found:  # nobody has this surname: perhaps written another way
            return self._other_order(person, rows)
        allowed = [(s, k) for s, k in found.values() if not self._is_excluded(s, person.key)]
        candidates = [(speaker, keys) for speaker, keys in allowed if _fits(keys, person)]
        if len(candidates) > 1 and person.given:
            exact = [c for c in candidates if any(k.given == person.given for k in c[1])]
            candidates = exact or [c for c in candidates if any(k.given for k in c[1])]
        if len(candidates) > 1 and roles:
            candidates = [c for c in candidates if _holds(c[0], roles, rows)] or candidates
        if not candidates and person.given:
            candidates = [
                c
                for c in allowed
                if _misspelt(c[1], person)
                or _spelt_alike_given(c[1], person)
                or (roles and _spelt_otherwise(c[1], person) and _holds(c[0], roles, rows))
            ]
        return candidates[0][0] if len(candidates) == 1 else None

    def _other_order(self, person: PersonName, rows: SpeakerRows) -> Speaker | None:
        """Return the one person a name with no surname match is, written otherwise: family
        name first ("Xi" ~ "Xi Jinping", both ways; "Abe Shinzo" ~ "Shinzo Abe"), or its
        surname misspelt with its given names whole ("Nirmala Sitharman" ~ "Nirmala
        Sitharaman"; not a short surname: "Kevin Reed" is not "Kevin Rudd")."""
        kind = MentionKind.PERSON
        if not person.given and len(person.surname) <= FAMILY_FIRST_MAX:
            found = _speakers(rows.keys_named(kind, [person.surname], "first"))
        elif len(person.given) == 1 and len(person.given[0]) <= FAMILY_FIRST_MAX:
            alone: dict[int | None, list[KeyMatch]] = {}
            for match in rows.keys_of_surname(person.given[0]):
                alone.setdefault(match.speaker.id, []).append(match)
            found = [m[0].speaker for m in alone.values() if not any(x.key.given for x in m)]
        else:
            found = []
        if not found and len(person.given) == 1 and person.suffix is None:
            turned = f"{person.surname} {person.given[0]}"  # "Abe Shinzo" ~ "Shinzo Abe"
            found = _speakers(rows.keys_named(kind, [turned], "name"))
        if not found and person.given and len(_bones(person.surname)) >= SKELETON_MIN_LETTERS:
            wanted = skeleton_key(person)
            found = _speakers(rows.keys_named(kind, [wanted], "skeleton"))
        if not found:
            found = self._spelt_alike(person, rows)
        return found[0] if len(found) == 1 else None

    def _spelt_alike(self, person: PersonName, rows: SpeakerRows) -> list[Speaker]:
        """Return the people a name nobody's surname matches is when spelt another way
        ("Vladimir Poutine" ~ "Vladimir Putin", "Zelenskiy" ~ "Volodymyr Zelenskyy",
        "Kim Jong-un" ~ "Kim Jong Un"): the surname, or the name run together, sounds alike,
        and the given names agree when spelt alike."""
        wanted = [compact_sound(person)] if person.given else []
        if len(person.surname) >= TRANSLITERATED_MIN_LETTERS:
            wanted.append(sound(person.surname))
        if not wanted:
            return []
        found = []
        for speaker in _speakers(rows.keys_named(MentionKind.PERSON, wanted, "variant")):
            assert speaker.id is not None
            keys = [k for k in rows.keys_of(speaker.id) if k.field == "name" and k.given]
            if all(_given_alike(person.given, k.given) for k in keys):
                found.append(speaker)
        return found

    def _match_organisation(self, key: str, rows: SpeakerRows) -> Speaker | None:
        """Return the one organisation written with a place or its demonym ("Iran's"/"Iranian")."""
        org = MentionKind.ORGANISATION
        found = _speakers(
            [
                *rows.keys_named(org, demonym_variants(key), "name"),
                *rows.keys_named(org, [key], "variant"),
            ]
        )
        return found[0] if len(found) == 1 else None

    def _role_holder(self, name: str, day: dt.date | None) -> AliasEntry | None:
        """Return the alias-file holder of the role a bare title names, on `day`."""
        wanted = title_words(with_synonyms(normal_words(name)))
        if not wanted:
            return None
        terms = [t for t in self._book.roles if t.matches(wanted)]
        if day is not None:
            terms = [t for t in terms if t.covers(day)]
        holders = {t.holder for t in terms}
        return self._holders.get(holders.pop()) if len(holders) == 1 else None

    # --- growing ----------------------------------------------------------------------

    def _bound(self, book: AliasEntry, rows: SpeakerRows) -> Speaker:
        """Return the stored speaker an alias-file entry names, binding it on first use: the
        speaker that already goes by one of its forms, else a new one."""
        named = rows.speaker_named(book.kind, book.name)
        if named is not None and named.name_fixed:
            return named  # bound before
        forms = (book.name, *book.aliases)
        stored = next(
            (
                match.speaker
                for form in forms
                for match in rows.keys_named(book.kind, [name_key(form, book.kind)], "name")
            ),
            named,
        )
        if stored is None or stored.id is None:
            speaker_id = rows.add_speaker(
                Speaker(book.name, book.kind, external_id=book.external_id, name_fixed=True)
            )
        else:
            speaker_id = stored.id
            if named is None or named.id == speaker_id:
                rows.set_name(speaker_id, book.name, fixed=True)
            if book.external_id:
                rows.set_external_id(speaker_id, book.external_id)
        speaker = rows.speaker(speaker_id)
        for form in forms:
            self._add_alias(speaker, form, rows)
        return speaker

    def _new(self, name: str, kind: MentionKind, rows: SpeakerRows) -> Speaker:
        """Return a new speaker for a name, or the one already shown under that name."""
        display = _display(name, kind)
        same = rows.speaker_named(kind, display)
        if same is not None:
            return same
        new = Speaker(display, kind)
        return dataclasses.replace(new, id=rows.add_speaker(new))

    def _improve_name(self, speaker: Speaker, name: str, rows: SpeakerRows) -> None:
        """Show a speaker under the best name seen (`name_rank`), unless its name is fixed.

        The best of the names seen does not depend on the order they came in, so
        concurrent ingests show a speaker under the name one run would.
        """
        assert speaker.id is not None
        stored = rows.speaker(speaker.id)
        if stored.name_fixed or (stored.kind is MentionKind.PERSON and is_title_only(name)):
            return
        display = _display(name, stored.kind)
        self._named[(speaker.id, display)] += 1
        new, old = name_rank(display, stored.kind), name_rank(stored.name, stored.kind)
        if new[:-1] == old[:-1] and display != stored.name:
            better = self._more_used(speaker.id, display, stored.name, rows)
        else:
            better = new < old
        if better and rows.speaker_named(stored.kind, display) is None:  # else its owner keeps it
            rows.set_name(speaker.id, display)

    def _more_used(self, speaker_id: int, display: str, shown: str, rows: SpeakerRows) -> bool:
        """Tell whether a name spelt otherwise than the one shown ("Muhammadu Buhari",
        "Mohammadu Buhari") goes on more of the speaker's statements; the same number,
        whether it comes first alphabetically."""
        counts: Counter[str] = Counter()
        kind = rows.speaker(speaker_id).kind
        for mention, count in rows.mention_counts(speaker_id).items():
            counts[_display(mention, kind)] += count
        for (speaker, name), count in self._named.items():
            if speaker == speaker_id:
                counts[name] += count  # this article's, not stored yet
        return (-counts[display], display) < (-counts[shown], shown)


def name_rank(name: str, kind: MentionKind) -> tuple[int, int, int, int, int, int, str]:
    """Return how a speaker's shown name ranks (lowest first): a person by the fullest name
    (never a bare title; not in capitals, "Ali Vell" before "ALI VELL"; most words that are
    not initials, then fewest initials ("Emmanuel Macron" before "M. Emmanuel Macron"), then
    longest; without honorifics before with); an organisation or
    anonymous source without a possessive ("Morvaskan", not "Morvask's"), then by the
    longest ("Iranian Foreign Ministry", not "Iran Foreign Ministry"); ties by text."""
    if kind is MentionKind.PERSON:
        display = _display(name, kind)
        words = [w for w in display.split() if len(w.strip(".")) > 1]  # "V. V. Putin": 1
        shouted = int(any(len(w) > 2 and w.isupper() for w in words))
        initials = len(display.split()) - len(words)  # "M. Emmanuel Macron": 1
        return (
            int(is_title_only(name)),
            shouted,
            -len(words),
            initials,
            -len(display),
            int(display != name),
            name,
        )
    possessive = int(any(w.endswith(("'s", "’s")) for w in name.split()))
    return (possessive, 0, 0, 0, -len(name), 0, name)


def alias_keys(alias: str, speaker: Speaker) -> list[NameKey]:
    """Return the keys by which `alias` finds `speaker` (none for a title it held)."""
    kind = speaker.kind
    if is_title_only(alias) and not is_title_only(speaker.name):
        return []  # a title someone held is not their name: it resolves by date, not by key
    key = name_key(alias, kind)
    if kind is MentionKind.PERSON and not is_title_only(alias):
        person = person_name(alias)
        if person is not None:
            keys = [NameKey(kind, key, "name", person.surname, person.given, person.suffix)]
            if len(person.given) == 1 and len(person.given[0]) <= FAMILY_FIRST_MAX:
                keys.append(NameKey(kind, person.given[0], "first"))
            if person.given:
                keys.append(NameKey(kind, skeleton_key(person), "skeleton"))
            keys += [NameKey(kind, k, "variant") for k in sound_keys(person)]
            return keys
    keys = [NameKey(kind, key)]
    if kind is MentionKind.ORGANISATION:
        keys += [NameKey(kind, v, "variant") for v in sorted(demonym_variants(key))]
    return keys


def _is_title(statement: Statement) -> bool:
    """Tell whether a statement's speaker is a bare title of an office."""
    return office_title(" ".join((statement.speaker or "").split())) is not None


def _speakers(matches: Iterable[KeyMatch]) -> list[Speaker]:
    """Return the distinct speakers of some key matches, in order."""
    found: dict[int | None, Speaker] = {}
    for match in matches:
        found.setdefault(match.speaker.id, match.speaker)
    return list(found.values())


def _holds(speaker: Speaker, roles: Sequence[RoleSeen], rows: SpeakerRows) -> bool:
    """Tell whether the corpus has named a speaker by one of the office roles a source names
    (same role words; the same country, when both say one)."""
    for role in roles:
        for head in role_heads(role.words):
            for seen in rows.roles_headed(head):
                if seen.speaker.id != speaker.id or seen.words != role.words:
                    continue
                if not (seen.designator and role.designator) or seen.designator == role.designator:
                    return True
    return False


def _spelt_alike_given(keys: list[NameKey], person: PersonName) -> bool:
    """Tell whether a name's given names are one of a speaker's full names' spelt another
    way, consonants only ("Wladimir" ~ "Vladimir"; vowels are another name: "Maria")."""
    return _given_folded_alike(keys, person, spelt)


def _given_alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Tell whether two sets of given names may be one person's spelt two ways ("Wladimir"
    ~ "Vladimir", "Moammar" ~ "Muammar"): a side with none fits; else compatible once
    spelt alike, or sounding alike word for word."""
    if not a or not b:
        return True
    if given_compatible(tuple(spelt(g) for g in a), tuple(spelt(g) for g in b)):
        return True
    return len(a) == len(b) and all(sound(x) == sound(y) for x, y in zip(a, b, strict=True))


def _spelt_otherwise(keys: list[NameKey], person: PersonName) -> bool:
    """Tell whether a speaker's full names differ from a name only in the vowels of its given
    names ("Mohammadu" ~ "Muhammadu"); only ever trusted with an office both hold."""
    return _given_folded_alike(keys, person, _bones)


def _given_folded_alike(
    keys: list[NameKey], person: PersonName, fold: Callable[[str], str]
) -> bool:
    """Tell whether one of a speaker's full names has the name's suffix and, each word
    folded by `fold`, its given names."""
    wanted = tuple(fold(g) for g in person.given)
    return any(
        k.given and k.suffix == person.suffix and tuple(fold(g) for g in k.given) == wanted
        for k in keys
    )


def _misspelt(keys: list[NameKey], person: PersonName) -> bool:
    """Tell whether a name differs from one of a speaker's full names by one letter inside
    one given name, left out or added ("Vladmir" ~ "Vladimir", "Teresa" ~ "Theresa"):
    never its first or last letter ("Michael" and "Michaela" are two people)."""
    for key in keys:
        if not key.given or key.suffix != person.suffix or len(key.given) != len(person.given):
            continue
        pairs = list(zip(key.given, person.given, strict=True))
        odd = [(a, b) for a, b in pairs if a != b]
        if len(odd) == 1 and _one_inner_letter(*odd[0]):
            return True
    return False


def _one_inner_letter(a: str, b: str) -> bool:
    """Tell whether the longer word is the shorter with one letter added inside it."""
    short, long = sorted((a, b), key=len)
    if len(long) != len(short) + 1 or len(short) < MISSPELT_MIN_LETTERS:
        return False
    return (
        any(long[:i] + long[i + 1 :] == short for i in range(1, len(long) - 1))
        and long[-1] == short[-1]
    )


def _bones(word: str) -> str:
    """Return a folded word without the vowels after its first letter."""
    return word[:1] + "".join(c for c in word[1:] if c not in "aeiouy")


def _fits(keys: list[NameKey], person: PersonName) -> bool:
    """Tell whether a person's name agrees with every full form (of that surname) a speaker
    goes by."""
    if not person.given:
        return True  # a surname alone: fits; whether it is unique is decided by the caller
    suffixes = {k.suffix for k in keys if k.given}
    if suffixes and person.suffix not in suffixes:
        return False  # "Donald Trump" is not "Donald Trump Jr."
    return all(given_compatible(person.given, k.given) for k in keys if k.given)


def _display(name: str, kind: MentionKind) -> str:
    if kind is MentionKind.PERSON and not is_title_only(name):
        person = person_name(name)
        if person is not None:
            return person.display
    return name
