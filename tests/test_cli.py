"""The command line: extract, ingest, events, export and eval on real-looking articles."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lagebild import cli
from lagebild.cli import app
from lagebild.model import Article, Doc
from lagebild.pipeline import Processor
from lagebild.store import open_store
from lagebild.store.table import COLUMN_NAMES

sys.path.insert(0, str(Path(__file__).resolve().parent / "store"))
from store_samples import sample_corpus

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


def test_extract_prints_the_rows_of_the_event_table(corpus: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    keys = {(e["article_id"], e["plover_type"], e["source_root"]) for e in events}
    assert ("dpa-1", "SANCTION", "EU") in keys
    assert ("dpa-1", "REQUEST", "NATO") in keys
    assert all(list(e) == list(COLUMN_NAMES) for e in events)
    assert {e["coder_version"] for e in events} == {Processor().coder_version}
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
    assert records and all("NATO" in (r["source_root"], r["target_root"]) for r in records)
    as_csv = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--type", "SANCTION"])
    assert as_csv.stdout.splitlines()[0].startswith("event_id,")
    exported = tmp_path / "events.parquet"
    done = runner.invoke(app, ["export", "--format", "parquet", "--out", str(exported), "--db", str(db)])
    assert done.exit_code == 0 and exported.stat().st_size > 0


def test_bad_filter_is_a_clear_error(sample_db: Path) -> None:
    result = CliRunner().invoke(app, ["events", "--db", str(sample_db), "--since", "2017-13"])
    assert result.exit_code == 2
    assert result.stderr == "lagebild: --since: impossible date '2017-13': month must be in 1..12\n"


def test_seed_article_extract(shared_dir: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(shared_dir / "seed" / "seed_article.txt")])
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(events) >= 15
    assert {e["article_id"] for e in events} == {"seed_article"}
    meeting = [e for e in events if e["plover_type"] == "CONSULT" and e["event_date"] == "2017-03-30"]
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


@pytest.fixture(scope="module")
def held_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store file held open for writing by another process, as a running server holds it."""
    db = tmp_path_factory.mktemp("held") / "held.duckdb"
    code = f"import sys, duckdb\nc = duckdb.connect({str(db)!r})\nprint('ready', flush=True)\n"
    code += "sys.stdin.read()"
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    holder = subprocess.Popen([sys.executable, "-c", code], text=True, **pipes)  # type: ignore[call-overload]
    assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
    try:
        yield db
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        (["ingest", "corpus.jsonl"], "post the articles to it (POST /articles) or stop it"),
        (["events"], "wait until it ends or stop it"),
        (["export", "--format", "csv"], "wait until it ends or stop it"),
        (["serve"], "stop that process first"),
    ],
)
def test_a_held_store_is_refused_in_one_line(held_store: Path, command: list[str], advice: str) -> None:
    result = CliRunner().invoke(app, [*command, "--db", str(held_store)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"lagebild: the store {held_store} is in use by process ")
    assert advice in result.stderr
    assert "Traceback" not in result.output


@pytest.fixture()
def no_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[Article]:
    """Commands code nothing (each article becomes a document without events): for tests of what
    happens around the pipeline, which then need not load it. Returns the articles processed."""
    processed: list[Article] = []

    def process(article: Article) -> Doc:
        processed.append(article)
        return Doc(article, language="de")

    monkeypatch.setattr(cli, "budgeted_pipeline", lambda processor, budget: process)
    monkeypatch.setenv("LAGEBILD_WORKERS", "1")  # worker processes would not see the patch
    return processed


@pytest.mark.usefixtures("no_pipeline")
def test_problems_are_printed_as_found_and_counted_at_the_end(corpus: Path, tmp_path: Path) -> None:
    with corpus.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(ARTICLES[0]) + "\n")  # the same id again
        handle.write('{"id": ' + "7" * 5000 + ', "text": "x"}\n')
        handle.write("[" * 100_000 + "]" * 100_000 + "\n")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[:4] == [
        f"skipped {corpus}:3 (id=broken): empty text",
        f"skipped {corpus}:4 (id=dpa-1): its id repeats the id of an earlier document of this input",
        f"skipped {corpus}:5: a JSON number has more than 4300 digits",
        f"skipped {corpus}:6: JSON nested too deeply (arrays or objects some 1,000 levels deep)",
    ]
    assert lines[4].startswith("read 2 documents, skipped 4, stored ")
    assert lines[5].startswith("skipped 4: 1 × empty text, 1 × its id repeats")


@pytest.mark.usefixtures("no_pipeline")
def test_an_interrupted_ingest_keeps_what_it_processed(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lagebild.io.batch import BatchRunner

    original = BatchRunner._process

    def interrupt_on_second(self: BatchRunner, where: str, article: Any, stored: bool) -> Any:
        if article.id == "dpa-2":
            raise KeyboardInterrupt
        return original(self, where, article, stored)

    monkeypatch.setattr(BatchRunner, "_process", interrupt_on_second)
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 130
    assert "interrupted: the batches written so far are kept" in result.stderr
    with open_store(db, read_only=True) as store:
        assert store.known_article_ids(["dpa-1", "dpa-2"]) == {"dpa-1"}


def test_csv_options(tmp_path: Path, no_pipeline: list[Article]) -> None:
    table = tmp_path / "tabelle.csv"
    text = ARTICLES[0]["text"].replace(".", ";", 1)
    table.write_text(f"dpa-1|2022-03-15|'{text}'\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(table),
            "--no-header",
            "--delimiter",
            "|",
            "--quotechar",
            "'",
            "--columns",
            "id,published,text",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("read 1 documents, skipped 0,")
    [article] = no_pipeline
    assert (article.id, article.text, str(article.published and article.published.value)) == (
        "dpa-1",
        text,
        "2022-03-15",
    )
    bad = CliRunner().invoke(app, ["extract", str(table), "--delimiter", "||"])
    assert bad.exit_code != 0 and "csv_delimiter" in bad.output


def test_export_neutralises_formulas_unless_raw(corpus: Path, tmp_path: Path) -> None:
    formula = {**ARTICLES[0], "id": "f-1", "text": "=" + ARTICLES[0]["text"]}
    corpus.write_text(json.dumps(formula, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    safe = CliRunner().invoke(app, ["export", "--format", "csv", "--db", str(db)]).stdout
    raw = CliRunner().invoke(app, ["export", "--format", "csv", "--raw-csv", "--db", str(db)]).stdout
    listed = CliRunner().invoke(app, ["events", "--format", "csv", "--db", str(db)]).stdout
    assert ",'=Die Europäische Union" in safe and ",'=Die Europäische Union" in listed
    assert ",=Die Europäische Union" in raw and "'=" not in raw


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the store tests' sample corpus (8 events, no pipeline needed)."""
    db = tmp_path_factory.mktemp("cli") / "sample.duckdb"
    with open_store(db) as store:
        store.write_batch(sample_corpus())
    return db


def test_events_between_russia_and_nato_in_march_2017_as_parquet_is_one_command(
    sample_db: Path, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "russia-nato-2017-03.parquet"
    command = ["export", "--actor", "Russland", "--actor", "NATO", "--since", "2017-03", "--until", "2017-03"]
    result = CliRunner().invoke(
        app, [*command, "--format", "parquet", "--out", str(out), "--db", str(sample_db)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "reading actor 'Russland': Russia (RUS)",
        f"exported 2 events to {out}",
    ]
    table = pq.read_table(out)
    assert table.column("event_id").to_pylist() == ["c-denial-e1", "a-nato-request-e1"]
    assert {(r["source_root"], r["target_root"]) for r in table.to_pylist()} == {
        ("RUS", "NATO"),
        ("NATO", "RUS"),
    }


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--country", "DE"], ["a-nato-request-e2", "b-kaliningrad-e3"]),
        (["--country", "Deutschland"], ["a-nato-request-e2", "b-kaliningrad-e3"]),
        (["--actor", "Kreml"], ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e2"]),
        (["--type", "disapprove", "--language", "English"], ["c-denial-e2"]),
        (["--modality", "negated"], ["c-denial-e1"]),
        (["--quad-class", "verbal conflict", "--place", "kaliningrad"], ["b-kaliningrad-e1"]),
        (["--outlet", "wire"], ["c-denial-e2", "c-denial-e1"]),
        (["--attribution", "nato"], ["b-kaliningrad-e2"]),
        (["--precision", "undated"], ["b-kaliningrad-e3"]),
        (["--source", "NATO", "--sort", "-date"], ["b-kaliningrad-e2", "a-nato-request-e1"]),
        (["--limit", "2", "--offset", "1"], ["c-denial-e1", "a-nato-request-e1"]),
    ],
)
def test_export_takes_every_filter_of_events(
    sample_db: Path, options: list[str], expected: list[str]
) -> None:
    for command in (["export", "--format", "jsonl"], ["events", "--format", "jsonl"]):
        result = CliRunner().invoke(app, [*command, *options, "--db", str(sample_db)])
        assert result.exit_code == 0, result.output
        assert [json.loads(line)["event_id"] for line in result.stdout.splitlines()] == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--actor", "Putn"], "lagebild: --actor: no actor is known as 'Putn'; did you mean 'Putin' or"),
        (
            ["--country", "Germny"],
            "lagebild: --country: no country is known as 'Germny'; did you mean 'Germany'?",
        ),
        (["--type", "figth"], "lagebild: --type: no event type is known as 'figth'; did you mean 'FIGHT'?"),
        (
            ["--since", "2017-05", "--until", "2017-03"],
            "lagebild: --since/--until: since 2017-05 comes after until 2017-03: the period is backwards",
        ),
    ],
)
def test_unknown_values_say_what_was_meant(sample_db: Path, options: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["events", *options, "--db", str(sample_db)])
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr


def test_no_events_explains_which_filter_leaves_none(sample_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["events", "--actor", "FRA", "--type", "THREATEN", "--format", "csv", "--db", str(sample_db)]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("event_id,")
    assert "0 events match actor=FRA, type=THREATEN. Each filter alone: actor=FRA: 2; type=THREATEN: 1." in (
        " ".join(result.stderr.split())
    )


def test_events_table_and_profiles(sample_db: Path) -> None:
    table = CliRunner().invoke(app, ["events", "--actor", "RUS.MIL", "--db", str(sample_db)])
    assert table.exit_code == 0, table.output
    assert "1 events" in table.stdout and "RUS.MIL: russische Armee" in table.stdout
    gdelt = CliRunner().invoke(
        app, ["export", "--profile", "gdelt", "--format", "csv", "--db", str(sample_db)]
    )
    assert gdelt.stdout.startswith("GLOBALEVENTID,SQLDATE,MonthYear,Year,FractionDate,Actor1Code,")
    bad = CliRunner().invoke(app, ["export", "--profile", "acled", "--db", str(sample_db)])
    assert bad.exit_code == 2 and "--profile must be one of lagebild, gdelt, plover" in bad.output


def test_a_csv_with_a_nameless_id_column_and_a_source_column(
    shared_dir: Path, no_pipeline: list[Article]
) -> None:
    corpus = shared_dir / "corpora" / "guardian_sample.csv"
    result = CliRunner().invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    assert len(no_pipeline) == 249
    assert no_pipeline[0].id == "3" and {a.outlet for a in no_pipeline} == {"Guardian"}
    assert "no id" not in result.stderr
    assert result.stderr.count("the first column has no name") == 1


def test_column_options_name_the_fields(tmp_path: Path, no_pipeline: list[Article]) -> None:
    table = tmp_path / "export.csv"
    table.write_text("Kennung;Datum;Volltext;Quelle\nk-1;2022-03-15;" + ARTICLES[0]["text"] + ";Spiegel\n")
    options = ["--id-column", "Kennung", "--date-column", "Datum", "--text-column", "Volltext"]
    result = CliRunner().invoke(app, ["extract", str(table), *options, "--outlet-column", "Quelle"])
    assert result.exit_code == 0, result.output
    [article] = no_pipeline
    assert (article.id, article.outlet, article.text) == ("k-1", "Spiegel", ARTICLES[0]["text"])
    missing = CliRunner().invoke(app, ["extract", str(table), "--title-column", "Titel"])
    assert "no column 'titel' for the title (--title-column)" in missing.stderr
