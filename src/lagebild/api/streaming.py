"""Downloads of any size: a store export streamed to the client while it is written.

``Store.export`` writes to a stream in one thread with one cursor (DuckDB cursors belong to one
thread). Here it runs in a worker thread and writes into a bounded queue of byte chunks, which
the response hands to the client as they come; memory stays at a few chunks whatever the number
of rows. A client that goes away stops the export at its next chunk.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from lagebild.store import EventFilter, Store
from lagebild.store.base import ExportFormat

CHUNK_BYTES = 64 * 1024
QUEUE_CHUNKS = 16
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
logger = logging.getLogger("lagebild.api")
_END = object()


class _Cancelled(Exception):
    """The client went away; the export stops."""


class _Sink:
    """Collects what the export writes and passes it on in chunks of about ``CHUNK_BYTES``."""

    def __init__(self, chunks: queue.Queue[object], cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled
        self._buffer: list[bytes] = []
        self._size = 0
        self.position = 0
        self.closed = False

    def put_bytes(self, data: bytes) -> int:
        self._buffer.append(data)
        self._size += len(data)
        self.position += len(data)
        if self._size >= CHUNK_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if not self._buffer:
            return
        chunk = b"".join(self._buffer)
        self._buffer, self._size = [], 0
        while True:
            if self._cancelled.is_set():
                raise _Cancelled
            try:
                self._chunks.put(chunk, timeout=0.5)
                return
            except queue.Full:
                continue

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        self.closed = True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False


class _BinarySink(_Sink):
    """What Parquet is written to."""

    def write(self, data: Any) -> int:
        return self.put_bytes(bytes(data))


class _TextSink(_Sink):
    """What CSV and JSON lines are written to (UTF-8)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        self.put_bytes(text.encode("utf-8"))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)


def stream_export(
    store: Store, fmt: ExportFormat, f: EventFilter, *, profile: str = "lagebild", raw_csv: bool = False
) -> Iterator[bytes]:
    """The bytes of ``store.export(fmt, ..., f)`` as they are written."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=QUEUE_CHUNKS)
    cancelled = threading.Event()
    sink = _BinarySink(chunks, cancelled) if fmt == "parquet" else _TextSink(chunks, cancelled)

    def work() -> None:
        try:
            store.export(fmt, sink, f, raw_csv=raw_csv, profile=profile)  # type: ignore[arg-type]
            sink.flush()
            _put(chunks, _END, cancelled)
        except _Cancelled:
            return
        except Exception as exc:  # the response has started: the client sees a cut-off file
            logger.exception("export failed while streaming")
            _put(chunks, exc, cancelled)

    worker = threading.Thread(target=work, name="lagebild-export", daemon=True)
    worker.start()
    try:
        while True:
            item = chunks.get()
            if item is _END:
                return
            if isinstance(item, Exception):
                raise item
            assert isinstance(item, bytes)
            yield item
    finally:
        cancelled.set()


def _put(chunks: queue.Queue[object], item: object, cancelled: threading.Event) -> None:
    while not cancelled.is_set():
        try:
            chunks.put(item, timeout=0.5)
            return
        except queue.Full:
            continue
