"""Fixtures: an empty store and one holding the sample corpus, each in its own temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_samples import sample_corpus

from lagebild.store import DuckDBStore, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's store file goes."""
    return tmp_path / "lagebild.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[DuckDBStore]:
    """A new, empty store."""
    with open_store(db_path) as opened:
        assert isinstance(opened, DuckDBStore)
        yield opened


@pytest.fixture
def filled(store: DuckDBStore) -> DuckDBStore:
    """A store holding the sample corpus."""
    store.write_batch(sample_corpus())
    return store
