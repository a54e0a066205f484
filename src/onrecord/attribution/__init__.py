"""Who said what: source, cue and content spans of the attributions in a parsed Doc.

The trained tagger (`model`) decides the roles, with the rules (`rules`, `linking`) as
its features and its fallback. `attributions(doc)` yields the records; `analyse(doc)`
adds the sentences, paragraphs and mentions later stages need; `extraction(doc)` also
counts the candidates dropped, by reason. All take a spaCy Doc and return plain records
with character offsets into `doc.text`. Importing this package does not import spaCy;
the spaCy component lives in `onrecord.attribution.component`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from onrecord.attribution.analysis import analyse, extracted
from onrecord.attribution.linking import Extraction, extract
from onrecord.attribution.model import tagged_extraction
from onrecord.models import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Extraction", "analyse", "attributions", "extraction", "rule_extraction"]


def attributions(doc: Doc) -> Iterator[Attribution]:
    """Yield the attributions of a parsed Doc, reading the component's result if it ran."""
    yield from extracted(doc)


def extraction(doc: Doc) -> Extraction:
    """Extract the attributions of a parsed Doc afresh, with dropped candidates counted."""
    return tagged_extraction(doc)


def rule_extraction(doc: Doc) -> Extraction:
    """Extract the attributions of a parsed Doc by the rules alone (no trained model)."""
    return extract(doc)
