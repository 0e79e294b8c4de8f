"""Fixtures: an empty store and one holding the sample corpus, on each backend.

``store`` and ``filled`` run every test that uses them twice: on a DuckDB file of its own and
on a schema of its own in a throwaway PostgreSQL server (``postgres_server.py``). Without
PostgreSQL the second run skips, or fails under ``CI=true``. ``db_path`` is a DuckDB file for
the tests of DuckDB's own behaviour.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import postgres_server
import pytest
from store_samples import sample_corpus

from lagebild.store import open_store
from lagebild.store.sql_store import SQLStore
from support import require

BACKENDS = ("duckdb", "postgresql")


@pytest.fixture(scope="session")
def postgres() -> Iterator[postgres_server.PostgresServer]:
    """A PostgreSQL server for the session; skips (or fails in CI) when none can be had."""
    reason = postgres_server.unavailable_reason()
    require(reason is None, str(reason))
    server = postgres_server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's DuckDB store file goes."""
    return tmp_path / "lagebild.duckdb"


@pytest.fixture
def postgres_url(postgres: postgres_server.PostgresServer) -> Iterator[str]:
    """The address of an empty PostgreSQL store (a schema of the test's own)."""
    with postgres.schema_url() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend a test runs on."""
    return str(request.param)


@pytest.fixture
def location(backend: str, request: pytest.FixtureRequest) -> Path | str:
    """Where the test's store is: a DuckDB file or a PostgreSQL address."""
    if backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return Path(request.getfixturevalue("db_path"))


@pytest.fixture
def store(location: Path | str) -> Iterator[SQLStore]:
    """A new, empty store."""
    with open_store(location) as opened:
        assert isinstance(opened, SQLStore)
        yield opened


@pytest.fixture
def filled(store: SQLStore) -> SQLStore:
    """A store holding the sample corpus."""
    store.write_batch(sample_corpus())
    return store
