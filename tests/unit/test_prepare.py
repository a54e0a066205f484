"""From a raw document to an Article: when the text is cleaned and when it is kept as read."""

from __future__ import annotations

from onrecord.models import RawDocument
from onrecord.pipeline.prepare import prepare

BODY = (
    "Harbour Minister Tomas Vell said on Monday that the new pier would open in May.\u00a0\n"
    "“We are ready,” Vell told reporters at the harbour office.  \n"
)


def raw(text: str) -> RawDocument:
    return RawDocument(doc="vell", source="vell.txt", format="txt", text=text)


def test_a_text_without_boilerplate_keeps_its_offsets() -> None:
    # Trailing spaces alone are no reason to move offsets: an annotated corpus lines up.
    article = prepare(raw(BODY))
    assert article.text == BODY


def test_boilerplate_is_removed() -> None:
    page = BODY + "Follow us on Telegram\n"
    article = prepare(raw(page))
    assert "Telegram" not in article.text
    assert article.text.startswith("Harbour Minister Tomas Vell said")


def test_cleaning_can_be_turned_off() -> None:
    page = BODY + "Follow us on Telegram\n"
    assert prepare(raw(page), clean_text=False).text == page
