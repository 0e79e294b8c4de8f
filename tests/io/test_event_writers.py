"""Writers for event records: JSON Lines round trip, CSV header and Parquet read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from lagebild.io import read_jsonl_records, write_csv, write_jsonl, write_parquet
from lagebild.model import Actor, Event, Evidence, Place, TimeValue

SENTENCE = "Der Außenminister traf am Montag in Vilnius seinen litauischen Amtskollegen."


def event(number: int, *, with_target: bool = True, with_place: bool = True) -> Event:
    """A realistic event record; optional parts can be left out to get null sub-records."""
    day = dt.date(2023, 7, 3)
    return Event(
        id=f"ev-{number}",
        doc_id="art-1",
        type="CONSULT",
        mode="visit",
        context=None,
        cameo="042",
        goldstein=1.9,
        quad_class=1,
        source=Actor(
            text="Der Außenminister", name="Außenminister", country="DEU", sector="GOV", start=0, end=17
        ),
        target=Actor(text="Amtskollegen", name="Außenminister", country="LTU", sector="GOV", start=63, end=75)
        if with_target
        else None,
        modality="asserted",
        date=TimeValue("2023-07-03", "day", day, day),
        date_source="text",
        location=Place(name="Vilnius", country="LTU", lat=54.687, lon=25.28, text="Vilnius", start=35, end=42)
        if with_place
        else None,
        attribution=None,
        trigger="traf",
        trigger_start=18,
        trigger_end=22,
        evidence=Evidence(text=SENTENCE, start=0, end=len(SENTENCE), sentence=0),
        published="2023-07-03",
        language="de",
    )


def records() -> list[dict[str, Any]]:
    return [event(1).to_dict(), event(2, with_target=False).to_dict(), event(3, with_place=False).to_dict()]


def test_jsonl_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    with path.open("w", encoding="utf-8") as out:
        assert write_jsonl(records(), out) == 3
    assert list(read_jsonl_records(path)) == records()
    assert "Außenminister" in path.read_text(encoding="utf-8")  # written as text, not \u escapes


def test_csv_header_is_flat_and_stable() -> None:
    out = io.StringIO()
    assert write_csv(records(), out) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    header = rows[0]
    assert header[:3] == ["id", "doc_id", "type"]
    for column in (
        "source.country",
        "target.country",
        "date.value",
        "date.granularity",
        "location.lat",
        "evidence.text",
        "evidence.start",
    ):
        assert column in header
    assert len(rows) == 4 and all(len(row) == len(header) for row in rows)
    by_name = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert by_name[0]["target.country"] == "LTU"
    assert by_name[1]["target.country"] == ""
    assert by_name[2]["location.name"] == ""
    assert by_name[0]["evidence.text"] == SENTENCE
    second = io.StringIO()
    write_csv(list(reversed(records())), second)
    assert second.getvalue().splitlines()[0] == out.getvalue().splitlines()[0]


def test_csv_refuses_fields_outside_the_header() -> None:
    odd = [*records(), {**records()[0], "bonus": 1}]
    with pytest.raises(ValueError, match="bonus"):
        write_csv(odd, io.StringIO())


def test_csv_of_no_records_writes_the_given_header() -> None:
    out = io.StringIO()
    assert write_csv([], out, columns=["id", "type"]) == 0
    assert out.getvalue() == "id,type\n"


def test_parquet_read_back(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    # The first record lacks a target, so the target columns are all-null at first sight.
    data = [event(1, with_target=False).to_dict(), event(2).to_dict(), event(3, with_place=False).to_dict()]
    assert write_parquet(data, path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert table.column("id").to_pylist() == ["ev-1", "ev-2", "ev-3"]
    assert table.column("target.country").to_pylist() == [None, "LTU", "LTU"]
    assert table.column("location.lat").to_pylist() == [54.687, 54.687, None]
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("evidence.start").type) == "int64"
    assert str(table.schema.field("target.country").type) == "string"


def test_parquet_of_no_records_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "leer.parquet"
    assert write_parquet([], path) == 0
    assert not path.exists()


def test_jsonl_writes_dates_as_iso() -> None:
    out = io.StringIO()
    write_jsonl([{"id": "x", "day": dt.date(2023, 7, 3)}], out)
    assert json.loads(out.getvalue()) == {"id": "x", "day": "2023-07-03"}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝", "＠"])
def test_csv_neutralises_cells_a_spreadsheet_would_run(start: str) -> None:
    record = {"id": "e1", "evidence": {"text": f"{start}1+1 Nato"}, "goldstein": -5.0, "trigger": "Nato"}
    safe, raw = io.StringIO(), io.StringIO()
    write_csv([record], safe)
    write_csv([record], raw, raw=True)
    [safe_row] = csv.DictReader(io.StringIO(safe.getvalue(), newline=""))
    [raw_row] = csv.DictReader(io.StringIO(raw.getvalue(), newline=""))
    assert safe_row["evidence.text"] == f"'{start}1+1 Nato"
    assert raw_row["evidence.text"] == f"{start}1+1 Nato"
    assert safe_row["goldstein"] == "-5.0" and safe_row["trigger"] == "Nato"
