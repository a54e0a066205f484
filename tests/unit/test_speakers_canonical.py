"""Canonical speakers across articles, on hand-built statements: no model needed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from onrecord.errors import InputError
from onrecord.models import (
    Article,
    Attribution,
    Kind,
    MentionKind,
    Metadata,
    Precision,
    ProcessedArticle,
    Span,
    Speaker,
    Statement,
    StatementDate,
)
from onrecord.speakers import SpeakerIndex, name_key
from onrecord.speakers.aliases import parse_alias_data
from onrecord.speakers.keys import fold, given_compatible, person_name
from onrecord.store import Store, open_store

PERSON = MentionKind.PERSON
ORG = MentionKind.ORGANISATION


def article(
    *speakers: tuple[str, MentionKind],
    published: dt.date | None = None,
    said_on: dt.date | None = None,
) -> ProcessedArticle:
    """Return an article with one statement per (in-article speaker, kind)."""
    text = "x" * 10
    attribution = Attribution((), (), (Span(0, 1),), Kind.DIRECT)
    when = StatementDate(said_on, Precision.DAY, "on Monday", None, "test") if said_on else None
    statements = tuple(Statement(attribution, name, kind, said_on=when) for name, kind in speakers)
    meta = Metadata(published=published)
    ident = f"a{next(_IDS)}"
    return ProcessedArticle(Article(ident, ident, ident, text, meta), statements)


_IDS = itertools.count()


class Corpus:
    """A SpeakerIndex with a store of its own: each call stores one article."""

    def __init__(self, index: SpeakerIndex | None = None, store: Store | None = None) -> None:
        self.index = index or SpeakerIndex()
        self.store = store or open_store(":memory:")

    def assign(self, processed: ProcessedArticle) -> list[Speaker]:
        """Store the article with its speakers matched; return them, aliases included."""
        self.store.save([processed], assign=self.index.assign)
        found = []
        for view in self.store.article(processed.article.id).statements:
            if view.speaker_id is None:
                continue
            summary = self.store.speaker(str(view.speaker_id))
            found.append(
                Speaker(
                    summary.name,
                    MentionKind(summary.kind),
                    summary.aliases,
                    summary.external_id,
                    summary.id,
                    _fixed(self.store, summary.id),
                )
            )
        return found


def _fixed(store: Store, speaker_id: int | None) -> bool:
    rows = store._db.execute(  # type: ignore[attr-defined]
        "SELECT name_fixed FROM speakers WHERE id = ?", (speaker_id,)
    ).fetchall()
    return bool(rows[0][0])


def canonical(corpus: Corpus, *speakers: tuple[str, MentionKind], **kw) -> list[Speaker]:  # type: ignore[no-untyped-def]
    return corpus.assign(article(*speakers, **kw))


def test_keys_fold_spelling_and_drop_honorifics_and_roles() -> None:
    assert fold("Seyyed") == fold("Seyed") and fold("Mashhad") == fold("Mashad")
    assert fold("Mohammad") != fold("Mahmoud")
    forms = [
        "Ayatollah Seyyed Ali Khamenei",
        "Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei",
        "Imam Ali Khamenei",
        "Iran's Supreme Leader Ali Khamenei",
        "Supreme Leader of the Islamic Republic Ayatollah Seyyed Ali Khamenei",
    ]
    assert {name_key(form, PERSON) for form in forms} == {"ali khamenei"}
    name = person_name("Ayatollah Seyyed Ali Khamenei")
    assert name is not None and name.display == "Ali Khamenei"
    assert person_name("Donald Trump Jr.") == person_name("Donald Trump Jr")  # suffix kept
    assert given_compatible(("j",), ("john",)) and not given_compatible(("donald",), ("ivanka",))


def test_name_variants_merge_under_the_fullest_name() -> None:
    index = Corpus()
    first = canonical(index, ("Ayatollah Khamenei", PERSON))
    later = canonical(
        index,
        ("Ayatollah Seyyed Ali Khamenei", PERSON),
        ("Imam Ali Khamenei", PERSON),
        ("Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei", PERSON),
    )
    assert {s.id for s in first + later} == {first[0].id}
    assert later[-1].name == "Ali Khamenei"
    assert "Ayatollah Khamenei" in later[-1].aliases


def test_people_sharing_a_surname_stay_apart() -> None:
    index = Corpus()
    donald, ivanka, junior = canonical(
        index, ("Donald Trump", PERSON), ("Ivanka Trump", PERSON), ("Donald Trump Jr.", PERSON)
    )
    assert len({donald.id, ivanka.id, junior.id}) == 3
    (bare,) = canonical(index, ("Trump", PERSON))
    assert bare.id not in {donald.id, ivanka.id, junior.id}  # ambiguous: joins nobody
    (initial,) = canonical(index, ("Donald J. Trump", PERSON))
    assert initial.id == donald.id


def test_a_surname_alone_joins_the_only_speaker_with_it() -> None:
    index = Corpus()
    (rouhani,) = canonical(index, ("President Hassan Rouhani", PERSON))
    (bare,) = canonical(index, ("Rouhani", PERSON))
    assert bare.id == rouhani.id and bare.name == "Hassan Rouhani"


def test_kinds_never_mix_and_organisations_join_by_place_or_demonym() -> None:
    index = Corpus()
    a, b, c, d = canonical(
        index,
        ("Morvask's Foreign Ministry", ORG),
        ("Morvaskan Foreign Ministry", ORG),
        ("Morvask’s Foreign Ministry", ORG),
        ("Trump administration", ORG),
    )
    assert a.id == b.id == c.id != d.id
    (person,) = canonical(index, ("Donald Trump", PERSON))
    assert person.id != d.id


def _stored(speaker: Speaker) -> Corpus:
    """A corpus whose store holds one speaker, stored as an older onrecord would (unkeyed)."""
    store = open_store(":memory:")
    processed = article((speaker.name, PERSON))
    statement = dataclasses.replace(processed.statements[0], canonical=speaker)
    store.save([dataclasses.replace(processed, statements=(statement,))])
    return Corpus(store=store)


def test_index_continues_from_stored_speakers() -> None:
    stored = Speaker("Ayatollah Seyyed Ali Khamenei", PERSON, ("Ayatollah Khamenei",), id=7)
    leader, other = canonical(
        _stored(stored), ("Imam Ali Khamenei", PERSON), ("Emmanuel Macron", PERSON)
    )
    assert leader.id == 7 and leader.name == "Ali Khamenei"
    assert other.id == 8


def test_a_renamed_speaker_keeps_its_name() -> None:
    stored = Speaker("The Leader", PERSON, ("Ali Khamenei",), id=3, name_fixed=True)
    (leader,) = canonical(_stored(stored), ("Ayatollah Seyyed Ali Khamenei", PERSON))
    assert (leader.id, leader.name) == (3, "The Leader")


BOOK = {
    "speakers": [
        {
            "name": "Ali Khamenei",
            "external_id": "Q57336",
            "aliases": ["Ayatollah Khamenei"],
            "not": ["Mojtaba Khamenei"],
            "roles": [
                {
                    "title": "Supreme Leader of Iran",
                    "also": ["Leader of the Islamic Revolution"],
                    "from": dt.date(1989, 6, 4),
                }
            ],
        },
        {
            "name": "Ruhollah Khomeini",
            "roles": [
                {"title": "Supreme Leader of Iran", "from": "1979-12-03", "until": "1989-06-03"}
            ],
        },
        {"name": "Calverran Foreign Ministry", "kind": "organisation"},
    ]
}


def test_alias_file_names_speakers_and_roles_by_date() -> None:
    index = Corpus(SpeakerIndex(book=parse_alias_data(BOOK)))
    (leader,) = canonical(index, ("Ayatollah Seyyed Ali Khamenei", PERSON))
    assert (leader.name, leader.external_id, leader.name_fixed) == (
        "Ali Khamenei",
        "Q57336",
        True,
    )
    (title,) = canonical(index, ("Supreme Leader", PERSON), published=dt.date(2019, 8, 14))
    assert title.id == leader.id
    (then,) = canonical(index, ("the Leader", PERSON), said_on=dt.date(1985, 1, 1))
    assert then.name == "Ruhollah Khomeini"
    # Two holders and no date: nobody, and no "person" named after the title either.
    assert canonical(index, ("Supreme Leader", PERSON)) == []
    (son,) = canonical(index, ("Mojtaba Khamenei", PERSON))
    assert son.id != leader.id


def test_head_of_state_and_premier_are_titles_of_offices() -> None:
    book = parse_alias_data(
        {
            "speakers": [
                {"name": "Oriane Kestrel", "roles": [{"title": "President of Calverra"}]},
                {"name": "Casimir Ondrel", "roles": [{"title": "Prime Minister"}]},
            ]
        }
    )
    index = Corpus(SpeakerIndex(book=book))
    state, premier = canonical(
        index, ("The head of state", PERSON), ("the premier", PERSON), published=dt.date(2025, 1, 1)
    )
    assert (state.name, premier.name) == ("Oriane Kestrel", "Casimir Ondrel")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "expected a mapping"),
        ({"speakers": [{"aliases": ["x"]}]}, "speakers[0]: each speaker needs a `name`"),
        ({"speakers": [{"name": "A", "kind": "robot"}]}, "'robot' is not a valid MentionKind"),
        ({"speakers": [{"name": "A", "colour": 1}]}, "unknown key(s) colour"),
        (
            {"speakers": [{"name": "A", "roles": [{"title": "President", "from": "1989-13-01"}]}]},
            "speakers[0].roles[0].from: '1989-13-01' is not a date (YYYY-MM-DD)",
        ),
        ({"speakers": [{"name": "A", "roles": [{"title": "Gardener"}]}]}, "no role word"),
    ],
)
def test_bad_alias_files_are_refused_with_the_entry(data: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_alias_data(data, "aliases.yaml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("aliases.yaml")
