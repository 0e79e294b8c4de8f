"""Recorded schema migrations for the DuckDB store.

A migration is never edited once released: a schema change is a new entry at the end of
``MIGRATIONS``. Opening a store applies the missing entries in order, each in its own
transaction together with its row in ``schema_migrations``, so a crash leaves the store at the
last complete version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb

from lagebild.store.base import SchemaVersionError

MigrationStep = str | Callable[[duckdb.DuckDBPyConnection], None]


@dataclass(frozen=True)
class Migration:
    """One schema change: SQL statements (``;``-separated) or a callable given the connection."""

    version: int
    name: str
    step: MigrationStep


_CREATE_TABLES = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    language VARCHAR,
    published_value VARCHAR,
    published_granularity VARCHAR,
    published_earliest DATE,
    published_latest DATE,
    source_path VARCHAR,
    text VARCHAR NOT NULL,
    warnings JSON,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE sentences (
    article_id VARCHAR NOT NULL,
    "index" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    label VARCHAR,
    name VARCHAR,
    country VARCHAR,
    org VARCHAR,
    sector VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    time_type VARCHAR,
    time_value VARCHAR,
    time_granularity VARCHAR,
    time_earliest DATE,
    time_latest DATE
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    type VARCHAR,
    mode VARCHAR,
    context VARCHAR,
    cameo VARCHAR NOT NULL,
    goldstein DOUBLE,
    quad_class INTEGER,
    source_root VARCHAR,
    source_text VARCHAR,
    source_name VARCHAR,
    source_country VARCHAR,
    source_org VARCHAR,
    source_sector VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    target_root VARCHAR,
    target_text VARCHAR,
    target_name VARCHAR,
    target_country VARCHAR,
    target_org VARCHAR,
    target_sector VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    modality VARCHAR NOT NULL,
    date_value VARCHAR,
    date_granularity VARCHAR,
    date_earliest DATE,
    date_latest DATE,
    date_source VARCHAR NOT NULL,
    location_name VARCHAR,
    location_text VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_start INTEGER,
    location_end INTEGER,
    attribution VARCHAR,
    trigger VARCHAR NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_sentence INTEGER NOT NULL,
    published VARCHAR,
    language VARCHAR NOT NULL,
    record JSON NOT NULL,
    extra JSON
);
"""

# Point lookups by article and the actor filters; date and type filters are served by
# DuckDB's per-row-group min/max statistics, which need no index.
_CREATE_INDEXES = """
CREATE INDEX sentences_article ON sentences (article_id);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_source_root ON events (source_root);
CREATE INDEX events_target_root ON events (target_root);
"""

# PLOVER gives each event type a score of its own, beside CAMEO's Goldstein value.
_ADD_PLOVER_SCORE = """
ALTER TABLE events ADD COLUMN plover_score DOUBLE;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, sentences, mentions and events", _CREATE_TABLES),
    Migration(2, "indexes for article lookups and actor filters", _CREATE_INDEXES),
    Migration(3, "PLOVER score of each event", _ADD_PLOVER_SCORE),
)

_CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """The schema version a store has after all ``migrations``."""
    return max((m.version for m in migrations), default=0)


def stored_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration recorded in the store; 0 for a new, empty store."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check_migrations(migrations: Sequence[Migration]) -> None:
    """Refuse a migration list whose versions are not strictly increasing from 1."""
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migration versions must be 1, 2, 3, ... in order, got {versions}")


def pending(con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration]) -> list[Migration]:
    """The migrations the store still needs; raises if the store is newer than the code."""
    check_migrations(migrations)
    current = stored_version(con)
    known = latest_version(migrations)
    if current > known:
        raise SchemaVersionError(
            f"the store has schema version {current}, but this lagebild knows only up to "
            f"version {known}; use a newer lagebild to open it"
        )
    return [m for m in migrations if m.version > current]


def apply_migrations(
    con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] = MIGRATIONS
) -> list[int]:
    """Apply the missing migrations in order; return the versions applied."""
    con.execute(_CREATE_MIGRATIONS_TABLE)
    applied: list[int] = []
    for migration in pending(con, migrations):
        _apply_one(con, migration)
        applied.append(migration.version)
    return applied


def _apply_one(con: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    """Run one migration and record it, both or neither."""
    con.begin()
    try:
        if isinstance(migration.step, str):
            con.execute(migration.step)
        else:
            migration.step(con)
        con.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
            [migration.version, migration.name],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
