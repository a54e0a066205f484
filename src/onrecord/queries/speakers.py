"""Speaker lookup: the one place that says which speaker a name given by a user means.

Every command and page that takes a speaker (`speakers show X`, `statements --speaker X`,
`timeline`, `drift`, `report`, `clusters`, the web) asks `find_speaker`, so they accept
the same names and give the same answer, or the same error.
"""

from __future__ import annotations

from collections.abc import Sequence

from onrecord.errors import NotFoundError
from onrecord.models import SpeakerSummary
from onrecord.store import Store

_LIST_HINT = "list speakers with `onrecord speakers`"


def find_speaker(store: Store, ref: str) -> SpeakerSummary:
    """Return the speaker `ref` names: a number, name or alias, else one name part (any case).

    A name or part of a name that several speakers share means the one person among them,
    if there is exactly one; otherwise the error lists them.
    """
    try:
        return store.speaker(ref)
    except NotFoundError:
        pass  # not one speaker by that number, name or alias: try it as a part of names
    found = store.speakers_named(ref) if ref.strip() else []
    people = [s for s in found if s.kind == "person"]
    if len(people) == 1:
        return people[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(
            f"no speaker is named {ref!r}",
            hint=f"give a speaker's number, name, alias or part of a name; {_LIST_HINT}",
        )
    raise ambiguity(ref, found)


def ambiguity(ref: str, found: Sequence[SpeakerSummary]) -> NotFoundError:
    """Return the error saying that `ref` names several speakers, listing a few of them."""
    listed = ", ".join(f"{s.id} ({s.name})" for s in found[:6])
    more = f" and {len(found) - 6} more" if len(found) > 6 else ""
    return NotFoundError(
        f"{ref!r} names {len(found)} speakers: {listed}{more}",
        hint=f"give the speaker's number, or more of the name; {_LIST_HINT}",
    )
