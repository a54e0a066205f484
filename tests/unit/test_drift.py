"""Quote drift: word-level differences between outlets' versions of one quote."""

from __future__ import annotations

from onrecord.clustering import quote_drift, quoted_pieces, render_drift
from onrecord.models import ClusterInput

FULL = (
    "We will not be talked into surrender. There will be no talks with Iskarel without "
    "guarantees that our boats can sail the Skerrin Strait in peace. Give us those "
    "guarantees, and we will come to the table the same day."
)


def quote(sid: int, outlet: str, content: str, kind: str = "direct") -> ClusterInput:
    return ClusterInput(
        statement_id=sid,
        article=outlet.casefold().replace(" ", "-"),
        outlet=outlet,
        speaker_id=1,
        said_on=None,
        said_on_precision=None,
        published=None,
        occasion=None,
        kind=kind,
        content=content,
        quoted=quoted_pieces(content, kind),
    )


PORT_SELDEN = [
    quote(1, "CVNA", f"“{FULL}”"),
    quote(
        2,
        "Tidemark Wire",
        '"There will be no talks with Iskarel without guarantees that our ships can sail the '
        'Skerrin Strait in peace," … "Give us those guarantees, and we will come to the table '
        'the same day."',
    ),
    quote(3, "Tidemark Wire", 'that Calverra "will not be talked into surrender"', "mixed"),
    quote(4, "The Northern Ledger", "“Give us those guarantees, and we will come to the table,”"),
]


def test_a_changed_word_is_changed_with_the_outlets_on_each_side() -> None:
    drift = quote_drift(PORT_SELDEN)
    assert drift.reference == "CVNA"
    (changed,) = [s for s in drift.segments if s.status == "changed"]
    assert changed.text == "boats"
    assert changed.carried_by == ("CVNA",)
    assert [(v.text, v.outlets) for v in changed.variants] == [("ships", ("Tidemark Wire",))]
    assert changed.omitted_by == ("The Northern Ledger",)
    assert drift.drifted


def test_a_trimmed_quote_is_omission_not_change() -> None:
    drift = quote_drift([PORT_SELDEN[0], PORT_SELDEN[3]])
    assert not drift.drifted
    statuses = [(s.status, s.text) for s in drift.segments]
    assert statuses[-2:] == [
        ("equal", "Give us those guarantees, and we will come to the table"),
        ("omitted", "the same day."),
    ]
    assert all(
        s.omitted_by == ("The Northern Ledger",) for s in drift.segments if s.status == "omitted"
    )


def test_the_fragment_leaves_out_only_its_first_word() -> None:
    drift = quote_drift(PORT_SELDEN)
    first, second = drift.segments[:2]
    assert (first.text, first.omitted_by) == ("We", ("Tidemark Wire", "The Northern Ledger"))
    assert second.text.startswith("will not be talked into surrender. There will be no talks")
    assert (second.status, second.omitted_by) == ("omitted", ("The Northern Ledger",))


def test_words_the_reference_lacks_are_added() -> None:
    drift = quote_drift(
        [
            quote(
                1, "CVNA", "“Give us those guarantees, and we will come to the table the same day.”"
            ),
            quote(
                2, "Courier", '"Give us those guarantees, and we will gladly come to the table."'
            ),
        ]
    )
    (added,) = [s for s in drift.segments if s.status == "added"]
    assert [(v.text, v.outlets) for v in added.variants] == [("gladly", ("Courier",))]
    assert "{+gladly+}[1]" in render_drift(drift)


def test_rendering_marks_changes_and_omissions_and_names_outlets() -> None:
    text = render_drift(quote_drift(PORT_SELDEN))
    assert text.splitlines()[0] == (
        "3 versions; reference: CVNA; compared: Tidemark Wire, The Northern Ledger"
    )
    assert "[-boats-]{+ships+}" in text
    assert '"boats": CVNA; "ships": Tidemark Wire; omitted by The Northern Ledger' in text
    assert "(-We-)[1]" in text


def test_pieces_unlike_the_reference_are_listed_apart() -> None:
    drift = quote_drift(
        [PORT_SELDEN[0], quote(5, "Courier", "“Mr Carrow wanted talks at any price.”")]
    )
    assert [(v.text, v.outlets) for v in drift.unaligned] == [
        ("Mr Carrow wanted talks at any price.", ("Courier",))
    ]


def test_no_quotes_no_drift() -> None:
    drift = quote_drift([quote(1, "CVNA", "that the fund would be doubled", "indirect")])
    assert drift.segments == () and render_drift(drift) == "No direct quotes to compare."
