"""Answers kept a while: reused until they expire, forgotten after any write."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from fastapi.testclient import TestClient  # noqa: E402
from tests.web_corpus import web_database  # noqa: E402

from onrecord.pipeline.corrections import correct_article  # noqa: E402
from onrecord.store import open_store  # noqa: E402
from onrecord.web.app import create_app  # noqa: E402
from onrecord.web.cache import Recent  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_answer_is_kept_until_it_expires_or_is_cleared() -> None:
    clock = Clock()
    recent = Recent(seconds=10, size=2, clock=clock)
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert recent.get("a", lambda: compute("a")) == "A"
    assert recent.get("a", lambda: compute("a")) == "A"
    clock.now = 10.5
    assert recent.get("a", lambda: compute("a")) == "A"
    assert calls == ["a", "a"]
    recent.get("b", lambda: compute("b"))
    recent.get("c", lambda: compute("c"))  # the least recently used ("a") goes
    recent.get("a", lambda: compute("a"))
    recent.clear()
    recent.get("c", lambda: compute("c"))
    assert calls == ["a", "a", "b", "c", "a", "c"]


def test_an_answer_computed_while_a_write_landed_is_not_kept() -> None:
    recent = Recent(seconds=10)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        recent.clear()  # a write seen by another thread while this answer was read
        return len(calls)

    assert recent.get("a", compute) == 1
    assert recent.get("a", compute) == 2  # the first answer was not kept


def test_no_answer_is_kept_when_the_setting_is_zero() -> None:
    recent = Recent(seconds=0)
    calls: list[int] = []
    recent.get("a", lambda: calls.append(1))
    recent.get("a", lambda: calls.append(1))
    assert len(calls) == 2


# --- the pages kept a while are never stale after a write ---------------------------------

TOKEN = "s3cret"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return web_database(tmp_path / "web.db")


def test_a_token_edit_shows_at_once_on_every_kept_page(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONRECORD_PAGE_CACHE", "600")
    client = TestClient(create_app(db, token=TOKEN))
    event = client.get("/api/v1/events?speaker=1").json()["items"][0]["event_id"]
    for path in ("/speakers/1", f"/events/{event}", "/outlets"):
        assert "Khamenei" in client.get(path).text or path == "/outlets"
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    renamed = client.post("/api/v1/speakers/1/rename", json={"name": "The Leader"}, headers=bearer)
    assert renamed.status_code == 200
    assert client.patch(
        "/api/v1/articles/reuters-2019", json={"outlet": "Renamed Wire"}, headers=bearer
    ).status_code == 200
    assert "The Leader" in client.get("/speakers/1").text
    assert "The Leader" in client.get(f"/events/{event}").text
    assert "Renamed Wire" in client.get("/outlets").text


def test_a_write_by_another_process_shows_at_once(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest or a CLI edit writes through its own connection: the server sees it."""
    monkeypatch.setenv("ONRECORD_PAGE_CACHE", "600")
    client = TestClient(create_app(db))
    assert "Khamenei" in client.get("/speakers/1").text
    assert "Renamed Wire" not in client.get("/outlets").text
    with open_store(db) as store:  # as `onrecord speakers rename` and `articles set` do
        store.rename_speaker("1", "The Leader")
        correct_article(store, "reuters-2019", {"outlet": "Renamed Wire"})
    assert "The Leader" in client.get("/speakers/1").text
    assert "Renamed Wire" in client.get("/outlets").text


def test_answers_are_kept_until_a_write(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a write, a kept answer is reused; after one, read again."""
    monkeypatch.setenv("ONRECORD_PAGE_CACHE", "600")
    web = create_app(db).state.web
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return web.store().counts()["speakers"]

    assert web.cached("speakers", read) == web.cached("speakers", read) == 3
    assert len(reads) == 1
    with open_store(db) as store:
        store.merge_speakers("1", "2")
    assert web.cached("speakers", read) == 2
    assert len(reads) == 2
