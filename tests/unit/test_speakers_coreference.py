"""One person per article on hand-built parses: the forms real pages take (issue 13).

Namesakes and relatives, headline names the tagger glued a verb onto, titles held by a
person named in the article ("the PM", "the veteran leader", "the Kremlin chief"), and a
spokesman's words, which are the spokesman's and never the principal's. The people are
fictional; each form is one seen on real news pages.
"""

from __future__ import annotations

from tests.unit.test_speakers import ANONYMOUS, PERSON, Article, speakers


def test_a_surname_alone_is_the_person_the_article_is_about_not_a_relative() -> None:
    article = (
        Article(
            "Lena Marsh, Governor of Osterland and daughter of former governor Otto Marsh, "
            "resigned today.",
            "“I will not be a distraction,” Marsh, 58, said in the capital.",
        )
        .mention("Lena Marsh")
        .mention("Otto Marsh")
        .mention(("Marsh", 2))
        .said("Marsh, 58,", "said", "“I will not be a distraction,”")
    )
    assert speakers(article.resolve()) == [("Lena Marsh", PERSON)]


def test_a_surname_alone_goes_to_the_person_named_in_full_most_often() -> None:
    article = (
        Article(
            "Lena Marsh said on Monday the budget was balanced. Lena Marsh spoke in Tarrow.",
            "Otto Marsh, the governor's father, once led the state.",
            "The budget holds, Marsh said.",
        )
        .mention("Lena Marsh")
        .mention(("Lena Marsh", 1))
        .mention("Otto Marsh")
        .mention(("Marsh", 3))
        .said(("Marsh", 3), "said", "The budget holds")
    )
    assert speakers(article.resolve()) == [("Lena Marsh", PERSON)]


def test_an_honorific_picks_the_namesake_of_its_gender() -> None:
    article = (
        Article(
            "Mrs Nadia Brandt and Ivo Brandt arrived together.",
            "We are staying, Mrs Brandt said.",
        )
        .mention("Mrs Nadia Brandt")
        .mention("Ivo Brandt")
        .mention("Mrs Brandt")
        .said("Mrs Brandt", "said", "We are staying")
    )
    assert speakers(article.resolve()) == [("Mrs Nadia Brandt", PERSON)]


def test_a_headline_name_with_a_verb_glued_on_is_the_person_named_in_the_story() -> None:
    article = (
        Article(
            "Rusk Signs Harbour Treaty",
            "President Halvard Rusk signed the treaty on Friday. “It is a fair deal,” Rusk said.",
        )
        .mention("Rusk Signs")
        .mention("Halvard Rusk")
        .mention(("Rusk", 2))
        .said("Rusk Signs", None, "Harbour Treaty")
        .said(("Rusk", 2), "said", "“It is a fair deal,”")
    )
    assert speakers(article.resolve()) == [("Halvard Rusk", PERSON)] * 2


def test_a_capitalised_run_opening_with_a_known_name_is_that_person() -> None:
    article = (
        Article(
            "Halvard Rusk spoke on Friday.",
            "Rusk Praises Ruling, saying the court was right.",
        )
        .mention("Halvard Rusk")
        .said("Rusk Praises Ruling", "saying", "the court was right")
    )
    assert speakers(article.resolve()) == [("Halvard Rusk", PERSON)]


def test_a_capitalised_run_naming_an_organisation_is_not_the_person() -> None:
    article = (
        Article(
            "Halvard Rusk spoke on Friday.",
            "Rusk Foundation officials said the grant was paid.",
        )
        .mention("Halvard Rusk")
        .said("Rusk Foundation officials", "said", "the grant was paid")
    )
    ((name, _),) = speakers(article.resolve())
    assert name != "Halvard Rusk"


def test_the_pm_is_the_person_introduced_as_pm() -> None:
    article = (
        Article(
            "Notes will not be valid from midnight, PM Ada Voss says in an address.",
            "“Old notes will be just paper,” the PM says.",
        )
        .mention("Ada Voss")
        .said("PM Ada Voss", "says", "Notes will not be valid from midnight")
        .said("the PM", "says", "“Old notes will be just paper,”")
    )
    assert speakers(article.resolve()) == [("Ada Voss", PERSON)] * 2


def test_a_leader_named_by_country_or_seat_is_the_head_of_state_named() -> None:
    article = (
        Article(
            "Russian President Halvard Rusk met the premier of Osterland on Friday.",
            "“We have no plans,” the Kremlin chief said.",
            "The Russian leader added that talks would go on.",
        )
        .mention("Halvard Rusk")
        .said("the Kremlin chief", "said", "“We have no plans,”")
        .said("The Russian leader", "added", "that talks would go on")
    )
    assert speakers(article.resolve()) == [("Halvard Rusk", PERSON)] * 2


def test_a_leader_of_another_country_is_not_the_head_of_state_named() -> None:
    article = (
        Article(
            "US President Halvard Rusk spoke on Friday.",
            "The Russian leader said talks would go on.",
        )
        .mention("Halvard Rusk")
        .said("The Russian leader", "said", "talks would go on")
    )
    assert speakers(article.resolve()) != [("Halvard Rusk", PERSON)]


def test_a_spokesman_in_apposition_is_the_speaker_and_carries_the_role() -> None:
    article = (
        Article(
            "Her spokesman, Ivo Brandt, said the cabinet backed her.",
            "Voss's spokesman added that there was no other plan.",
        )
        .mention("Ivo Brandt")
        .said("Her spokesman, Ivo Brandt,", "said", "the cabinet backed her")
        .said("Voss's spokesman", "added", "that there was no other plan")
    )
    assert speakers(article.resolve()) == [("Ivo Brandt", PERSON)] * 2


def test_an_unnamed_spokesman_is_an_anonymous_source_never_the_principal() -> None:
    article = (
        Article(
            "President Halvard Rusk spoke on Thursday.",
            "Rusk's spokesman said no date was set.",
        )
        .mention("Halvard Rusk")
        .mention("Rusk")
        .said("Rusk's spokesman", "said", "no date was set")
    )
    assert speakers(article.resolve()) == [("Rusk's spokesman", ANONYMOUS)]


def test_a_government_named_by_its_leader_is_not_the_leader() -> None:
    article = (
        Article(
            "President Halvard Rusk spoke on Thursday.",
            "Rusk's government announced that it would disband the unit.",
        )
        .mention("Halvard Rusk")
        .mention("Rusk")
        .said("Rusk's government", "announced", "that it would disband the unit")
    )
    ((name, kind),) = speakers(article.resolve())
    assert kind is not PERSON and name != "Halvard Rusk"


def test_a_title_of_another_country_does_not_continue_the_last_speaker() -> None:
    article = (
        Article(
            "US President Halvard Rusk said on Friday that talks would go on.",
            "The Russian president said the offer was late.",
        )
        .mention("Halvard Rusk")
        .said("US President Halvard Rusk", "said", "that talks would go on")
        .said("The Russian president", "said", "the offer was late")
    )
    assert speakers(article.resolve())[1] != ("Halvard Rusk", PERSON)
