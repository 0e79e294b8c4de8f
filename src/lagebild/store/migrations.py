"""Recorded schema migrations, one history for both backends (DuckDB and PostgreSQL).

A migration is never edited once released: a schema change is a new entry at the end of
``MIGRATIONS``, with its SQL for DuckDB and, where PostgreSQL needs other text, for PostgreSQL.
Opening a store applies the missing entries in order, each in its own transaction together with
its row in ``schema_migrations``, so a crash leaves the store at the last complete version. The
same version number means the same tables and columns in either backend.

The functions take a connection that runs ``execute(sql, params)`` with ``?`` placeholders and
has ``begin``, ``commit`` and ``rollback``: a DuckDB connection, or the PostgreSQL backend's
connection adapter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from lagebild.store.base import SchemaVersionError

Backend = Literal["duckdb", "postgresql"]
MigrationStep = str | Callable[[Any], None]


@dataclass(frozen=True)
class Migration:
    """One schema change: SQL statements (``;``-separated) or a callable given the connection.

    ``step`` is what DuckDB runs; ``postgresql`` what PostgreSQL runs, when that differs (left at
    ``None``, PostgreSQL runs ``step`` too, which then has to be SQL both understand).
    """

    version: int
    name: str
    step: MigrationStep
    postgresql: MigrationStep | None = None

    def step_for(self, backend: Backend) -> MigrationStep:
        """The step this backend runs."""
        if backend == "postgresql" and self.postgresql is not None:
            return self.postgresql
        return self.step


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

# Free text keeps the database's collation (so ILIKE and lower() fold case by its locale);
# every other text column in PostgreSQL holds ids and codes, compared byte by byte as DuckDB does,
# so that orders (the default event order ends with article and event ids) are the same.
_FREE_TEXT = frozenset(
    {
        "title", "url", "outlet", "source_path", "text", "warnings", "name", "source_text",
        "source_name", "target_text", "target_name", "location_name", "location_text",
        "attribution", "trigger", "evidence_text", "record", "extra",
    }
)  # fmt: skip
_VARCHAR_COLUMN = re.compile(r'^(\s*"?(\w+)"? VARCHAR)', re.MULTILINE)


def for_postgresql(sql: str) -> str:
    """The PostgreSQL text of DuckDB DDL: ``DOUBLE`` becomes ``DOUBLE PRECISION``, and text columns
    other than free text get ``COLLATE "C"`` (byte order, as in DuckDB).

    Used to write the PostgreSQL step of a migration; the output of a released migration must
    never change.
    """
    sql = re.sub(r"\bDOUBLE\b", "DOUBLE PRECISION", sql)

    def collate(match: re.Match[str]) -> str:
        return match.group(1) if match.group(2) in _FREE_TEXT else f'{match.group(1)} COLLATE "C"'

    return _VARCHAR_COLUMN.sub(collate, sql)


# Who coded what (``lagebild recode`` finds articles coded by another version), and the stories:
# the events several articles report, each with its mentions. A mention row holds what the
# grouping needs (its lane: type, source and target; its day; outlet and publication days), so
# that stories are recomputed from ``story_mentions`` alone. ``story_settings`` records the
# window the stories were built with.
_ADD_CODER_VERSION_AND_STORIES = """
ALTER TABLE events ADD COLUMN
    coder_version VARCHAR;
ALTER TABLE articles ADD COLUMN
    coder_version VARCHAR;
CREATE TABLE stories (
    id VARCHAR PRIMARY KEY,
    lane VARCHAR NOT NULL,
    type VARCHAR,
    cameo_root VARCHAR,
    source_root VARCHAR,
    target_root VARCHAR,
    event_date DATE,
    event_date_first DATE,
    event_date_last DATE,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    first_seen DATE,
    last_seen DATE,
    first_event_id VARCHAR NOT NULL
);
CREATE TABLE story_mentions (
    event_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    lane VARCHAR NOT NULL,
    type VARCHAR,
    cameo_root VARCHAR,
    source_root VARCHAR,
    target_root VARCHAR,
    event_date DATE,
    outlet VARCHAR,
    published_earliest DATE,
    published_latest DATE
);
CREATE TABLE story_settings (
    window_days INTEGER NOT NULL
);
CREATE INDEX stories_lane ON stories (lane, event_date_first);
CREATE INDEX story_mentions_story ON story_mentions (story_id);
CREATE INDEX story_mentions_lane ON story_mentions (lane, event_date);
CREATE INDEX story_mentions_article ON story_mentions (article_id);
"""

# PostgreSQL reads pages of events by walking an index in the event order (a keyset cursor starts
# inside it, however deep the page), and filters by date, PLOVER type and CAMEO prefix through
# indexes. DuckDB needs none of them: it scans columns, skipping row groups by their min/max
# statistics, and its indexes would only cost memory and write time.
_PAGING_INDEXES_POSTGRESQL = """
CREATE INDEX events_order
    ON events (date_earliest, date_latest, article_id, evidence_start, trigger_start, id);
CREATE INDEX events_date_latest ON events (date_latest);
CREATE INDEX events_upper_type ON events ((upper(type)));
CREATE INDEX events_cameo ON events (cameo);
"""


def _no_duckdb_index(con: Any) -> None:
    """DuckDB's step of the paging indexes: nothing (see ``_PAGING_INDEXES_POSTGRESQL``)."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, sentences, mentions and events", _CREATE_TABLES, for_postgresql(_CREATE_TABLES)),
    Migration(2, "indexes for article lookups and actor filters", _CREATE_INDEXES),
    Migration(3, "PLOVER score of each event", _ADD_PLOVER_SCORE, for_postgresql(_ADD_PLOVER_SCORE)),
    Migration(
        4,
        "coder version of articles and events; stories and their mentions",
        _ADD_CODER_VERSION_AND_STORIES,
        for_postgresql(_ADD_CODER_VERSION_AND_STORIES),
    ),
    Migration(
        5,
        "indexes for paging and filtering events (PostgreSQL)",
        _no_duckdb_index,
        _PAGING_INDEXES_POSTGRESQL,
    ),
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


def stored_version(con: Any) -> int:
    """The highest migration recorded in the store; 0 for a new, empty store."""
    # The current schema: DuckDB's "main", or PostgreSQL's first schema on the search path.
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
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


def pending(con: Any, migrations: Sequence[Migration]) -> list[Migration]:
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
    con: Any, migrations: Sequence[Migration] = MIGRATIONS, backend: Backend = "duckdb"
) -> list[int]:
    """Apply the missing migrations in order (the steps of ``backend``); return the versions applied."""
    con.execute(_CREATE_MIGRATIONS_TABLE)
    applied: list[int] = []
    for migration in pending(con, migrations):
        _apply_one(con, migration, backend)
        applied.append(migration.version)
    return applied


def _apply_one(con: Any, migration: Migration, backend: Backend) -> None:
    """Run one migration and record it, both or neither."""
    step = migration.step_for(backend)
    con.begin()
    try:
        if isinstance(step, str):
            con.execute(step)
        else:
            step(con)
        con.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
            [migration.version, migration.name],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
