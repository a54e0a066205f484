"""A small database for the web tests, built by hand (no NLP): one event two outlets quote
in different words, and an article whose title, outlet, text and speaker hold script payloads."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from onrecord.clustering import LexicalScorer
from onrecord.models import Kind, Precision, ProcessedArticle, StatementDate
from onrecord.pipeline.corpus import update_clusters
from onrecord.pipeline.corrections import correct_article
from onrecord.pipeline.topics import apply_topics
from onrecord.store import open_store
from onrecord.topics.definitions import parse_topics
from tests.shared_data import SEEDS_TOPICS
from tests.unit.test_store import (
    LEADER,
    article_a,
    article_b,
    article_c,
    processed,
    statement,
)

# Payloads that would run if any page printed them unescaped (each calls a dialog).
SCRIPT = '<script>alert("script")</script>'
ONERROR = "<img src=x onerror=\"alert('onerror')\">"
NAME = f"Agent {ONERROR} Smith"
TITLE = f"Breaking {SCRIPT} news"
OUTLET = f'The "Daily" {ONERROR}'

TEXT_E = (
    f'{LEADER} said on Monday: "There will be no talks with the Americans." '
    "He spoke to commanders in Tehran."
)
TEXT_X = (
    f"{NAME} said the plan {SCRIPT} was dead. "
    f'"Nothing {ONERROR} will change," {NAME} told reporters.'
)


SAID_ON = dt.date(2018, 8, 12)


def said_on(found: ProcessedArticle, day: dt.date = SAID_ON) -> ProcessedArticle:
    """Return `found` with the Leader's statements dated to `day`."""
    date = StatementDate(day, Precision.DAY, "on Sunday", None, "test")
    statements = tuple(
        dataclasses.replace(s, said_on=date) if s.speaker == LEADER else s for s in found.statements
    )
    return dataclasses.replace(found, statements=statements)


def article_e() -> ProcessedArticle:
    """The Leader's quote of article A, in other words, by another outlet the same day."""
    return said_on(
        processed(
            TEXT_E,
            "fars-2018",
            "Fars News",
            dt.date(2018, 8, 13),
            (
                statement(
                    TEXT_E,
                    LEADER,
                    (LEADER,),
                    "said",
                    ("There will be no talks with the Americans.",),
                ),
            ),
        )
    )


def hostile() -> ProcessedArticle:
    """An article whose title, outlet, text and speaker's name carry script payloads."""
    found = processed(
        TEXT_X,
        "hostile",
        OUTLET,
        dt.date(2020, 1, 2),
        (
            statement(
                TEXT_X, NAME, (NAME,), "said", (f"the plan {SCRIPT} was dead",), Kind.INDIRECT
            ),
            statement(TEXT_X, NAME, (NAME,), "told", (f"Nothing {ONERROR} will change",)),
        ),
    )
    metadata = dataclasses.replace(found.article.metadata, title=TITLE)
    return dataclasses.replace(found, article=dataclasses.replace(found.article, metadata=metadata))


def web_database(path: Path) -> Path:
    """Write the web tests' database at `path` and return it: the articles, their events,
    the seeds' topic scored, and one edit (an outlet set by hand)."""
    with open_store(path) as store:
        store.save([said_on(article_a()), article_b(), article_c(), article_e(), hostile()])
        update_clusters(store, LexicalScorer())
        apply_topics(store, parse_topics(yaml.safe_load(SEEDS_TOPICS)))
        correct_article(store, "blog-undated", {"outlet": "A Blog"}, by="tester")
    return path
