"""Schema versions: recorded migrations, upgrades of older stores, refusal of newer ones."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from store_samples import kaliningrad_missiles, nato_request

from lagebild.store import DuckDBStore, EventFilter, SchemaVersionError, StoreError, open_store
from lagebild.store.duckdb_store import CONNECTION_CONFIG
from lagebild.store.migrations import (
    MIGRATIONS,
    Migration,
    apply_migrations,
    check_migrations,
    latest_version,
    stored_version,
)


def _index_names(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True, config=CONNECTION_CONFIG) as con:
        return {row[0] for row in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}


def _store_at_version_one(path: Path) -> None:
    """Create a store as the first release left it: only migration 1 applied."""
    with duckdb.connect(str(path), config=CONNECTION_CONFIG) as con:
        assert apply_migrations(con, MIGRATIONS[:1]) == [1]


def test_new_store_records_every_migration(db_path: Path) -> None:
    with open_store(db_path) as store:
        assert store.schema_version() == latest_version() == len(MIGRATIONS)
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
    assert [(v, n) for v, n, _ in rows] == [(m.version, m.name) for m in MIGRATIONS]
    assert all(applied_at is not None for _, _, applied_at in rows)


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    open_store(db_path).close()
    with duckdb.connect(str(db_path), config=CONNECTION_CONFIG) as con:
        assert apply_migrations(con) == []
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(MIGRATIONS),)


NEXT = latest_version() + 1


def test_store_at_version_one_is_upgraded_and_keeps_its_data(db_path: Path) -> None:
    _store_at_version_one(db_path)
    assert "events_source_root" not in _index_names(db_path)
    with duckdb.connect(str(db_path), config=CONNECTION_CONFIG) as con:
        # What the first release wrote: an article row in the version-1 schema.
        con.execute(
            "INSERT INTO articles (id, text, ingested_at) VALUES (?, ?, now())",
            ["a-old", "Die Nato tagt in Brüssel."],
        )

    with open_store(db_path) as store:
        assert store.schema_version() == latest_version()
        assert store.has_article("a-old")
        store.write_batch([nato_request()])  # the upgraded schema takes today's records
        assert store.count_events(EventFilter(actor="NATO")) == 1
    assert {"events_source_root", "events_target_root", "events_article"} <= _index_names(db_path)


def test_callable_migration_runs_with_the_connection(db_path: Path) -> None:
    def add_reviews(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE reviews (event_id VARCHAR, verdict VARCHAR)")
        con.execute("INSERT INTO reviews VALUES (?, ?)", ["x", "bestätigt"])

    migrations = (*MIGRATIONS, Migration(NEXT, "analyst reviews", add_reviews))
    with DuckDBStore(db_path, migrations=migrations) as store:
        assert store.schema_version() == NEXT
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT verdict FROM reviews").fetchall() == [("bestätigt",)]


def test_store_newer_than_the_code_is_refused(db_path: Path) -> None:
    future = (*MIGRATIONS, Migration(NEXT, "a later release", "CREATE TABLE later (x INTEGER)"))
    DuckDBStore(db_path, migrations=future).close()
    with pytest.raises(SchemaVersionError, match=rf"schema version {NEXT}.*only up to version {NEXT - 1}"):
        open_store(db_path)
    with pytest.raises(SchemaVersionError):
        open_store(db_path, read_only=True)


def test_failed_migration_leaves_the_previous_version(db_path: Path) -> None:
    broken = (*MIGRATIONS, Migration(NEXT, "broken", "CREATE TABLE half (x INTEGER); SELECT * FROM missing"))
    with pytest.raises(duckdb.CatalogException):
        DuckDBStore(db_path, migrations=broken)
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert stored_version(con) == NEXT - 1
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half" not in tables


def test_read_only_open_does_not_migrate(db_path: Path) -> None:
    _store_at_version_one(db_path)
    with pytest.raises(SchemaVersionError, match="without read_only"):
        open_store(db_path, read_only=True)


def test_read_only_open_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "nowhere.duckdb", read_only=True)


def test_read_only_store_reads(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.write_batch([nato_request()])
    with open_store(db_path, read_only=True) as reader:
        assert reader.has_article("a-nato-request")
        with pytest.raises(StoreError, match="read-only"):
            reader.write_batch([kaliningrad_missiles()])


@pytest.mark.parametrize("versions", [(2, 1), (1, 3), (0,)])
def test_migration_lists_must_count_from_one(versions: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="in order"):
        check_migrations([Migration(v, f"m{v}", "SELECT 1") for v in versions])
