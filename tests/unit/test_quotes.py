"""Quotation-mark scanning on plain text."""

from __future__ import annotations

from onrecord.attribution.quotes import (
    REFUSED_CLOSE_WITHOUT_OPEN,
    REFUSED_OPEN_INSIDE,
    REFUSED_SINGLE_UNCLOSED,
    REFUSED_UNCLOSED,
    paragraph_spans,
    quotations,
    with_quote_marks,
)


def quoted(text: str) -> list[str]:
    """Return the text of each quotation found."""
    return [text[quote.start : quote.end] for quote in quotations(text).quotes]


def test_straight_and_curly_double_quotes() -> None:
    text = 'He said "no talks" and “no deal”.'
    assert quoted(text) == ['"no talks"', "“no deal”"]
    assert quotations(text).refused == {}


def test_multi_sentence_quote_is_one_quotation() -> None:
    text = "“We will not talk. We will not bow. Never,” he said."
    assert quoted(text) == ["“We will not talk. We will not bow. Never,”"]


def test_single_quotes_inside_double_quotes_belong_to_it() -> None:
    text = "“They call it ‘the deal’ and 'a chance',” he said."
    scan = quotations(text)
    assert [text[q.start : q.end] for q in scan.quotes] == [
        "“They call it ‘the deal’ and 'a chance',”"
    ]


def test_single_quotes_outside_double_quotes_are_quotations() -> None:
    text = "Rouhani said that 'If Iran's oil fails, no one will export', and left."
    scan = quotations(text)
    assert [text[q.start : q.end] for q in scan.quotes] == [
        "'If Iran's oil fails, no one will export'"
    ]
    assert scan.quotes[0].single


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Iran’s leader and the Americans’ demands, in the '90s, don't matter."
    assert quoted(text) == []


def test_quote_continued_across_paragraphs() -> None:
    text = "“We will fight.\n\n“We will win,” he said."
    (quote,) = quotations(text).quotes
    assert (quote.start, quote.end) == (0, len("“We will fight.\n\n“We will win,”"))
    assert [text[start:end] for start, end in quote.pieces] == ["“We will fight.", "“We will win,”"]


def test_quote_left_open_without_continuation_is_refused() -> None:
    text = "He said “we will fight.\n\nThe talks ended."
    scan = quotations(text)
    assert scan.quotes == ()
    assert scan.refused == {REFUSED_UNCLOSED: 1}


def test_stray_closing_mark_is_refused() -> None:
    scan = quotations("No talks,” he said, “at all.”")
    assert [len(scan.quotes), scan.refused] == [1, {REFUSED_CLOSE_WITHOUT_OPEN: 1}]


def test_opening_mark_inside_an_open_quote_restarts_it() -> None:
    text = "“No talks “at all,” he said."
    scan = quotations(text)
    assert [text[q.start : q.end] for q in scan.quotes] == ["“at all,”"]
    assert scan.refused == {REFUSED_OPEN_INSIDE: 1}


def test_unclosed_single_quote_is_counted() -> None:
    assert quotations("He called it 'a trick.").refused == {REFUSED_SINGLE_UNCLOSED: 1}


def test_straight_marks_take_their_direction_from_context() -> None:
    text = 'He said:"no," and then "yes".'
    assert quoted(text) == ['"no,"', '"yes"']


def test_paragraphs_are_trimmed_blocks_between_blank_lines() -> None:
    text = "  First.\n\n \nSecond line\nsame paragraph.  \n\n\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "First.",
        "Second line\nsame paragraph.",
    ]


def test_closing_mark_opening_a_line_is_read_as_an_opening_one() -> None:
    text = "Readers wrote in.\n”We deserve better.” ― Ana Ruiz\nThe end, ” he said."
    assert quoted(text) == ["”We deserve better.”"]


def test_piece_stopping_inside_its_marks_takes_them_in() -> None:
    text = "''We will not bend,'' Mr. Ode said, and “never again.”"
    inside = text.index("We"), text.index(",''")
    assert text[slice(*with_quote_marks(text, *inside))] == "''We will not bend,''"
    opened = text.index("“never"), text.index(".”")
    assert text[slice(*with_quote_marks(text, *opened))] == "“never again.”"


def test_piece_without_closing_mark_after_it_stays() -> None:
    text = "“We will not bend” on the tariffs, Mr. Ode said."
    piece = text.index("We"), text.index(" on")
    assert with_quote_marks(text, *piece) == piece
    plain = text.index("Mr."), text.index(" said")
    assert with_quote_marks(text, *plain) == plain
