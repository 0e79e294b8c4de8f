"""A whole ingest of a hostile folder: every good article stored, every bad document reported,
nothing stops the batch, and it all takes seconds, not minutes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

import pytest
from hostile_corpus import Corpus, make_corpus
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.store import open_store

TIME_LIMIT_S = 45.0
# Small enough that the unpunctuated text (quadratic in the coder) is cut after a few seconds,
# large enough that no ordinary article comes near it even on a slow machine.
TIME_BUDGET = "1.0"


class Ingest(NamedTuple):
    corpus: Corpus
    lines: list[str]
    db: Path
    seconds: float


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingest:
    """One ingest of the hostile folder with the real pipeline, shared by the tests below."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "input").mkdir()
    corpus = make_corpus(folder / "input")
    db = folder / "store.duckdb"
    command = ["ingest", str(folder / "input"), "--db", str(db), "--time-budget", TIME_BUDGET]
    started = time.monotonic()
    result = CliRunner().invoke(app, command)
    seconds = time.monotonic() - started
    assert result.exit_code == 0, result.output
    return Ingest(corpus, result.stderr.splitlines(), db, seconds)


def test_every_good_article_is_stored(ingested: Ingest) -> None:
    with open_store(ingested.db, read_only=True) as store:
        missing = [doc_id for doc_id in ingested.corpus.good_ids if not store.has_article(doc_id)]
        assert missing == []
        assert store.stats()["articles"] == len(ingested.corpus.good_ids)


def test_every_bad_document_is_reported(ingested: Ingest) -> None:
    skipped = [line for line in ingested.lines if line.startswith("skipped /")]
    unreported = {
        label: where
        for label, where in ingested.corpus.bad.items()
        if not any(f"/{where}:" in line or f"/{where} (" in line for line in skipped)
    }
    assert unreported == {}
    assert len(skipped) == len(ingested.corpus.bad)
    warned = [line for line in ingested.lines if line.startswith("warning /")]
    for where in ingested.corpus.warned.values():
        assert any(f"/{where}:" in line for line in warned), where


def test_reports_come_as_found_and_the_summary_counts_them(ingested: Ingest) -> None:
    lines = ingested.lines
    summary = next(i for i, line in enumerate(lines) if line.startswith("read "))
    reports = [i for i, line in enumerate(lines) if line.startswith(("skipped /", "warning /"))]
    assert reports and max(reports) < summary
    assert f"skipped {len(ingested.corpus.bad)}," in lines[summary]
    assert lines[summary + 1].startswith(f"skipped {len(ingested.corpus.bad)}: ")


def test_the_folder_is_ingested_within_the_time_limit(ingested: Ingest) -> None:
    assert ingested.seconds < TIME_LIMIT_S
