"""Streaming event exports: JSON lines (nested records), CSV and Parquet (flat dotted fields).

Rows are fetched in chunks so an export of a large store needs little memory.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

import duckdb
import pyarrow.parquet as pq

from lagebild.io.writers import neutralise_formula
from lagebild.store.base import EXPORT_FORMATS, ExportFormat, ExportTarget

CHUNK_ROWS = 10_000


def check_format(fmt: str) -> ExportFormat:
    """Return ``fmt`` if it is a known export format, else raise ``ValueError``."""
    for known in EXPORT_FORMATS:
        if fmt == known:
            return known
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


@contextmanager
def text_stream(out: ExportTarget) -> Iterator[IO[str]]:
    """Open a path for writing UTF-8 text, or pass an open text stream through."""
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    if _is_binary(out) or not hasattr(out, "write"):
        raise TypeError("JSON lines and CSV are text: give a path or a stream opened in text mode")
    yield cast(IO[str], out)


def write_jsonl(cur: duckdb.DuckDBPyConnection, sql: str, params: list[object], out: ExportTarget) -> int:
    """Write one stored JSON record per line; the query selects one JSON column."""
    result = cur.execute(sql, params)
    count = 0
    with text_stream(out) as handle:
        while rows := result.fetchmany(CHUNK_ROWS):
            handle.writelines(f"{row[0]}\n" for row in rows)
            count += len(rows)
    return count


def _csv_value(value: Any) -> Any:
    """Dates as ISO text, missing values as empty cells."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_csv(
    cur: duckdb.DuckDBPyConnection, sql: str, params: list[object], out: ExportTarget, raw: bool = False
) -> int:
    """Write a header of the query's column names, then its rows.

    Text that a spreadsheet would run as a formula gets a leading ``'`` unless ``raw`` is true.
    """
    result = cur.execute(sql, params)
    count = 0
    header = [d[0] for d in result.description or ()]
    cell = _csv_value if raw else _safe_csv_value
    with text_stream(out) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        while rows := result.fetchmany(CHUNK_ROWS):
            writer.writerows([cell(v) for v in row] for row in rows)
            count += len(rows)
    return count


def _safe_csv_value(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula."""
    return neutralise_formula(_csv_value(value))


def write_parquet(cur: duckdb.DuckDBPyConnection, sql: str, params: list[object], out: ExportTarget) -> int:
    """Write the query's rows as one Parquet file to a path or a binary stream."""
    if isinstance(out, str | Path):
        out = str(out)
    elif not _is_binary(out):
        raise TypeError("Parquet is binary: give a path or a stream opened in binary mode")
    reader = cur.sql(sql, params=params).to_arrow_reader(CHUNK_ROWS)
    count = 0
    with pq.ParquetWriter(out, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def _is_binary(stream: object) -> bool:
    """Whether ``stream`` takes bytes (text streams have an ``encoding``)."""
    return hasattr(stream, "write") and not hasattr(stream, "encoding")
