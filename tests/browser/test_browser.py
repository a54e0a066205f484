"""The whole path in a real browser: Debian's Chromium driven by Playwright, headless.

From a search to a speaker, to an event, to a statement's highlighted words in its article;
and script payloads in titles, outlets, text and speaker names stay inert (no dialog opens).
Screenshots go to build/browser/ (not committed). Playwright never downloads a browser here:
it launches /usr/bin/chromium, which `make test` installs when it can.
"""

from __future__ import annotations

import dataclasses
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parents[2] / "build" / "browser"

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="BROWSER TESTS SKIPPED: the playwright package is not installed"
)
if not Path(CHROMIUM).exists():
    pytest.skip(
        "BROWSER TESTS SKIPPED: no chromium at /usr/bin/chromium; install Debian's package "
        "(apt-get install chromium, which `make test` does as root)",
        allow_module_level=True,
    )

import uvicorn  # noqa: E402
from tests.web_corpus import web_database  # noqa: E402

from onrecord.web.app import create_app  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the web tests' database on 127.0.0.1 with uvicorn, in a thread."""
    db = web_database(tmp_path_factory.mktemp("browser") / "web.db")
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    opened = context.new_page()
    yield opened
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_speaker_event_and_a_statement_s_words(site: str, page: Any) -> None:
    failed: list[str] = []  # console errors: a resource that did not load, a script error
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: failed.append(str(error)))
    page.goto(f"{site}/search")
    page.fill("input[name=q]", "negot*")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=negot*")
    assert page.locator("p.count b").inner_text() == "1"
    assert page.locator("li.result mark").first.inner_text() == "negotiations"
    shot(page, "1-search")

    page.click("li.result a.words")
    page.wait_for_url("**/articles/*?s=*#s*")
    sid = page.url.rsplit("#s", 1)[1]
    target = page.locator("span.statement:target")
    assert target.get_attribute("id") == f"s{sid}"
    assert "negotiations with America were poison" in target.inner_text()
    outline = target.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid", "the statement's words are not highlighted"
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 800, "the page did not scroll to the statement"
    shot(page, "2-article")

    page.goto(f"{site}/search?q=talks+US")
    page.click("li.result >> nth=0 >> a[href^='/speakers/']")
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == "Ayatollah Seyyed Ali Khamenei"
    chart = page.locator("figure.chart svg")
    assert chart.is_visible() and chart.locator("circle").count() >= 2
    assert page.evaluate(OVERLAPS) == []  # the speaker page's chart, as drawn
    shot(page, "3-speaker")

    page.click("#events a[href^='/events/']")
    page.wait_for_url("**/events/*")
    assert page.locator("section.report").count() == 2
    assert page.locator("div.version ins").first.inner_text() == "Americans."
    shot(page, "4-event")

    page.click("div.version a[href*='#s'] >> nth=1")
    page.wait_for_url("**/articles/*#s*")
    assert (
        "There will be no talks with the Americans."
        in page.locator("span.statement:target").inner_text()
    )
    assert failed == []


def test_payloads_stay_inert(site: str, page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    hostile = page.request.get(f"{site}/api/v1/articles/hostile").json()["id"]
    events = page.request.get(f"{site}/api/v1/events?speaker=3").json()["items"]
    assert events, "the hostile speaker has no event page to check"
    for path in (
        *(f"/events/{e['event_id']}" for e in events),
        "/speakers/3?topic=talks-with-us",  # the chart's title and lanes toward a topic
        "/search?q=plan&speaker=3",
        "/search?q=plan",
        "/search?q=change",
        "/speakers",
        "/speakers/3",
        "/events?all=1",
        "/articles",
        f"/articles/{hostile}",
        "/outlets",
    ):
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        assert page.locator("img").count() == 0, f"an <img> was made from text on {path}"
        assert page.locator("script").count() == 0, f"a <script> was made from text on {path}"
    shot(page, "5-hostile-article")
    page.goto(f"{site}/articles/{hostile}")
    assert '<script>alert("script")</script>' in page.locator("article.text").inner_text()
    assert dialogs == [] and errors == []


def test_chart_labels_never_overlap_as_the_browser_draws_them(page: Any, tmp_path: Path) -> None:
    """The chart reserves each label's width from a table of generous letter widths; here
    Chromium measures the drawn text of a chart crowded with 200 events of wide-lettered
    occasions and a speaker page's chart, and no two pieces of text may touch."""
    from tests.unit.test_render_web import timeline

    from onrecord.render.chart import timeline_svg

    crowded = timeline(200)
    wide = [
        dataclasses.replace(e, occasion=f"WMW MEETING AT THE WORLD HQ {e.id:03d} WWWWW")
        for e in crowded.events
    ]
    svg = timeline_svg(dataclasses.replace(crowded, events=tuple(wide)))
    file = tmp_path / "chart.html"
    file.write_text(f"<!DOCTYPE html><html><body style='margin:0'>{svg}</body></html>")
    page.set_viewport_size({"width": 960, "height": 800})
    page.goto(file.as_uri())
    assert page.evaluate(OVERLAPS) == []
    labels = page.locator("text.event-label").count()
    assert 8 <= labels < 200 and (page.locator("text.chart-note").text_content() or "").endswith(
        f"{200 - labels} label(s) left out for room"
    )
    shot(page, "6-crowded-chart")


# Pairs of <text> in the page's SVG whose drawn boxes (in the SVG's own units) intersect.
OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('svg text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height};
  });
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5)
        found.push([a.text, b.text]);
    }
  }
  return found;
}"""
