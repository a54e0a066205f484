"""Editing from the pages: only with the token, only with the form's CSRF token, all logged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from fastapi.testclient import TestClient  # noqa: E402
from tests.web_corpus import web_database  # noqa: E402

from onrecord.web.access import SESSION_COOKIE  # noqa: E402
from onrecord.web.app import create_app  # noqa: E402

TOKEN = "s3cret"
FORMS = [
    ("/edit/speakers/1/rename", {"name": "The Leader"}),
    ("/edit/speakers/1/merge", {"other": "2"}),
    ("/edit/statements/1/reassign", {"speaker": "2"}),
    ("/edit/statements/1/delete", {}),
    ("/edit/articles/reuters-2019", {"published": "2019-05-14", "outlet": "R", "title": "T"}),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return web_database(tmp_path / "web.db")


def csrf_of(text: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', text)
    assert found, "no form with a CSRF token on the page"
    return found.group(1)


def logged_in(db: Path) -> tuple[TestClient, str]:
    """Return a client logged in with the token, and the CSRF token of its forms."""
    client = TestClient(create_app(db, token=TOKEN))
    login = client.get("/login")
    answer = client.post(
        "/login", data={"token": TOKEN, "csrf": csrf_of(login.text)}, follow_redirects=False
    )
    assert answer.status_code == 303 and SESSION_COOKIE in answer.cookies
    return client, csrf_of(client.get("/speakers/1").text)


def edits_logged(client: TestClient) -> list[str]:
    return [e["action"] for e in client.get("/api/v1/edits").json()["items"]]


@pytest.mark.parametrize(("path", "form"), FORMS)
def test_a_read_only_server_refuses_every_form(db: Path, path: str, form: dict[str, str]) -> None:
    client = TestClient(create_app(db))
    response = client.post(path, data={**form, "csrf": "x"})
    assert response.status_code == 403 and "read-only" in response.text
    assert client.get("/login").status_code == 403
    assert 'action="/edit' not in client.get("/speakers/1").text
    assert edits_logged(client) == ["set"]


@pytest.mark.parametrize(("path", "form"), FORMS)
def test_forms_need_a_session_and_its_csrf_token(db: Path, path: str, form: dict[str, str]) -> None:
    stranger = TestClient(create_app(db, token=TOKEN))
    assert stranger.post(path, data=form).status_code == 401
    client, csrf = logged_in(db)
    assert client.post(path, data=form).status_code == 403  # no CSRF token
    wrong = client.post(path, data={**form, "csrf": csrf[::-1]})
    assert wrong.status_code == 403 and "CSRF" in wrong.text
    other_site = client.post(
        path, data={**form, "csrf": csrf}, headers={"Origin": "http://evil.example"}
    )
    assert other_site.status_code == 403
    assert edits_logged(client) == ["set"]


def test_a_wrong_token_does_not_log_in(db: Path) -> None:
    client = TestClient(create_app(db, token=TOKEN))
    csrf = csrf_of(client.get("/login").text)
    answer = client.post("/login", data={"token": "guess", "csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 403 and SESSION_COOKIE not in answer.cookies
    forged = TestClient(create_app(db, token=TOKEN), cookies={SESSION_COOKIE: "abc.def"})
    assert (
        forged.post("/edit/speakers/1/rename", data={"name": "X", "csrf": "y"}).status_code == 401
    )


def test_login_needs_its_own_csrf_token(db: Path) -> None:
    client = TestClient(create_app(db, token=TOKEN))
    client.get("/login")
    assert client.post("/login", data={"token": TOKEN}).status_code == 403


def test_renaming_and_merging_speakers_show_on_the_speaker_page(db: Path) -> None:
    client, csrf = logged_in(db)
    done = client.post(
        "/edit/speakers/1/rename", data={"name": "The Leader", "csrf": csrf}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/speakers/1"
    merged = client.post("/edit/speakers/1/merge", data={"other": "2", "csrf": csrf})
    text = merged.text
    assert "<h1>The Leader</h1>" in text
    assert "Mohammad Javad Zarif" in text  # now one of its names
    assert "renamed" in text and "merged into" in text
    assert edits_logged(client) == ["set", "rename", "merge"]


def test_reassigning_and_deleting_statements_show_on_the_article_page(db: Path) -> None:
    client, csrf = logged_in(db)
    moved = client.post(
        "/edit/statements/1/reassign", data={"speaker": "2", "csrf": csrf}, follow_redirects=False
    )
    assert moved.status_code == 303 and moved.headers["location"].endswith("#s1")
    assert client.get("/api/v1/statements/1").json()["speaker_id"] == 2
    client.post("/edit/statements/2/delete", data={"csrf": csrf})
    text = client.get("/articles/tehran-times-2018").text
    assert 'id="s2"' not in text and 'id="s1"' in text
    assert "statement #1 speaker:" in text and "statement #2 deleted" in text


def test_correcting_an_article_shows_on_its_page(db: Path) -> None:
    client, csrf = logged_in(db)
    form = {"published": "2019-05-14", "outlet": "Reuters", "title": "A <b>new</b> title"}
    answer = client.post("/edit/articles/reuters-2019", data={**form, "csrf": csrf})
    assert answer.status_code == 200
    assert "<h1>A &lt;b&gt;new&lt;/b&gt; title</h1>" in answer.text
    assert "title: “Title of reuters-2019” → “A &lt;b&gt;new&lt;/b&gt; title”" in answer.text
    bad = client.post(
        "/edit/articles/reuters-2019", data={**form, "published": "May", "csrf": csrf}
    )
    assert bad.status_code == 400 and "is not a date" in bad.text


def test_logging_out_ends_the_session(db: Path) -> None:
    client, csrf = logged_in(db)
    client.post("/logout", data={"csrf": csrf})
    assert (
        client.post("/edit/speakers/1/rename", data={"name": "X", "csrf": csrf}).status_code == 401
    )
