"""The Ray engine: the pipeline on Ray Data, on this machine or on a Ray cluster.

The driver (the ``lagebild ingest`` process) reads the input and keeps the books as in a serial
run; the articles to code go into Ray's object store as Arrow blocks, and
``map_batches(ArticleCoder, compute=ActorPoolStrategy(size=workers))`` codes them: each actor
builds the pipeline once, in its constructor, and codes block after block. The coded blocks come
back in input order (``preserve_order``); the driver writes them to the store and, with a
Parquet folder, writes the events of each block as one Parquet file (the columns of the export
table, docs/CODEBOOK.md).

The driver puts every article to code into the object store before the first result comes
back (Ray spills what does not fit to disk); it keeps only a small record per input document.

Ray is an optional extra (``pip install 'lagebild[ray]'``): this module imports it only when an
engine starts, and says which extra to install when it is missing.
"""

from __future__ import annotations

import logging
import os
import pickle
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

import pyarrow as pa

from lagebild.io.batch import Coded, CodingFailure, EngineFailure, code_article
from lagebild.model import Article, Doc
from lagebild.scale.engines import ProcessFactory, available_cores, chunked, without_tokens
from lagebild.store.export import write_parquet
from lagebild.store.table import event_row, profile_types

RAY_EXTRA = "pip install 'lagebild[ray]'"

FIRST_BLOCK_DOCUMENTS = 16
BLOCK_DOCUMENTS = 256
BLOCK_CHARS = 2_000_000
"""Blocks grow from 16 articles to 256 (or fewer whose text reaches 2 million characters): a
small input still gives every actor a block, a large one blocks of a few seconds of coding.
Each block is one Parquet file of events."""

OBJECT_STORE_BYTES = 256 * 1024 * 1024
"""Object store of a Ray instance started here; what does not fit is spilled to disk."""

PICKLE_PROTOCOL = 5


class RayUnavailable(RuntimeError):
    """Ray is not installed (or cannot be imported)."""


def import_ray() -> ModuleType:
    """The ``ray`` module with Ray Data, or ``RayUnavailable`` naming the extra to install."""
    try:
        import ray
        import ray.data  # Ray Data is a part of the extra that may be missing
    except ImportError as exc:
        raise RayUnavailable(
            f"the Ray engine needs Ray, which is not installed ({exc}); install it with {RAY_EXTRA}"
        ) from None
    return ray


class ArticleCoder:
    """A Ray Data actor: builds the pipeline once, then codes blocks of pickled articles."""

    def __init__(self, factory: ProcessFactory) -> None:
        self.process = factory()

    def __call__(self, block: pa.Table) -> pa.Table:
        """Code each article of the block; the column ``coded`` holds each pickled result."""
        articles: list[Article] = [pickle.loads(data) for data in block.column("article").to_pylist()]
        coded = [
            pickle.dumps(without_tokens(code_article(self.process, article)), protocol=PICKLE_PROTOCOL)
            for article in articles
        ]
        return pa.table({"coded": pa.array(coded, type=pa.large_binary())})


def growing_chunks(
    articles: Iterable[Article], first: int, largest: int, chars: int
) -> Iterator[list[Article]]:
    """Chunks of ``first`` articles, then twice as many each time up to ``largest`` (see ``chunked``)."""
    iterator = iter(articles)
    size = first
    while (chunk := next(chunked(iterator, size, chars), None)) is not None:
        yield chunk
        size = min(largest, size * 2)


def article_block(articles: list[Article]) -> pa.Table:
    """Articles as an Arrow block of one column of pickled records (they come back exactly)."""
    data = [pickle.dumps(article, protocol=PICKLE_PROTOCOL) for article in articles]
    return pa.table({"article": pa.array(data, type=pa.large_binary())})


def part_path(folder: Path, number: int) -> Path:
    """The Parquet file of the ``number``-th block."""
    return folder / f"part-{number:05d}.parquet"


def write_part(folder: Path, number: int, coded: list[Coded]) -> int:
    """Write the events of a block's coded documents as one Parquet file; return the rows."""
    docs = [doc for doc in coded if isinstance(doc, Doc)]
    rows = (event_row(event, doc.article, doc.coder_version) for doc in docs for event in doc.events)
    return write_parquet(rows, part_path(folder, number), profile_types("lagebild"))


class RayEngine:
    """Code articles on Ray Data with ``workers`` actors; results come back in input order.

    ``address`` names a running Ray cluster (``ray://host:10001``, ``auto``); without it,
    ``RAY_ADDRESS`` is used as Ray does, and without that a local Ray instance is started for
    this run (and stopped by ``close``). A Ray already initialised in this process is used as
    it is. ``workers`` defaults to the CPUs Ray reports.
    """

    def __init__(
        self,
        factory: ProcessFactory,
        workers: int | None = None,
        *,
        address: str | None = None,
        parquet_dir: Path | None = None,
        first_block_documents: int = FIRST_BLOCK_DOCUMENTS,
        block_documents: int = BLOCK_DOCUMENTS,
        block_chars: int = BLOCK_CHARS,
    ) -> None:
        self.ray = import_ray()
        self.factory = factory
        self.workers = workers
        self.address = address
        self.parquet_dir = parquet_dir
        self.first_block_documents = max(1, first_block_documents)
        self.block_documents = max(self.first_block_documents, block_documents)
        self.block_chars = max(1, block_chars)
        self._started_here = False
        self.parts = 0

    def __enter__(self) -> RayEngine:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Connect to Ray, or start a local instance quietly (no dashboard, no usage reports)."""
        if self.parquet_dir is not None:
            prepare_parquet_dir(self.parquet_dir)
        if self.ray.is_initialized():
            return
        # Offline and in CI: Ray must not try to report usage.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        if not (self.address or os.environ.get("RAY_ADDRESS")):
            options.update(
                num_cpus=self.workers or available_cores(), object_store_memory=OBJECT_STORE_BYTES
            )
        try:
            self.ray.init(address=self.address, **options)
        except Exception as exc:  # an unreachable cluster, a port in use: say so in one line
            raise EngineFailure(f"could not start or reach Ray: {exc}") from None
        self._started_here = True

    def close(self) -> None:
        """Stop the Ray instance if this engine started it."""
        if self._started_here:
            self.ray.shutdown()
            self._started_here = False

    def code(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """The coded document (or the failure) of each article, in order."""
        blocks = growing_chunks(articles, self.first_block_documents, self.block_documents, self.block_chars)
        refs = [self.ray.put(article_block(chunk)) for chunk in blocks]
        if not refs:
            return
        coded_blocks = self._coded_blocks(refs)
        while True:
            try:
                block = next(coded_blocks)
            except StopIteration:
                return
            except self.ray.exceptions.RayError as exc:
                raise EngineFailure(f"Ray could not code the articles: {_first_line(exc)}") from None
            coded: list[Coded] = [pickle.loads(data) for data in block.column("coded").to_pylist()]
            if self.parquet_dir is not None:
                write_part(self.parquet_dir, self.parts, coded)
                self.parts += 1
            yield from coded

    def _coded_blocks(self, refs: list[Any]) -> Iterator[pa.Table]:
        """The dataset of the article blocks, coded by the actor pool, block by block in order."""
        import ray.data

        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        context.enable_auto_log_stats = False
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        workers = self.workers or max(1, int(self.ray.cluster_resources().get("CPU", 1)))
        with warnings.catch_warnings():
            # Ray 2.60 names no parameter for actor restarts yet and warns about the generic
            # ones; the extra pins that version.
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset = ray.data.from_arrow_refs(refs).map_batches(
                ArticleCoder,
                fn_constructor_args=(self.factory,),
                compute=ray.data.ActorPoolStrategy(size=workers),
                batch_size=None,
                batch_format="pyarrow",
                num_cpus=1,
                # Ray Data restarts lost actors and retries their blocks without end: an
                # article that kills its worker would do so forever. Without restarts the
                # block fails and the run stops with a message.
                max_restarts=0,
            )
        return iter(dataset.iter_batches(batch_size=None, batch_format="pyarrow"))


def prepare_parquet_dir(folder: Path) -> None:
    """Create the Parquet folder; refuse one holding part files of an earlier run."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.glob("part-*.parquet")):
        raise EngineFailure(f"{folder} holds Parquet parts of an earlier run; give an empty folder")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


__all__ = ["ArticleCoder", "CodingFailure", "RayEngine", "RayUnavailable", "import_ray", "write_part"]
