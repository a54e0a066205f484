"""The topics file: what loads, and errors that name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.shared_data import EXAMPLES

from onrecord.errors import InputError
from onrecord.topics import load_topics, parse_topics

GOOD = """\
topics:
  - name: talks-with-morvask
    description: Whether Calverra should negotiate with Morvask.
    proposition: Calverra should negotiate with Morvask
    examples:
      - There will be no talks with Iskarel.
    keywords: [talks]
    entities: [Morvask, Iskarel]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path: Path) -> None:
    (topic,) = load_topics(write(tmp_path, GOOD))
    assert topic.name == "talks-with-morvask"
    assert topic.proposition == "Calverra should negotiate with Morvask"
    assert topic.examples == ("There will be no talks with Iskarel.",)
    assert topic.entities == ("Morvask", "Iskarel")


def test_the_example_topics_file_loads() -> None:
    topics = load_topics(EXAMPLES / "topics.yaml")
    assert [t.name for t in topics] == ["talks-with-morvask", "fishing-compensation"]
    assert topics[0].proposition == "Calverra should negotiate with Morvask"


def test_a_bare_list_of_topics_is_accepted() -> None:
    (topic,) = parse_topics(
        [{"name": "t", "description": "d", "proposition": "p", "examples": "e"}]
    )
    assert topic.examples == ("e",) and topic.keywords == ()


def test_a_missing_name_is_named_with_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path, GOOD.replace("  - name: talks-with-morvask\n    description", "  - description")
    )
    with pytest.raises(InputError) as error:
        load_topics(path)
    assert error.value.message == f"{path}: topics[0].name: missing (every topic needs a name)"
    assert error.value.hint == "see docs/topics.md for the format of a topics file"


def test_a_missing_proposition_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path, GOOD.replace("    proposition: Calverra should negotiate with Morvask\n", "")
    )
    with pytest.raises(InputError, match=r"topics\[0\]\.proposition: missing"):
        load_topics(path)


def test_bad_yaml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "topics:\n  - name: [unclosed\n")
    with pytest.raises(InputError) as error:
        load_topics(path)
    assert error.value.message.startswith(f"the topics file {str(path)!r} is not valid YAML:")


def test_an_unknown_field_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "    keyword: [typo]\n")
    with pytest.raises(InputError, match=r"topics\[0\]: unknown field\(s\) keyword"):
        load_topics(path)


def test_a_field_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("keywords: [talks]", "keywords: {a: b}"))
    with pytest.raises(
        InputError, match=r"topics\[0\]\.keywords: expected a list of text, got dict"
    ):
        load_topics(path)


def test_a_name_used_twice_is_refused(tmp_path: Path) -> None:
    body = GOOD.split("topics:\n", 1)[1]
    path = write(tmp_path, "topics:\n" + body + body)
    with pytest.raises(InputError, match=r"topics\[1\]\.name: 'talks-with-morvask' is used twice"):
        load_topics(path)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="expected a non-empty `topics:` list"):
        load_topics(write(tmp_path, ""))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the topics file"):
        load_topics(tmp_path / "nowhere.yaml")
