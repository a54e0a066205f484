"""The user's topics file (YAML): each topic's name, description, proposition and examples.

The format is documented in docs/topics.md; examples/topics.yaml is a working file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.models import Topic

# The fields a topic may have; anything else is a typo the user should hear about.
REQUIRED_FIELDS = ("name", "description", "proposition", "examples")
OPTIONAL_FIELDS = ("keywords", "entities")

_HINT = "see docs/topics.md for the format of a topics file"


def load_topics(path: str | Path) -> tuple[Topic, ...]:
    """Read a topics file; raise InputError naming the file and the field that is wrong."""
    import yaml

    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read the topics file {where!r}: {error.strerror}") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(
            f"the topics file {where!r} is not valid YAML: {error}", hint=_HINT
        ) from error
    return parse_topics(data, where)


def parse_topics(data: Any, where: str = "topics file") -> tuple[Topic, ...]:
    """Turn the parsed YAML of a topics file into topics; `where` names it in errors."""
    items = data.get("topics") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise InputError(f"{where}: expected a non-empty `topics:` list", hint=_HINT)
    topics = tuple(_topic(item, f"{where}: topics[{i}]") for i, item in enumerate(items))
    seen: set[str] = set()
    for i, topic in enumerate(topics):
        if topic.name in seen:
            raise InputError(f"{where}: topics[{i}].name: {topic.name!r} is used twice", hint=_HINT)
        seen.add(topic.name)
    return topics


def _topic(item: Any, here: str) -> Topic:
    if not isinstance(item, dict):
        raise InputError(f"{here}: each topic is a mapping of fields", hint=_HINT)
    unknown = sorted(set(item) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise InputError(f"{here}: unknown field(s) {', '.join(unknown)}", hint=_HINT)
    for name in REQUIRED_FIELDS:
        if item.get(name) in (None, "", []):
            raise InputError(f"{here}.{name}: missing (every topic needs a {name})", hint=_HINT)
    name = _text(item["name"], f"{here}.name")
    return Topic(
        name=name,
        description=_text(item["description"], f"{here}.description"),
        proposition=_text(item["proposition"], f"{here}.proposition"),
        examples=_texts(item["examples"], f"{here}.examples"),
        keywords=_texts(item.get("keywords") or [], f"{here}.keywords"),
        entities=_texts(item.get("entities") or [], f"{here}.entities"),
    )


def _text(value: Any, here: str) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise InputError(f"{here}: expected text, got {type(value).__name__}", hint=_HINT)
    text = " ".join(str(value).split())
    if not text:
        raise InputError(f"{here}: is empty", hint=_HINT)
    return text


def _texts(value: Any, here: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"{here}: expected a list of text, got {type(value).__name__}", hint=_HINT)
    return tuple(_text(v, f"{here}[{i}]") for i, v in enumerate(value))
