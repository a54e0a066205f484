"""Statements marked by layout: a dash sign-off after a quotation, a transcript's turns.

The Docs are tokenised and split into sentences without a parse: these rules read only
the text's layout and quotation marks.
"""

from __future__ import annotations

import pytest
import spacy

from onrecord.attribution import rule_extraction
from onrecord.attribution.speaker_marks import name_span
from onrecord.models import Attribution


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


def found(nlp: spacy.language.Language, text: str) -> list[tuple[str, str, list[str]]]:
    """Return (source, cue, content texts) of each attribution the rules find."""
    doc = nlp(text)
    return [roles(doc.text, a) for a in rule_extraction(doc).attributions]


def roles(text: str, attribution: Attribution) -> tuple[str, str, list[str]]:
    source = " ".join(span.text(text) for span in attribution.source)
    cue = " ".join(span.text(text) for span in attribution.cue)
    return source, cue, [span.text(text) for span in attribution.content]


def test_each_quotation_signed_off_with_a_dash_is_its_authors(nlp) -> None:
    text = (
        "Readers answered.\n\n"
        "“The port should stay open.” ― Ana Ruiz\n"
        "“We deserve better than this.”― Julie A. Diaz Martinez.\n"
        "“Fix the ferries first.” — Tomas Velde"
    )
    assert found(nlp, text) == [
        ("Ana Ruiz", "―", ["“The port should stay open.”"]),
        ("Julie A. Diaz Martinez", "―", ["“We deserve better than this.”"]),
        ("Tomas Velde", "—", ["“Fix the ferries first.”"]),
    ]


def test_a_dash_inside_the_line_is_no_sign_off(nlp) -> None:
    text = "“The port should stay open” ― Ana Ruiz and others wrote, in their letter."
    assert all(cue != "―" for _, cue, _ in found(nlp, text))


def test_the_line_ending_full_stop_is_not_part_of_the_name() -> None:
    text = "― Carla Sanchez.\n― Edwin G.\n"
    first = text.index("Carla"), text.index(".\n")
    assert text[slice(*name_span(text, *first))] == "Carla Sanchez"
    second = text.index("Edwin"), text.rindex("\n")
    assert text[slice(*name_span(text, *second))] == "Edwin G."


def test_transcript_turns_run_until_the_next_label(nlp) -> None:
    text = (
        "Partial transcript as follows:\n\n"
        '"HALVORSEN: Will the bridge open this year?\n\n'
        '"ODE: It will. The steel arrived on Monday.\n\n'
        '"And the crews are hired.\n\n'
        '"(CROSSTALK.)\n\n'
        '"HALVORSEN: Thank you, Minister.\n\n'
        '"Follow us online."'
    )
    assert found(nlp, text) == [
        ("HALVORSEN", ":", ["Will the bridge open this year?"]),
        ("ODE", ":", ["It will. The steel arrived on Monday.", "And the crews are hired."]),
        ("HALVORSEN", ":", ["Thank you, Minister."]),
    ]


def test_a_lone_label_is_an_editors_note(nlp) -> None:
    text = "CORRECTION: An earlier version misspelt the minister's name.\n\nThe bridge opens."
    assert found(nlp, text) == []
