"""The command line: extract, ingest, events, export and eval on real-looking articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app

ARTICLES = [
    {
        "id": "dpa-1",
        "published": "2022-03-15",
        "text": "Die Europäische Union verhängt neue Sanktionen gegen Russland. "
        "Die Nato verlangt von Moskau den Abzug der Truppen aus der Ukraine.",
    },
    {
        "id": "dpa-2",
        "published": "2022-03-16",
        "text": "Der ukrainische Präsident telefonierte am Mittwoch mit dem französischen Präsidenten.",
    },
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES] + [
        '{"id": "broken", "text": "", "published": "2022"}'
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_extract_prints_flat_json_lines(corpus: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    keys = {(e["doc_id"], e["type"], e["source.org"] or e["source.country"]) for e in events}
    assert ("dpa-1", "SANCTION", "EU") in keys
    assert ("dpa-1", "REQUEST", "NATO") in keys
    assert all("source.sector" in e and "evidence.text" in e for e in events)
    assert "broken" in result.stderr and "empty" in result.stderr


def test_ingest_is_idempotent_and_queryable(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "read 2 documents, skipped 1" in first.stderr
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert "stored 0 new events" in second.stderr
    listed = runner.invoke(app, ["events", "--db", str(db), "--actor", "NATO", "--format", "jsonl"])
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert records and all("NATO" in (r["source"]["org"], (r["target"] or {}).get("org")) for r in records)
    as_csv = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--type", "SANCTION"])
    assert as_csv.stdout.splitlines()[0].startswith("id,")
    exported = tmp_path / "events.parquet"
    done = runner.invoke(app, ["export", "--format", "parquet", "--out", str(exported), "--db", str(db)])
    assert done.exit_code == 0 and exported.stat().st_size > 0


def test_bad_filter_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "x.duckdb"), "--since", "2017-13"])
    assert result.exit_code != 0
    assert "2017-13" in result.output


def test_seed_article_extract(shared_dir: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(shared_dir / "seed" / "seed_article.txt")])
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(events) >= 15
    assert {e["doc_id"] for e in events} == {"seed_article"}
    meeting = [e for e in events if e["type"] == "CONSULT" and e["date.value"] == "2017-03-30"]
    assert meeting and meeting[0]["modality"] == "planned"


def test_times_command_writes_expressions_per_line(tmp_path: Path) -> None:
    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        json.dumps({"id": "a", "text": "Der Rat tagt am 30. März.", "published": "2017-03"})
        + "\n"
        + json.dumps(
            {"id": "b", "text": "Talks resume next week.", "published": "2019-05-08", "language": "en"}
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["times", str(lines)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "a" and first["timex"][0]["value"] == "2017-03-30"
    assert second["timex"][0]["earliest"] >= "2019-05-13"


def test_eval_command_reports_three_levels(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    event = {
        "type": "REQUEST",
        "source": {"text": "Die Nato", "code": {"country": None, "org": "NATO", "sector": "IGO"}},
        "target": {"text": "Moskau", "code": {"country": "RUS", "org": None, "sector": "GOV"}},
        "modality": "asserted",
        "date": None,
        "attribution": None,
    }
    record = {
        "id": "t-00",
        "date": "2018-06",
        "sentence": "Die Nato verlangt von Moskau Aufklärung.",
        "events": [event],
    }
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    full = next(line for line in result.stdout.splitlines() if line.startswith("full"))
    assert full.split()[1:4] == ["1.000", "1.000", "1.000"]
