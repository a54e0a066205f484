"""One person across outlets, on fictional articles in our own words (no model needed).

Titles resolve to the holder of the office the corpus names at that time; a bare title
with no holder known stays unresolved; organisations are never persons and persons never
organisations; a family name written first is the same person.
"""

from __future__ import annotations

import datetime as dt
import itertools

from onrecord.models import (
    Article,
    Attribution,
    Kind,
    MentionKind,
    Metadata,
    ProcessedArticle,
    Span,
    Statement,
)
from onrecord.speakers import SpeakerIndex
from onrecord.store import Store, open_store

PERSON, ORG = MentionKind.PERSON, MentionKind.ORGANISATION
_IDS = itertools.count()


def said(*quotes: tuple[str, str, MentionKind], day: dt.date) -> ProcessedArticle:
    """An article of sentences "SOURCE said the harbour stays open.", one per (source as
    written, speaker as resolved in the article, kind); each statement's source span is
    the source as written."""
    text, statements = "", []
    for source, speaker, kind in quotes:
        start = len(text)
        text += f"{source} said the harbour stays open. "
        content = Span(start + len(source) + 6, len(text) - 2)
        attribution = Attribution(
            (Span(start, start + len(source)),), (), (content,), Kind.INDIRECT
        )
        statements.append(Statement(attribution, speaker, kind))
    ident = f"roles{next(_IDS)}"
    article = Article(ident, ident, ident, text, Metadata(published=day))
    return ProcessedArticle(article, tuple(statements))


def speakers_of(store: Store, processed: ProcessedArticle) -> list[str | None]:
    return [view.speaker for view in store.article(processed.article.id).statements]


def stored(*articles: ProcessedArticle) -> tuple[Store, SpeakerIndex]:
    store, index = open_store(":memory:"), SpeakerIndex()
    for processed in articles:
        store.save([processed], assign=index.assign)
    return store, index


MARCH = dt.date(2025, 3, 3)


def test_titles_resolve_to_the_holder_the_corpus_names() -> None:
    naming = said(("Calverra's Supreme Leader Oriane Kestrel", "Oriane Kestrel", PERSON), day=MARCH)
    titled = said(
        ("Supreme Leader", "Supreme Leader", PERSON),
        ("the Leader", "the Leader", PERSON),
        ("Leader of the Revolution", "Leader of the Revolution", PERSON),
        day=MARCH + dt.timedelta(days=40),
    )
    store, _ = stored(naming, titled)
    assert speakers_of(store, titled) == ["Oriane Kestrel"] * 3
    assert store.counts()["speakers"] == 1


def test_a_title_resolved_in_its_article_teaches_the_corpus() -> None:
    # "His Eminence" resolved to Kestrel in its own article (the article named her).
    resolved = said(("His Eminence", "Oriane Kestrel", PERSON), day=MARCH)
    elsewhere = said(("His Eminence", "His Eminence", PERSON), day=MARCH + dt.timedelta(days=9))
    store, _ = stored(resolved, elsewhere)
    assert speakers_of(store, elsewhere) == ["Oriane Kestrel"]


def test_a_title_with_no_holder_known_stays_unresolved() -> None:
    alone = said(
        ("The prime minister", "The prime minister", MentionKind.ANONYMOUS),
        ("President", "President", PERSON),
        ("PM", "PM", ORG),
        day=MARCH,
    )
    store, _ = stored(alone)
    assert speakers_of(store, alone) == [None, None, None]
    assert store.counts() == {"articles": 1, "statements": 3, "speakers": 0}
    (view,) = [v for v in store.article(alone.article.id).statements if v.speaker_mention == "PM"]
    assert view.speaker_id is None  # the name as mentioned is kept on the statement


def test_two_holders_at_once_or_a_holder_long_gone_resolve_nobody() -> None:
    two = said(
        ("Prime Minister Tomas Vell", "Tomas Vell", PERSON),
        ("Prime Minister Ana Pell", "Ana Pell", PERSON),
        day=MARCH,
    )
    later = said(("the prime minister", "the prime minister", PERSON), day=MARCH)
    much_later = said(("Governor Ines Varga", "Ines Varga", PERSON), day=dt.date(2010, 1, 1))
    governor = said(("the governor", "the governor", PERSON), day=MARCH)
    store, _ = stored(two, later, much_later, governor)
    assert speakers_of(store, later) == [None]  # Vell or Pell: nobody
    assert speakers_of(store, governor) == [None]  # Varga was seen governor 15 years before


def test_organisations_are_never_persons_and_persons_never_organisations() -> None:
    first = said(
        ("Tomas Vell", "Tomas Vell", PERSON),
        ("Morvask News Agency", "Morvask News Agency", PERSON),
        day=MARCH,
    )
    second = said(("Vell", "Vell", ORG), ("Korvhaven Daily", "Korvhaven Daily", PERSON), day=MARCH)
    store, _ = stored(first, second)
    kinds = {s.name: s.kind for s in store.speakers()}
    assert kinds == {
        "Tomas Vell": "person",
        "Morvask News Agency": "organisation",
        "Korvhaven Daily": "organisation",
    }
    assert speakers_of(store, second)[0] == "Tomas Vell"


def test_a_family_name_written_first_is_one_person_either_way() -> None:
    full = said(("President Xu Lanfen", "Xu Lanfen", PERSON), day=MARCH)
    short = said(("Xu", "Xu", PERSON), day=MARCH)
    for order in ((full, short), (short, full)):
        store, _ = stored(*order)
        assert {s.name for s in store.speakers()} == {"Xu Lanfen"}


def test_a_misspelt_surname_with_the_same_given_name_is_one_person() -> None:
    right = said(("Nilufar Kestrelani", "Nilufar Kestrelani", PERSON), day=MARCH)
    typo = said(("Nilufar Kestrlani", "Nilufar Kestrlani", PERSON), day=MARCH)
    other = said(("Piet Kestrlani", "Piet Kestrlani", PERSON), day=MARCH)
    store, _ = stored(right, typo, other)
    assert sorted(s.name for s in store.speakers()) == ["Nilufar Kestrelani", "Piet Kestrlani"]
