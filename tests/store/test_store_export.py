"""Exports of the event table in three formats and three profiles, read back by csv, pyarrow,
DuckDB and pandas, and compared with the rows ``extract`` builds from the same events."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from store_samples import FRANCE, HOSTILE, actor, make_doc, make_event, sample_corpus

from lagebild.model import Doc, Event, Place, TimeValue
from lagebild.store import EventFilter
from lagebild.store.sql_store import SQLStore
from lagebild.store.table import COLUMN_NAMES, event_row, profile_types, text_columns

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


def _rows_in_order() -> list[dict[str, Any]]:
    """The rows ``extract`` would print for the sample events, in store order."""
    rows = {e.id: event_row(e, doc.article) for doc, events in sample_corpus() for e in events}
    return [rows[i] for i in ORDER]


def _json_ready(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def _as_csv_cells(row: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in _json_ready(row).items()}


def test_jsonl_rows_are_the_rows_extract_prints(filled: SQLStore, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert filled.export("jsonl", out) == 8
    lines = out.read_text(encoding="utf-8").splitlines()
    read_back, expected = [json.loads(line) for line in lines], [_json_ready(row) for row in _rows_in_order()]
    assert read_back == expected
    # Of the same types, too: a Goldstein score of 3.0 is a number with a fraction, not the integer 3.
    assert [{k: type(v) for k, v in row.items()} for row in read_back] == [
        {k: type(v) for k, v in row.items()} for row in expected
    ]
    assert list(json.loads(lines[0])) == list(COLUMN_NAMES)


def test_rows_carry_the_article_and_the_date_beside_its_timex(filled: SQLStore) -> None:
    rows = {row["event_id"]: row for row in filled.query_rows(EventFilter())}
    threat = rows["b-kaliningrad-e1"]
    assert threat["title"] == "Raketen für Kaliningrad"
    assert threat["url"] == "https://example.org/b-kaliningrad"
    assert threat["outlet"] == "Beispielblatt"
    assert threat["published"] == "2017-04-12"
    assert threat["language"] == "de"
    assert (threat["event_date"], threat["event_date_precision"]) == ("2017-04-12", "day")
    assert (threat["cameo_code"], threat["cameo_root"], threat["source_code"]) == ("138", "13", "RUS.MIL")
    assert threat["place_precision"] == "place"
    negated = rows["c-denial-e1"]
    assert negated["event_date"] is None  # a month is not a day
    assert (negated["event_date_earliest"], negated["event_date_latest"]) == ("2017-03-01", "2017-03-31")
    assert (negated["event_date_timex"], negated["event_date_precision"]) == ("2017-03", "month")
    undated = rows["b-kaliningrad-e3"]
    assert (undated["event_date_precision"], undated["event_date_timex"]) == ("none", None)


def test_jsonl_to_a_stream_with_a_filter(filled: SQLStore) -> None:
    buffer = io.StringIO()
    assert filled.export("jsonl", buffer, EventFilter(actor="FRA")) == 2
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert [r["event_id"] for r in records] == ["a-nato-request-e2", "d-hostile-e1"]
    assert HOSTILE in records[1]["evidence_text"]


def test_csv_has_the_table_columns(filled: SQLStore, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert filled.export("csv", out) == 8
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = reader.fieldnames
    assert header == list(COLUMN_NAMES)
    assert rows == [_as_csv_cells(row) for row in _rows_in_order()]


def test_csv_respects_limit_and_offset(filled: SQLStore) -> None:
    buffer = io.StringIO()
    assert filled.export("csv", buffer, EventFilter(limit=2, offset=1)) == 2
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [r["event_id"] for r in rows] == ORDER[1:3]


def test_parquet_reads_back_with_typed_columns(filled: SQLStore, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert filled.export("parquet", out, EventFilter(since="2017-03-30")) == 6
    table = pq.read_table(out)
    assert table.column_names == list(COLUMN_NAMES)
    # The March-dated event overlaps 2017-03-30, so it is included.
    assert table.to_pylist() == _rows_in_order()[1:7]
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("event_date_earliest").type) == "date32[day]"
    assert str(table.schema.field("cameo_code").type) == "string"
    assert str(table.schema.field("quad_class").type) == "int64"


def test_parquet_to_a_binary_stream(filled: SQLStore) -> None:
    buffer = io.BytesIO()
    assert filled.export("parquet", buffer, EventFilter(type="PROTEST")) == 2
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert table.column("event_id").to_pylist() == ["d-hostile-e1", "b-kaliningrad-e3"]


def test_empty_export_still_has_a_header_and_a_schema(filled: SQLStore, tmp_path: Path) -> None:
    buffer = io.StringIO()
    assert filled.export("csv", buffer, EventFilter(actor="USA")) == 0
    assert buffer.getvalue().startswith("event_id,article_id,event_date,")
    out = tmp_path / "none.parquet"
    assert filled.export("parquet", out, EventFilter(actor="USA")) == 0
    assert pq.read_table(out).num_rows == 0
    assert pq.read_table(out).column_names == list(COLUMN_NAMES)


def test_wrong_format_profile_or_stream_kind_is_refused(filled: SQLStore) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        filled.export("xml", io.StringIO())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown profile"):
        filled.export("csv", io.StringIO(), profile="acled")
    with pytest.raises(TypeError, match="binary"):
        filled.export("parquet", io.StringIO())
    with pytest.raises(TypeError, match="text"):
        filled.export("jsonl", io.BytesIO())


@pytest.mark.parametrize("profile", ["lagebild", "gdelt", "plover"])
def test_duckdb_queries_every_column_by_its_plain_name(
    filled: SQLStore, tmp_path: Path, profile: str
) -> None:
    parquet, csv_file, jsonl = (tmp_path / f"events.{suffix}" for suffix in ("parquet", "csv", "jsonl"))
    for fmt, out in (("parquet", parquet), ("csv", csv_file), ("jsonl", jsonl)):
        filled.export(fmt, out, profile=profile)  # type: ignore[arg-type]
    names = [name for name, _ in profile_types(profile)]
    con = duckdb.connect()
    for reader in (f"read_parquet('{parquet}')", f"read_csv('{csv_file}')", f"read_json('{jsonl}')"):
        for name in names:  # unquoted: no dots, no reserved words, no spaces
            assert con.execute(f"SELECT count({name}) FROM {reader}").fetchone() is not None, (reader, name)
    if profile == "lagebild":
        codes = con.execute(f"SELECT cameo_code FROM read_parquet('{parquet}') WHERE cameo_root = '02'")
        assert codes.fetchall() == [("020",)]


def test_pandas_reads_cameo_codes_as_strings(filled: SQLStore, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.parquet"
    filled.export("parquet", out)
    frame = pandas.read_parquet(out)
    request = frame[frame["event_id"] == "a-nato-request-e1"].iloc[0]
    assert (request["cameo_code"], request["cameo_root"]) == ("020", "02")
    # CSV and JSON Lines carry no types: the codebook's recipe names the text columns.
    for fmt in ("csv", "jsonl"):
        text_file = tmp_path / f"events.{fmt}"
        filled.export(fmt, text_file)  # type: ignore[arg-type]
        dtype = dict.fromkeys(text_columns(), "string")
        if fmt == "csv":
            frame = pandas.read_csv(text_file, dtype=dtype)
        else:
            frame = pandas.read_json(text_file, lines=True, dtype=dtype)
        assert sorted(frame["cameo_code"]) == sorted(["020", "040", "040", "110", "112", "138", "140", "141"])
    gdelt = tmp_path / "gdelt.parquet"
    filled.export("parquet", gdelt, profile="gdelt")
    assert set(pandas.read_parquet(gdelt)["EventRootCode"]) == {"02", "04", "11", "13", "14"}


def test_gdelt_and_plover_profiles_relabel_the_rows(filled: SQLStore) -> None:
    gdelt, plover = io.StringIO(), io.StringIO()
    filled.export("jsonl", gdelt, EventFilter(actor="RUS.MIL"), profile="gdelt")
    filled.export("jsonl", plover, profile="plover")
    [threat] = [json.loads(line) for line in gdelt.getvalue().splitlines()]
    assert threat["GLOBALEVENTID"] == "b-kaliningrad-e1"
    assert (threat["SQLDATE"], threat["MonthYear"], threat["Year"]) == (20170412, 201704, 2017)
    assert (threat["Actor1Code"], threat["Actor1CountryCode"], threat["Actor1Type1Code"]) == (
        "RUSMIL",
        "RUS",
        "MIL",
    )
    assert (threat["Actor2Code"], threat["Actor2KnownGroupCode"]) == ("NATO", "NATO")
    assert (threat["EventCode"], threat["EventBaseCode"], threat["EventRootCode"]) == ("138", "138", "13")
    assert (threat["QuadClass"], threat["GoldsteinScale"], threat["ActionGeo_Type"]) == (3, -7.0, 4)
    assert threat["SOURCEURL"] == "https://example.org/b-kaliningrad"
    records = {r["id"]: r for r in map(json.loads, plover.getvalue().splitlines())}
    negated = records["c-denial-e1"]
    assert (negated["date"], negated["enddate"], negated["event"]) == ("2017-03-01", "2017-03-31", "CONSULT")
    assert (negated["source_code"], negated["recipient_code"], negated["publication"]) == (
        "RUS",
        "NATO",
        "Example Wire",
    )
    assert records["a-nato-request-e1"]["enddate"] is None


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


def test_csv_cells_that_would_run_as_formulas_are_neutralised(store: SQLStore) -> None:
    store.write_batch([formula_article()])
    safe, raw = io.StringIO(), io.StringIO()
    store.export("csv", safe)
    store.export("csv", raw, raw_csv=True)
    [safe_row] = csv.DictReader(io.StringIO(safe.getvalue()))
    [raw_row] = csv.DictReader(io.StringIO(raw.getvalue()))
    assert safe_row["evidence_text"] == "'" + raw_row["evidence_text"]
    assert raw_row["evidence_text"].startswith("=HYPERLINK(")
    # Numbers are not text: a negative Goldstein score stays a number.
    assert safe_row["goldstein"] == raw_row["goldstein"] == "-6.5"
    assert {k: v for k, v in safe_row.items() if k != "evidence_text"} == {
        k: v for k, v in raw_row.items() if k != "evidence_text"
    }


def test_the_store_and_extract_derive_the_same_row_for_every_kind_of_value(store: SQLStore) -> None:
    # A place that is a whole country, an actor without a sector, a week-long date: each column
    # is computed in SQL for exports and in Python for extract, and both must agree.
    doc = make_doc("f-ukraine", ["Frankreich half in der Ukraine am Wochenende."], "2018-05-10")
    ukraine = Place("Ukraine", "UKR", 48.38, 31.17, text="Ukraine")
    event = make_event(
        doc,
        1,
        0,
        "half",
        source=actor("Frankreich", "Frankreich", country="FRA"),
        target=None,
        type="AID",
        cameo="070",
        goldstein=7.0,
        quad_class=2,
        location=ukraine,
        date="2018-05",
    )
    event = dataclasses.replace(
        event, date=TimeValue("2018-W18-WE", "week", dt.date(2018, 5, 5), dt.date(2018, 5, 6))
    )
    store.write_batch([(doc, [event])])
    [stored] = store.query_rows(EventFilter())
    expected = {
        k: v.isoformat() if isinstance(v, dt.date) else v for k, v in event_row(event, doc.article).items()
    }
    assert stored == expected
    assert (stored["place_precision"], stored["source_code"], stored["cameo_root"]) == (
        "country",
        "FRA",
        "07",
    )
    assert (stored["event_date"], stored["event_date_precision"]) == (None, "week")
    table = io.BytesIO()
    store.export("parquet", table)
    assert pq.read_table(io.BytesIO(table.getvalue())).to_pylist() == [event_row(event, doc.article)]


def test_formulas_are_neutralised_alike_in_sql_and_in_python(store: SQLStore) -> None:
    from lagebild.io.writers import FORMULA_STARTS, neutralise_formula
    from lagebild.store.export import csv_sql

    cells = [start + "SUMME(A1)" for start in FORMULA_STARTS] + ["Nato", "", "'quoted", "a=b"]
    values = ", ".join("(CAST(? AS VARCHAR))" for _ in cells)
    with store._cursor() as cur:
        rows = cur.execute(
            csv_sql(f"SELECT * FROM (VALUES {values}) AS v(cell)", [("cell", "text")]), cells
        ).fetchall()
    assert [row[0] for row in rows] == [neutralise_formula(cell) for cell in cells]
