"""Stance on the seeds: the Supreme Leader's refusals of talks with the US, in five articles.

The topics file is written here (the issue's proposition); no seed text is copied into the
repository, so statements are picked by speaker, article and single words only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.shared_data import SEEDS, SEEDS_TOPICS, requires_seeds

from onrecord.models import ProcessedArticle, Stance, StanceLabel, Topic
from onrecord.topics import load_topics, statement_stance

pytestmark = [requires_seeds, pytest.mark.slow]


@pytest.fixture(scope="module")
def topic(tmp_path_factory: pytest.TempPathFactory) -> Topic:
    path = tmp_path_factory.mktemp("topics") / "topics.yaml"
    path.write_text(SEEDS_TOPICS, encoding="utf-8")
    return load_topics(path)[0]


@pytest.fixture(scope="module")
def leader(topic: Topic) -> dict[str, list[tuple[str, Stance]]]:
    """Return, per seed (its number), the Leader's statements with their stance."""
    from onrecord.pipeline.run import extract

    found: dict[str, list[tuple[str, Stance]]] = {}
    for result in extract([SEEDS]):
        assert isinstance(result, ProcessedArticle), result
        text = result.article.text
        rows = found.setdefault(Path(result.article.source).name[:3], [])
        for statement in result.statements:
            if statement.speaker is None or "Khamenei" not in statement.speaker:
                continue
            content = " … ".join(s.text(text) for s in statement.attribution.content)
            rows.append((content, statement_stance(text, statement, topic)))
    return found


def test_every_seed_has_a_refusal_marked_against(
    leader: dict[str, list[tuple[str, Stance]]],
) -> None:
    assert sorted(leader) == ["000", "001", "002", "003", "004"]
    for seed, rows in leader.items():
        against = [s for _, s in rows if s.label == StanceLabel.AGAINST]
        assert against, f"seed {seed}: no statement against talks with the US"
    assert sum(s.label == StanceLabel.AGAINST for rows in leader.values() for _, s in rows) >= 15


def test_no_statement_is_for_talks_in_the_outright_refusals(
    leader: dict[str, list[tuple[str, Stance]]],
) -> None:
    for seed in ("000", "001", "002", "003"):
        taken = [(c[:60], s.position) for c, s in leader[seed] if s.label == StanceLabel.FOR]
        assert not taken, f"seed {seed}: {taken}"


def test_talks_with_europe_are_not_talks_with_the_us(
    leader: dict[str, list[tuple[str, Stance]]],
) -> None:
    europe = [s for seed in ("000", "002") for c, s in leader[seed] if "Europe" in c]
    assert europe
    assert all(s.label == StanceLabel.NEUTRAL for s in europe)


def test_talks_limited_to_iraq_are_for_and_conditional(
    leader: dict[str, list[tuple[str, Stance]]],
) -> None:
    limited = [s for c, s in leader["004"] if "Iraq" in c and s.label == StanceLabel.FOR]
    assert limited
    assert all(s.qualifier == "conditional" for s in limited)
    assert all(any(cue.role == "limit" for cue in s.cues) for s in limited)


def test_the_abstention_policy_is_against(leader: dict[str, list[tuple[str, Stance]]]) -> None:
    abstaining = [s for c, s in leader["004"] if "abst" in c]
    assert len(abstaining) == 2
    assert all(s.label == StanceLabel.AGAINST for s in abstaining)
