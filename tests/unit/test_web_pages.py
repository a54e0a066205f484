"""The pages in process: status codes, what each shows, links that land, payloads escaped."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from fastapi.testclient import TestClient  # noqa: E402
from tests.unit.test_store import LEADER  # noqa: E402
from tests.web_corpus import NAME, ONERROR, OUTLET, SCRIPT, TITLE, web_database  # noqa: E402

from onrecord.web.app import create_app  # noqa: E402

PAGES = [
    "/search",
    "/search?q=talks",
    "/search?q=plan&speaker=Agent",
    "/speakers",
    "/speakers/1",
    "/speakers/1?topic=talks-with-us",
    "/speakers/3",
    "/events",
    "/events?all=1",
    "/events/1",
    "/articles",
    "/articles/tehran-times-2018",
    "/outlets",
    "/about",
    "/login",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_database(tmp_path_factory.mktemp("pages") / "web.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, token="s3cret"))


def page(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path, follow_redirects=True)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def article_id(client: TestClient, doc: str) -> str:
    return client.get(f"/api/v1/articles/{doc}").json()["id"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_with_nothing_from_elsewhere(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 200
    assert "script-src 'none'" in response.headers["content-security-policy"]
    # No script, and no stylesheet, image or font from another site.
    assert "<script" not in response.text.replace("&lt;script", "")
    assert not re.search(r'(src|href)="(https?:)?//', response.text)


@pytest.mark.parametrize(
    "path",
    [
        "/speakers/999",
        "/events/999",
        "/articles/nothing-such",
        "/statements/999",
        "/speakers/Nobody",
    ],
)
def test_what_does_not_exist_is_a_404_page(client: TestClient, path: str) -> None:
    assert "Not found" in page(client, path, 404)


def test_search_marks_the_matches_and_counts_them(client: TestClient) -> None:
    text = page(client, "/search?q=talks")
    assert "<b>4</b> statement(s) match" in text
    assert "no <mark>talks</mark> with the US" in text
    assert "<mark>Talks</mark>, <mark>talks</mark>, <mark>talks</mark>" in text
    prefix = page(client, "/search?q=negot*")
    assert "<mark>negotiations</mark>" in prefix and "<b>1</b> statement(s)" in prefix


def test_search_filters_and_says_what_a_date_range_left_out(client: TestClient) -> None:
    text = page(client, "/search?since=2018-01-01&until=2019-12-31")
    assert "<b>5</b> statement(s)" in text
    assert "1 undated statement(s) left out" in text
    link = re.search(r'href="([^"]+)">include them', text)
    assert link and "include_undated=1" in link.group(1)
    assert "<b>6</b> statement(s)" in page(client, link.group(1).replace("&amp;", "&"))
    assert "<b>1</b> statement(s)" in page(client, "/search?kind=mixed")


def test_search_pages_through_the_results(client: TestClient) -> None:
    first = page(client, "/search?limit=3")
    assert "1–3 of 8" in first
    following = re.search(r'rel="next" href="([^"]+)"', first)
    assert following
    second = page(client, following.group(1).replace("&amp;", "&"))
    assert "4–6 of 8" in second and 'rel="prev"' in second


def test_a_bad_filter_is_said_on_the_search_page(client: TestClient) -> None:
    assert "is not a date" in page(client, "/search?since=soon", 400)
    assert "no speaker is named" in page(client, "/search?speaker=Nobody+Atall", 404)


def test_a_statement_links_to_its_words_in_the_article(client: TestClient) -> None:
    text = page(client, "/search?q=poison")
    link = re.search(r'<a class="words" href="(/articles/(\w+)\?s=(\d+)#s\3)"', text)
    assert link
    article = page(client, link.group(1))
    words = re.search(
        rf'<span class="statement" id="s{link.group(3)}">(.*?)</span></span>', article
    )
    assert words and 'class="content">negotiations with America were poison' in words.group(1)
    redirect = client.get(f"/statements/{link.group(3)}", follow_redirects=False)
    assert redirect.headers["location"] == link.group(1)


def test_the_article_marks_every_statement_and_lists_it(client: TestClient) -> None:
    text = page(client, "/articles/tehran-times-2018")
    for sid in (1, 2):
        assert f'id="s{sid}"' in text and f'href="?s={sid}#s{sid}"' in text
    assert '<span class="source">The foreign minister, Mohammad Javad Zarif</span>' in text
    assert '<span class="cue">said </span><span class="content cue">talks were</span>' in text
    assert "Tehran Times" in text and "published 2018-08-13" in text


def test_the_speaker_page_has_names_counts_chart_and_statements(client: TestClient) -> None:
    text = page(client, "/speakers/1?topic=talks-with-us")
    assert f"<h1>{LEADER}</h1>" in text
    assert re.search(r"<td>.*Tehran Times.*</td><td>1</td>", text)
    assert re.search(r"<td>.*2018.*</td><td>2</td>", text)
    svg = re.search(r"<svg.*?</svg>", text, re.S)
    assert svg and 'class="legend"' in svg.group(0) and "<circle" in svg.group(0)
    assert "Iran should negotiate with the United States" in text
    assert text.count('<li class="result"') == 4


def test_the_speaker_page_shows_the_roles_the_corpus_names_them_by(tmp_path: Path) -> None:
    db = web_database(tmp_path / "roles.db")
    with sqlite3.connect(db) as conn:  # as ingest keeps them (docs/speakers.md)
        conn.executemany(
            "INSERT INTO speaker_roles (head, words, designator, speaker_id, first_seen, "
            "last_seen) VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("leader", "leader supreme", "iran", 1, "2018-07-21", "2019-09-17"),
                ("leader", "leader", "", 1, None, None),
                ("minister", "minister <script>", "", 3, None, None),
            ],
        )
    client = TestClient(create_app(db))
    roles = re.search(r'<p id="roles">(.*?)</p>', page(client, "/speakers/1"), re.S)
    assert roles and "Supreme Leader (Iran), seen 2018-07-21 to 2019-09-17; Leader" in roles.group(
        1
    )
    hostile = page(client, "/speakers/3")
    assert "&lt;script&gt; Minister" in hostile and "<script> Minister" not in hostile
    assert "none seen" in page(client, "/speakers/2")


def test_the_event_page_sets_the_reports_side_by_side_with_the_drift(client: TestClient) -> None:
    text = page(client, "/events/1")
    reports = re.findall(r'<section class="report">\s*<h3>(.*?)</h3>', text)
    assert reports == ["Fars News", "Tehran Times"] or reports == ["Tehran Times", "Fars News"]
    assert "wording differs" in text
    assert "<ins>Americans.</ins>" in text and "<del" in text
    assert re.search(r"<q>Americans\.</q> \(Fars News\)", text)


def test_the_about_page_counts_the_record(client: TestClient) -> None:
    text = page(client, "/about")
    assert re.search(r"statements</td><td>8<", text) and "talks-with-us" in text


def test_the_outlets_page_lists_every_outlet(client: TestClient) -> None:
    text = page(client, "/outlets")
    for outlet in ("Tehran Times", "Reuters", "Fars News", "A Blog"):
        assert outlet in text


def test_edits_are_shown_on_the_page_of_what_they_changed(client: TestClient) -> None:
    text = page(client, "/articles/blog-undated")
    assert re.search(r"outlet: unknown → “A Blog” \(set by hand\)", text)
    assert "tester" in text


# --- hostile text stays text ---------------------------------------------------------

HOSTILE_PAGES = [
    "/search?q=plan",
    "/search?q=change",
    "/speakers",
    "/speakers/3",
    "/events?all=1",
    "/articles",
    "/outlets",
]


@pytest.mark.parametrize("path", [*HOSTILE_PAGES, "hostile-article"])
def test_payloads_in_titles_names_and_text_are_escaped(client: TestClient, path: str) -> None:
    if path == "hostile-article":
        path = f"/articles/{article_id(client, 'hostile')}"
    text = page(client, path)
    for payload in (SCRIPT, ONERROR, "<img src=x"):
        assert payload not in text, f"{payload} printed raw on {path}"
    assert "&lt;script&gt;" in text or "&lt;img src=x onerror=" in text


def test_the_hostile_article_shows_its_payloads_as_words(client: TestClient) -> None:
    text = page(client, f"/articles/{article_id(client, 'hostile')}")
    assert "Breaking &lt;script&gt;alert(&#34;script&#34;)&lt;/script&gt; news" in text or (
        "Breaking &lt;script&gt;alert(&quot;script&quot;)&lt;/script&gt; news" in text
    )
    assert TITLE not in text and NAME not in text and OUTLET not in text


def test_every_statement_s_link_wraps_its_words_whole(client: TestClient) -> None:
    for doc in ("tehran-times-2018", "reuters-2019", "hostile"):
        article = client.get(f"/api/v1/articles/{doc}").json()
        for statement in article["statements"]:
            sid = statement["id"]
            text = page(client, f"/articles/{article['id']}?s={sid}")
            assert f'<span class="statement" id="s{sid}">' in text
    redirect = client.get("/statements/3", follow_redirects=False)
    assert redirect.headers["location"].endswith("?s=3#s3")
