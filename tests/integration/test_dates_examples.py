"""Statement dates and occasions with the real pipeline on the fictional example corpus.

examples/README.md lists the date every relative expression resolves to; the checks here
follow it. Statements are found by a few words of their content.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.builders import processed_articles
from tests.shared_data import EXAMPLE_CORPUS

from onrecord.models import Article, Precision, Statement

pytestmark = pytest.mark.slow

Processed = dict[str, tuple[Article, tuple[Statement, ...]]]

# The three reports of Kestrel's Port Selden speech, which was made on 2025-03-15.
SPEECH_REPORTS = (
    "cvna_port_selden_speech",
    "tidemark-20250315-kestrel-strait",
    "northern_ledger_kestrel_speech",
)
SPEECH_DAY = dt.date(2025, 3, 15)
# The articles that state no publication date.
UNDATED = ("gazette_ondrel_right_terms", "dispatch_kestrel_fishing_towns")


@pytest.fixture(scope="module")
def examples() -> Processed:
    """Every example article with its statements, after every per-article stage."""
    return {
        article.doc: (article, statements)
        for article, _, statements in processed_articles(EXAMPLE_CORPUS)
    }


def statement(examples: Processed, doc: str, words: str) -> Statement:
    """Return the statement of `doc` whose content holds `words`."""
    article, statements = examples[doc]
    found = [
        s
        for s in statements
        if any(words in span.text(article.text) for span in s.attribution.content)
    ]
    assert found, f"no statement of {doc} says {words!r}"
    return found[0]


def test_every_date_and_occasion_span_reproduces_its_text(examples: Processed) -> None:
    for article, statements in examples.values():
        for s in statements:
            if s.said_on is not None and s.said_on.span is not None:
                assert s.said_on.span.text(article.text) == s.said_on.expression
            if s.occasion is not None:
                assert s.occasion.span.text(article.text) == s.occasion.text


def test_the_three_reports_of_the_port_selden_speech_date_its_lead_to_one_day(
    examples: Processed,
) -> None:
    for doc in SPEECH_REPORTS:
        _, statements = examples[doc]
        lead = next(s for s in statements if s.speaker and "Kestrel" in s.speaker)
        assert lead.said_on is not None, doc
        assert (lead.said_on.value, lead.said_on.precision) == (SPEECH_DAY, Precision.DAY), doc


def test_articles_without_a_publication_date_date_nothing(examples: Processed) -> None:
    for doc in UNDATED:
        article, statements = examples[doc]
        assert article.metadata.published is None
        assert statements and all(
            s.said_on is None or s.said_on.value is None for s in statements
        ), doc


def test_no_statement_is_dated_after_its_article_was_published(examples: Processed) -> None:
    dated = 0
    for article, statements in examples.values():
        for s in statements:
            if s.said_on is not None and s.said_on.value is not None:
                dated += 1
                assert article.metadata.published is not None
                assert s.said_on.value <= article.metadata.published, (article.doc, s.said_on)
    assert dated >= 30


def test_a_month_inside_her_quote_does_not_date_kestrels_june_statement(
    examples: Processed,
) -> None:
    said = statement(examples, "courier_kestrel_backs_limited_talks", "In January I said")
    assert said.said_on is not None
    assert said.said_on.value == dt.date(2025, 6, 16)
    assert "January" not in said.said_on.expression


@pytest.mark.parametrize(
    ("doc", "words", "expected", "precision"),
    [
        ("cvna_port_selden_speech", "would not enter talks", SPEECH_DAY, Precision.DAY),
        (
            "northern_ledger_kestrel_speech",
            "would sit down with Morvask",
            SPEECH_DAY,
            Precision.DAY,
        ),
        ("northern_ledger_kestrel_speech", "behind every word", SPEECH_DAY, Precision.DAY),
        (
            "northern_ledger_kestrel_speech",
            "no negotiations",
            dt.date(2024, 11, 1),
            Precision.MONTH,
        ),
        (
            "herald_lindqvar_rejects_preconditions",
            "written in advance",
            dt.date(2025, 3, 17),
            Precision.DAY,
        ),
        ("cvna_trawler_seized", "summoned", dt.date(2025, 2, 21), Precision.DAY),
        ("cvna_trawler_seized", "confiscation", dt.date(2025, 2, 20), Precision.DAY),
        ("courier_ondrel_rules_out_talks", "not this winter", dt.date(2024, 11, 20), Precision.DAY),
        ("cvna_ondrel_fishing_talks", "only about fish", dt.date(2025, 6, 12), Precision.DAY),
        (
            "tidemark-20250613-lindqvar-fishing-talks",
            "could not be separated",
            dt.date(2025, 6, 13),
            Precision.DAY,
        ),
        (
            "tidemark-20250613-lindqvar-fishing-talks",
            "only about fish",
            dt.date(2025, 6, 12),
            Precision.DAY,
        ),
        ("courier_kestrel_backs_limited_talks", "sovereignty", dt.date(2025, 6, 16), Precision.DAY),
        (
            "coastline-20250102-kestrel-new-year",
            "nothing to discuss",
            dt.date(2025, 1, 1),
            Precision.DAY,
        ),
        # "last week" in an article of Tuesday 2025-09-09: the week of 2025-09-01
        ("vellmouth_sentinel_first_talks", "stick to quotas", dt.date(2025, 9, 1), Precision.MONTH),
        pytest.param(
            "vellmouth_sentinel_first_talks",
            "useful first day",
            dt.date(2025, 9, 8),
            Precision.DAY,
            marks=pytest.mark.xfail(
                strict=True,
                reason="the day is the talks' ('met ... on Monday'), not a cue's: no rule "
                "carries an event's date to a speaker who is not its subject",
            ),
        ),
    ],
)
def test_the_dates_the_readme_lists(
    examples: Processed, doc: str, words: str, expected: dt.date, precision: Precision
) -> None:
    said_on = statement(examples, doc, words).said_on
    assert said_on is not None
    assert (said_on.value, said_on.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("doc", "words", "occasion"),
    [
        (
            "cvna_port_selden_speech",
            "would not enter talks",
            "addressing the Harbour Workers’ Congress in Port Selden",
        ),
        ("cvna_port_selden_speech", "patient people", "addressing the Harbour Workers’ Congress"),
        ("courier_ondrel_rules_out_talks", "not this winter", "In a speech to parliament"),
        (
            "cvna_ondrel_fishing_talks",
            "only about fish",
            "in a meeting with visiting foreign ministers",
        ),
        (
            "tidemark-20250613-lindqvar-fishing-talks",
            "only about fish",
            "told visiting foreign ministers",
        ),
        (
            "herald_lindqvar_rejects_preconditions",
            "written in advance",
            "at a news conference in Iskarel",
        ),
        ("coastline-20250102-kestrel-new-year", "nothing to discuss", "New Year address"),
    ],
)
def test_occasions(examples: Processed, doc: str, words: str, occasion: str) -> None:
    found = statement(examples, doc, words).occasion
    assert found is not None and occasion in found.text


def test_a_speaker_quoted_without_an_occasion_gets_none(examples: Processed) -> None:
    said = statement(examples, "northern_ledger_kestrel_speech", "small door")
    assert said.occasion is None
