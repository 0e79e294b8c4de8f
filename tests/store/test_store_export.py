"""Exports in all three formats, read back and compared with the records they came from."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from store_samples import FRANCE, HOSTILE, make_doc, make_event, sample_corpus

from lagebild.model import Doc, Event
from lagebild.store import DuckDBStore, EventFilter

ORDER = [
    "c-denial-e2",
    "c-denial-e1",
    "a-nato-request-e1",
    "a-nato-request-e2",
    "b-kaliningrad-e1",
    "b-kaliningrad-e2",
    "d-hostile-e1",
    "b-kaliningrad-e3",
]


def _events_in_order() -> list[Event]:
    by_id = {e.id: e for _, events in sample_corpus() for e in events}
    return [by_id[i] for i in ORDER]


def _as_csv_cells(flat: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in flat.items()}


def test_jsonl_holds_the_nested_records(filled: DuckDBStore, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert filled.export("jsonl", out) == 8
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in _events_in_order()]


def test_jsonl_to_a_stream_with_a_filter(filled: DuckDBStore) -> None:
    buffer = io.StringIO()
    assert filled.export("jsonl", buffer, EventFilter(actor="FRA")) == 2
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["a-nato-request-e2", "d-hostile-e1"]
    assert HOSTILE in records[1]["evidence"]["text"]


def test_csv_has_the_flat_dotted_fields(filled: DuckDBStore, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert filled.export("csv", out) == 8
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = reader.fieldnames
    expected = [e.to_flat_dict() for e in _events_in_order()]
    assert header == list(expected[0])
    assert rows == [_as_csv_cells(flat) for flat in expected]


def test_csv_respects_limit_and_offset(filled: DuckDBStore) -> None:
    buffer = io.StringIO()
    assert filled.export("csv", buffer, EventFilter(limit=2, offset=1)) == 2
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [r["id"] for r in rows] == ORDER[1:3]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def test_parquet_reads_back_with_typed_columns(filled: DuckDBStore, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert filled.export("parquet", out, EventFilter(since="2017-03-30")) == 6
    table = pq.read_table(out)
    assert table.column_names == list(_events_in_order()[0].to_flat_dict())
    rows = [{k: _plain(v) for k, v in row.items()} for row in table.to_pylist()]
    # The March-dated event overlaps 2017-03-30, so it is included.
    assert rows == [e.to_flat_dict() for e in _events_in_order()[1:7]]
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("date.earliest").type) == "date32[day]"


def test_parquet_to_a_binary_stream(filled: DuckDBStore) -> None:
    buffer = io.BytesIO()
    assert filled.export("parquet", buffer, EventFilter(type="PROTEST")) == 2
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert table.column("id").to_pylist() == ["d-hostile-e1", "b-kaliningrad-e3"]


def test_empty_export_still_has_a_header(filled: DuckDBStore, tmp_path: Path) -> None:
    buffer = io.StringIO()
    assert filled.export("csv", buffer, EventFilter(actor="USA")) == 0
    assert buffer.getvalue().startswith("id,doc_id,type,")
    out = tmp_path / "none.parquet"
    assert filled.export("parquet", out, EventFilter(actor="USA")) == 0
    assert pq.read_table(out).num_rows == 0


def test_wrong_format_or_stream_kind_is_refused(filled: DuckDBStore) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        filled.export("xml", io.StringIO())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="binary"):
        filled.export("parquet", io.StringIO())
    with pytest.raises(TypeError, match="text"):
        filled.export("jsonl", io.BytesIO())


def formula_article() -> tuple[Doc, list[Event]]:
    """An article whose evidence sentence opens like a spreadsheet formula."""
    doc = make_doc("e-formula", ['=HYPERLINK("http://evil.example","Frankreich protestierte")'], "2017-06-01")
    event = make_event(
        doc,
        1,
        0,
        "protestierte",
        source=FRANCE,
        target=None,
        type="PROTEST",
        cameo="140",
        goldstein=-6.5,
        quad_class=3,
    )
    return doc, [event]


def test_csv_cells_that_would_run_as_formulas_are_neutralised(store: DuckDBStore) -> None:
    store.write_batch([formula_article()])
    safe, raw = io.StringIO(), io.StringIO()
    store.export("csv", safe)
    store.export("csv", raw, raw_csv=True)
    [safe_row] = csv.DictReader(io.StringIO(safe.getvalue()))
    [raw_row] = csv.DictReader(io.StringIO(raw.getvalue()))
    assert safe_row["evidence.text"] == "'" + raw_row["evidence.text"]
    assert raw_row["evidence.text"].startswith("=HYPERLINK(")
    # Numbers are not text: a negative Goldstein score stays a number.
    assert safe_row["goldstein"] == raw_row["goldstein"] == "-6.5"
    assert {k: v for k, v in safe_row.items() if k != "evidence.text"} == {
        k: v for k, v in raw_row.items() if k != "evidence.text"
    }
