"""Where coded events live: schema, migrations and the store backends behind one interface.

``open_store`` is the one entry point; front ends use only the ``Store`` protocol.
"""

from __future__ import annotations

from pathlib import Path

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


def open_store(path: Path | str, read_only: bool = False) -> Store:
    """Open the store at ``path`` (a DuckDB file, created and migrated when writable)."""
    return DuckDBStore(path, read_only)


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
