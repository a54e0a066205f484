"""The script that rebuilds a real-pages JSONL from a gold file and saved search answers."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[2] / "bench" / "real_pages" / "build_pages.py"
GOLD = Path(__file__).parents[1] / "fixtures" / "real_pages_gold.json"


def _module():
    spec = importlib.util.spec_from_file_location("build_pages", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _answers(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    results = [
        {"rank": 1, "url": "https://a.example/x", "excerpt": "First page text."},
        {"rank": 2, "url": "https://b.example/y", "excerpt": "Second page, rank two."},
        {"rank": 3, "url": "https://b.example/y", "excerpt": "Same URL, rank three."},
    ]
    (folder / "q001.json").write_text(json.dumps({"query": "q", "results": results}))
    return folder


def test_pages_are_read_from_the_named_answer_and_rank(tmp_path):
    gold = {
        "pages": [
            {
                "id": "s-1",
                "url": "https://b.example/y",
                "source": {"answer": "q001.json", "rank": 3},
            },
            {"id": "s-2", "url": "https://a.example/x"},
        ]
    }
    records = _module().page_texts(gold, _answers(tmp_path))
    assert records == [
        {"id": "s-1", "url": "https://b.example/y", "text": "Same URL, rank three."},
        {"id": "s-2", "url": "https://a.example/x", "text": "First page text."},
    ]


def test_a_moved_page_stops_the_rebuild(tmp_path):
    gold = {
        "pages": [
            {
                "id": "s-1",
                "url": "https://c.example/z",
                "source": {"answer": "q001.json", "rank": 1},
            }
        ]
    }
    with pytest.raises(SystemExit, match="the answer's URL is https://a.example/x"):
        _module().page_texts(gold, _answers(tmp_path))


def test_main_writes_jsonl_and_refuses_bad_usage(tmp_path, capsys):
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps({"pages": [{"id": "s-1", "url": "https://a.example/x"}]}))
    out = tmp_path / "pages.jsonl"
    module = _module()
    assert module.main([str(gold_path), str(_answers(tmp_path)), str(out)]) == 0
    lines = out.read_text().splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["First page text."]
    assert module.main([str(gold_path)]) == 2


def test_the_committed_gold_names_a_source_for_every_page():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pages = gold["pages"]
    assert len(pages) >= 40
    assert len({p["id"] for p in pages}) == len(pages)
    answers = {name for story in gold["stories"] for name in story["answers"]}
    assert all(p["source"]["answer"] in answers for p in pages)
