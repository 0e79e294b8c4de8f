"""Helpers every test folder may import (a module of its own name, unlike the conftest files).

``../shared`` (evaluation material beside the checkout) is optional for users: tests that need
it skip when it is absent. Under ``CI=true`` a missing piece is a failure, so a green CI run
means everything ran.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def require(available: bool, what: str) -> None:
    """Skip the calling test when ``what`` is missing, or fail under ``CI=true``."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required under CI=true but is missing")
    pytest.skip(f"{what} is not available")
