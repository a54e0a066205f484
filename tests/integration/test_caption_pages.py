"""Photo captions, credits, teasers and pull quotes on whole pages: no statement from them.

The pages (examples/pages/captions.jsonl) are ours, written in the forms real news pages
take (issue 13): wire captions opening "FILE PHOTO:" and "FILE -", a caption under an
"Image copyright" credit, a picture block of alternative text, caption and credit, a
present-tense caption without a credit, a "Recommended" teaser quoting someone, a pull
quote repeating the story, and a caption glued to the paragraph after it.
"""

from __future__ import annotations

import pytest
from tests.shared_data import EXAMPLES

from onrecord.models import ProcessedArticle
from onrecord.pipeline.run import extract

pytestmark = pytest.mark.slow

PAGES = EXAMPLES / "pages" / "captions.jsonl"

# Per page: the starts of the lines marked as captions, and the statements kept (speaker,
# the start of the content).
EXPECTED = {
    "wire-gallery": (
        ["FILE PHOTO: Harbour Minister Tomas Vell speaks", "FILE - Vell waves to dockers"],
        [("Tomas Vell", "that the old quay"), ("Tomas Vell", '"Nobody who fishes')],
    ),
    "copyright-block": (
        ["Vell said the crews had earned"],
        [("Ines Marr", "the council had been kept")],
    ),
    "picture-block": (
        ["Ode and Vell", "Ana Ode told the crews", "Mayor Ana Ode gestures as she addresses"],
        [
            ("Ana Ode", "the winter ferry"),
            ("Ana Ode", '"Twice a day'),
            ("Ben Ruiz", "The timetable"),
        ],
    ),
    "pull-quote": (
        ["“I have done what I could for the coast …", "Vell at the harbour office on Friday"],
        [("Tomas Vell", "Speaking on the quay")],
    ),
}


@pytest.fixture(scope="module")
def pages() -> dict[str, ProcessedArticle]:
    found = {}
    for result in extract([PAGES]):
        assert isinstance(result, ProcessedArticle), result
        found[result.article.doc] = result
    return found


def _captions(page: ProcessedArticle) -> list[str]:
    text = page.article.text
    return [text[c.start : c.end] for c in page.article.captions]


@pytest.mark.parametrize("page_id", sorted(EXPECTED))
def test_the_captions_are_marked(pages, page_id):
    starts, _ = EXPECTED[page_id]
    captions = _captions(pages[page_id])
    assert len(captions) == len(starts)
    assert all(c.startswith(s) for c, s in zip(captions, starts, strict=True)), captions


@pytest.mark.parametrize("page_id", sorted(EXPECTED))
def test_no_statement_comes_from_a_caption(pages, page_id):
    page = pages[page_id]
    for statement in page.statements:
        a = statement.attribution
        for span in a.source + a.cue + a.content:
            assert not any(span.overlaps(c) for c in page.article.captions), statement


@pytest.mark.parametrize("page_id", sorted(EXPECTED))
def test_the_story_keeps_its_statements(pages, page_id):
    _, wanted = EXPECTED[page_id]
    page = pages[page_id]
    text = page.article.text
    found = {(s.speaker, s.attribution.content[0].text(text)) for s in page.statements if s.speaker}
    for speaker, start in wanted:
        assert any(who == speaker and words.startswith(start) for who, words in found), (
            speaker,
            start,
            found,
        )


def test_a_teaser_quoting_someone_is_removed(pages):
    page = pages["copyright-block"]
    assert "We will not retreat" not in page.article.text
    assert page.article.removed.get("story list") == 4  # the heading and its three lines
    assert page.article.removed.get("photo credit") == 1  # "Image copyright Lanmoor"
