"""An ingest killed with SIGKILL loses nothing it committed, and running it again gives exactly
what an uninterrupted run gives: the same articles and the same event ids."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile_corpus import good_text

from lagebild.store import EventFilter, open_store

ARTICLES = 2000
CODED_EVERY = 20  # one article in twenty is German and coded; the others are French, stored uncoded


def write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for index in range(ARTICLES):
            language = "de" if index % CODED_EVERY == 0 else "fr"
            record = {"id": f"k-{index:04d}", "text": good_text(index), "published": "2023-05-01"}
            out.write(json.dumps({**record, "language": language}, ensure_ascii=False) + "\n")


# More than the run's own bookkeeping writes to the log before its first batch commits.
COMMITTED_BATCH_BYTES = 32 * 1024


def ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "lagebild.cli", "ingest", str(corpus), "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def contents(db: Path) -> tuple[set[str], set[str]]:
    """The article ids and the event ids in a store."""
    with open_store(db, read_only=True) as store:
        events = {record["id"] for record in store.query_events(EventFilter())}
        articles = store.known_article_ids(f"k-{index:04d}" for index in range(ARTICLES))
    return articles, events


def test_a_killed_ingest_is_completed_by_running_it_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    baseline = ingest(corpus, whole)

    # The store exists before the run (closing it empties the write-ahead log), so that the log
    # grows mainly when a batch of the run commits.
    open_store(killed).close()
    wal = Path(f"{killed}.wal")
    run = ingest(corpus, killed)
    deadline = time.monotonic() + 60
    # Opening the store for the run writes a little to the log too: wait for the size of a batch.
    while not (wal.exists() and wal.stat().st_size > COMMITTED_BATCH_BYTES) and run.poll() is None:
        assert time.monotonic() < deadline, "no batch was committed within a minute"
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    assert run.wait(10) == -signal.SIGKILL

    articles, _ = contents(killed)
    # Killed before the end; most often after a committed batch, but the log cannot tell a
    # batch from the run's bookkeeping exactly, so an empty store is allowed too.
    assert len(articles) < ARTICLES
    assert ingest(corpus, killed).wait(120) == 0
    assert baseline.wait(120) == 0
    assert contents(killed) == contents(whole)
    assert len(contents(whole)[0]) == ARTICLES
