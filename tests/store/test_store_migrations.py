"""Schema versions: recorded migrations, upgrades of older stores, refusal of newer ones, on both
backends; and both backends ending at the same version with the same tables and columns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest
from store_samples import kaliningrad_missiles, nato_request

from lagebild.store import DuckDBStore, EventFilter, SchemaVersionError, StoreError, open_store
from lagebild.store.duckdb_store import CONNECTION_CONFIG
from lagebild.store.migrations import (
    MIGRATIONS,
    Backend,
    Migration,
    apply_migrations,
    check_migrations,
    latest_version,
    stored_version,
)
from lagebild.store.sql_store import SQLStore


def _backend(location: Path | str) -> Backend:
    return "postgresql" if isinstance(location, str) else "duckdb"


@contextmanager
def _connection(location: Path | str) -> Iterator[Any]:
    """A plain connection to the store (outside any store object) that migrations can use."""
    if isinstance(location, Path):
        with duckdb.connect(str(location), config=CONNECTION_CONFIG) as con:
            yield con
        return
    import psycopg

    from lagebild.store.postgres_store import PgCursor

    with psycopg.connect(location, autocommit=True) as conn:
        yield PgCursor(conn)


def _open(location: Path | str, migrations: Sequence[Migration]) -> SQLStore:
    """A store object with a migration list of the test's own."""
    if isinstance(location, Path):
        return DuckDBStore(location, migrations=migrations)
    from lagebild.store.postgres_store import PostgresStore

    return PostgresStore(location, migrations=migrations)


def _index_names(location: Path | str) -> set[str]:
    sql = {
        "duckdb": "SELECT index_name FROM duckdb_indexes()",
        "postgresql": "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()",
    }[_backend(location)]
    with _connection(location) as con:
        return {row[0] for row in con.execute(sql).fetchall()}


def _tables(location: Path | str) -> set[str]:
    with _connection(location) as con:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
    return {row[0] for row in rows}


def _store_at_version_one(location: Path | str) -> None:
    """Create a store as the first release left it: only migration 1 applied."""
    with _connection(location) as con:
        assert apply_migrations(con, MIGRATIONS[:1], _backend(location)) == [1]


def test_new_store_records_every_migration(location: Path | str) -> None:
    with open_store(location) as store:
        assert store.schema_version() == latest_version() == len(MIGRATIONS)
    with _connection(location) as con:
        rows = con.execute(
            "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
    assert [(v, n) for v, n, _ in rows] == [(m.version, m.name) for m in MIGRATIONS]
    assert all(applied_at is not None for _, _, applied_at in rows)


def test_reopening_applies_nothing_twice(location: Path | str) -> None:
    open_store(location).close()
    with _connection(location) as con:
        assert apply_migrations(con, MIGRATIONS, _backend(location)) == []
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(MIGRATIONS),)


NEXT = latest_version() + 1


def test_store_at_version_one_is_upgraded_and_keeps_its_data(location: Path | str) -> None:
    _store_at_version_one(location)
    assert "events_source_root" not in _index_names(location)
    with _connection(location) as con:
        # What the first release wrote: an article row in the version-1 schema.
        con.execute(
            "INSERT INTO articles (id, text, ingested_at) VALUES (?, ?, now())",
            ["a-old", "Die Nato tagt in Brüssel."],
        )

    with open_store(location) as store:
        assert store.schema_version() == latest_version()
        assert store.has_article("a-old")
        store.write_batch([nato_request()])  # the upgraded schema takes today's records
        assert store.count_events(EventFilter(actor="NATO")) == 1
    assert {"events_source_root", "events_target_root", "events_article"} <= _index_names(location)


def test_callable_migration_runs_with_the_connection(location: Path | str) -> None:
    def add_reviews(con: Any) -> None:
        con.execute("CREATE TABLE reviews (event_id VARCHAR, verdict VARCHAR)")
        con.execute("INSERT INTO reviews VALUES (?, ?)", ["x", "bestätigt"])

    migrations = (*MIGRATIONS, Migration(NEXT, "analyst reviews", add_reviews))
    with _open(location, migrations) as store:
        assert store.schema_version() == NEXT
    with _connection(location) as con:
        assert con.execute("SELECT verdict FROM reviews").fetchall() == [("bestätigt",)]


def test_each_backend_runs_its_own_step(location: Path | str) -> None:
    step = Migration(
        NEXT,
        "a column typed differently",
        "ALTER TABLE events ADD COLUMN weight DOUBLE",
        "ALTER TABLE events ADD COLUMN weight DOUBLE PRECISION",
    )
    with _open(location, (*MIGRATIONS, step)) as store:
        assert store.schema_version() == NEXT
    with _connection(location) as con:
        assert con.execute("SELECT count(weight) FROM events").fetchone() == (0,)


def test_store_newer_than_the_code_is_refused(location: Path | str) -> None:
    future = (*MIGRATIONS, Migration(NEXT, "a later release", "CREATE TABLE later (x INTEGER)"))
    _open(location, future).close()
    with pytest.raises(SchemaVersionError, match=rf"schema version {NEXT}.*only up to version {NEXT - 1}"):
        open_store(location)
    with pytest.raises(SchemaVersionError):
        open_store(location, read_only=True)


def test_failed_migration_leaves_the_previous_version(location: Path | str) -> None:
    broken = (*MIGRATIONS, Migration(NEXT, "broken", "CREATE TABLE half (x INTEGER); SELECT * FROM missing"))
    with pytest.raises(Exception, match="missing"):
        _open(location, broken)
    with _connection(location) as con:
        assert stored_version(con) == NEXT - 1
    assert "half" not in _tables(location)


def test_read_only_open_does_not_migrate(location: Path | str) -> None:
    _store_at_version_one(location)
    with pytest.raises(SchemaVersionError, match="without read_only"):
        open_store(location, read_only=True)


def test_read_only_open_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "nowhere.duckdb", read_only=True)


def test_read_only_store_reads(location: Path | str) -> None:
    with open_store(location) as store:
        store.write_batch([nato_request()])
    with open_store(location, read_only=True) as reader:
        assert reader.has_article("a-nato-request")
        with pytest.raises(StoreError, match="read-only"):
            reader.write_batch([kaliningrad_missiles()])


@pytest.mark.parametrize("versions", [(2, 1), (1, 3), (0,)])
def test_migration_lists_must_count_from_one(versions: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="in order"):
        check_migrations([Migration(v, f"m{v}", "SELECT 1") for v in versions])


# The column types of the two backends that mean the same.
SAME_TYPE = {
    "character varying": "VARCHAR",
    "integer": "INTEGER",
    "double precision": "DOUBLE",
    "date": "DATE",
    "json": "JSON",
    "timestamp without time zone": "TIMESTAMP",
}


def _columns(location: Path | str) -> list[tuple[str, str, str]]:
    """Every column of the store's tables: table, column and type (in DuckDB's names)."""
    with _connection(location) as con:
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        ).fetchall()
    return [(table, column, SAME_TYPE.get(kind, kind)) for table, column, kind in rows]


def test_both_backends_end_at_the_same_schema(db_path: Path, postgres_url: str) -> None:
    for location in (db_path, postgres_url):
        open_store(location).close()
    with _connection(db_path) as con:
        duckdb_version = stored_version(con)
    with _connection(postgres_url) as con:
        postgres_version = stored_version(con)
    assert duckdb_version == postgres_version == latest_version()
    assert (
        _tables(db_path)
        == _tables(postgres_url)
        == {
            "articles",
            "sentences",
            "mentions",
            "events",
            "schema_migrations",
            "stories",
            "story_mentions",
            "story_settings",
        }
    )
    assert _columns(db_path) == _columns(postgres_url)


def test_postgresql_compares_ids_and_codes_byte_by_byte(postgres_url: str) -> None:
    # Ids and codes sort as in DuckDB whatever the database's locale; free text keeps it.
    open_store(postgres_url).close()
    with _connection(postgres_url) as con:
        rows = con.execute(
            "SELECT column_name, collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'events' "
            "AND column_name IN ('id', 'article_id', 'source_root', 'type', 'evidence_text', 'location_name')"
        ).fetchall()
    assert dict(rows) == {
        "id": "C",
        "article_id": "C",
        "source_root": "C",
        "type": "C",
        "evidence_text": None,
        "location_name": None,
    }


def test_an_unreachable_postgresql_server_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    # Port 1 on this machine: nothing listens there; the password does not appear in the message.
    with pytest.raises(
        StoreError, match=r"cannot connect to the store postgresql://someone:\*\*\*@127\.0\.0\.1:1/"
    ):
        open_store("postgresql://someone:secret@127.0.0.1:1/lagebild?connect_timeout=2")
