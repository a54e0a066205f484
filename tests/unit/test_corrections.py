"""Corrections without a model: what a re-ingest takes, how dates are matched, how edits read."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from tests.unit.test_store import ZARIF, article_a, article_b, article_c

from onrecord.errors import InputError
from onrecord.models import (
    Edit,
    EditAction,
    Metadata,
    Precision,
    RawDocument,
    Span,
    StatementDate,
)
from onrecord.pipeline.corpus import update_clusters
from onrecord.pipeline.corrections import (
    correct_article,
    delete_statement,
    matched_dates,
    reassign_statement,
    reingest_changes,
)
from onrecord.pipeline.prepare import prepare
from onrecord.render.edits import edit_line, edit_log, update_summary
from onrecord.store import Store, open_store

TEXT = "Minister Ana Vell said on Monday that the port would reopen.\n\nMore text follows here."


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_PARAPHRASE", "lexical")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "corpus.db")
    opened.save([article_a(), article_b(), article_c()])
    return opened


def test_an_input_states_the_fields_it_gives_outright() -> None:
    raw = RawDocument(
        "d",
        "w.jsonl:1",
        "jsonl",
        TEXT,
        {"published": "May 14, 2019", "outlet": "The Hill", "title": " A  title "},
    )
    assert prepare(raw).metadata.stated == {"published", "outlet", "title"}
    bad_date = dataclasses.replace(raw, hints={"published": "someday"})
    assert prepare(bad_date).metadata.stated == frozenset()
    assert prepare(dataclasses.replace(raw, format="txt", hints={})).metadata.stated == frozenset()


def test_a_stated_value_replaces_an_inferred_one_fills_only_gaps(store: Store) -> None:
    stored = store.article("reuters-2019")  # published 2019-05-14, outlet Reuters, no fixes
    inferred = Metadata(title="Other", outlet="Reuters", published=dt.date(2019, 5, 13))
    assert reingest_changes(stored, inferred, ()) == ({}, ())
    stated = dataclasses.replace(inferred, stated=frozenset({"published", "title"}))
    assert reingest_changes(stored, stated, ()) == (
        {"published": dt.date(2019, 5, 13), "title": "Other"},
        (),
    )
    assert reingest_changes(stored, stated, {"published"}) == ({"title": "Other"}, ("published",))
    undated = store.article("blog-undated")  # no outlet, no date
    filling = Metadata(outlet="Blogspot", published=dt.date(2020, 1, 2))
    assert reingest_changes(undated, filling, ()) == (
        {"outlet": "Blogspot", "published": dt.date(2020, 1, 2)},
        (),
    )
    assert reingest_changes(stored, Metadata(), ()) == ({}, ())  # unknown never replaces known


def test_fresh_dates_are_matched_to_stored_statements_by_their_spans(store: Store) -> None:
    stored = store.article("tehran-times-2018")
    first, second = stored.statements
    date = StatementDate(dt.date(2018, 8, 12), Precision.DAY, "on Sunday", Span(0, 1), "x")
    fresh = article_a()
    moved = dataclasses.replace(
        fresh.statements[1],
        attribution=dataclasses.replace(fresh.statements[1].attribution, cue=(Span(0, 3),)),
    )
    processed = dataclasses.replace(
        fresh, statements=(dataclasses.replace(fresh.statements[0], said_on=date), moved)
    )
    # The second fresh statement has other spans (a changed extractor): left out.
    assert matched_dates(stored.statements, processed) == {first.id: date}
    assert second.id not in matched_dates(stored.statements, processed)


def test_correcting_outlet_and_title_needs_no_model(store: Store) -> None:
    correction = correct_article(
        store, "reuters-2019", {"outlet": "  Reuters   Wire ", "title": ""}, by="ana"
    )
    assert [(e.field, e.old, e.new) for e in correction.edits] == [
        ("outlet", "Reuters", "Reuters Wire"),
        ("title", "Title of reuters-2019", None),
    ]
    assert store.fixed_fields(correction.article) == {"outlet", "title"}
    assert correct_article(store, "reuters-2019", {"outlet": "Reuters Wire"}).edits == ()


def test_an_unknown_field_is_refused_with_the_fields_named(store: Store) -> None:
    with pytest.raises(InputError) as caught:
        correct_article(store, "reuters-2019", {"author": "x"})
    assert caught.value.hint == "the fields are published, outlet, title, url"


def test_reassign_and_delete_rebuild_the_speakers_events(store: Store) -> None:
    update_clusters(store)
    first, second = store.article("tehran-times-2018").statements
    leader = first.speaker_id
    edit = reassign_statement(store, second.id, str(leader))
    assert edit is not None and edit.old == ZARIF
    events = list(store.speech_events(leader))
    assert any(second.id in {s.id for s in e.statements} for e in events)
    assert list(store.speech_events(second.speaker_id)) == []
    delete_statement(store, second.id)
    assert all(second.id not in {s.id for s in e.statements} for e in store.speech_events())


def _edit(action: EditAction, **values: object) -> Edit:
    return Edit(id=7, made_at="2025-06-21T10:00:00+00:00", action=action, **values)  # type: ignore[arg-type]


def test_each_kind_of_edit_reads_as_one_line() -> None:
    article = "0123456789abcdef"
    edits = [
        _edit(EditAction.SET, article=article, field="published", new="2025-06-25", made_by="ana"),
        _edit(
            EditAction.UPDATE,
            article=article,
            field="outlet",
            old="g.example",
            new="Gazette",
            origin="w.jsonl:1",
        ),
        _edit(EditAction.REDATE, statement=3, field="said_on", new="2025-06-24", cause=6),
        _edit(EditAction.REASSIGN, statement=3, field="speaker", old="A B", new="C D"),
        _edit(EditAction.DELETE, statement=3, old='{"speaker": "A B", "content": "No."}'),
        _edit(EditAction.MERGE, field="speaker", old="Leader", new="Ali Khamenei"),
        _edit(EditAction.RENAME, field="name", old="A", new="B"),
    ]
    stamp = "edit 7  2025-06-21T10:00:00+00:00"
    assert [edit_line(e) for e in edits] == [
        f"{stamp}  ana  article 0123456789ab published: unknown → 2025-06-25 (set by hand)",
        f"{stamp}  -  article 0123456789ab outlet: “g.example” → “Gazette” "
        "(re-ingest of w.jsonl:1)",
        f"{stamp}  -  statement #3 said on: unknown → 2025-06-24 (after edit 6)",
        f"{stamp}  -  statement #3 speaker: “A B” → “C D”",
        f"{stamp}  -  statement #3 deleted (A B: “No.”)",
        f"{stamp}  -  speaker “Leader” merged into “Ali Khamenei”",
        f"{stamp}  -  speaker “A” renamed “B”",
    ]
    assert edit_log([]) == ""
    assert edit_log([_edit(EditAction.RENAME, old="A", new="B")]).startswith("edits (1)\n  edit 7")


def test_an_update_summary_names_fields_dates_and_what_was_kept() -> None:
    edits = [
        _edit(EditAction.UPDATE, field="published", new="2025-06-20"),
        _edit(EditAction.REDATE, field="said_on", new="2025-06-17"),
        _edit(EditAction.REDATE, field="said_on", new="2025-06-17"),
    ]
    assert update_summary("w.jsonl:1", "gazette", edits, ("title",)) == (
        "w.jsonl:1 (gazette): published unknown → 2025-06-20; 2 statement date(s) recomputed; "
        "kept as set by hand: title"
    )


def test_dating_again_reads_the_stored_captions_and_language(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onrecord.pipeline.corrections as corrections

    seen = []

    def analysed(articles, nlp):  # type: ignore[no-untyped-def]
        seen.extend(articles)
        return iter([article_a()])

    monkeypatch.setattr(corrections, "analyse_articles", analysed)
    monkeypatch.setattr(corrections, "load_pipeline", lambda model=None: None)
    stored = dataclasses.replace(
        store.article("tehran-times-2018"), captions=(Span(0, 5),), language="en"
    )
    first, second = stored.statements
    dates = corrections.redated(stored, Metadata(published=dt.date(2018, 8, 20)))
    (article,) = seen
    assert (article.captions, article.text, article.metadata.published) == (
        (Span(0, 5),),
        stored.text,
        dt.date(2018, 8, 20),
    )
    assert dates == {first.id: None, second.id: None}  # the fresh statements, matched by spans
