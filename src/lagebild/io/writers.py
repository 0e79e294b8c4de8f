"""Writers for event records (``Event.to_dict()`` form): JSON Lines, CSV and Parquet.

JSON Lines keeps the nested form.  CSV and Parquet are flat: nested records become dotted
columns (``source.country``, ``date.value``) through ``lagebild.model.flatten``.  The column
order is that of the first record, so every file of the same records has the same header.
All writers stream and return the number of records written.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from lagebild.model import flatten

PARQUET_BATCH_ROWS = 10_000

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Openings that make spreadsheet programs read a cell as a formula (OWASP's list, plus the
full-width forms some programs accept too)."""

EVENT_COLUMN_TYPES: dict[str, str] = {
    "goldstein": "float64",
    "quad_class": "int64",
    "trigger_start": "int64",
    "trigger_end": "int64",
    "evidence.start": "int64",
    "evidence.end": "int64",
    "evidence.sentence": "int64",
    "source.start": "int64",
    "source.end": "int64",
    "target.start": "int64",
    "target.end": "int64",
    "location.lat": "float64",
    "location.lon": "float64",
    "location.start": "int64",
    "location.end": "int64",
}
"""Parquet types of the event columns that are not text; other columns are typed by their values,
and text when a first batch holds only nulls (so every file of events has one schema)."""


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line (UTF-8 text, not ASCII escapes); return the count."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_json_default))
        out.write("\n")
        count += 1
    return count


def read_jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    """Read back records written by ``write_jsonl``, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError(f"{path}: expected a JSON object per line")
                yield record


def neutralise_formula(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with ``'``; other values pass.

    ``=HYPERLINK(...)`` from an article would otherwise become a live formula when the export
    is opened in a spreadsheet program; ``'`` makes it shown as text (and is not displayed).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(
    records: Iterable[dict[str, Any]],
    out: TextIO,
    columns: Sequence[str] | None = None,
    *,
    raw: bool = False,
) -> int:
    """Write flat records as comma-separated values with a header row; return the count.

    ``columns`` fixes the header; by default it is the first record's flat fields.  A later
    record with a field outside the header raises ``ValueError`` rather than losing data.
    Missing values are empty cells; lists and dicts are written as JSON. Text cells that a
    spreadsheet would run as formulas get a leading ``'`` unless ``raw`` is true.
    """
    rows = (flatten(record) for record in records)
    first = next(rows, None)
    header = list(columns) if columns is not None else list(first or {})
    writer = csv.writer(out, lineterminator="\n")
    # With "\n" as line end the csv module does not quote a lone "\r", which readers then take
    # for a line break: rows holding one are written with every cell quoted.
    quoting_writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    if first is None:
        return 0
    count = 0
    for row in _chain_one(first, rows):
        _check_columns(row, header)
        cells = [_csv_cell(row.get(name)) for name in header]
        cells = cells if raw else [neutralise_formula(cell) for cell in cells]
        has_cr = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoting_writer if has_cr else writer).writerow(cells)
        count += 1
    return count


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    """Write flat records to a Parquet file in batches; return the count.

    The schema comes from the first batch (see ``EVENT_COLUMN_TYPES``); an empty input
    writes no file and returns 0.
    """
    import pyarrow as pa  # imported here: pyarrow is slow to load and only this writer needs it
    import pyarrow.parquet as pq

    rows = (flatten(record) for record in records)
    batch = list(islice(rows, PARQUET_BATCH_ROWS))
    if not batch:
        return 0
    schema = _parquet_schema(batch, pa)
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        while batch:
            for row in batch:
                _check_columns(row, schema.names)
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
            batch = list(islice(rows, PARQUET_BATCH_ROWS))
    return count


def _parquet_schema(batch: list[dict[str, Any]], pa: Any) -> Any:
    """Build the schema: known event types first, else inferred from values, text for all-null."""
    fields = []
    for name in batch[0]:
        known = EVENT_COLUMN_TYPES.get(name)
        if known is not None:
            fields.append(pa.field(name, getattr(pa, known)()))
            continue
        inferred = pa.array([row.get(name) for row in batch]).type
        fields.append(pa.field(name, pa.string() if pa.types.is_null(inferred) else inferred))
    return pa.schema(fields)


def _check_columns(row: dict[str, Any], header: Sequence[str]) -> None:
    """Refuse a record with fields the file has no column for."""
    extra = set(row) - set(header)
    if extra:
        raise ValueError(f"record {row.get('id')!r} has fields outside the columns: {sorted(extra)}")


def _chain_one(first: dict[str, Any], rest: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield ``first`` and then the rest."""
    yield first
    yield from rest


def _csv_cell(value: Any) -> Any:
    """Render one value for CSV: empty for None, JSON for containers, as-is otherwise."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _json_default(value: object) -> str:
    """Serialise dates (and datetimes) as ISO strings; anything else is an error."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
