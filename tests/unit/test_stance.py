"""Stance rules on sentences written for these tests (fiction): refusal, negation, counterpart."""

from __future__ import annotations

import pytest

from onrecord.models import Attribution, Kind, Span, StanceLabel, Topic
from onrecord.topics import stance, statement_stance
from onrecord.topics.stance import clauses

TALKS = Topic(
    name="talks-with-morvask",
    description="Whether Calverra should negotiate with Morvask.",
    proposition="Calverra should negotiate with Morvask",
    examples=("There will be no talks with Iskarel.",),
    keywords=("talks", "negotiations"),
    entities=("Morvask", "Morvaskan", "Iskarel"),
)


def position(content: str, **kwargs: object) -> str:
    return stance(content, TALKS, **kwargs).position  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    [
        "The Prime Minister ruled out talks with Morvask.",
        "Negotiations with Iskarel are forbidden.",
        "We will not negotiate with Morvask.",
        "There will be no talks with Iskarel at any level.",
        "No negotiation will be held with Morvask.",
        "Talks with Morvask will be useless.",
        "Assuming any talks with Iskarel is a blatant mistake.",
        "Our policy of abstinence from negotiations with Morvask will continue.",
        "Avoiding negotiations with Iskarel keeps us safe.",
        "There won't be any talks with Morvask, now or later.",
        "Calverra will neither bow nor agree to negotiate with Morvask.",
        "How could we attend talks with Iskarel after this?",
    ],
)
def test_refusals_are_against(content: str) -> None:
    assert position(content) == "against"


@pytest.mark.parametrize(
    "content",
    [
        "Calverra is ready to hold talks with Morvask.",
        "We accept the offer of talks with Iskarel.",
        "The door of talks with Morvask is not closed.",
        "There is no problem with the continuation of negotiations with Iskarel.",
    ],
)
def test_support_and_negated_refusal_are_for(content: str) -> None:
    assert position(content) == "for"


@pytest.mark.parametrize(
    "content",
    [
        "There is no problem with the continuation of negotiations with Tarsenia.",
        "The door of talks with other world nations is not closed.",
        "Officials should continue talks with Tarsenia.",
    ],
)
def test_a_different_counterpart_is_neutral(content: str) -> None:
    result = stance(content, TALKS)
    assert result.label == StanceLabel.NEUTRAL
    assert not [c for c in result.cues if c.role in ("support", "refusal", "negation")]


def test_one_sentence_can_refuse_one_counterpart_and_welcome_another() -> None:
    content = "There will be no talks with Iskarel, but talks with Tarsenia can continue."
    assert position(content) == "against"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("The talks with Morvask will be limited to fishing quotas.", "for/conditional"),
        ("We will talk to Iskarel about fish, and only about fish.", "for/conditional"),
        ("The talks with Morvask will merely include the safety of crews.", "for/conditional"),
        ("Sovereignty is not on the table in the talks with Iskarel.", "for/conditional"),
        ("There will be no talks with Iskarel without guarantees.", "against/conditional"),
        (
            "Calverra will not enter talks with Morvask until the boardings stop.",
            "against/conditional",
        ),
        ("Give us guarantees, and we will come to the table with Iskarel.", "for/conditional"),
    ],
)
def test_limits_and_conditions_are_conditional(content: str, expected: str) -> None:
    assert position(content) == expected


def test_a_tie_goes_to_the_first_cue() -> None:
    content = (
        "There will be no talks with Iskarel without guarantees. "
        "Give us those guarantees, and we will come to the table the same day."
    )
    assert position(content) == "against/conditional"


def test_an_old_position_recalled_is_not_counted() -> None:
    result = stance("In March I said there would be no talks with Iskarel.", TALKS)
    assert result.label == StanceLabel.NEUTRAL
    assert [c.role for c in result.cues] == ["recalled"]


def test_talked_into_is_not_about_talks() -> None:
    assert position("Morvask will not see us talked into surrender.") == "neutral"


def test_the_reporting_verb_counts() -> None:
    assert position("the idea of negotiations with Morvask", cue="roundly dismissed") == "against"
    assert position("the offer of talks with Iskarel", cue="welcomed") == "for"


def test_the_reporting_verb_alone_says_nothing_without_the_act() -> None:
    assert position("the criticism", cue="dismissed") == "neutral"


def test_an_open_counterpart_is_resolved_from_the_context() -> None:
    content = "there will be no talks with them"
    assert position(content) == "neutral"
    assert position(content, context="Asked about Morvask, he said there will be no talks") == (
        "against"
    )
    assert position(content, counterpart_in_article=True) == "against"


def test_a_topic_without_entities_takes_every_mention() -> None:
    topic = Topic("t", "d", "Calverra should negotiate", ("x",))
    assert stance("There will be no talks with anyone.", topic).position == "against"


def test_cue_offsets_index_the_content() -> None:
    content = "He said: there will be no talks with Iskarel, and that is final."
    result = stance(content, TALKS)
    for cue in result.cues:
        assert content[cue.span.start : cue.span.end] == cue.text
    assert [c.text for c in result.cues] == ["no talks"]


def test_confidence_is_higher_when_cues_agree() -> None:
    sure = stance("Talks with Morvask are forbidden; we will not negotiate with Iskarel.", TALKS)
    mixed = stance("Talks with Morvask are forbidden, but we are ready to talk to Iskarel.", TALKS)
    assert 0 < mixed.confidence < sure.confidence <= 0.95


def test_statement_stance_maps_cues_to_the_article() -> None:
    text = 'Kestrel said. "We will not negotiate with Iskarel," she said. "Not now."'
    quote = '"We will not negotiate with Iskarel,"'
    first, second, said = text.index(quote), text.index('"Not'), text.index("she said")
    attribution = Attribution(
        source=(Span(said, said + 3),),
        cue=(Span(said + 4, said + 8),),
        content=(Span(first, first + len(quote)), Span(second, len(text))),
        kind=Kind.DIRECT,
    )
    result = statement_stance(text, attribution, TALKS)
    assert result.position == "against"
    for cue in result.cues:
        assert cue.part == "article"
        assert text[cue.span.start : cue.span.end] == cue.text


def test_statement_stance_finds_the_counterpart_in_the_article() -> None:
    text = "Morvask closed the strait. Ondrel spoke. He said there would be no talks with them."
    start = text.index("there")
    attribution = Attribution((), (), (Span(start, len(text) - 1),), Kind.INDIRECT)
    assert statement_stance(text, attribution, TALKS).position == "against"


def test_clauses_break_at_sentences_semicolons_and_but() -> None:
    text = "No talks. We wait; they act, but we stand."
    assert [text[s:e] for s, e in clauses(text)] == [
        "No talks.",
        "We wait",
        "they act",
        "we stand.",
    ]
