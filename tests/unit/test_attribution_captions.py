"""A statement's source reaching into a photo caption keeps only its part outside it."""

from __future__ import annotations

from onrecord.attribution.analysis import _in_caption, _outside_captions
from onrecord.models import Attribution, Kind, Span

TEXT = (
    "Vell speaks at the pier on Monday. Photo: Lanmoor\n"
    "Mayor Ana Ode, in her speech on the harbour, defends the new tolls"
)
CAPTION = Span(0, TEXT.index("\n"))


def _statement(source: Span) -> Attribution:
    cue = TEXT.index("defends")
    return Attribution((source,), (Span(cue, cue + 7),), (Span(cue + 8, len(TEXT)),), Kind.INDIRECT)


def test_a_source_from_a_credit_into_the_next_line_keeps_the_name() -> None:
    start = TEXT.index("Photo")
    item = _statement(Span(start, TEXT.index(", defends")))
    assert not _in_caption(item, [CAPTION])
    kept = _outside_captions(item, [CAPTION], TEXT)
    assert [s.text(TEXT) for s in kept.source] == ["Mayor Ana Ode, in her speech on the harbour"]


def test_a_source_wholly_in_a_caption_drops_the_statement() -> None:
    item = _statement(Span(0, 4))  # "Vell" of the caption
    assert _in_caption(item, [CAPTION])


def test_a_source_outside_captions_is_unchanged() -> None:
    item = _statement(Span(TEXT.index("Mayor"), TEXT.index(", in her")))
    assert _outside_captions(item, [CAPTION], TEXT) is item
