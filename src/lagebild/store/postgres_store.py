"""The shared store for teams: PostgreSQL, reached by an address ``postgresql://user@host:port/dbname``.

The queries are the ones of ``lagebild.store.sql_store``; this module holds what is PostgreSQL's
own: connections (a small pool, so threads read in parallel), psycopg's ``%s`` placeholders,
bulk inserts with ``COPY``, results streamed through server-side cursors, and locks that keep
writers in line without keeping readers out.

Concurrency: every read runs in a ``REPEATABLE READ READ ONLY`` transaction, so one call sees
one snapshot, and PostgreSQL's MVCC lets it read while a batch is being written. A batch takes
only row locks and one advisory lock (per schema) that orders writers, never a table lock, so
any number of processes may read while one or more ingest. Migrations take an advisory lock
too, so two processes opening a new store do not both create it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import IsolationLevel
from psycopg.pq import TransactionStatus
from psycopg.types.string import TextLoader

from lagebild.store.base import SchemaVersionError, StoreError
from lagebild.store.migrations import MIGRATIONS, Migration, apply_migrations, pending
from lagebild.store.rows import Column
from lagebild.store.sql_store import Cursor, SQLStore

# Advisory lock keys (the first of two int4 keys; the second is a hash of the schema's name).
_WRITE_LOCK = 0x1A6E
_MIGRATION_LOCK = 0x1A6F
_IDLE_CONNECTIONS = 8
# PostgreSQL text cannot hold U+0000; it is stored as U+FFFD, one character for one, so that
# character offsets into the text stay right.
_NUL, _REPLACEMENT = "\x00", "\ufffd"


class PostgresStore(SQLStore):
    """A lagebild store in a PostgreSQL database (see ``lagebild.store.base.Store``).

    The tables live in the connection's current schema (the first on its ``search_path``; an
    address may set it: ``?options=-csearch_path%3Dteam``).
    """

    def __init__(
        self, url: str, read_only: bool = False, *, migrations: Sequence[Migration] = MIGRATIONS
    ) -> None:
        self.url = url
        self.where = _without_password(url)
        self.read_only = read_only
        self._pool = _Pool(lambda: _connect(url, self.where, read_only), self.where)
        try:
            self._prepare_schema(migrations)
        except BaseException:
            self.close()
            raise

    def _prepare_schema(self, migrations: Sequence[Migration]) -> None:
        """Bring the schema up to date (one process at a time), or check it when read-only."""
        with self._pool.connection() as conn:
            cur = PgCursor(conn)
            if self.read_only:
                missing = pending(cur, migrations)
                if missing:
                    raise SchemaVersionError(
                        f"the store {self.where} needs migrations up to version {missing[-1].version}; "
                        "open it once without read_only to upgrade it"
                    )
                return
            cur.execute("SELECT pg_advisory_lock(?, hashtext(current_schema()))", [_MIGRATION_LOCK])
            try:
                apply_migrations(cur, migrations, backend="postgresql")
            finally:
                cur.execute("SELECT pg_advisory_unlock(?, hashtext(current_schema()))", [_MIGRATION_LOCK])

    def close(self) -> None:
        """Close the connections; the object is unusable afterwards."""
        self._pool.close()

    @contextmanager
    def _cursor(self) -> Iterator[PgCursor]:
        """A connection of the pool in a read-only transaction that sees one snapshot."""
        with self._pool.connection() as conn:
            conn.isolation_level, conn.read_only = IsolationLevel.REPEATABLE_READ, True
            with conn.transaction():
                yield PgCursor(conn)

    @contextmanager
    def _transaction(self) -> Iterator[PgCursor]:
        """A write transaction; the advisory lock makes writers of this schema take turns (readers
        are never blocked by it) so that the check for stored articles sees every earlier batch."""
        with self._pool.connection() as conn:
            conn.isolation_level, conn.read_only = IsolationLevel.READ_COMMITTED, None
            with conn.transaction():
                cur = PgCursor(conn)
                cur.execute("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", [_WRITE_LOCK])
                yield cur

    @contextmanager
    def _streamed(self, sql: str, params: Sequence[object]) -> Iterator[psycopg.ServerCursor[Any]]:
        """A server-side cursor: rows travel in chunks as ``fetchmany`` asks, not all at once."""
        with self._pool.connection() as conn:
            conn.isolation_level, conn.read_only = IsolationLevel.REPEATABLE_READ, True
            with conn.transaction(), conn.cursor(name="lagebild_rows") as cur:
                cur.execute(placeholders(sql), _params(params))
                yield cur

    def _insert(
        self,
        cur: Cursor,
        table: str,
        columns: Sequence[Column],
        records: Sequence[Any],
        ignore_existing: bool = False,
    ) -> int:
        """Insert records with ``COPY``; with ``ignore_existing`` through a temporary table, from
        which only rows with new keys go on. Return the rows inserted.

        ``table`` and the column names are fixed by this package; the values travel as data.
        """
        if not records:
            return 0
        assert isinstance(cur, PgCursor)
        names = ", ".join(f'"{c.name}"' for c in columns)
        rows = ([_value(c.value(record)) for c in columns] for record in records)
        if not ignore_existing:
            cur.copy_rows(f"COPY {table} ({names}) FROM STDIN", rows)
            return len(records)
        staging = f"incoming_{table}"
        cur.execute(f"CREATE TEMPORARY TABLE {staging} (LIKE {table}) ON COMMIT DROP")
        cur.copy_rows(f"COPY {staging} ({names}) FROM STDIN", rows)
        inserted = cur.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} ON CONFLICT DO NOTHING"
        )
        return max(inserted.rowcount, 0)


class PgCursor:
    """A psycopg cursor that takes the store's SQL (``?`` placeholders) and, for migrations,
    ``begin``/``commit``/``rollback`` like a DuckDB connection."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn
        self._cur = conn.cursor()

    def execute(self, query: str, parameters: Sequence[object] | None = None) -> psycopg.Cursor[Any]:
        """Run one statement (or, without parameters, several separated by ``;``)."""
        if parameters:
            self._cur.execute(placeholders(query), _params(parameters))
        else:
            # Without parameters psycopg sends the text as it is: ``%`` needs no escaping.
            self._cur.execute(query.encode())
        return self._cur

    def copy_rows(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        """Feed rows to a ``COPY ... FROM STDIN`` statement."""
        with self._cur.copy(statement.encode()) as copy:
            for row in rows:
                copy.write_row(row)

    def begin(self) -> None:
        """Start a transaction (the connection is in autocommit mode otherwise)."""
        self._conn.execute(b"BEGIN")

    def commit(self) -> None:
        """Commit the transaction ``begin`` started."""
        self._conn.execute(b"COMMIT")

    def rollback(self) -> None:
        """Roll back the transaction ``begin`` started."""
        self._conn.execute(b"ROLLBACK")


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """The store's SQL for psycopg: ``?`` becomes ``%s`` and a literal ``%`` becomes ``%%``.

    The store's SQL has no ``?`` other than placeholders (values are never part of the text).
    """
    return sql.replace("%", "%%").replace("?", "%s")


def _value(value: object) -> object:
    """A value as PostgreSQL can hold it (text without U+0000)."""
    if isinstance(value, str) and _NUL in value:
        return value.replace(_NUL, _REPLACEMENT)
    return value


def _params(params: Sequence[object]) -> list[object]:
    """Parameters as PostgreSQL can take them (lists of text included)."""
    return [[_value(v) for v in p] if isinstance(p, list) else _value(p) for p in params]


class _Pool:
    """Connections for the threads of one store: each call borrows one and gives it back."""

    def __init__(self, connect: Any, where: str) -> None:
        self._connect = connect
        self._where = where
        self._lock = threading.Lock()
        self._idle: list[psycopg.Connection[Any]] = []
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """An idle connection, or a new one."""
        with self._lock:
            if self._closed:
                raise StoreError(f"the store {self._where} is closed")
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = self._connect()
        try:
            yield conn
        finally:
            self._give_back(conn)

    def _give_back(self, conn: psycopg.Connection[Any]) -> None:
        """Keep a healthy, idle connection for the next call; close any other."""
        healthy = not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE
        with self._lock:
            if healthy and not self._closed and len(self._idle) < _IDLE_CONNECTIONS:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        """Close the idle connections; borrowed ones are closed when they come back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


def _connect(url: str, where: str, read_only: bool) -> psycopg.Connection[Any]:
    """A connection in autocommit mode with the session the store's SQL expects."""
    try:
        conn = psycopg.connect(url, autocommit=True, application_name="lagebild")
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to the store {where}: {_one_line(exc)}") from None
    # JSON columns come back as text, as from DuckDB (the store parses them itself).
    conn.adapters.register_loader("json", TextLoader)
    conn.adapters.register_loader("jsonb", TextLoader)
    # Dates as ISO text (the month facet cuts them), timestamps in UTC like the ingest times.
    session = "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'"
    if read_only:
        session += "; SET default_transaction_read_only = on"
    conn.execute(session.encode())
    return conn


def _without_password(url: str) -> str:
    """The address for messages: a password in it is replaced by ``***``."""
    url = re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", url)
    return re.sub(r"(password=)[^&\s]*", r"\1***", url)


def _one_line(exc: BaseException) -> str:
    """An error message on one line."""
    return " ".join(str(exc).split())
