"""Captions, teasers and headlines through the whole per-article pipeline (made-up pages).

No statement comes from a photo caption or a teaser; what the stages leave out is counted
by stage and reason; a headline without a full stop is its own sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from onrecord.attribution.component import paragraph_starts
from onrecord.models import Dropped, ProcessedArticle
from onrecord.pipeline.run import extract, ingest
from onrecord.store import open_store

PAGE = """\
Harbour minister rules out new tolls

Harbour Minister Tomas Vell speaks to reporters at the pier on May 6, 2019. Photo: Lanmoor

“The pier will open in May, and there will be no new tolls,” Vell said on Monday.

Recommended

Ferry route saved after a night of talks

Advertisement 3

“We are ready for the summer,” Mayor Ana Ode told the Harbour Herald.

“We chose the harbour because it is ours,” Vell said at the opening. Photo: Lanmoor
"""


def test_a_headline_without_a_full_stop_is_its_own_sentence() -> None:
    words = ["Minister", "rules", "out", "tolls", "\n\n"] + [
        "Harbour",
        "Minister",
        "Vell",
        "said",
        ".",
    ]
    spaces = [True, True, True, False, False, True, True, True, False, False]
    doc = paragraph_starts(Doc(Vocab(), words=words, spaces=spaces))
    assert doc[5].is_sent_start is True  # the paragraph after the headline opens a sentence
    assert doc[6].is_sent_start is False  # and its first word is no sentence of its own
    ended = ["Tolls", "go", ".", "\n\n", "Vell", "said", "so", "."]
    doc = paragraph_starts(Doc(Vocab(), words=ended, spaces=[True, False, False] + [False] * 5))
    assert doc[4].is_sent_start is None  # after a full stop the parser decides, as before


@pytest.mark.slow
def test_no_statement_from_captions_or_teasers_and_drops_are_counted(tmp_path: Path) -> None:
    page = tmp_path / "harbour.txt"
    page.write_text(PAGE, encoding="utf-8")
    (result,) = list(extract([page]))
    assert isinstance(result, ProcessedArticle)
    text = result.article.text
    captions = [text[c.start : c.end] for c in result.article.captions]
    assert len(captions) == 2 and all(line.endswith("Photo: Lanmoor") for line in captions)
    assert "Ferry route saved" not in text and "Advertisement" not in text
    contents = [
        " ".join(span.text(text) for span in s.attribution.content) for s in result.statements
    ]
    assert any("there will be no new tolls" in content for content in contents)
    assert any("ready for the summer" in content for content in contents)
    assert not any("chose the harbour" in content for content in contents)
    for statement in result.statements:
        for span in statement.attribution.cue + statement.attribution.content:
            assert not any(span.overlaps(caption) for caption in result.article.captions)
    dropped = {(d.stage, d.reason): d.count for d in result.dropped}
    assert dropped[("attribution", "in a photo caption")] >= 1
    assert dropped[("cleaning", "story list")] == 3
    assert all(isinstance(d, Dropped) and d.count > 0 for d in result.dropped)


@pytest.mark.slow
def test_the_run_report_counts_what_was_left_out(tmp_path: Path) -> None:
    page = tmp_path / "harbour.txt"
    page.write_text(PAGE, encoding="utf-8")
    with open_store(tmp_path / "db.sqlite") as store:
        report = ingest([page], store)
    assert report.dropped[("cleaning", "story list")] == 3
    assert report.dropped[("attribution", "in a photo caption")] >= 1
    line = report.left_out()
    assert line.startswith("cleaning: story list 3; attribution: ")
    assert "in a photo caption" in line
