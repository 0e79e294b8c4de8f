"""Coding in worker processes gives exactly what coding in one process gives: the same documents
and events (ids included), in the same order, with the same problems reported in input order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from scale_helpers import (
    SerialRun,
    failing_factory,
    light_process,
    news_records,
    problem_lines,
    sabotaged_process,
    store_contents,
)
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.io.batch import BatchRunner, CodingFailure, EngineFailure, InProcessEngine
from lagebild.io.fields import Located
from lagebild.model import Article, ReadProblem
from lagebild.scale.engines import PoolEngine, without_tokens
from lagebild.settings import Settings


def located_news(count: int) -> list[Located]:
    """Real-looking German articles with a failing, a slow, a repeated and a stored one among them.

    (German only: the command-line tests below cover English; one language builds faster.)
    """
    records = [record for record in news_records(count) if record["id"].startswith("de-")]
    items = [
        Located(f"feed.jsonl:{n} (id={record['id']})", Article(id=record["id"], text=record["text"]))
        for n, record in enumerate(records, start=1)
    ]
    items.insert(5, Located("feed.jsonl:x (id=boom-1)", Article(id="boom-1", text="Die Nato warnte.")))
    items.insert(17, Located("feed.jsonl:y (id=slow-1)", Article(id="slow-1", text="Die Nato warnte neu.")))
    items.insert(30, Located("feed.jsonl:z", ReadProblem("feed.jsonl:z", "malformed JSON")))
    items.insert(41, Located("feed.jsonl:w (id=de-002)", Article(id="de-002", text="Wiederholt.")))
    return items


def run(engine: Any, items: list[Located]) -> tuple[list[tuple[str, Any]], list[str], tuple[int, ...]]:
    """The documents (without tokens), the reported problems and the counts of one run."""
    reported: list[ReadProblem] = []
    runner = BatchRunner(engine, reported.append, known=lambda ids: set(ids) & {"de-004", "de-010"})
    docs = [(where, without_tokens(doc)) for where, doc in runner.docs(items)]
    stats = runner.stats
    counts = (stats.read, stats.already_stored, len(stats.skipped), stats.warnings, stats.events)
    return docs, [str(problem) for problem in reported], counts


def test_two_workers_code_exactly_what_one_process_codes() -> None:
    settings = Settings(time_budget=1.0)
    items = located_news(60)
    serial = run(InProcessEngine(sabotaged_process(settings)), items)
    with PoolEngine(partial(sabotaged_process, settings), 2, min_documents=0) as pool:
        parallel = run(pool, items)
    assert parallel[2] == serial[2]
    assert parallel[1] == serial[1]
    assert parallel[0] == serial[0]
    docs, problems, counts = serial
    assert counts[:2] == (60 - 2 + 2, 2) and counts[4] > 30  # read, already stored, events
    assert [doc.article.id for _, doc in docs][:4] == ["de-000", "de-001", "de-002", "de-003"]
    assert problems[:3] == [
        "feed.jsonl:x (id=boom-1): skipped: processing failed: ValueError: kaputt",
        "feed.jsonl:y (id=slow-1): skipped: took longer than its time budget (1.0 s); see --time-budget",
        "feed.jsonl:z: skipped: malformed JSON",
    ]
    assert problems[3].endswith("its id repeats the id of an earlier document of this input")


def test_ingest_with_two_workers_stores_what_one_process_stores(
    serial_run: SerialRun, tmp_path: Path
) -> None:
    db = tmp_path / "parallel.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(serial_run.corpus), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert problem_lines(result.stderr) == serial_run.ingest_problems
    serial, parallel = store_contents(serial_run.db), store_contents(db)
    assert [row[0] for row in parallel["articles"]] == [row[0] for row in serial["articles"]]
    assert parallel == serial
    assert len(serial["articles"]) == 61 and len(serial["events"]) > 30
    assert [line.split(": ", 1)[1] for line in serial_run.ingest_problems] == [
        "empty text",
        "its id repeats the id of an earlier document of this input",
        "malformed JSON: Expecting value at column 1",
        "no publication date",
        "language 'fr' is not supported; no events coded",
        "1 × empty text, 1 × its id repeats the id of an earlier document of this input, 1 × malformed JSON",
    ]


def test_extract_with_two_workers_prints_what_one_process_prints(serial_run: SerialRun) -> None:
    result = CliRunner().invoke(app, ["extract", str(serial_run.corpus), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert problem_lines(result.stderr) == serial_run.extract_problems
    assert result.stdout == serial_run.extract_output
    assert serial_run.extract_output.count("\n") > 30


def light_articles(count: int, *special: tuple[int, str]) -> list[Article]:
    articles = [Article(id=f"a-{n:03d}", text=f"Text {n}.") for n in range(count)]
    for position, doc_id in special:
        articles[position] = Article(id=doc_id, text="Text.")
    return articles


def test_a_worker_that_dies_costs_only_its_own_document() -> None:
    articles = light_articles(60, (23, "crash-1"))
    with PoolEngine(light_process, 2, min_documents=0, chunk_documents=4) as pool:
        results = list(pool.code(articles))
    assert len(results) == 60
    failure = results[23]
    assert isinstance(failure, CodingFailure) and "ended abruptly" in failure.reason
    others = [result for n, result in enumerate(results) if n != 23]
    assert [getattr(r, "article", None) for r in others] == [a for n, a in enumerate(articles) if n != 23]


def test_workers_that_cannot_start_stop_the_run() -> None:
    pool = PoolEngine(failing_factory, 2, min_documents=0)
    with pool, pytest.raises(EngineFailure, match="in a row"):
        list(pool.code(light_articles(20)))


def test_small_inputs_are_coded_without_workers() -> None:
    with PoolEngine(failing_factory, 2, local=light_process, min_documents=32) as pool:
        results = list(pool.code(light_articles(5)))
        assert pool._pool is None
    assert [getattr(r, "article", None) for r in results] == light_articles(5)


def test_closing_the_engine_ends_busy_workers() -> None:
    # What Ctrl-C does: the parent stops taking results and ends workers deep in a document.
    articles = [Article(id="a-000", text="x."), *(Article(id=f"sleep-{n}", text="x.") for n in range(6))]
    pool = PoolEngine(light_process, 2, min_documents=0, chunk_documents=1)
    results = pool.code(articles)
    assert getattr(next(results), "article", None) == articles[0]
    assert pool._pool is not None
    workers = list(pool._pool._processes.values())  # type: ignore[attr-defined]
    pool.close()
    assert workers and all(worker.exitcode == -signal.SIGTERM for worker in workers)


ORPHAN_SCRIPT = """
import sys, time
sys.path.insert(0, {helpers!r})
from scale_helpers import light_process
from lagebild.model import Article
from lagebild.scale.engines import PoolEngine

if __name__ == "__main__":
    pool = PoolEngine(light_process, 2, min_documents=0, chunk_documents=1)
    articles = [Article(id="a", text="x."), *(Article(id=f"sleep-{{n}}", text="x.") for n in range(4))]
    results = pool.code(articles)
    next(results)
    print(*pool._pool._processes, flush=True)
    time.sleep(120)
"""


def test_workers_end_when_their_coordinator_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "coordinator.py"
    script.write_text(ORPHAN_SCRIPT.format(helpers=str(Path(__file__).parent)), encoding="utf-8")
    coordinator = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert coordinator.stdout is not None
    workers = [int(pid) for pid in coordinator.stdout.readline().split()]
    assert len(workers) == 2
    coordinator.kill()
    coordinator.wait()
    deadline = time.monotonic() + 60  # a liveness bound, far above the second it takes
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
