"""The embedded default store: one DuckDB file.

The queries are shared with the PostgreSQL backend (``lagebild.store.sql_store``); this module
holds what is DuckDB's own: opening the file (with downloads of extensions off and the memory
capped), who holds its lock, bulk inserts from Arrow tables, JSON lines written by DuckDB and
Parquet straight from Arrow.

Thread safety: DuckDB connection objects must not be shared between threads, so every call
works on its own cursor (a cheap child connection of the same database). Writes are serialised
by a lock, which keeps DuckDB's optimistic concurrency from aborting one of two racing batches.
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from lagebild.settings import DEFAULT_STORE_MEMORY
from lagebild.store import export as exports
from lagebild.store.base import (
    EventFilter,
    ExportFormat,
    ExportTarget,
    SchemaVersionError,
    StoreError,
    StoreLockedError,
)
from lagebild.store.filters import order_keys
from lagebild.store.migrations import MIGRATIONS, Migration, apply_migrations, pending
from lagebild.store.rows import Column, arrow_table
from lagebild.store.sql_store import Cursor, SQLStore, chosen_sql, handle_rows_sql, order_columns
from lagebild.store.table import profile_types

PAGE_ROWS = 4096
"""Rows per page of a large read. DuckDB selects the first rows of an order (top-N) without
sorting everything only while the limit is small: a few thousand rows, not ten thousand."""
_PAGE_VIEW = "lagebild_event_page"

# Nothing may be fetched at run time: an extension that is not built in must fail loudly
# instead of being downloaded on first use.
CONNECTION_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class DuckDBStore(SQLStore):
    """A lagebild store in one DuckDB file (see ``lagebild.store.base.Store``).

    ``memory_limit`` caps DuckDB's memory (its block cache above all), e.g. ``"1GB"``.
    """

    def __init__(
        self,
        path: Path | str,
        read_only: bool = False,
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
        memory_limit: str = DEFAULT_STORE_MEMORY,
    ) -> None:
        self.path = Path(path)
        self.where = str(self.path)
        self.read_only = read_only
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = _connect(self.path, read_only, memory_limit)
        try:
            self._prepare_schema(migrations)
        except BaseException:
            self.close()
            raise

    def _prepare_schema(self, migrations: Sequence[Migration]) -> None:
        """Bring the schema up to date, or check that it is when opened read-only."""
        with self._cursor() as cur:
            if not self.read_only:
                apply_migrations(cur, migrations)
                return
            missing = pending(cur, migrations)
            if missing:
                raise SchemaVersionError(
                    f"the store {self.path} needs migrations up to version {missing[-1].version}; "
                    "open it once without read_only to upgrade it"
                )

    def close(self) -> None:
        """Release the database file; the object is unusable afterwards."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A private cursor for one call, so calls from several threads do not interfere."""
        with self._lock:
            if self._con is None:
                raise StoreError(f"the store {self.path} is closed")
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction at a time: committed when the block ends, rolled back on error."""
        with self._write_lock, self._cursor() as cur:
            cur.begin()
            try:
                yield cur
                cur.commit()
            except BaseException:
                cur.rollback()
                raise

    @contextmanager
    def _streamed(self, sql: str, params: Sequence[object]) -> Iterator[duckdb.DuckDBPyConnection]:
        """DuckDB hands out a result chunk by chunk as ``fetchmany`` asks for it."""
        with self._cursor() as cur:
            yield cur.execute(sql, list(params))

    def _insert(
        self,
        cur: Cursor,
        table: str,
        columns: Sequence[Column],
        records: Sequence[Any],
        ignore_existing: bool = False,
    ) -> int:
        """Insert records through an Arrow table in one statement; return the rows inserted.

        ``table`` and the column names are fixed by this package; the values travel as data.
        """
        if not records:
            return 0
        assert isinstance(cur, duckdb.DuckDBPyConnection)
        view = f"incoming_{table}"
        names = ", ".join(f'"{c.name}"' for c in columns)
        conflict = "ON CONFLICT DO NOTHING" if ignore_existing else ""
        cur.register(view, arrow_table(columns, records))
        try:
            row = cur.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM {view} {conflict}"
            ).fetchone()
        finally:
            cur.unregister(view)
        return int(row[0]) if row else 0

    # -- event-table rows, page by page --------------------------------------------------------

    def iter_rows(self, f: EventFilter) -> Iterator[dict[str, Any]]:
        """The event-table rows matching ``f`` in its order, read page by page (``_pages``)."""
        for page in self._pages(f):
            yield from page.to_pylist()

    def _export_table(self, fmt: ExportFormat, f: EventFilter, out: ExportTarget, raw_csv: bool) -> int:
        """Write the event-table rows of ``f`` page by page (``_pages``), so that memory stays flat
        however many rows there are: Parquet from each page's Arrow table; JSON lines and CSV
        written by DuckDB from each page (JSON: dates as ISO text, nulls as null, a double as a
        number with a fraction, where PostgreSQL's JSON would write ``0.0`` as ``0``)."""
        columns = profile_types("lagebild")
        if fmt == "parquet":
            return exports.write_arrow(self._pages(f), out, columns)
        page_sql = f"SELECT * FROM {_PAGE_VIEW}"
        sql = (
            f"SELECT to_json(t) FROM ({page_sql}) AS t"
            if fmt == "jsonl"
            else exports.csv_sql(page_sql, columns, raw=raw_csv)
        )
        count = 0
        with exports.text_stream(out) as handle, self._cursor() as cur:
            writer = csv.writer(handle) if fmt == "csv" else None
            if writer is not None:
                writer.writerow(name for name, _ in columns)
            for page in self._pages(f):
                cur.register(_PAGE_VIEW, page)
                try:
                    rows = cur.execute(sql).fetchall()
                finally:
                    cur.unregister(_PAGE_VIEW)
                if writer is not None:
                    writer.writerows(rows)
                else:
                    handle.writelines(f"{row[0]}\n" for row in rows)
                count += len(rows)
        return count

    def _page_query(self, cur: Cursor, f: EventFilter, with_keys: bool = False) -> tuple[str, list[object]]:
        """A page in two steps: the ``rowid`` of its events (a top-N over the order's columns
        only), then their rows by ``rowid``. Choosing over whole rows would read every column of
        every matching event; DuckDB reads columns, so this reads a few."""
        if f.limit is None:
            return super()._page_query(cur, f, with_keys)
        columns = ", ".join(["rowid AS row_handle", *order_columns(f)])
        chosen, params = chosen_sql(f, columns)
        found = cur.execute(f"SELECT row_handle, article_id FROM ({chosen}) AS chosen", params).fetchall()
        handles = [row[0] for row in found]
        return handle_rows_sql(f, handles, sorted({row[1] for row in found}), "rowid", with_keys)

    def _pages(self, f: EventFilter) -> Iterator[pa.Table]:
        """The event-table rows of ``f`` as Arrow tables of at most ``PAGE_ROWS`` rows, each page
        starting after the last row of the one before (a keyset), with ``f``'s own offset and limit.

        DuckDB sorts a whole result before it hands out the first row, in memory as far as it
        can; a page of a few thousand rows is a top-N selection instead, which keeps only those
        rows, so memory stays flat however large the store is.
        """
        keys = [f"order_key_{n}" for n in range(len(order_keys(f)))]
        remaining = f.limit
        page = f
        with self._cursor() as cur:
            while remaining is None or remaining > 0:
                size = PAGE_ROWS if remaining is None else min(PAGE_ROWS, remaining)
                sql, params = self._page_query(cur, replace(page, limit=size), with_keys=True)
                table = cur.sql(sql, params=params).to_arrow_table()
                if table.num_rows:
                    yield table.drop_columns(keys)
                if table.num_rows < size:
                    return
                last = table.slice(table.num_rows - 1).select(keys).to_pylist()[0]
                page = replace(page, after=tuple(last[key] for key in keys), offset=0)
                remaining = None if remaining is None else remaining - table.num_rows


def open_duckdb(
    path: Path | str, read_only: bool = False, memory_limit: str = DEFAULT_STORE_MEMORY
) -> DuckDBStore:
    """Open (creating and migrating if needed) the DuckDB store at ``path``."""
    return DuckDBStore(path, read_only, memory_limit=memory_limit)


# -- helpers ---------------------------------------------------------------------------------


def _connect(path: Path, read_only: bool, memory_limit: str) -> duckdb.DuckDBPyConnection:
    """Open the database file with downloads of extensions switched off and memory capped."""
    if read_only and not path.exists():
        raise StoreError(f"there is no store at {path}")
    config = {**CONNECTION_CONFIG, "memory_limit": memory_limit}
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except (duckdb.IOException, duckdb.ConnectionException) as exc:
        # Another process holds the write lock on the file, or this process has the file open
        # already with a different mode (read-only next to read-write).
        locked = _LOCK_HOLDER.search(str(exc))
        if locked is not None:
            pid = int(locked.group(2))
            raise StoreLockedError(path, pid, _command_line(pid) or locked.group(1)) from None
        raise StoreError(f"cannot open the store {path}: {exc}") from exc
    except duckdb.Error as exc:  # a memory limit DuckDB cannot read
        raise StoreError(f"cannot open the store {path} with memory limit {memory_limit!r}: {exc}") from exc


# DuckDB: 'Could not set lock on file "...": Conflicting lock is held in /usr/bin/python3 (PID 42)'
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def _command_line(pid: int, limit: int = 160) -> str | None:
    """The command line of a process (Linux ``/proc``), shortened; None when it cannot be read."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [word.decode("utf-8", "replace") for word in raw.split(b"\0") if word]
    if not words:
        return None
    # "/path/to/.venv/bin/python /path/to/.venv/bin/lagebild serve" reads better as "lagebild serve".
    for index, word in enumerate(words):
        if Path(word).name == "lagebild":
            words = ["lagebild", *words[index + 1 :]]
            break
    line = " ".join(" ".join(words).split())  # one line, even for `python -c "..."`
    return line if len(line) <= limit else line[: limit - 1] + "…"
