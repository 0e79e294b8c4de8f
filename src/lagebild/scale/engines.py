"""Engines that code articles in other processes and give the results back in input order.

``PoolEngine`` runs a pool of worker processes on this machine. Each worker builds the pipeline
once (``lagebild_process``: the processor under the time budget, as a serial run has it) and
codes chunks of a few articles; the parent keeps a bounded number of chunks in flight, so
memory stays flat however long the input, and takes the results in input order. The parent
alone reads the input, keeps the books and writes the store (``lagebild.io.batch``).

What can go wrong in a worker:

- an exception or a spent time budget while coding one article is turned into a
  ``CodingFailure`` inside the worker (``code_article``), exactly as in a serial run;
- a worker that dies (killed, out of memory, a crash in native code) takes the chunks in flight
  with it: they are coded again one article at a time in fresh workers, so the article that
  kills its worker is found, reported as a failure, and the run goes on; when workers keep
  dying, ``EngineFailure`` ends the run with a message (it never hangs);
- Ctrl-C reaches the whole process group: workers ignore it and the parent, which handles it,
  terminates them. Workers also end within a second or two when the parent is gone (killed with
  SIGKILL).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, islice
from types import TracebackType

from lagebild.io.batch import Coded, CodingFailure, EngineFailure, ProcessFunction, code_article
from lagebild.model import Article
from lagebild.pipeline import Processor, budgeted_pipeline
from lagebild.settings import Settings

ProcessFactory = Callable[[], ProcessFunction]
"""Builds a process function in the process that will run it (must pickle: a module-level
function, or a ``functools.partial`` of one)."""

CHUNK_DOCUMENTS = 8
CHUNK_CHARS = 100_000
"""A chunk sent to a worker holds this many articles, or fewer whose text reaches this many
characters: tens of milliseconds of coding, against well under a millisecond to send it."""

CHUNKS_IN_FLIGHT_PER_WORKER = 3
"""Chunks queued per worker: enough that no worker waits for the parent, few enough that
memory stays flat."""

MIN_POOL_DOCUMENTS = 32
"""An input with fewer articles to code is coded in this process: starting workers (each builds
the pipeline) would cost more than it saves."""

MAX_BREAKS_IN_A_ROW = 4
"""Worker deaths without a coded chunk in between before the run is stopped."""

PARENT_CHECK_SECONDS = 1.0


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every system has affinities
        return max(1, os.cpu_count() or 1)


def lagebild_process(settings: Settings) -> ProcessFunction:
    """The pipeline a worker runs: lagebild's processor under the time budget, built off the clock."""
    return budgeted_pipeline(Processor(settings), settings.time_budget)


def for_workers(settings: Settings) -> Settings:
    """The settings sent to workers: everything coding needs, and no API token."""
    return replace(settings, api_token=None)


def without_tokens(coded: Coded) -> Coded:
    """A coded document without its tokens, the bulk of what a worker would send back.

    Nothing after coding reads tokens: the store keeps sentences and mentions, ``extract`` the
    events. Leaving them in the worker halves what crosses between processes.
    """
    if isinstance(coded, CodingFailure) or not any(s.tokens for s in coded.sentences):
        return coded
    return replace(coded, sentences=tuple(replace(s, tokens=()) for s in coded.sentences))


@dataclass
class _Worker:
    """What a worker process holds: the process function its initializer built."""

    process: ProcessFunction | None = None


# One per worker process, set once by the pool's initializer: a pool has no other way to keep
# a pipeline between the chunks a worker receives.
_WORKER = _Worker()


def _start_worker(factory: ProcessFactory, coordinator: int) -> None:
    """Initialize a worker: leave Ctrl-C to the coordinator, end with it, build the pipeline once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(coordinator,), daemon=True).start()
    _WORKER.process = factory()


def _end_with(coordinator: int) -> None:
    """End this worker once the coordinating process is gone.

    Its parent may be a fork server, which outlives the coordinator as long as workers live,
    so the coordinator itself is watched.
    """
    while _alive(coordinator):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, ended but not yet collected, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):  # no /proc here: the signal test must do
        return True


def _code_chunk(articles: list[Article]) -> list[Coded]:
    """Code a chunk in a worker (the task the parent submits)."""
    process = _WORKER.process
    assert process is not None, "worker started without its initializer"
    return [without_tokens(code_article(process, article)) for article in articles]


def chunked(articles: Iterable[Article], documents: int, chars: int) -> Iterator[list[Article]]:
    """The articles in lists of at most ``documents``, cut early once their text reaches ``chars``."""
    chunk: list[Article] = []
    size = 0
    for article in articles:
        chunk.append(article)
        size += len(article.text)
        if len(chunk) >= documents or size >= chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class PoolEngine:
    """Code articles in ``workers`` processes of this machine; results come back in input order.

    ``factory`` builds the process function inside each worker; ``local`` (default: the
    factory) builds it in this process for inputs too small to be worth the workers. The pool
    is started on first use and ended by ``close`` (or when leaving a ``with`` block).
    """

    def __init__(
        self,
        factory: ProcessFactory,
        workers: int,
        *,
        local: ProcessFactory | None = None,
        start_method: str = "forkserver",
        min_documents: int = MIN_POOL_DOCUMENTS,
        chunk_documents: int = CHUNK_DOCUMENTS,
        chunk_chars: int = CHUNK_CHARS,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.factory = factory
        self.workers = workers
        self.local = local or factory
        self.start_method = start_method
        self.min_documents = min_documents
        self.chunk_documents = max(1, chunk_documents)
        self.chunk_chars = max(1, chunk_chars)
        self._pool: ProcessPoolExecutor | None = None
        self._local_process: ProcessFunction | None = None
        self._breaks = 0

    def __enter__(self) -> PoolEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def code(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """The coded document (or the failure) of each article, in order."""
        iterator = iter(articles)
        first = list(islice(iterator, self.min_documents))
        if len(first) < self.min_documents:
            yield from self._code_here(first)
            return
        try:
            yield from self._code_pooled(chain(first, iterator))
        finally:
            self.close()

    def _code_here(self, articles: list[Article]) -> Iterator[Coded]:
        if self._local_process is None and articles:
            self._local_process = self.local()
        for article in articles:
            assert self._local_process is not None
            yield code_article(self._local_process, article)

    def _code_pooled(self, articles: Iterator[Article]) -> Iterator[Coded]:
        """Keep chunks in flight; give back each chunk's results when it is at the head of the line."""
        chunks = chunked(articles, self.chunk_documents, self.chunk_chars)
        line: deque[tuple[list[Article], Future[list[Coded]]]] = deque()
        limit = self.workers * CHUNKS_IN_FLIGHT_PER_WORKER
        self._fill(line, chunks, limit)
        while line:
            chunk, future = line.popleft()
            results = self._results(chunk, future, line)
            self._fill(line, chunks, limit)  # before giving results back: workers keep working
            yield from results

    def _fill(
        self,
        line: deque[tuple[list[Article], Future[list[Coded]]]],
        chunks: Iterator[list[Article]],
        limit: int,
    ) -> None:
        while len(line) < limit:
            chunk = next(chunks, None)
            if chunk is None:
                return
            line.append((chunk, self._submit(chunk)))

    def _submit(self, chunk: list[Article]) -> Future[list[Coded]]:
        try:
            return self._running_pool().submit(_code_chunk, chunk)
        except BrokenProcessPool:
            # Broken before the loss was noticed: the future carries the breakage to _results.
            future: Future[list[Coded]] = Future()
            future.set_exception(BrokenProcessPool("a worker process ended abruptly"))
            return future

    def _results(
        self,
        chunk: list[Article],
        future: Future[list[Coded]],
        line: deque[tuple[list[Article], Future[list[Coded]]]],
    ) -> list[Coded]:
        """The results of a chunk; after a worker died, those of every chunk that was in flight."""
        try:
            results = future.result()
        except BrokenProcessPool:
            lost = [chunk, *(queued for queued, _ in line)]
            line.clear()
            self._broken()
            return [self._isolated(article) for queued in lost for article in queued]
        self._breaks = 0
        return results

    def _isolated(self, article: Article) -> Coded:
        """Code one article alone in the pool: if its worker dies, the article is the cause."""
        try:
            [result] = self._running_pool().submit(_code_chunk, [article]).result()
        except BrokenProcessPool:
            self._broken()
            return CodingFailure(
                "the worker process coding it ended abruptly (killed, out of memory or a crash "
                "in native code)"
            )
        self._breaks = 0
        return result

    def _broken(self) -> None:
        """Count a worker death and drop the pool (a fresh one starts on demand); stop if they repeat."""
        self.close()
        self._breaks += 1
        if self._breaks >= MAX_BREAKS_IN_A_ROW:
            raise EngineFailure(
                f"worker processes ended abruptly {self._breaks} times in a row (out of memory, "
                "killed, or the pipeline cannot start in a worker: see the messages above)"
            )

    def _running_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                # Workers forked from a server that imported the pipeline's code pay only for
                # building the pipeline, not for starting Python and importing.
                context.set_forkserver_preload(["lagebild.scale.engines"])
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.factory, os.getpid()),
            )
        return self._pool

    def close(self) -> None:
        """End the workers now (chunks in flight are dropped); a later ``code`` starts new ones."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # Workers ignore Ctrl-C and may be deep in a long document: terminate them rather than
        # wait. The executor keeps its processes in a private mapping (a public way to
        # terminate them arrives only with Python 3.14).
        processes = list(getattr(pool, "_processes", {}).values())
        for process in processes:
            if process.is_alive():
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def local_engine(
    settings: Settings, workers: int, local: ProcessFactory | None = None
) -> PoolEngine:
    """The process pool coding with lagebild's pipeline under ``settings``."""
    return PoolEngine(partial(lagebild_process, for_workers(settings)), workers, local=local)


__all__ = [
    "PoolEngine",
    "ProcessFactory",
    "available_cores",
    "chunked",
    "lagebild_process",
    "local_engine",
    "without_tokens",
]
