"""The REST API in process: every route's status and shape, pagination, filters, exports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from pydantic import BaseModel  # noqa: E402
from tests.unit.test_store import LEADER  # noqa: E402
from tests.web_corpus import web_database  # noqa: E402

from onrecord.cli import main  # noqa: E402
from onrecord.queries import shapes  # noqa: E402
from onrecord.web import schemas  # noqa: E402
from onrecord.web.app import create_app  # noqa: E402

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_database(tmp_path_factory.mktemp("api") / "web.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def valid(model: type[BaseModel] | Any, body: Any) -> None:
    """Check a response body against its model: no key missing, none extra."""
    from pydantic import TypeAdapter

    TypeAdapter(model).validate_python(body)


def get(client: TestClient, path: str, status: int = 200) -> Any:
    response = client.get(path)
    assert response.status_code == status, response.text
    return response.json()


# --- every route answers in its documented shape ----------------------------------------

ROUTES = [
    ("/api/v1/statements", schemas.StatementPage),
    ("/api/v1/search?q=talks", schemas.StatementPage),
    ("/api/v1/statements/1", schemas.Statement),
    ("/api/v1/speakers", schemas.SpeakerPage),
    ("/api/v1/speakers/1", schemas.Speaker),
    ("/api/v1/articles", schemas.ArticlePage),
    ("/api/v1/articles/tehran-times-2018", schemas.ArticleDetail),
    ("/api/v1/outlets", list[schemas.Outlet]),
    ("/api/v1/topics", schemas.TopicPage),
    ("/api/v1/edits", schemas.EditPage),
    ("/api/v1/events?all=1", schemas.EventPage),
    ("/api/v1/events/1", schemas.EventDetail),
    ("/api/v1/timeline?speaker=1", schemas.Timeline),
    ("/api/v1/drift", schemas.DriftPage),
    ("/api/v1/about", schemas.About),
]


@pytest.mark.parametrize(("path", "model"), ROUTES)
def test_every_route_answers_in_its_shape(client: TestClient, path: str, model: Any) -> None:
    body = get(client, path)
    valid(model, body)
    if isinstance(body, dict) and "items" in body:
        assert body["items"], f"{path} listed nothing: the check above proved little"


def _served_schema(openapi: dict[str, Any], path: str, method: str = "get") -> dict[str, Any]:
    """Return the JSON Schema the served OpenAPI document gives a route's 200 answer."""
    bare = path.split("?", 1)[0]
    for template, methods in openapi["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, bare) and method in methods:
            content = methods[method]["responses"]["200"]["content"]["application/json"]
            return {**content["schema"], "components": openapi["components"]}
    raise AssertionError(f"{path} is not in the OpenAPI schema")


@pytest.mark.parametrize(("path", "model"), ROUTES)
def test_every_answer_matches_the_served_openapi_schema(
    client: TestClient, path: str, model: Any
) -> None:
    """The schema at /api/v1/openapi.json, as a client generator reads it, validates the
    real answers: every key it requires is there, none it does not know, types agree."""
    from jsonschema import Draft202012Validator

    openapi = get(client, "/api/v1/openapi.json")
    schema = _served_schema(openapi, path)
    Draft202012Validator.check_schema(schema)
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(get(client, path))]
    assert errors == []
    wrong = {**get(client, path)} if isinstance(get(client, path), dict) else None
    if wrong is not None:  # the schema would catch a missing or an unknown key
        wrong.pop(next(iter(wrong)))
        wrong["not_a_field"] = 1
        assert list(Draft202012Validator(schema).iter_errors(wrong))


def test_every_api_route_is_checked_and_documented(client: TestClient) -> None:
    schema = get(client, "/api/v1/openapi.json")
    checked = {re.sub(r"\?.*", "", p) for p, _ in ROUTES}
    reference = (DOCS / "api.md").read_text()
    for path, methods in schema["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {path}`" in reference, f"{method} {path} is undocumented"
        if "get" in methods:
            concrete = re.sub(r"\{[^}]+\}", "1", path)
            assert concrete in checked or path.replace("{ref}", "tehran-times-2018") in checked


def test_models_keep_the_keys_of_the_cli_shapes() -> None:
    for model, fields in schemas.FIELDS.items():
        assert tuple(model.model_fields) == tuple(fields), model.__name__


def test_the_api_gives_the_records_the_cli_prints(client: TestClient, db: Path) -> None:
    for listing, route in (
        ("statements", "statements"),
        ("speakers", "speakers"),
        ("articles", "articles"),
    ):
        printed = CliRunner().invoke(main, [listing, "--format", "json", "--db", str(db)])
        assert printed.exit_code == 0, printed.output
        assert get(client, f"/api/v1/{route}?limit=1000")["items"] == json.loads(printed.output)
    shown = CliRunner().invoke(main, ["show", "reuters-2019", "--format", "json", "--db", str(db)])
    assert get(client, "/api/v1/articles/reuters-2019") == json.loads(shown.output)


# --- pagination ---------------------------------------------------------------------


def test_pages_follow_next_to_the_end_and_cover_every_row(client: TestClient) -> None:
    whole = get(client, "/api/v1/statements?limit=1000")
    seen, path = [], "/api/v1/statements?limit=2"
    while path:
        page = get(client, path)
        assert page["count"] == whole["count"] and len(page["items"]) <= 2
        seen += page["items"]
        path = page["next"]
    assert seen == whole["items"] and len(seen) == whole["count"] == 8


def test_offset_and_limit_are_checked(client: TestClient) -> None:
    assert (
        get(client, "/api/v1/speakers?limit=1&offset=1")["items"][0]["id"]
        == get(client, "/api/v1/speakers?limit=2")["items"][1]["id"]
    )
    assert client.get("/api/v1/statements?limit=-1").status_code == 422
    assert client.get("/api/v1/statements?offset=x").status_code == 422
    assert client.get("/api/v1/statements?limit=100000").status_code == 422


def test_listings_without_a_count_say_when_more_follow(client: TestClient) -> None:
    first = get(client, "/api/v1/events?all=1&limit=1")
    assert first["count"] is None and first["next"]
    rest = get(client, first["next"])
    assert rest["offset"] == 1 and rest["items"] != first["items"]


# --- filters: the CLI's, read the same way ---------------------------------------------


def test_filters_narrow_like_the_cli(client: TestClient) -> None:
    leader = get(client, f"/api/v1/statements?speaker={LEADER}")
    assert leader["count"] == 4 and {s["speaker"] for s in leader["items"]} == {LEADER}
    assert get(client, "/api/v1/statements?outlet=reuters")["count"] == 2
    assert get(client, "/api/v1/statements?kind=mixed")["count"] == 1


def test_a_date_range_counts_the_undated_it_leaves_out(client: TestClient) -> None:
    dated = get(client, "/api/v1/statements?since=2018-01-01&until=2019-12-31")
    assert dated["undated_left_out"] == 1 and dated["count"] == 5
    both = get(client, "/api/v1/statements?since=2018-01-01&until=2019-12-31&include_undated=1")
    assert both["undated_left_out"] == 0 and both["count"] == 6


def test_search_takes_phrases_and_prefixes(client: TestClient) -> None:
    assert get(client, '/api/v1/search?q="no talks with"')["count"] == 2
    assert get(client, '/api/v1/search?q="with talks"')["count"] == 0
    assert get(client, "/api/v1/search?q=negot*")["count"] == 1
    assert get(client, "/api/v1/search?q=", 400)["error"].startswith("give the words")


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/v1/statements?kind=shouted", 400, "unknown kind"),
        ("/api/v1/statements?since=yesterday", 400, "is not a date"),
        ("/api/v1/statements?speaker=Nobody+Atall", 404, "no speaker is named"),
        ("/api/v1/speakers/999", 404, "speaker"),
        ("/api/v1/events/999", 404, "no speech event 999"),
        ("/api/v1/articles/nope-nope", 404, "no article"),
        ("/api/v1/timeline?speaker=1&topic=none-such", 404, "topic"),
    ],
)
def test_bad_requests_say_what_is_wrong(
    client: TestClient, path: str, status: int, words: str
) -> None:
    body = get(client, path, status)
    assert words in body["error"] and set(body) == {"error", "hint"}


# --- exports --------------------------------------------------------------------------


def test_csv_and_jsonl_stream_every_row_in_the_cli_formats(client: TestClient, db: Path) -> None:
    response = client.get("/api/v1/statements?format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == shapes.STATEMENT_FIELDS and len(rows) == 8
    printed = CliRunner().invoke(main, ["statements", "--format", "csv", "--db", str(db)])
    assert response.text == printed.output
    lines = client.get("/api/v1/statements?format=jsonl&speaker=1")
    assert lines.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in lines.text.splitlines()]
    assert records == get(client, "/api/v1/statements?speaker=1&limit=1000")["items"]


def test_every_listing_exports(client: TestClient) -> None:
    for route in ("speakers", "articles", "topics", "edits", "events?all=1", "drift"):
        joiner = "&" if "?" in route else "?"
        response = client.get(f"/api/v1/{route}{joiner}format=jsonl")
        assert response.status_code == 200, route
        for line in response.text.splitlines():
            json.loads(line)
    timeline = client.get("/api/v1/timeline?speaker=1&format=csv")
    assert timeline.text.splitlines()[0].split(",") == list(shapes.TIMELINE_EVENT_FIELDS)


def test_an_export_with_a_bad_filter_fails_before_it_starts(client: TestClient) -> None:
    response = client.get("/api/v1/statements?format=csv&speaker=Nobody+Atall")
    assert response.status_code == 404 and "no speaker" in response.json()["error"]


# --- the server stays read-only without its token --------------------------------------

WRITES = [
    ("post", "/api/v1/speakers/1/rename", {"name": "The Leader"}),
    ("post", "/api/v1/speakers/1/merge", {"other": "2"}),
    ("post", "/api/v1/statements/1/reassign", {"speaker": "2"}),
    ("delete", "/api/v1/statements/1", None),
    ("patch", "/api/v1/articles/reuters-2019", {"title": "changed"}),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_are_refused_without_a_token(
    client: TestClient, method: str, path: str, body: Any
) -> None:
    response = client.request(method, path, json=body, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and "read-only" in response.json()["error"]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_need_the_right_token(tmp_path: Path, method: str, path: str, body: Any) -> None:
    guarded = TestClient(create_app(web_database(tmp_path / "w.db"), token="s3cret"))
    assert guarded.request(method, path, json=body).status_code == 401
    wrong = guarded.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "wrong token"
    assert [e["action"] for e in get(guarded, "/api/v1/edits")["items"]] == ["set"]


def test_an_edit_with_the_token_is_made_and_logged(tmp_path: Path) -> None:
    guarded = TestClient(create_app(web_database(tmp_path / "w.db"), token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    renamed = guarded.post("/api/v1/speakers/1/rename", json={"name": "The Leader"}, headers=auth)
    assert renamed.status_code == 200 and renamed.json()["name"] == "The Leader"
    valid(schemas.Speaker, renamed.json())
    deleted = guarded.delete("/api/v1/statements/2", headers=auth)
    valid(schemas.Edit, deleted.json())
    assert guarded.get("/api/v1/statements/2").status_code == 404
    log = get(guarded, "/api/v1/edits")["items"]
    assert [e["action"] for e in log] == ["set", "rename", "delete"]
    assert get(guarded, "/api/v1/edits?speaker=1")["items"][0]["new"] == "The Leader"


# --- a speaker in brief agrees with their timeline ------------------------------------


def test_event_outlines_agree_with_the_timeline(db: Path) -> None:
    from onrecord.queries.timeline import build_timeline
    from onrecord.store import open_store

    with open_store(db, write=False) as store:
        for speaker in store.speakers():
            assert speaker.id is not None
            whole = build_timeline(store, str(speaker.id))
            expected = [
                (e.id, e.date, e.basis, len(e.statements), len(e.reports))
                for e in (*whole.events, *whole.undated)
            ]
            found = [
                (o.id, o.date, o.basis, o.statements, o.articles)
                for o in store.event_outlines(speaker.id)
            ]
            assert found == expected, speaker.name
            on_topic = store.event_outlines(speaker.id, "talks-with-us")
            topical = build_timeline(store, str(speaker.id), "talks-with-us")
            positions = {e.id: e for e in (*topical.events, *topical.undated)}
            for outline in on_topic:
                event = positions.get(outline.id)
                count = sum(outline.positions.values())
                assert count == (len(event.statements) if event else 0), speaker.name


def test_speaker_counts_by_outlet_and_year(db: Path) -> None:
    from onrecord.store import open_store

    with open_store(db, write=False) as store:
        leader = store.speaker(LEADER)
        assert leader.id is not None
        by_outlet, by_year = store.speaker_counts(leader.id)
    assert dict(by_outlet) == {"Tehran Times": 1, "Reuters": 1, "Fars News": 1, "A Blog": 1}
    assert by_year == [(2018, 2), (2019, 1), (None, 1)]


def test_timeline_pages_equal_the_whole_timeline_on_the_example_corpus(db: Path) -> None:
    from tests.unit.test_timeline_pages import assert_pages_agree

    from onrecord.store import open_store

    with open_store(db, write=False) as store:
        for speaker in store.speakers():
            assert_pages_agree(store, str(speaker.id))
            assert_pages_agree(store, str(speaker.id), "talks-with-us")
