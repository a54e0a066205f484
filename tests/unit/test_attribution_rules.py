"""Attribution rules on parses built by hand: no model needed.

These test the rules alone (`rule_extraction`, the component with `method="rules"`): the
trained tagger reads the rules' output as features and is tested on PolNeAR dev.

Each parse is a table, one token a line: word, lemma, coarse tag, fine tag, head index,
dependency label, and "_" when no space follows. "<P>" stands for a paragraph break.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from onrecord.attribution import analyse
from onrecord.attribution import attributions as stored_attributions
from onrecord.attribution import rule_extraction as extract
from onrecord.models import Attribution, Kind


def parse(table: str) -> Doc:
    """Build a Doc from a token table."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = ["\n\n" if row[0] == "<P>" else row[0] for row in rows]
    return Doc(
        Vocab(),
        words=words,
        spaces=[not (len(row) > 6 and row[6] == "_") for row in rows],
        lemmas=[word if row[0] == "<P>" else row[1] for word, row in zip(words, rows, strict=True)],
        pos=[row[2] for row in rows],
        tags=[row[3] for row in rows],
        heads=[int(row[4]) for row in rows],
        deps=[row[5] for row in rows],
    )


def roles(doc: Doc, attribution: Attribution) -> tuple[list[str], list[str], list[str]]:
    """Return the texts of an attribution's source, cue and content spans."""
    return (
        [span.text(doc.text) for span in attribution.source],
        [span.text(doc.text) for span in attribution.cue],
        [span.text(doc.text) for span in attribution.content],
    )


def attributions(doc: Doc) -> tuple[Attribution, ...]:
    """Return the attributions the rules find in a Doc."""
    return extract(doc).attributions


def with_rules(doc: Doc) -> Doc:
    """Run the component with the rules alone over a Doc, as the pipeline would."""
    import spacy

    import onrecord.attribution.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    return nlp.add_pipe("onrecord_attribution", config={"method": "rules"})(doc)


def only(doc: Doc) -> Attribution:
    """Return the one attribution of a Doc."""
    found = list(attributions(doc))
    assert len(found) == 1, found
    return found[0]


SAID_THAT = """
The the DET DT 1 det
minister minister NOUN NN 2 nsubj
said say VERB VBD 2 ROOT
that that SCONJ IN 6 mark
talks talk NOUN NNS 6 nsubj
had have AUX VBD 6 aux
failed fail VERB VBN 2 ccomp _
. . PUNCT . 2 punct _
"""

CLAUSE_FIRST = """
Talks talk NOUN NNS 2 nsubj
had have AUX VBD 2 aux
failed fail VERB VBN 6 ccomp _
, , PUNCT , 6 punct
the the DET DT 5 det
minister minister NOUN NN 6 nsubj
said say VERB VBD 6 ROOT _
. . PUNCT . 6 punct _
"""

INVERTED = """
Talks talk NOUN NNS 2 nsubj
had have AUX VBD 2 aux
failed fail VERB VBN 4 ccomp _
, , PUNCT , 4 punct
said say VERB VBD 4 ROOT
the the DET DT 6 det
minister minister NOUN NN 4 nsubj _
. . PUNCT . 4 punct _
"""

ACCORDING = """
According accord VERB VBG 7 prep
to to ADP IN 0 prep
the the DET DT 3 det
minister minister NOUN NN 1 pobj _
, , PUNCT , 7 punct
talks talk NOUN NNS 7 nsubj
had have AUX VBD 7 aux
failed fail VERB VBN 7 ROOT _
. . PUNCT . 7 punct _
"""

QUOTE_FIRST = """
" " PUNCT `` 8 punct _
Talks talk NOUN NNS 3 nsubj
have have AUX VBP 3 aux
failed fail VERB VBN 8 ccomp _
, , PUNCT , 8 punct _
" " PUNCT '' 8 punct
the the DET DT 7 det
minister minister NOUN NN 8 nsubj
said say VERB VBD 8 ROOT
on on ADP IN 8 prep
Monday Monday PROPN NNP 9 pobj _
. . PUNCT . 8 punct _
"""

SPLIT_QUOTE = """
" " PUNCT `` 7 punct _
Talks talk NOUN NNS 3 nsubj
have have AUX VBP 3 aux
failed fail VERB VBN 7 ccomp _
, , PUNCT , 7 punct _
" " PUNCT '' 7 punct
he he PRON PRP 7 nsubj
said say VERB VBD 7 ROOT _
, , PUNCT , 7 punct
" " PUNCT `` 7 punct _
and and CCONJ CC 13 cc
we we PRON PRP 13 nsubj
will will AUX MD 13 aux
leave leave VERB VB 7 ccomp _
. . PUNCT . 7 punct _
" " PUNCT '' 7 punct _
"""

MIXED = """
The the DET DT 1 det
minister minister NOUN NN 2 nsubj
said say VERB VBD 2 ROOT
" " PUNCT `` 2 punct _
bad bad ADJ JJ 5 amod
faith faith NOUN NN 7 nsubj _
" " PUNCT '' 5 punct
ruined ruin VERB VBD 2 ccomp
the the DET DT 9 det
talks talk NOUN NNS 7 dobj _
. . PUNCT . 2 punct _
"""

SAYING = """
The the DET DT 1 det
minister minister NOUN NN 2 nsubj
warned warn VERB VBD 2 ROOT
against against ADP IN 2 prep
talks talk NOUN NNS 3 pobj _
, , PUNCT , 2 punct
saying say VERB VBG 2 advcl
that that SCONJ IN 10 mark
they they PRON PRP 10 nsubj
would would AUX MD 10 aux
fail fail VERB VB 6 ccomp _
. . PUNCT . 2 punct _
"""

ACROSS_PARAGRAPHS = """
" " PUNCT `` 3 punct _
We we PRON PRP 3 nsubj
will will AUX MD 3 aux
fight fight VERB VB 3 ROOT _
. . PUNCT . 3 punct _
<P> <P> SPACE _SP 4 dep _
" " PUNCT `` 13 punct _
We we PRON PRP 9 nsubj
will will AUX MD 9 aux
win win VERB VB 13 ccomp _
, , PUNCT , 13 punct _
" " PUNCT '' 13 punct
he he PRON PRP 13 nsubj
said say VERB VBD 13 ROOT _
. . PUNCT . 13 punct _
"""

NEXT_SENTENCE = """
" " PUNCT `` 7 punct _
Talks talk NOUN NNS 3 nsubj
have have AUX VBP 3 aux
failed fail VERB VBN 7 ccomp _
, , PUNCT , 7 punct _
" " PUNCT '' 7 punct
he he PRON PRP 7 nsubj
said say VERB VBD 7 ROOT _
. . PUNCT . 7 punct
" " PUNCT `` 12 punct _
We we PRON PRP 12 nsubj
will will AUX MD 12 aux
leave leave VERB VB 12 ROOT _
. . PUNCT . 12 punct _
" " PUNCT '' 12 punct _
"""

UNBALANCED = """
He he PRON PRP 1 nsubj
said say VERB VBD 1 ROOT
" " PUNCT `` 1 punct _
talks talk NOUN NNS 5 nsubj
have have AUX VBP 5 aux
failed fail VERB VBN 1 ccomp _
. . PUNCT . 1 punct _
"""

NOT_ANNOUNCED = """
She she PRON PRP 3 nsubj
did do AUX VBD 3 aux
not not PART RB 3 neg
announce announce VERB VB 3 ROOT
that that SCONJ IN 6 mark
talks talk NOUN NNS 6 nsubj
resumed resume VERB VBD 3 ccomp _
. . PUNCT . 3 punct _
"""

PASSIVE = """
Aliens alien NOUN NNS 3 nsubjpass
should should AUX MD 3 aux
be be AUX VB 3 auxpass
responded respond VERB VBN 3 ROOT _
. . PUNCT . 3 punct _
"""


def test_said_that_keeps_that_and_drops_the_final_period() -> None:
    doc = parse(SAID_THAT)
    found = only(doc)
    assert roles(doc, found) == (["The minister"], ["said"], ["that talks had failed"])
    assert found.kind is Kind.INDIRECT


def test_clause_before_the_cue_is_the_content() -> None:
    doc = parse(CLAUSE_FIRST)
    assert roles(doc, only(doc)) == (["the minister"], ["said"], ["Talks had failed"])


def test_inverted_cue_and_source() -> None:
    doc = parse(INVERTED)
    assert roles(doc, only(doc)) == (["the minister"], ["said"], ["Talks had failed"])


def test_according_to() -> None:
    doc = parse(ACCORDING)
    found = only(doc)
    assert roles(doc, found) == (["the minister"], ["According to"], ["talks had failed"])
    assert found.kind is Kind.INDIRECT


def test_direct_quote_with_the_source_after_it() -> None:
    doc = parse(QUOTE_FIRST)
    found = only(doc)
    assert doc.text.startswith('"Talks have failed," the minister said on Monday.')
    assert roles(doc, found) == (["the minister"], ["said"], ['"Talks have failed,"'])
    assert found.kind is Kind.DIRECT


def test_quote_split_by_its_cue_is_one_attribution_with_two_pieces() -> None:
    doc = parse(SPLIT_QUOTE)
    found = only(doc)
    assert roles(doc, found) == (
        ["he"],
        ["said"],
        ['"Talks have failed,"', '"and we will leave."'],
    )
    assert found.kind is Kind.DIRECT


def test_reported_speech_with_a_quoted_fragment_is_mixed() -> None:
    doc = parse(MIXED)
    found = only(doc)
    assert roles(doc, found) == (["The minister"], ["said"], ['"bad faith" ruined the talks'])
    assert found.kind is Kind.MIXED


def test_saying_borrows_the_speaker_of_the_verb_it_hangs_on() -> None:
    doc = parse(SAYING)  # "warned against talks" has no clause or object: no content
    assert roles(doc, only(doc)) == (["The minister"], ["saying"], ["that they would fail"])


def test_quote_continued_across_paragraphs() -> None:
    doc = parse(ACROSS_PARAGRAPHS)
    found = only(doc)
    assert roles(doc, found) == (["he"], ["said"], ['"We will fight.', '"We will win,"'])
    assert found.kind is Kind.DIRECT


def test_quote_in_the_next_sentence_continues_the_statement() -> None:
    doc = parse(NEXT_SENTENCE)
    found = only(doc)
    assert roles(doc, found) == (["he"], ["said"], ['"Talks have failed,"', '"We will leave."'])


def test_unbalanced_quote_is_refused_and_counted_not_a_crash() -> None:
    doc = parse(UNBALANCED)
    extraction = extract(doc)
    assert extraction.dropped == {"quotation not closed at paragraph end": 1}
    (found,) = extraction.attributions
    assert roles(doc, found) == (["He"], ["said"], ["talks have failed"])
    assert found.kind is Kind.INDIRECT


def test_cue_keeps_auxiliaries_and_negation() -> None:
    doc = parse(NOT_ANNOUNCED)
    assert roles(doc, only(doc)) == (["She"], ["did not announce"], ["that talks resumed"])


def test_passive_reporting_verb_is_no_cue() -> None:
    assert list(attributions(parse(PASSIVE))) == []


@pytest.mark.parametrize("table", [SAID_THAT, QUOTE_FIRST, SPLIT_QUOTE, ACROSS_PARAGRAPHS])
def test_spans_reproduce_text_without_edge_whitespace(table: str) -> None:
    doc = parse(table)
    for found in attributions(doc):
        for span in found.source + found.cue + found.content:
            text = span.text(doc.text)
            assert text and text == text.strip()


def test_analysis_has_sentences_paragraphs_and_source_mentions() -> None:
    doc = with_rules(parse(ACROSS_PARAGRAPHS))
    result = analyse(doc)
    assert [span.text(doc.text) for span in result.paragraphs] == [
        '"We will fight.',
        '"We will win," he said.',
    ]
    assert [span.text(doc.text) for span in result.sentences] == [
        '"We will fight.',
        '"We will win," he said.',
    ]
    assert [(m.text, m.label) for m in result.mentions] == [("he", "NP")]
    assert len(result.attributions) == 1


def test_component_writes_span_groups_and_records_that_serialise() -> None:
    import spacy

    import onrecord.attribution.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    component = nlp.add_pipe("onrecord_attribution", config={"method": "rules"})
    doc = component(parse(SPLIT_QUOTE))
    groups = {
        name: [(span.text, span.label_) for span in doc.spans[name]]
        for name in ("onrecord_source", "onrecord_cue", "onrecord_content")
    }
    assert groups == {
        "onrecord_source": [("he", "0")],
        "onrecord_cue": [("said", "0")],
        "onrecord_content": [('"Talks have failed,"', "0"), ('"and we will leave."', "0")],
    }
    assert doc._.onrecord_attributions == extract(doc).attributions
    copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert copy._.onrecord_attributions == doc._.onrecord_attributions
    assert tuple(stored_attributions(copy)) == doc._.onrecord_attributions
