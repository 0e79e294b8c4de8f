"""Where coded events live: schema, migrations and the store backends behind one interface.

``open_store`` is the one entry point; front ends use only the ``Store`` protocol. A DuckDB
file is the default; a ``postgresql://`` address opens the PostgreSQL backend (the optional
extra ``lagebild[postgresql]``), which is imported only then.
"""

from __future__ import annotations

from pathlib import Path

from lagebild.settings import DEFAULT_STORE_MEMORY, STORE_URL_SCHEMES, store_location
from lagebild.store.base import (
    ActorCode,
    BatchResult,
    EventFilter,
    SchemaVersionError,
    Store,
    StoreError,
    StoreLockedError,
)
from lagebild.store.duckdb_store import DuckDBStore


def open_store(
    location: Path | str, read_only: bool = False, *, memory_limit: str = DEFAULT_STORE_MEMORY
) -> Store:
    """Open the store at ``location``: a DuckDB file (created and migrated when writable), or a
    PostgreSQL database given as ``postgresql://user@host:port/dbname`` (migrated when writable).

    ``memory_limit`` caps a DuckDB store's memory (``store_memory_limit`` in the settings); a
    PostgreSQL server's memory is the server's own setting.
    """
    where = store_location(location)
    if isinstance(where, str):
        return _open_postgresql(where, read_only)
    if str(where).lower().startswith(tuple(scheme[:-1] for scheme in STORE_URL_SCHEMES)):
        # Path("postgresql://h/db") folds the slashes; the address must stay text.
        raise StoreError(f"{where} looks like a PostgreSQL address that became a path; pass it as text")
    return DuckDBStore(where, read_only, memory_limit=memory_limit)


def _open_postgresql(url: str, read_only: bool) -> Store:
    """The PostgreSQL backend, or a clear error when psycopg is not installed."""
    try:
        from lagebild.store.postgres_store import PostgresStore
    except ImportError as exc:
        raise StoreError(
            f"a PostgreSQL store needs psycopg: pip install 'lagebild[postgresql]' ({exc})"
        ) from None
    return PostgresStore(url, read_only)


__all__ = [
    "ActorCode",
    "BatchResult",
    "DuckDBStore",
    "EventFilter",
    "SchemaVersionError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "open_store",
]
