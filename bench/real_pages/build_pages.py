"""Rebuild a real-pages JSONL from a gold file and a folder of saved search answers.

    python bench/real_pages/build_pages.py GOLD ANSWERS_DIR OUT.jsonl

Each gold page names the saved answer and the rank its text came from ("source"); a page
without one takes the first result with its URL. Each line written is
{"id", "url", "text"}: the text exactly as the answer gives it, and nothing else (no
date, outlet or title: onrecord must find those itself). The page texts are third-party
and stay outside the repository; only the gold's facts are committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def page_texts(gold: dict[str, Any], answers: Path) -> list[dict[str, str]]:
    """Return one {"id", "url", "text"} record per gold page, read from the saved answers."""
    cache: dict[str, list[dict[str, Any]]] = {}

    def results(name: str) -> list[dict[str, Any]]:
        if name not in cache:
            cache[name] = json.loads((answers / name).read_text(encoding="utf-8"))["results"]
        return cache[name]

    records = []
    for page in gold["pages"]:
        source = page.get("source")
        if source:
            found = [r for r in results(source["answer"]) if r.get("rank") == source["rank"]]
        else:
            found = [
                r
                for name in sorted(p.name for p in answers.glob("*.json"))
                for r in results(name)
                if r.get("url") == page["url"]
            ][:1]
        if not found:
            raise SystemExit(f"{page['id']}: no saved answer holds {page['url']}")
        result = found[0]
        if result.get("url") != page["url"]:
            found_url = result.get("url")
            raise SystemExit(f"{page['id']}: the answer's URL is {found_url}, not {page['url']}")
        records.append({"id": page["id"], "url": page["url"], "text": result["excerpt"]})
    return records


def main(argv: list[str]) -> int:
    """Write the pages JSONL; exit 2 on bad usage."""
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    gold = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    records = page_texts(gold, Path(argv[1]))
    with Path(argv[2]).open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} pages written to {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
