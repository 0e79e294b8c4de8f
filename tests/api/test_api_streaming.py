"""Downloads stream: the export runs in a worker thread feeding a bounded queue; the bytes are the
store's export; a client that goes away stops the worker."""

from __future__ import annotations

import dataclasses
import io
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq

from lagebild.api.streaming import stream_export
from lagebild.store import EventFilter, open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_samples import sample_corpus


def _big_store(path: Path, copies: int) -> None:
    """The store tests' sample corpus ``copies`` times over (8 events each)."""
    batch = []
    for n in range(copies):
        for doc, events in sample_corpus():
            article_id = f"{doc.article.id}-{n}"
            copy = dataclasses.replace(doc, article=dataclasses.replace(doc.article, id=article_id))
            batch.append(
                (copy, [dataclasses.replace(e, id=f"{article_id}-{e.id}", doc_id=article_id) for e in events])
            )
    with open_store(path) as store:
        store.write_batch(batch)


def test_the_stream_is_the_export(tmp_path: Path) -> None:
    _big_store(tmp_path / "s.duckdb", 50)
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        for fmt in ("csv", "jsonl"):
            expected = io.StringIO()
            store.export(fmt, expected)  # type: ignore[arg-type]
            streamed = b"".join(stream_export(store, fmt, EventFilter()))  # type: ignore[arg-type]
            assert streamed.decode("utf-8") == expected.getvalue()
        parquet = b"".join(stream_export(store, "parquet", EventFilter(actor="NATO")))
        assert pq.read_table(io.BytesIO(parquet)).num_rows == store.count_events(EventFilter(actor="NATO"))


def test_a_client_that_goes_away_stops_the_export(tmp_path: Path) -> None:
    _big_store(tmp_path / "s.duckdb", 400)  # 3,200 events: far more than the queue holds
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        chunks = stream_export(store, "csv", EventFilter())
        assert next(chunks).startswith(b"event_id,")
        chunks.close()
        deadline = time.monotonic() + 10
        while any(t.name == "lagebild-export" for t in threading.enumerate()):
            assert time.monotonic() < deadline, "the export went on after the client left"
            time.sleep(0.05)
