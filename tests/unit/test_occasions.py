"""Occasions on hand-built Analysis records: one rule per test, texts written here."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests import builders

from onrecord.dates import find_occasions
from onrecord.models import Kind, StatementDate


class Article(builders.Article):
    """A hand-built article whose statements' occasions a test finds."""

    def occasions(self) -> list[str | None]:
        """Find the occasions; check the order is kept and every span reproduces its text."""
        statements = find_occasions(self.text, self.analysis(), self.statements)
        assert [s.attribution for s in statements] == [s.attribution for s in self.statements]
        found: list[str | None] = []
        for statement in statements:
            occasion = statement.occasion
            assert occasion is None or occasion.span.text(self.text) == occasion.text
            found.append(occasion.text if occasion else None)
        return found


def test_a_participial_clause_after_the_cue_covers_the_speakers_other_statements() -> None:
    article = (
        Article(
            "Ayatollah Khamenei on Wednesday said the US officials show enmity.",
            "“So there will be no negotiation,” said the Leader, addressing cabinet members on "
            "the occasion of Government Week.",
            "Donald Trump said talks were possible.",
        )
        .mention("Wednesday")
        .said("Ali Khamenei", "Ayatollah Khamenei", "said", "the US officials show enmity")
        .said(
            "Ali Khamenei",
            "the Leader",
            ("said", 1),
            "“So there will be no negotiation,”",
            kind=Kind.DIRECT,
        )
        .said("Donald Trump", "Donald Trump", ("said", 2), "talks were possible")
    )
    phrase = "addressing cabinet members on the occasion of Government Week"
    assert article.occasions() == [phrase, phrase, None]


def test_the_remarks_sentence_names_the_meeting_and_stops_before_its_date() -> None:
    article = (
        Article(
            "Supreme Leader Ali Khamenei on Saturday said talks are a mistake.",
            "The Supreme Leader made the remarks in a meeting with Iranian Foreign Minister "
            "Mohammad-Javad Zarif, foreign ministry officials and Iranian ambassadors to other "
            "countries in Tehran on Saturday.",
            "Diplomacy should protect national interests, the Supreme Leader said.",
        )
        .mention("Saturday")
        .mention(("Saturday", 1))
        .mention("Tehran", "GPE")
        .said(None, None, "said", "talks are a mistake")
        .said(
            "Ali Khamenei",
            "the Supreme Leader",
            ("said", 1),
            "Diplomacy should protect national interests",
        )
    )
    phrase = (
        "in a meeting with Iranian Foreign Minister Mohammad-Javad Zarif, foreign ministry "
        "officials and Iranian ambassadors to other countries in Tehran"
    )
    assert article.occasions() == [phrase, phrase]


def test_a_weekday_inside_a_name_does_not_cut_the_phrase() -> None:
    article = (
        Article(
            "“The talks will be limited,” the Supreme Leader underlined, while addressing a "
            "congregation of clerics, Friday Prayers leaders and students in the city of Mashad."
        )
        .mention("Friday")
        .said(
            "Ali Khamenei",
            "the Supreme Leader",
            "underlined",
            "“The talks will be limited,”",
            kind=Kind.DIRECT,
        )
    )
    assert article.occasions() == [
        "while addressing a congregation of clerics, Friday Prayers leaders and students in the "
        "city of Mashad"
    ]


def test_a_phrase_before_the_source_stops_at_an_appositive_participle() -> None:
    article = (
        Article(
            "In an address to a gathering of people from different provinces, gathered in "
            "Tehran on Monday, Ayatollah Khamenei said negotiations could not take place."
        )
        .mention("Monday")
        .said("Ali Khamenei", "Ayatollah Khamenei", "said", "negotiations could not take place")
    )
    assert article.occasions() == [
        "In an address to a gathering of people from different provinces"
    ]


def test_an_event_is_preferred_to_an_audience_and_a_channel() -> None:
    article = (
        Article(
            "Speaking to the Harbour Workers’ Congress on Saturday, Ms Kestrel told several "
            "hundred dockers that the country would not surrender.",
            "“Give us guarantees,” President Kestrel told the delegates.",
            "Prime Minister Casimir Ondrel said in a statement late on Saturday that he agreed.",
        )
        .mention("Saturday")
        .mention(("Saturday", 1))
        .said("Oriane Kestrel", "Ms Kestrel", "told", "that the country would not surrender")
        .said(
            "Oriane Kestrel",
            "President Kestrel",
            ("told", 1),
            "“Give us guarantees,”",
            kind=Kind.DIRECT,
        )
        .said("Casimir Ondrel", "Prime Minister Casimir Ondrel", "said", "that he agreed")
    )
    speech = "Speaking to the Harbour Workers’ Congress"
    assert article.occasions() == [speech, speech, "in a statement"]


def test_an_audience_stops_at_a_date_and_at_the_content() -> None:
    article = (
        Article(
            "Prime Minister Casimir Ondrel told reporters in Dornholm last week that his "
            "negotiators would stick to quotas."
        )
        .mention("last week")
        .said(
            "Casimir Ondrel",
            "Prime Minister Casimir Ondrel",
            "told",
            "that his negotiators would stick to quotas",
        )
    )
    assert article.occasions() == ["told reporters in Dornholm"]


def test_a_bare_place_after_the_cue() -> None:
    article = (
        Article("“The policy is not worth a penny,” Ayatollah Khamenei said in Tehran.")
        .mention("Tehran", "GPE")
        .said(
            "Ali Khamenei",
            "Ayatollah Khamenei",
            "said",
            "“The policy is not worth a penny,”",
            kind=Kind.DIRECT,
        )
    )
    assert article.occasions() == ["in Tehran"]


def test_phrases_inside_quotation_marks_or_content_are_not_occasions() -> None:
    article = (
        Article(
            "“We met in a meeting with the council,” she said.",
            "Ondrel said he had spoken in a speech to parliament.",
        )
        .said("Petra Lindqvar", "she", "said", "“We met in a meeting with the council,”")
        .said("Casimir Ondrel", "Ondrel", ("said", 1), "he had spoken in a speech to parliament")
    )
    assert article.occasions() == [None, None]


def test_a_back_reference_keeps_its_own_phrase_and_inherits_nothing() -> None:
    article = (
        Article(
            "Mr Ondrel said in a speech to parliament on Wednesday that talks were off.",
            "Mr Ondrel had said the zone was unlawful.",
            "Mr Ondrel had told reporters that the zone was an annexation.",
        )
        .mention("Wednesday")
        .said("Casimir Ondrel", "Mr Ondrel", "said", "that talks were off")
        .said("Casimir Ondrel", ("Mr Ondrel", 1), "had said", "the zone was unlawful")
        .said("Casimir Ondrel", ("Mr Ondrel", 2), "had told", "that the zone was an annexation")
    )
    assert article.occasions() == ["in a speech to parliament", None, "told reporters"]


def test_a_statement_dated_apart_from_the_speech_event_does_not_inherit() -> None:
    article = (
        Article(
            "Kestrel said in her televised New Year address that there was nothing to discuss.",
            "Kestrel said talks could start.",
            "Kestrel said the fund would grow.",
        )
        .said(
            "Oriane Kestrel",
            "Kestrel",
            "said",
            "that there was nothing to discuss",
            said_on=dt.date(2025, 1, 1),
        )
        .said(
            "Oriane Kestrel",
            ("Kestrel", 1),
            ("said", 1),
            "talks could start",
            said_on=dt.date(2025, 6, 16),
        )
        .said("Oriane Kestrel", ("Kestrel", 2), ("said", 2), "the fund would grow")
    )
    address = "in her televised New Year address"
    assert article.occasions() == [address, None, address]


def test_the_statements_retelling_an_earlier_day_do_not_inherit() -> None:
    # Seed 003's form: the Sunday speech, then "had on September 17 downplayed ...", then
    # paragraphs that go on retelling the September speech.
    article = (
        Article(
            "Vell said at a rally in Port Selden on Sunday that the tolls would stay.",
            "Vell had on September 17 dismissed the plan, saying the pier came first.",
            "Vell described the offer as a trick.",
            "Vell also said the door was open.",
        )
        .mention("Sunday")
        .said("Tomas Vell", "Vell", "said", "that the tolls would stay")
        .said("Tomas Vell", ("Vell", 1), "had on September 17 dismissed", "the plan")
        .said("Tomas Vell", ("Vell", 2), "described", "the offer as a trick")
        .said("Tomas Vell", ("Vell", 3), ("said", 1), "the door was open")
    )
    sunday = StatementDate(None, None, "on Sunday", article.at("on Sunday"), "test")
    september = StatementDate(None, None, "on September 17", article.at("on September 17"), "test")
    article.statements = [
        replace(statement, said_on=sunday if n != 1 else september)
        for n, statement in enumerate(article.statements)
    ]
    assert article.occasions() == ["at a rally in Port Selden", None, None, None]


def test_no_phrase_means_no_occasion() -> None:
    article = Article("A senior official said the talks could start soon.").said(
        "A senior official", "A senior official", "said", "the talks could start soon"
    )
    assert article.occasions() == [None]
