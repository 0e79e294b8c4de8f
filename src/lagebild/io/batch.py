"""Running a batch: read documents go through processing, and every failure is reported at once.

``BatchRunner`` is what ``lagebild extract`` and ``lagebild ingest`` run on the outcomes of
``read_located``. For each document it reports a reading problem, a repeated id, an exception
while processing or a spent time budget as a ``ReadProblem`` located like reading problems
(``feed.jsonl:17 (id=abc)``), hands it to ``report`` as soon as it is found, and goes on with
the next document. ``BatchWriter`` stores the processed documents in batches; a batch the store
refuses is written again one document at a time, so one bad document costs only itself.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from lagebild.io.budget import DocumentTimeout
from lagebild.io.fields import Located, describe_exception
from lagebild.model import Article, Doc, ReadProblem
from lagebild.store import BatchResult, Store

Report = Callable[[ReadProblem], None]
ProcessFunction = Callable[[Article], Doc]


@dataclass
class BatchReport:
    """What a batch run did; ``skipped`` holds every fatal problem, in the order found."""

    read: int = 0
    already_stored: int = 0
    skipped: list[ReadProblem] = field(default_factory=list)
    warnings: int = 0
    events: int = 0
    stored: BatchResult = field(default_factory=lambda: BatchResult(0, 0, 0))
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        """Wall-clock seconds since the run started."""
        return time.monotonic() - self.started

    def reasons(self, limit: int = 12) -> str:
        """The skipped documents counted by kind of reason, most frequent first."""
        kinds = Counter(_reason_kind(p.reason) for p in self.skipped)
        shown = [f"{count} × {kind}" for kind, count in kinds.most_common(limit)]
        if len(kinds) > limit:
            shown.append(f"{sum(c for _, c in kinds.most_common()[limit:])} × other")
        return ", ".join(shown)


def _reason_kind(reason: str) -> str:
    """The general part of a reason (``not UTF-8`` of ``not UTF-8: byte 0xfc at offset 3``)."""
    kind = reason.split(":", 1)[0].split(" (", 1)[0].strip()
    return kind if len(kind) <= 60 else kind[:59] + "…"


LOOKAHEAD_DOCUMENTS = 200
LOOKAHEAD_CHARS = 8_000_000
"""With a store, outcomes are read this far ahead (documents, or characters of text, whichever
comes first) so that one query tells which of them are stored already."""


class BatchRunner:
    """Process located outcomes one document at a time; nothing one document does stops the rest.

    ``process`` codes an article (typically a ``BudgetedProcess``); ``report`` receives every
    problem and warning as it is found; ``known`` (when given) returns which of some ids the
    store holds already: those articles are passed over without processing.
    """

    def __init__(
        self,
        process: ProcessFunction,
        report: Report,
        known: Callable[[Iterable[str]], set[str]] | None = None,
    ) -> None:
        self.process = process
        self.report = report
        self.known = known
        self.stats = BatchReport()
        # Ids met in this run, as 8-byte digests: a run of millions of documents needs tens of
        # megabytes for them, not the ids themselves.
        self._seen: set[bytes] = set()

    def docs(self, items: Iterable[Located]) -> Iterator[tuple[str, Doc]]:
        """Yield each processed document with its place; report everything else."""
        for chunk in self._chunks(iter(items)):
            ids = [outcome.id for _, outcome in chunk if isinstance(outcome, Article)]
            stored = self.known(ids) if self.known is not None and ids else set()
            for where, outcome in chunk:
                if isinstance(outcome, ReadProblem):
                    self.add_problem(outcome)
                    continue
                doc = self._process(where, outcome, outcome.id in stored)
                if doc is not None:
                    yield where, doc

    def _chunks(self, iterator: Iterator[Located]) -> Iterator[list[Located]]:
        """The outcomes in runs that share one look-up in the store (one by one without a store)."""
        chunk: list[Located] = []
        size = 0
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                break
            except Exception as exc:  # readers contain their failures; this is the last net
                yield chunk
                chunk = []
                self.add_problem(ReadProblem("(input)", f"reading stopped: {describe_exception(exc)}"))
                break
            chunk.append(item)
            size += len(item.outcome.text) if isinstance(item.outcome, Article) else 0
            if self.known is None or len(chunk) >= LOOKAHEAD_DOCUMENTS or size >= LOOKAHEAD_CHARS:
                yield chunk
                chunk, size = [], 0
        if chunk:
            yield chunk

    def _process(self, where: str, article: Article, stored: bool) -> Doc | None:
        """The coded document, or None when it is a repeat, already stored, or failed."""
        if self._repeated(article.id):
            self.add_problem(ReadProblem(where, "its id repeats the id of an earlier document of this input"))
            return None
        if stored:
            self.stats.already_stored += 1
            return None
        self.stats.read += 1
        try:
            doc = self.process(article)
        except DocumentTimeout as exc:
            self.add_problem(ReadProblem(where, f"{exc}; see --time-budget"))
            return None
        except Exception as exc:  # a bug or hostile input in one document must not stop the rest
            self.add_problem(ReadProblem(where, f"processing failed: {describe_exception(exc)}"))
            return None
        for warning in doc.warnings:
            self.add_problem(ReadProblem(where, warning, fatal=False))
        self.stats.events += len(doc.events)
        return doc

    def _repeated(self, doc_id: str) -> bool:
        digest = hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if digest in self._seen:
            return True
        self._seen.add(digest)
        return False

    def add_problem(self, problem: ReadProblem) -> None:
        """Count a problem (fatal or a warning) and report it."""
        if problem.fatal:
            self.stats.skipped.append(problem)
        else:
            self.stats.warnings += 1
        self.report(problem)


class StoreFailure(Exception):
    """The store refused every document of a batch, one by one too: nothing more can be written."""


class BatchWriter:
    """Collect processed documents and store them ``size`` at a time (one transaction each).

    A batch the store refuses is written again one document at a time; documents refused alone
    are reported and left out. When every document of a batch is refused alone, the fault is
    the store's (disk full, file gone) and ``StoreFailure`` ends the run; batches written
    before stay committed.
    """

    def __init__(self, store: Store, size: int, runner: BatchRunner) -> None:
        self.store = store
        self.size = max(1, size)
        self.runner = runner
        self.pending: list[tuple[str, Doc]] = []

    def add(self, where: str, doc: Doc) -> None:
        """Queue a document; write the batch when it is full."""
        self.pending.append((where, doc))
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write what is queued."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            self._record(self.store.write_batch([(doc, doc.events) for _, doc in batch]))
            return
        except Exception:  # find out below whether one document or the store is at fault
            pass
        failures = [self._write_alone(where, doc) for where, doc in batch]
        if len(batch) > 1 and all(failures):
            raise StoreFailure(f"the store refused every document of a batch: {failures[0]}")

    def _write_alone(self, where: str, doc: Doc) -> str | None:
        """Write one document; return the reason it was refused, or None."""
        try:
            self._record(self.store.write_batch([(doc, doc.events)]))
        except Exception as exc:  # this document only: report it, keep the others
            reason = describe_exception(exc)
            self.runner.add_problem(ReadProblem(where, f"could not be stored: {reason}"))
            return reason
        return None

    def _record(self, result: BatchResult) -> None:
        self.runner.stats.stored = self.runner.stats.stored + result
