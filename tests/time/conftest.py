"""Fixtures of the time tests: one tagger per language for the whole session."""

from __future__ import annotations

import pytest

from lagebild.time import TimeTagger, load_time_tagger


@pytest.fixture(scope="session")
def tagger_de() -> TimeTagger:
    """The German tagger."""
    return load_time_tagger("de")


@pytest.fixture(scope="session")
def tagger_en() -> TimeTagger:
    """The English tagger."""
    return load_time_tagger("en")
