"""Attribution by the trained tagger: rules and parse as features, a CRF decides the roles.

The model is a linear-chain CRF (CRFsuite) trained on PolNeAR train by `make train`; it
ships in the package as `onrecord/data/attribution.crfsuite` and is loaded once, lazily,
from there (never from the network). Without it the rules alone answer.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

from onrecord.attribution.assembly import Linked, layout, linked
from onrecord.attribution.features import doc_features
from onrecord.attribution.linking import Extraction, extract, kind
from onrecord.attribution.rules import CharRange, Context, context
from onrecord.attribution.tagging import OUTSIDE, TaggedSpan, is_blank, sequences, tagged_spans
from onrecord.models import Attribution, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Where the shipped weights live inside the package.
MODEL_RESOURCE = ("data", "attribution.crfsuite")


@functools.cache
def load_tagger() -> Any | None:
    """Return the shipped CRF tagger, or None when the package carries no weights."""
    import pycrfsuite

    path = resources.files("onrecord").joinpath(*MODEL_RESOURCE)
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    with resources.as_file(path) as local:
        tagger.open(str(local))
    return tagger


def predicted_tags(doc: Doc, features: list[list[str]], tagger: Any) -> list[str]:
    """Tag every paragraph of a Doc; blank tokens between paragraphs stay outside."""
    tags = [OUTSIDE] * len(doc)
    for run in sequences(doc):
        for index, tag in zip(run, tagger.tag([features[i] for i in run]), strict=True):
            tags[index] = tag
    return tags


def char_range(doc: Doc, span: TaggedSpan) -> CharRange:
    """Return the characters a tagged span covers."""
    last = doc[span.last - 1]
    return doc[span.first].idx, last.idx + len(last.text)


def record(doc: Doc, item: Linked, ctx: Context) -> Attribution:
    """Turn a linked attribution into a record with character offsets."""
    content = sorted(char_range(doc, piece) for piece in item.content)
    source = (char_range(doc, item.source),) if item.source else ()
    return Attribution(
        source=tuple(Span(*span) for span in source),
        cue=(Span(*char_range(doc, item.cue)),),
        content=tuple(Span(*span) for span in content),
        kind=kind(content, ctx),
    )


def tagged_attributions(doc: Doc, tags: list[str], ctx: Context) -> list[Attribution]:
    """Read the spans off one label per token and link them into attribution records."""
    spans = tagged_spans(tags, [is_blank(token.text) for token in doc])
    found = [record(doc, item, ctx) for item in linked(spans, layout(doc))]
    return sorted(found, key=lambda a: min(span.start for span in a.cue + a.content))


def tagged_extraction(doc: Doc) -> Extraction:
    """Find the attributions of a parsed Doc with the tagger (the rules if it is missing)."""
    ctx = context(doc)
    rules = extract(doc, ctx)
    tagger = load_tagger()
    if tagger is None:
        return rules
    tags = predicted_tags(doc, doc_features(doc, ctx, rules), tagger)
    return Extraction(tuple(tagged_attributions(doc, tags, ctx)), rules.dropped)
