"""Shared fixtures; the helpers behind them live in tests/support.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import SHARED, require


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder with evaluation material; skips (or fails in CI) when absent."""
    require(SHARED.is_dir(), f"shared material at {SHARED}")
    return SHARED
