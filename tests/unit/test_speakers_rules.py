"""The in-article rules added for titles, places, institutions and missed names."""

from __future__ import annotations

from tests.unit.test_speakers import ANONYMOUS, ORGANISATION, PERSON, Article, speakers


def test_head_of_state_is_the_president_and_the_premier_the_prime_minister() -> None:
    article = (
        Article(
            "President Oriane Kestrel met Prime Minister Casimir Ondrel on Monday.",
            "The head of state said the fleet would sail. The premier said it would not.",
        )
        .mention("Oriane Kestrel")
        .mention("Casimir Ondrel")
        .said("The head of state", "said", "the fleet would sail")
        .said("The premier", "said", "it would not")
    )
    assert speakers(article.resolve()) == [("Oriane Kestrel", PERSON), ("Casimir Ondrel", PERSON)]


def test_the_latter_and_the_former() -> None:
    article = (
        Article(
            "Edwin Carrow debated Casimir Ondrel. The latter said talks were wise. "
            "The former said they were late."
        )
        .mention("Edwin Carrow")
        .mention("Casimir Ondrel")
        .said("The latter", "said", "talks were wise")
        .said("The former", "said", "they were late")
    )
    assert speakers(article.resolve()) == [("Casimir Ondrel", PERSON), ("Edwin Carrow", PERSON)]


def test_a_place_tagged_person_once_is_not_a_person() -> None:
    article = (
        Article(
            "Calverra closed its ports. Jonas Heller said Calverra was right.",
            "“It is a small door,” he said.",
        )
        .mention("Calverra", "GPE")
        .mention("Jonas Heller")
        .mention(("Calverra", 1))
        .said("Jonas Heller", "said", "Calverra was right")
        .said("he", "said", "“It is a small door,”")
    )
    assert speakers(article.resolve()) == [("Jonas Heller", PERSON)] * 2


def test_a_source_phrase_ending_in_a_name_holds_a_person() -> None:
    article = (
        Article(
            "President of the Republic of Calverra Oriane Kestrel said talks would wait. "
            "Kestrel said the fleet would sail."
        )
        .mention("Calverra", "GPE")
        .mention("the Republic of Calverra Oriane Kestrel", "ORG")
        .mention(("Kestrel", 1))
        .mention("President of the Republic of Calverra Oriane Kestrel", "NP")
        .said("President of the Republic of Calverra Oriane Kestrel", "said", "talks would wait")
        .said(("Kestrel", 1), "said", "the fleet would sail")
    )
    assert speakers(article.resolve()) == [("Oriane Kestrel", PERSON)] * 2


def test_institutions_named_by_description() -> None:
    article = (
        Article(
            "The Calverran Foreign Ministry summoned the envoy. The ministry said it was angry.",
            "Calverra's coast guard said boats were turned back.",
            "Morvask says the zone is lawful. Its Foreign Ministry said so too.",
        )
        .mention("The Calverran Foreign Ministry", "ORG")
        .mention("Calverra", "GPE")
        .mention("Morvask", "GPE")
        .said("The ministry", "said", "it was angry")
        .said("Calverra's coast guard", "said", "boats were turned back")
        .said("Morvask", "says", "the zone is lawful")
        .said("Its Foreign Ministry", "said", "so too")
    )
    statements = article.resolve()
    assert speakers(statements) == [
        ("Calverran Foreign Ministry", ORGANISATION),
        ("Calverra's coast guard", ORGANISATION),
        ("Morvask", ORGANISATION),
        ("Morvask's Foreign Ministry", ORGANISATION),
    ]
    assert statements[-1].speaker_span is None  # a name made from "its" has no span


def test_a_new_subject_takes_the_pronoun_from_the_previous_speaker() -> None:
    article = (
        Article(
            "President Oriane Kestrel said the strait would stay open.",
            "Rosa Tennick, who chairs the congress, welcomed the speech. "
            "“She spoke for us,” she told CVNA.",
        )
        .mention("Oriane Kestrel")
        .mention("Rosa Tennick")
        .said("President Oriane Kestrel", "said", "the strait would stay open")
        .said("she", "told", "“She spoke for us,”")
    )
    assert speakers(article.resolve())[1] == ("Rosa Tennick", PERSON)


def test_spokesman_and_sources_are_anonymous() -> None:
    article = (
        Article("The spokesman said nothing had changed. A source said talks were near.")
        .said("The spokesman", "said", "nothing had changed")
        .said("A source", "said", "talks were near")
    )
    assert speakers(article.resolve()) == [
        ("The spokesman", ANONYMOUS),
        ("A source", ANONYMOUS),
    ]


def test_a_headline_phrase_opening_with_no_is_not_a_name() -> None:
    from onrecord.speakers.names import looks_like_name

    assert not looks_like_name("No Talks")
    assert looks_like_name("Oriane Kestrel")
