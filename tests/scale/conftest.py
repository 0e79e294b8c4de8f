"""One serial run of ``ingest`` and ``extract`` over the test corpus, which the parallel and the
Ray runs are compared with."""

from __future__ import annotations

import pytest
from scale_helpers import BAD_LINES, SerialRun, news_records, problem_lines, write_jsonl
from typer.testing import CliRunner

from lagebild.cli import app


@pytest.fixture(scope="session")
def serial_run(tmp_path_factory: pytest.TempPathFactory) -> SerialRun:
    """German and English articles with bad lines among them, ingested and extracted serially."""
    folder = tmp_path_factory.mktemp("serial")
    corpus = write_jsonl(folder / "news.jsonl", news_records(30), BAD_LINES)
    db = folder / "serial.duckdb"
    ingested = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    assert ingested.exit_code == 0, ingested.output
    extracted = CliRunner().invoke(app, ["extract", str(corpus), "--workers", "1"])
    assert extracted.exit_code == 0, extracted.output
    return SerialRun(
        corpus, db, problem_lines(ingested.stderr), extracted.stdout, problem_lines(extracted.stderr)
    )
