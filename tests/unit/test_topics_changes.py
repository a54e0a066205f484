"""Position changes on hand-made statements: dates, groups, periods, the undated apart."""

from __future__ import annotations

import datetime as dt

from onrecord.models import Stance, StanceItem, StanceLabel
from onrecord.topics import group_position, position_changes, position_periods, undated

AGAINST = Stance(StanceLabel.AGAINST, None, (), 0.7)
FOR = Stance(StanceLabel.FOR, None, (), 0.6)
FOR_IF = Stance(StanceLabel.FOR, "conditional", (), 0.6)
NEUTRAL = Stance(StanceLabel.NEUTRAL, None, (), 0.6)


def item(
    n: int,
    stance: Stance,
    said: str | None = None,
    published: str | None = None,
    speaker: str = "Casimir Ondrel",
) -> StanceItem:
    return StanceItem(
        statement=f"doc:{n}",
        speaker=speaker,
        topic="talks-with-morvask",
        stance=stance,
        said_on=dt.date.fromisoformat(said) if said else None,
        published=dt.date.fromisoformat(published) if published else None,
    )


def test_a_refusal_then_limited_talks_is_one_change() -> None:
    items = [
        item(1, AGAINST, said="2024-11-20"),
        item(2, NEUTRAL, said="2024-11-20"),
        item(3, FOR_IF, said="2025-06-12"),
        item(4, FOR, published="2025-06-12"),
    ]
    (change,) = position_changes(items)
    assert (change.before.position, change.after.position) == ("against", "for/conditional")
    assert change.before.first == dt.date(2024, 11, 20)
    assert change.after.first == dt.date(2025, 6, 12)
    assert [i.statement for i in change.before.items] == ["doc:1"]
    assert [i.statement for i in change.after.items] == ["doc:3", "doc:4"]


def test_the_same_position_on_several_dates_is_one_period() -> None:
    items = [item(1, AGAINST, said="2024-11-20"), item(2, AGAINST, published="2025-03-16")]
    (period,) = position_periods(items)
    assert (period.first, period.last) == (dt.date(2024, 11, 20), dt.date(2025, 3, 16))
    assert position_changes(items) == []


def test_said_on_comes_before_published() -> None:
    early = item(1, AGAINST, said="2024-11-20", published="2025-06-12")
    late = item(2, FOR, published="2025-06-12")
    (change,) = position_changes([late, early])
    assert change.before.first == dt.date(2024, 11, 20)


def test_undated_statements_are_left_out_and_listed_apart() -> None:
    items = [item(1, AGAINST, said="2024-11-20"), item(2, FOR), item(3, AGAINST, said="2025-01-01")]
    assert position_changes(items) == []
    assert [i.statement for i in undated(items)] == ["doc:2"]


def test_an_all_neutral_date_does_not_break_a_period() -> None:
    items = [
        item(1, AGAINST, said="2024-11-20"),
        item(2, NEUTRAL, said="2025-01-01"),
        item(3, AGAINST, said="2025-02-01"),
    ]
    assert len(position_periods(items)) == 1


def test_a_group_takes_the_majority_label_and_keeps_a_stated_condition() -> None:
    day = "2025-06-12"
    assert group_position([item(1, FOR_IF, day), item(2, FOR, day), item(3, AGAINST, day)]) == (
        "for/conditional"
    )
    assert group_position([item(1, NEUTRAL, day)]) is None


def test_a_tie_in_a_group_goes_to_the_surer_statement() -> None:
    day = "2025-06-12"
    assert group_position([item(1, FOR, day), item(2, AGAINST, day)]) == "against"


def test_speakers_are_kept_apart() -> None:
    items = [
        item(1, AGAINST, said="2025-01-01", speaker="Oriane Kestrel"),
        item(2, FOR, said="2025-02-01", speaker="Casimir Ondrel"),
        item(3, FOR_IF, said="2025-06-16", speaker="Oriane Kestrel"),
    ]
    (change,) = position_changes(items)
    assert change.speaker == "Oriane Kestrel"
