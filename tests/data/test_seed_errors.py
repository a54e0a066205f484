"""Issue 13's "Errors on the seeds", each checked on the five seeds after every stage.

Statements are found by a few words of their cue or content; speakers by the name the
in-article stage resolved.
"""

from __future__ import annotations

import pytest
from tests.builders import processed_articles
from tests.shared_data import SEEDS, requires_seeds

from onrecord.models import Analysis, Article, Statement

pytestmark = [pytest.mark.slow, requires_seeds]

Processed = dict[str, tuple[Article, Analysis, tuple[Statement, ...]]]


@pytest.fixture(scope="module")
def seeds() -> Processed:
    return {found[0].doc[:3]: found for found in processed_articles([SEEDS])}


def roles(article: Article, statement: Statement) -> tuple[str, str, str]:
    a = statement.attribution
    return (
        " ".join(s.text(article.text) for s in a.source),
        " ".join(s.text(article.text) for s in a.cue),
        " … ".join(s.text(article.text) for s in a.content),
    )


def test_000_no_source_is_the_headline(seeds: Processed) -> None:
    article, _, statements = seeds["000"]
    title_end = article.text.index("\n\n")
    said = [s for s in statements if "blatant mistake" in roles(article, s)[2]]
    assert said and all(s.attribution.source[0].start > title_end for s in said)
    assert roles(article, said[0])[0].startswith("Supreme Leader of the Islamic Republic")
    for statement in statements:  # a headline's words serve no statement of the body
        sources = statement.attribution.source
        if any(s.start < title_end for s in sources):
            assert all(c.start < title_end for c in statement.attribution.cue)


def test_004_source_has_no_trailing_weekday(seeds: Processed) -> None:
    article, _, statements = seeds["004"]
    sources = [roles(article, s)[0] for s in statements]
    assert "Supreme Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei" in sources
    assert not any(source.endswith("Wednesday") for source in sources)


@pytest.mark.parametrize(
    ("key", "end"),
    [
        ("001", "but a series of internal issues and mismanagement are also to blame"),
        ("002", "but the negotiators must not hold out so much hope"),
        ("002", "is not a goal, but a means"),
        ("004", "but they were called off due to the improper behavior of the Americans"),
    ],
)
def test_contents_run_through_but(seeds: Processed, key: str, end: str) -> None:
    article, _, statements = seeds[key]
    contents = [roles(article, s)[2] for s in statements]
    assert any(content.endswith(end) for content in contents), contents


def test_referring_to_a_noun_phrase_is_no_statement(seeds: Processed) -> None:
    for article, _, statements in seeds.values():
        for statement in statements:
            _, cue, content = roles(article, statement)
            lead = cue.lower().split()[-2:] if cue else []
            if lead and lead[0] in {"referring", "pointing", "denouncing", "noting"}:
                pytest.fail(f"{article.doc}: {cue!r} {content[:60]!r}")


def test_000_finds_president_rouhanis_quote(seeds: Processed) -> None:
    article, _, statements = seeds["000"]
    rouhani = [s for s in statements if s.speaker and "Rouhani" in s.speaker]
    assert len(rouhani) == 1
    assert "no country in the region will do the same" in roles(article, rouhani[0])[2]


def test_003_the_leader_knew_they_would_not_accept_it(seeds: Processed) -> None:
    article, _, statements = seeds["003"]
    for words in ("his recent remarks that if the US removes", "I knew that they would not"):
        found = [s for s in statements if words in roles(article, s)[2]]
        assert found and all(s.speaker and "Khamenei" in s.speaker for s in found), words
    macron = [roles(article, s)[2] for s in statements if s.speaker and "Macron" in s.speaker]
    assert macron == [
        "that the Iranian officials’ meeting with US President Donald Trump can "
        "resolve all problems in Iran"
    ]


def test_002_the_headline_is_the_leaders_statement(seeds: Processed) -> None:
    article, _, statements = seeds["002"]
    headline = [s for s in statements if roles(article, s)[1] == ":"]
    assert [roles(article, s)[:1] + roles(article, s)[2:] for s in headline] == [
        ("Iran Leader", "No Talks to Be Held with US at Any Level")
    ]
    assert headline[0].speaker and "Khamenei" in headline[0].speaker
