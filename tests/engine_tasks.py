"""Stand-in tasks for the engines' tests: what a worker runs, without spaCy.

They live in an importable module because worker processes are spawned: they import
the task by name.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence

from onrecord.models import Article, Failure, ProcessedArticle, RawDocument
from onrecord.pipeline.engines.tasks import Outcome
from onrecord.pipeline.prepare import prepare

# An article whose text holds this word kills the worker process that reads it.
POISON = "POISON"


def article(number: int, words: str = "") -> Article:
    """A small clean article numbered `number` (its text, and so its id, differ by number)."""
    text = f"Article {number}. Mayor Ines Varga said the ferry runs on time. {words}".strip()
    raw = RawDocument(doc=f"a{number}", source=f"a{number}.txt", format="txt", text=text)
    return prepare(raw, clean_text=False)


def echo(articles: Sequence[Article], model: str | None = None) -> Outcome:
    """Each article back with no statements; a poisoned one kills this process (SIGKILL)."""
    results: list[ProcessedArticle | Failure] = []
    for item in articles:
        if POISON in item.text:
            os.kill(os.getpid(), signal.SIGKILL)
        results.append(ProcessedArticle(item, ()))
    return results
