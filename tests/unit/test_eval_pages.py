"""Scoring real pages: the gold's checks and every figure, on records made by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from onrecord.errors import InputError
from onrecord.eval.pages import PageResult, StoredStatement, same_outlet, score_pages
from onrecord.eval.pages_gold import parse_gold, read_gold

D = dt.date.fromisoformat

GOLD = {
    "version": 1,
    "people": [
        {"name": "Ana Pereira", "keys": ["pereira"], "titles": ["the minister"]},
        {"name": "Tomas Ek", "keys": ["ek"]},
    ],
    "pages": [
        {  # two events of one speaker on one page, told apart by `at`
            "id": "s-1",
            "url": "https://one.example/a",
            "language": "en",
            "outlet": "The Vell Post",
            "published": "2020-03-04",
            "title": [0, 9],
            "statements": [
                {
                    "speaker": "Ana Pereira",
                    "said_on": "2020-03-03",
                    "event": "e-talk",
                    "at": [10, 20],
                },
                {
                    "speaker": "Ana Pereira",
                    "said_on": "2020-02-01",
                    "event": "e-old",
                    "at": [200, 210],
                },
            ],
            "captions": [[300, 340]],
        },
        {
            "id": "s-2",
            "url": "https://two.example/b",
            "language": "en",
            "outlet": "Kessa Times",
            "published": None,
            "statements": [{"speaker": "Ana Pereira", "said_on": "2020-03-03", "event": "e-talk"}],
        },
        {
            "id": "s-3",
            "url": "https://three.example/c",
            "language": "en",
            "outlet": None,
            "published": "2020-03-05",
            "statements": [{"speaker": "Tomas Ek", "said_on": None, "event": "e-ek"}],
        },
        {
            "id": "s-4",
            "url": "https://four.example/d",
            "language": "pt",
            "outlet": "Folha de Vell",
            "statements": [{"speaker": "Ana Pereira", "said_on": "2020-03-03", "event": "e-talk"}],
        },
    ],
}


def stmt(id, speaker, said_on=None, event=None, spans=((10, 15),), speaker_id=1):  # noqa: A002
    return StoredStatement(
        id=id,
        speaker=speaker,
        canonical=speaker,
        speaker_id=speaker_id,
        said_on=D(said_on) if said_on else None,
        event=event,
        spans=spans,
    )


def results():
    text = "Vell talk " + "x" * 400
    return [
        PageResult(
            "s-1",
            text=text,
            outlet="the vell post",
            published=D("2020-03-04"),
            language="en",
            title="Vell talk",
            statements=(
                stmt(1, "Ana Pereira", "2020-03-03", event=100, spans=((12, 18),)),
                stmt(2, "the Minister", "2020-03-03", event=100, spans=((12, 30),), speaker_id=2),
                # nearest to the second event's `at`: dated the talk's day, a wrong date
                stmt(3, "Pereira", "2020-03-03", event=200, spans=((205, 215),)),
                stmt(4, "Someone Else", "2020-03-03", spans=((305, 320),), speaker_id=9),
            ),
        ),
        PageResult(
            "s-2",
            text="y" * 50,
            outlet="kessa.example",
            published=D("2020-03-09"),
            language="en",
            statements=(stmt(5, "Pereira", None, event=100),),
        ),
        PageResult(
            "s-3",
            outlet=None,
            published=D("2020-03-05"),
            language="en",
            statements=(stmt(6, "Tomas Ek", "2020-03-01", event=300, speaker_id=3),),
        ),
        # s-4 (Portuguese) stored nothing: it counts as missing, and only for metadata
    ]


def test_dates_count_right_wrong_undated_and_unsupported():
    report = score_pages(parse_gold(GOLD), results())
    dates = report.dates
    # s-1 e-talk right (1 and 2); s-1 e-old wrong (3 dated 03-03); s-2 undated (5)
    assert (dates.right, dates.total) == (1, 3)
    assert dates.wrong == 1
    assert dates.undated == 1
    assert dates.unfound == 0
    # Tomas Ek's page states no day, yet statement 6 carries one
    assert dates.unsupported == 1
    assert report.format().splitlines()[-1] == "date_accuracy=0.333 wrong_dates=1"


def test_a_month_on_a_page_that_states_no_day_is_not_counted_as_a_day():
    found = results()
    month = dataclasses.replace(found[2].statements[0], precision="month")
    found[2] = dataclasses.replace(found[2], statements=(month,))
    assert score_pages(parse_gold(GOLD), found).dates.unsupported == 0


def test_a_gold_statement_with_no_stored_statement_is_unfound():
    found = [r for r in results() if r.id != "s-2"]
    report = score_pages(parse_gold(GOLD), found)
    assert report.dates.unfound == 1
    assert report.missing == ("s-2", "s-4")


def test_speakers_per_person_count_canonical_speakers():
    report = score_pages(parse_gold(GOLD), results())
    # "the Minister" is Ana Pereira on her pages, stored under a second speaker
    assert report.speakers == {"Ana Pereira": (1, 2), "Tomas Ek": (3,)}
    assert "1 of 2 people under one speaker" in report.format()


def test_event_pairs_over_page_event_units():
    report = score_pages(parse_gold(GOLD), results())
    # units: (s-1, e-talk)->100, (s-1, e-old)->200, (s-2, e-talk)->100, (s-3, e-ek)->300
    # gold pairs: the two e-talk units; predicted pairs: the two units in event 100
    assert (report.events.predicted, report.events.gold, report.events.matched) == (1, 1, 1)
    assert report.events.f1 == 1.0


def test_a_unit_without_a_stored_event_pairs_with_nothing():
    found = results()
    found[1] = PageResult("s-2", statements=(stmt(5, "Pereira", None, event=None),))
    report = score_pages(parse_gold(GOLD), found)
    assert (report.events.predicted, report.events.gold, report.events.matched) == (0, 1, 0)
    assert report.events.precision == 0.0
    assert report.events.recall == 0.0


def test_metadata_outlets_dates_languages_titles_and_captions():
    report = score_pages(parse_gold(GOLD), results())
    assert (report.outlets.right, report.outlets.total) == (1, 3)  # s-3 has no gold outlet
    assert (report.published.right, report.published.total) == (2, 2)
    assert report.unsupported_published == 1  # s-2 dated, its gold states none
    assert (report.languages.right, report.languages.total) == (3, 4)
    assert (report.titles.right, report.titles.total) == (1, 1)
    assert report.caption_statements == 1  # statement 4 lies in s-1's caption
    assert report.statements == 6
    assert report.person_statements == 5
    assert report.scored_pages == 3


def test_outlet_names_compare_without_case_accents_spaces_or_the():
    assert same_outlet("the vell post", "The Vell Post")
    assert same_outlet("El Pais", "El País")
    assert same_outlet("mediamaxnetwork", "Mediamax Network")
    assert not same_outlet("kessa.example", "Kessa Times")
    assert not same_outlet(None, "Kessa Times")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"published": "04/03/2020"}, "'published' must be a YYYY-MM-DD date or null"),
        ({"id": ""}, "'id' must be a non-empty string"),
        ({"title": [5, 2]}, "'title' must be [start, end] character offsets"),
        ({"statements": {}}, "'statements' must be a list"),
    ],
)
def test_a_malformed_page_is_refused_with_its_field(change, message):
    data = json.loads(json.dumps(GOLD))
    data["pages"][0].update(change)
    with pytest.raises(InputError, match=re.escape(message)):
        parse_gold(data)


def test_a_page_id_twice_and_a_file_that_is_not_json_are_refused(tmp_path):
    data = json.loads(json.dumps(GOLD))
    data["pages"][1]["id"] = "s-1"
    with pytest.raises(InputError, match="page ids appear twice in the gold: s-1"):
        parse_gold(data)
    path = tmp_path / "gold.json"
    path.write_text("{not json")
    with pytest.raises(InputError, match="is not JSON"):
        read_gold(path)


def test_the_per_page_report_names_every_page():
    text = score_pages(parse_gold(GOLD), results()).format(per_page=True)
    assert "s-4: nothing stored" in text
    assert "s-1: outlet 'the vell post' (gold 'The Vell Post')" in text
    assert "Ana Pereira 2020-02-01 -> 2020-03-03" in text


def test_an_organisation_or_source_named_after_a_person_is_not_that_person():
    gold = parse_gold(GOLD)
    statements = (
        stmt(1, "Ana Pereira", "2020-03-03", event=100, spans=((12, 18),)),
        # the minister's own name tagged an organisation: a second speaker of hers
        dataclasses.replace(
            stmt(2, "Pereira", spans=((12, 18),), speaker_id=2), kind="organisation"
        ),
        # statements about her, by others: not hers
        dataclasses.replace(stmt(3, "Pereira's government", speaker_id=3), kind="organisation"),
        dataclasses.replace(
            stmt(4, "critics of Ana Pereira's plan", speaker_id=4), kind="anonymous"
        ),
        dataclasses.replace(stmt(5, "Pereira's", speaker_id=5), kind="organisation"),
    )
    report = score_pages(gold, [PageResult("s-2", language="en", statements=statements)])
    assert report.speakers == {"Ana Pereira": (1, 2, 5)}
    assert report.person_statements == 3
