"""Linking tagged spans into attributions, on Docs and labels built by hand: no model needed.

Each case is a text with its roles marked inline: `[S ...]` source, `[C ...]` cue, `[T ...]`
content (brackets around whole tokens), `|` where a sentence starts, `¶` a paragraph
break. The tagger's job is the labels; these tests pin what the linking makes of them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from onrecord.attribution.model import tagged_attributions
from onrecord.attribution.rules import context
from onrecord.attribution.tagging import gold_tags, is_blank, tagged_spans
from onrecord.models import Kind

MARK = re.compile(r"\[([SCT]) |\]|\||¶|\S+")
ROLE = {"S": "SOURCE", "C": "CUE", "T": "CONTENT"}


def marked(text: str) -> tuple[Doc, list[str]]:
    """Build a Doc (one token per space-separated word) and its labels from a marked text."""
    words: list[str] = []
    tags: list[str] = []
    starts: list[bool] = []
    role: str | None = None
    first = True
    new_sentence = True
    for match in MARK.finditer(text):
        item = match.group(0)
        if match.group(1):
            role, first = ROLE[match.group(1)], True
        elif item == "]":
            role = None
        elif item == "|":
            new_sentence = True
        elif item == "¶":
            words.append("\n\n")
            tags.append("O")
            starts.append(False)
            new_sentence = True
        else:
            words.append(item)
            tags.append("O" if role is None else ("B-" if first else "I-") + role)
            starts.append(new_sentence)
            first = new_sentence = False
    spaces = [
        word != "\n\n" and (i + 1 == len(words) or words[i + 1] != "\n\n")
        for i, word in enumerate(words)
    ]
    doc = Doc(Vocab(), words=words, spaces=spaces, sent_starts=starts)
    return doc, tags


def linked(text: str) -> list[tuple[list[str], list[str], list[str], Kind]]:
    """Return (sources, cues, contents, kind) of each attribution linked from a marked text."""
    doc, tags = marked(text)
    return [
        (
            [span.text(doc.text) for span in found.source],
            [span.text(doc.text) for span in found.cue],
            [span.text(doc.text) for span in found.content],
            found.kind,
        )
        for found in tagged_attributions(doc, tags, context(doc))
    ]


def test_source_after_the_content() -> None:
    assert linked('[T " Talks failed , " ] [C said ] [S the minister ] .') == [
        (["the minister"], ["said"], ['" Talks failed , "'], Kind.DIRECT)
    ]


def test_according_to_is_one_cue() -> None:
    assert linked("[T Talks failed ] , [C according to ] [S the minister ] .") == [
        (["the minister"], ["according to"], ["Talks failed"], Kind.INDIRECT)
    ]


def test_nominal_cue_in_a_statement() -> None:
    found = linked("[C In a statement ] , [S the ministry ] [C said ] [T talks failed ] .")
    assert (["the ministry"], ["said"], ["talks failed"], Kind.INDIRECT) in found


def test_noun_cue_the_announcement() -> None:
    assert linked("[S His ] [C announcement ] [T that talks failed ] surprised all .") == [
        (["His"], ["announcement"], ["that talks failed"], Kind.INDIRECT)
    ]


def test_adjective_cue() -> None:
    assert linked("[S Officials ] [C are confident ] [T talks will resume ] .") == [
        (["Officials"], ["are confident"], ["talks will resume"], Kind.INDIRECT)
    ]


def test_mixed_quote_in_reported_speech() -> None:
    assert linked('[S He ] [C said ] [T talks were " a waste of time " ] .')[0][3] is Kind.MIXED


def test_quote_split_by_its_cue_is_one_attribution_in_two_pieces() -> None:
    assert linked('[T " Talks failed , " ] [S he ] [C said ] , [T " we leave . " ]') == [
        (["he"], ["said"], ['" Talks failed , "', '" we leave . "'], Kind.DIRECT)
    ]


def test_quote_with_no_cue_in_its_sentence_continues_the_last_statement() -> None:
    found = linked('[S He ] [C said ] [T " Talks failed . " ] | [T " We leave . " ]')
    assert found == [(["He"], ["said"], ['" Talks failed . "', '" We leave . "'], Kind.DIRECT)]


def test_quote_running_over_paragraphs() -> None:
    found = linked('[S He ] [C said ] : [T " Talks failed . ] ¶ [T " We leave . " ]')
    assert found[0][2] == ['" Talks failed .', '" We leave . "']


def test_unquoted_content_without_a_cue_is_no_continuation() -> None:
    found = linked("[S He ] [C said ] [T talks failed ] . | [T Prices rose ] .")
    assert found == [(["He"], ["said"], ["talks failed"], Kind.INDIRECT)]


def test_content_sentence_before_its_cue_joins_it() -> None:
    found = linked("[T Talks failed . ] | [T Prices rose ] , [S a source ] [C said ] .")
    assert found == [(["a source"], ["said"], ["Talks failed .", "Prices rose"], Kind.INDIRECT)]


def test_nested_quote_stays_inside_its_content() -> None:
    found = linked("[S He ] [C said ] [T \" They called it ' theft ' . \" ]")
    assert found == [(["He"], ["said"], ["\" They called it ' theft ' . \""], Kind.DIRECT)]


def test_one_source_serves_two_cues() -> None:
    found = linked("[S He ] [C said ] [T talks failed ] and [C added ] [T prices rose ] .")
    assert [(s, c) for s, c, _, _ in found] == [(["He"], ["said"]), (["He"], ["added"])]


def test_headline_with_a_colon() -> None:
    assert linked("[S Khamenei ] [C : ] [T No talks with America ] ¶ Body text .") == [
        (["Khamenei"], [":"], ["No talks with America"], Kind.INDIRECT)
    ]


def test_headline_rules_out() -> None:
    assert linked("[S Khamenei ] [C rules out ] [T talks with America ] ¶ Body .") == [
        (["Khamenei"], ["rules out"], ["talks with America"], Kind.INDIRECT)
    ]


def test_cue_without_content_makes_no_attribution() -> None:
    assert linked("[S He ] [C said ] so .") == []


def test_gold_labels_read_back_into_the_same_spans() -> None:
    doc, tags = marked('[T " Talks failed , " ] [S he ] [C said ] , [T " we leave . " ]')
    spans = tagged_spans(tags, [is_blank(token.text) for token in doc])
    found = tagged_attributions(doc, tags, context(doc))
    assert gold_tags(doc, found) == tags
    assert [span.role for span in spans] == ["CONTENT", "SOURCE", "CUE", "CONTENT"]


def test_a_possessive_source_owns_only_its_noun_cue() -> None:
    # `He pointed to Macron’s remarks that ..., and said, “...”`: Macron owns the remarks;
    # the quote is He's (seed 003's "This person is either very simple-minded ...").
    doc, tags = marked(
        "[S He ] [C pointed to ] [S Macron ’s ] [C remarks ] [T that talks help ] , and"
        " [C said ] , [T “ This person is simple-minded . ” ]"
    )
    doc[4].tag_ = "POS"  # the possessive ending, as the parser tags it
    found = {
        found.cue[0].text(doc.text): [span.text(doc.text) for span in found.source]
        for found in tagged_attributions(doc, tags, context(doc))
    }
    assert found == {"remarks": ["Macron ’s"], "said": ["He"]}


def test_quote_cut_from_its_cue_by_the_parse_goes_to_the_cue_right_after_it() -> None:
    found = linked(
        '[S He ] [C said ] [T " Talks failed . " ] | [T " Why stay ? " ] | [S Vitter ] [C asked ] .'
    )
    assert found == [
        (["He"], ["said"], ['" Talks failed . "'], Kind.DIRECT),
        (["Vitter"], ["asked"], ['" Why stay ? "'], Kind.DIRECT),
    ]


def test_of_two_sources_in_a_row_the_one_beside_the_cue_speaks() -> None:
    found = linked("[S Dornholm ] , June 12 , [S CVNA - PM Ondrel ] [C said ] [T talks failed ] .")
    assert found == [(["CVNA - PM Ondrel"], ["said"], ["talks failed"], Kind.INDIRECT)]
