"""A bare title ends under the same speaker whatever order the articles come in: a holder
the corpus learns later reaches back to titles stored before, and a second holder learned
later makes them nobody's (fictional people, our own words; no model needed)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from tests.unit.test_speaker_roles import said, speakers_of, stored

from onrecord.models import MentionKind, ProcessedArticle

PERSON = MentionKind.PERSON
MARCH = dt.date(2025, 3, 3)


def title(name: str, day: dt.date = MARCH) -> ProcessedArticle:
    return said((name, name, PERSON), day=day)


def named(source: str, name: str, day: dt.date = MARCH) -> ProcessedArticle:
    return said((source, name, PERSON), day=day)


def in_every_order(*articles: ProcessedArticle) -> list[list[list[str | None]]]:
    """Return, for each order of ingest, every article's speakers (in the given order)."""
    results = []
    for order in itertools.permutations(articles):
        store, _ = stored(*order)
        results.append([speakers_of(store, a) for a in articles])
    return results


@pytest.mark.parametrize(
    "form",
    ["the Russian president", "Russian President", "the Kremlin chief", "President of Russia"],
)
def test_a_title_stored_before_its_holder_is_known_goes_to_the_holder(form: str) -> None:
    titled = title(form)
    naming = named("Russian President Ivo Dravek", "Ivo Dravek", MARCH + dt.timedelta(days=20))
    assert in_every_order(titled, naming) == [[["Ivo Dravek"], ["Ivo Dravek"]]] * 2


def test_a_second_holder_learned_later_makes_the_title_nobody_s() -> None:
    titled = title("the prime minister")
    vell = named("Prime Minister Tomas Vell", "Tomas Vell")
    pell = named("Prime Minister Ana Pell", "Ana Pell")
    results = in_every_order(titled, vell, pell)
    assert results == [[[None], ["Tomas Vell"], ["Ana Pell"]]] * 6


def test_a_holder_long_gone_does_not_reach_a_title_years_later() -> None:
    titled = title("the governor", dt.date(2025, 1, 1))
    varga = named("Governor Ines Varga", "Ines Varga", dt.date(2010, 1, 1))
    assert in_every_order(titled, varga) == [[[None], ["Ines Varga"]]] * 2


def test_a_holder_seen_again_later_reaches_titles_between() -> None:
    titled = title("the governor", dt.date(2012, 6, 1))
    early = named("Governor Ines Varga", "Ines Varga", dt.date(2010, 1, 1))
    late = named("Governor Ines Varga", "Ines Varga", dt.date(2014, 1, 1))
    expected = [["Ines Varga"], ["Ines Varga"], ["Ines Varga"]]
    assert in_every_order(titled, early, late) == [expected] * 6


def test_a_title_a_user_reassigned_stays_where_the_user_put_it() -> None:
    store, index = stored(titled := title("the Russian president"), named("Lev Oskin", "Lev Oskin"))
    (view,) = store.article(titled.article.id).statements
    store.reassign_statement(view.id, "Lev Oskin")
    naming = named("Russian President Ivo Dravek", "Ivo Dravek")
    store.save([naming], assign=index.assign)
    assert speakers_of(store, titled) == ["Lev Oskin"]
    assert speakers_of(store, naming) == ["Ivo Dravek"]


def test_a_title_re_pointed_marks_its_article_pending_and_its_speaker_counted() -> None:
    store, index = stored(titled := title("the Russian president"))
    store.clear_pending([titled.article.id])
    store.save([named("Russian President Ivo Dravek", "Ivo Dravek")], assign=index.assign)
    assert titled.article.id in store.pending_articles()
    (summary,) = [s for s in store.speakers() if s.name == "Ivo Dravek"]
    assert (summary.statements, summary.articles) == (2, 2)


def test_of_several_holders_the_one_the_title_s_article_names_in_full() -> None:
    vell = named("Prime Minister Tomas Vell", "Tomas Vell")
    pell = named("Prime Minister Ana Pell", "Ana Pell")
    page = said(("Tomas Vell resigns. The Prime Minister", "The Prime Minister", PERSON), day=MARCH)
    vague = title("The Prime Minister")  # names neither: nobody
    results = in_every_order(vell, pell, page, vague)
    assert results == [[["Tomas Vell"], ["Ana Pell"], ["Tomas Vell"], [None]]] * 24


def test_a_deputy_is_not_the_office_a_bare_title_names() -> None:
    deputy = named("Deputy Prime Minister Ada Lusk", "Ada Lusk")
    assert in_every_order(deputy, title("the prime minister"))[0][1] == [None]
    assert in_every_order(deputy, title("the deputy prime minister"))[0][1] == ["Ada Lusk"]
