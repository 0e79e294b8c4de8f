"""`lagebild stories` and `lagebild recode` over a store ingested from JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from lagebild.cli import app

REPORTS = [
    {
        "id": "tagesblatt-1",
        "outlet": "Tagesblatt",
        "published": "2022-03-02",
        "text": "Russische Truppen haben am Dienstag die ukrainische Stadt Charkiw angegriffen. "
        "Die Bundesregierung brüskierte Frankreich beim Gipfel in Brüssel.",
    },
    {
        "id": "morning-post-1",
        "url": "https://www.morningpost.example/world/kharkiv",
        "published": "2022-03-02",
        "text": "Russian forces attacked the Ukrainian city of Kharkiv on Tuesday, officials in Kyiv said.",
    },
    {
        "id": "abendzeitung-1",
        "outlet": "Abendzeitung",
        "published": "2022-03-01",
        "text": "Russische Truppen haben am Dienstag die ukrainische Stadt Charkiw angegriffen.",
    },
    {
        "id": "abendzeitung-2",
        "outlet": "Abendzeitung",
        "published": "2022-03-04",
        "text": "Bundeskanzler Scholz telefonierte am Donnerstag mit dem französischen Präsidenten Macron.",
    },
]
SNUB_TRIGGER = '[[verb]]\nlemma = "brüskieren"\ncameo = "120"\nsource = ["subj"]\ntarget = ["obj"]\n'


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store for the module (ingesting builds the pipelines, which takes seconds); the tests
    that change it come last and leave its stories as they were."""
    tmp_path = tmp_path_factory.mktemp("cli-stories")
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in REPORTS) + "\n", encoding="utf-8")
    store = tmp_path / "lagebild.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return store


def story_lines(db: Path, *options: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["stories", "--db", str(db), "--format", "jsonl", *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_stories_lists_one_attack_reported_by_three_outlets(db: Path, tmp_path: Path) -> None:
    (attack,) = story_lines(db, "--type", "ASSAULT")
    assert (attack["source_root"], attack["target_root"], attack["event_date"]) == (
        "RUS",
        "UKR",
        "2022-03-01",
    )
    assert (attack["mentions"], attack["articles"], attack["outlets"]) == (3, 3, 3)
    assert (attack["first_seen"], attack["last_seen"]) == ("2022-03-01", "2022-03-02")
    by_size = story_lines(db, "--sort", "-mentions", "--limit", "1")
    assert by_size == [attack]
    table = CliRunner().invoke(app, ["stories", "--db", str(db), "--actor", "Russland"])
    assert table.exit_code == 0, table.output
    assert "1 stories" in table.stdout and "RUS" in table.stdout
    out = tmp_path / "stories.csv"
    written = CliRunner().invoke(app, ["stories", "--db", str(db), "--format", "csv", "--out", str(out)])
    assert written.exit_code == 0, written.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(story_lines(db))
    parquet = tmp_path / "stories.parquet"
    CliRunner().invoke(app, ["stories", "--db", str(db), "--format", "parquet", "--out", str(parquet)])
    assert pq.read_table(parquet).num_rows == len(rows)
    wrong = CliRunner().invoke(app, ["stories", "--db", str(db), "--sort", "goldstein"])
    assert wrong.exit_code == 2


def test_recode_keeps_ids_and_a_data_file_adds_an_event(db: Path, tmp_path: Path) -> None:
    def event_ids() -> set[str]:
        result = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
        return {json.loads(line)["event_id"] for line in result.stdout.splitlines() if line.startswith("{")}

    before = event_ids()
    same = CliRunner().invoke(app, ["recode", "--db", str(db), "--outdated"])
    assert same.exit_code == 0, same.output
    assert "re-coded 0 of 0 articles" in same.stderr
    data = tmp_path / "events_de.toml"
    data.write_text(SNUB_TRIGGER, encoding="utf-8")
    changed = CliRunner().invoke(app, ["recode", "--db", str(db), "--data", str(data), "--outdated"])
    assert changed.exit_code == 0, changed.output
    assert "re-coded 4 of 4 articles" in changed.stderr and "1 added, 0 removed" in changed.stderr
    after = event_ids()
    assert after > before and len(after - before) == 1
    assert any(s["type"] == "REJECT" for s in story_lines(db))


def test_rebuild_applies_another_window(db: Path) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", str(db), "--rebuild", "--window", "0"])
    assert result.exit_code == 0, result.output
    assert "window: 0 days" in result.stderr
    listed = CliRunner().invoke(app, ["stories", "--db", str(db), "--format", "jsonl"])
    assert "built with a window of 0 days" in listed.stderr
    restored = CliRunner().invoke(app, ["stories", "--db", str(db), "--rebuild"])
    assert "window: 1 days" in restored.stderr
