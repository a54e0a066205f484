"""Speaker lookup: the one place that says which speaker a name given by a user means."""

from __future__ import annotations

from onrecord.errors import NotFoundError
from onrecord.models import SpeakerSummary
from onrecord.store import Store


def find_speaker(store: Store, ref: str) -> SpeakerSummary:
    """Return the speaker `ref` names: a number, name or alias, else one name part (any case)."""
    try:
        return store.speaker(ref)
    except NotFoundError:
        pass
    wanted = " ".join(ref.split()).casefold()
    found = [
        s
        for s in store.speakers()
        if any(wanted in name.casefold() for name in (s.name, *s.aliases))
    ]
    people = [s for s in found if s.kind == "person"]
    if len(people) == 1:
        return people[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(
            f"no speaker is named {ref!r}",
            hint="give a speaker's number, name or alias; list speakers with `onrecord speakers`",
        )
    listed = ", ".join(f"{s.id} ({s.name})" for s in found[:6])
    raise NotFoundError(
        f"{ref!r} names {len(found)} speakers: {listed}",
        hint="give the speaker's number or full name; list speakers with `onrecord speakers`",
    )
