"""Fixtures for the actor tests: recognizers with a small fake office-holder list."""

from __future__ import annotations

import pytest
from actor_helpers import FAKE_TERMS

from lagebild.actors import ActorRecognizer, load_actor_recognizer


@pytest.fixture(scope="session")
def de() -> ActorRecognizer:
    """The German recognizer with the fake office terms."""
    return load_actor_recognizer("de", office_terms=FAKE_TERMS)


@pytest.fixture(scope="session")
def en() -> ActorRecognizer:
    """The English recognizer with the fake office terms."""
    return load_actor_recognizer("en", office_terms=FAKE_TERMS)
