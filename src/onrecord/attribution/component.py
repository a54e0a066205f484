"""The spaCy component "onrecord_attribution": attributions as span groups on the Doc.

Importing this module registers the factory, so `nlp.add_pipe("onrecord_attribution")`
works on any English pipeline with a parser. By default it runs the trained tagger that
ships in the package (`method="model"`); `method="rules"` runs the rules alone. It writes
three span groups, `onrecord_source`, `onrecord_cue` and `onrecord_content`, whose
spans are labelled with the index of their attribution ("0", "1", ...), and the records
themselves, with exact character offsets, readable as `doc._.onrecord_attributions`
(kept as plain lists in `doc.user_data`, so Docs still serialise and cross process boundaries).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from onrecord.attribution.analysis import DROPPED_KEY, EXTENSION, USER_DATA_KEY, encoded, stored
from onrecord.attribution.linking import Extraction, extract
from onrecord.attribution.model import tagged_extraction
from onrecord.models import Span

# The span groups the component writes, by role.
SPAN_GROUPS = {
    "source": "onrecord_source",
    "cue": "onrecord_cue",
    "content": "onrecord_content",
}
# The extractors the component can run, by the name its `method` setting takes.
METHODS: dict[str, Callable[[Doc], Extraction]] = {
    "model": tagged_extraction,
    "rules": extract,
}

if not Doc.has_extension(EXTENSION):  # read-only: rebuilt from plain data in user_data
    Doc.set_extension(EXTENSION, getter=stored)


def token_span(doc: Doc, span: Span, label: str) -> SpacySpan | None:
    """Return the tokens inside a character span (or, failing that, the tokens touching it)."""
    found = doc.char_span(span.start, span.end, label=label, alignment_mode="contract")
    if found is None or len(found) == 0:
        found = doc.char_span(span.start, span.end, label=label, alignment_mode="expand")
    return found


class AttributionComponent:
    """Find attributions (tagger or rules over the parse) and store them on each Doc."""

    def __init__(self, nlp: Language, name: str, method: str = "model") -> None:
        if method not in METHODS:
            raise ValueError(f"method must be one of {sorted(METHODS)}, not {method!r}")
        self.name = name
        self.method = method

    def __call__(self, doc: Doc) -> Doc:
        extraction = METHODS[self.method](doc)
        groups: dict[str, list[SpacySpan]] = {group: [] for group in SPAN_GROUPS.values()}
        for index, attribution in enumerate(extraction.attributions):
            for role, group in SPAN_GROUPS.items():
                for span in getattr(attribution, role):
                    found = token_span(doc, span, str(index))
                    if found is not None:
                        groups[group].append(found)
        for group, spans in groups.items():
            doc.spans[group] = spans
        doc.user_data[USER_DATA_KEY] = encoded(extraction.attributions)
        doc.user_data[DROPPED_KEY] = extraction.dropped
        return doc


# What a paragraph that ends a sentence ends with (perhaps inside closing quotes).
SENTENCE_ENDINGS = frozenset(".!?:;\"'”’)]…")


def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after a blank line when the paragraph before it ends no sentence.

    A headline, a caption or a label has no final full stop, and the parser ran it on
    into the paragraph after it: seed 000's headline "Supreme Leader rules out ..." gave
    its "Supreme Leader" as the source of the next paragraph's "said". Run before the
    parser, which keeps the boundaries it is given. On PolNeAR dev nothing changes (its
    headlines end with a full stop).
    """
    last_word = None
    for token in doc:
        if not token.text.isspace():  # (a bare Vocab has no lexical attributes)
            last_word = token
            continue
        breaks = token.text.count("\n") >= 2
        if breaks and last_word is not None and last_word.text[-1] not in SENTENCE_ENDINGS:
            first = token.i + 1
            if first < len(doc):
                doc[first].is_sent_start = True
            after = doc[first + 1].text if first + 1 < len(doc) else ""
            if after[:1].isalnum():
                doc[first + 1].is_sent_start = False  # "Supreme | Leader ...": no one-word sentence
    return doc


Language.component("onrecord_paragraphs", func=paragraph_starts)


@Language.factory("onrecord_attribution", default_config={"method": "model"})
def make_attribution_component(nlp: Language, name: str, method: str) -> AttributionComponent:
    """Create the attribution component: `method` is "model" (the default) or "rules"."""
    return AttributionComponent(nlp, name, method)
