"""Streaming writers of event-table rows: JSON Lines, CSV and Parquet with one set of column names.

Rows come as an iterator of dicts (``lagebild.store.table``), so an export of a large store
needs little memory: CSV and JSON Lines are written row by row, Parquet in row groups of
``CHUNK_ROWS``. Column types are fixed by the table, not guessed from the values, so every file
of a profile has one schema (CAMEO codes are text, dates are dates, offsets integers).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import IO, Any, cast

import pyarrow as pa
import pyarrow.parquet as pq

from lagebild.io.writers import FORMULA_STARTS, neutralise_formula
from lagebild.store.base import EXPORT_FORMATS, ExportFormat, ExportTarget
from lagebild.store.table import ColumnType

CHUNK_ROWS = 10_000
ARROW_TYPES: dict[ColumnType, Any] = {
    "text": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "date": pa.date32(),
}
Columns = Sequence[tuple[str, ColumnType]]


def check_format(fmt: str) -> ExportFormat:
    """Return ``fmt`` if it is a known export format, else raise ``ValueError``."""
    for known in EXPORT_FORMATS:
        if fmt == known:
            return known
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def write_rows(
    fmt: ExportFormat,
    rows: Iterable[Mapping[str, Any]],
    out: ExportTarget,
    columns: Columns,
    *,
    raw: bool = False,
) -> int:
    """Write rows in ``fmt`` to a path or stream (text for JSON Lines and CSV, binary for Parquet)."""
    fmt = check_format(fmt)
    if fmt == "parquet":
        return write_parquet(rows, out, columns)
    if fmt == "csv":
        return write_csv(rows, out, columns, raw=raw)
    return write_jsonl(rows, out)


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


def json_value(value: Any) -> Any:
    """Dates as ISO text; everything else as it is (the rows hold only JSON-ready values besides)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def json_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row ready for ``json.dumps``."""
    return {name: json_value(value) for name, value in row.items()}


def write_jsonl(rows: Iterable[Mapping[str, Any]], out: ExportTarget) -> int:
    """One JSON object per row and line, UTF-8 (no ``\\u`` escapes)."""
    count = 0
    with text_stream(out) as handle:
        for row in rows:
            handle.write(json.dumps(json_row(row), ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv_value(value: Any) -> Any:
    """Dates as ISO text, missing values as empty cells."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_csv(
    rows: Iterable[Mapping[str, Any]], out: ExportTarget, columns: Columns, *, raw: bool = False
) -> int:
    """A header of the column names, then one line per row.

    Text that a spreadsheet would run as a formula gets a leading ``'`` unless ``raw`` is true.
    The csv module's line ends (``\\r\\n``) make it quote every cell holding a line break or a
    lone carriage return, so no reader takes one for the end of a row.
    """
    names = [name for name, _ in columns]
    count = 0
    with text_stream(out) as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in rows:
            cells = [_csv_value(row.get(name)) for name in names]
            writer.writerow(cells if raw else [neutralise_formula(cell) for cell in cells])
            count += 1
    return count


def write_json_lines(result: Any, out: ExportTarget) -> int:
    """Write a query result of one JSON text column, one line per row."""
    count = 0
    with text_stream(out) as handle:
        while chunk := result.fetchmany(CHUNK_ROWS):
            handle.writelines(f"{row[0]}\n" for row in chunk)
            count += len(chunk)
    return count


def _sql_char(char: str) -> str:
    """One character as an SQL literal (control characters by their code)."""
    return f"'{char}'" if char.isprintable() and char != "'" else f"chr({ord(char)})"


FORMULA_SQL = "left({0}, 1) IN (" + ", ".join(_sql_char(c) for c in FORMULA_STARTS) + ")"
"""Whether a text cell opens like a formula: ``FORMULA_STARTS`` in SQL (a test holds the two together)."""
SQL_QUOTE = "''''"
"""The text ``'`` as an SQL literal."""


def csv_sql(sql: str, columns: Columns, *, raw: bool = False) -> str:
    """``sql`` with its cells made ready for CSV by the database: unless ``raw``, text that a
    spreadsheet would run as a formula gets a leading ``'`` (``neutralise_formula``). Dates come
    back as dates, which the csv module writes as ISO text."""
    cells = []
    for name, kind in columns:
        if kind == "text" and not raw:
            formula = FORMULA_SQL.format(name)
            cells.append(f"CASE WHEN {formula} THEN {SQL_QUOTE} || {name} ELSE {name} END AS {name}")
        else:
            cells.append(name)
    return f"SELECT {', '.join(cells)} FROM ({sql}) AS table_rows"


def write_csv_result(result: Any, out: ExportTarget) -> int:
    """Write a query result whose cells are ready (``csv_sql``) as CSV: column names, then rows.

    The csv module quotes every cell holding a line break or a carriage return.
    """
    names = [d[0] for d in result.description or ()]
    count = 0
    with text_stream(out) as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        while chunk := result.fetchmany(CHUNK_ROWS):
            writer.writerows(chunk)
            count += len(chunk)
    return count


def arrow_schema(columns: Columns) -> Any:
    """The Parquet schema of a profile."""
    return pa.schema([pa.field(name, ARROW_TYPES[kind]) for name, kind in columns])


def write_parquet(rows: Iterable[Mapping[str, Any]], out: ExportTarget, columns: Columns) -> int:
    """Write rows as one Parquet file (row groups of ``CHUNK_ROWS``) to a path or a binary stream.

    No rows still give a file, with the schema and no row groups.
    """
    if isinstance(out, str | Path):
        out = str(out)
    elif not _is_binary(out):
        raise TypeError("Parquet is binary: give a path or a stream opened in binary mode")
    schema = arrow_schema(columns)
    names = [name for name, _ in columns]
    iterator = iter(rows)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        while batch := list(islice(iterator, CHUNK_ROWS)):
            data = {name: [row.get(name) for row in batch] for name in names}
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            count += len(batch)
    return count


def write_arrow(reader: Iterable[Any], out: ExportTarget, columns: Columns) -> int:
    """Write Arrow record batches or tables (pages of a DuckDB result) as one Parquet file, cast to
    the profile's schema."""
    if isinstance(out, str | Path):
        out = str(out)
    elif not _is_binary(out):
        raise TypeError("Parquet is binary: give a path or a stream opened in binary mode")
    schema = arrow_schema(columns)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in reader:
            table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
            writer.write_table(table.cast(schema))
            count += table.num_rows
    return count


def _is_binary(stream: object) -> bool:
    """Whether ``stream`` takes bytes (text streams have an ``encoding``)."""
    return hasattr(stream, "write") and not hasattr(stream, "encoding")
