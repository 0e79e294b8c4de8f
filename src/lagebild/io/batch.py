"""Running a batch: read documents go through an engine, and every failure is reported at once.

``BatchRunner`` is what ``lagebild extract`` and ``lagebild ingest`` run on the outcomes of
``read_located``. It decides in input order what becomes of each outcome (a reading problem, a
repeated id, an article the store holds already, or an article to code) and hands the articles
to code to an ``Engine``, which codes them in this process or in others and gives the results
back in the same order. Each problem (a reading problem, a repeated id, an exception while
coding or a spent time budget) is a ``ReadProblem`` located like reading problems
(``feed.jsonl:17 (id=abc)``), reported in input order; the run goes on with the next document.
``BatchWriter`` stores the processed documents in batches; a batch the store refuses is written
again one document at a time, so one bad document costs only itself.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from lagebild.io.budget import DocumentTimeout
from lagebild.io.fields import Located, describe_exception
from lagebild.model import Article, Doc, ReadProblem
from lagebild.store import BatchResult, Store

Report = Callable[[ReadProblem], None]
ProcessFunction = Callable[[Article], Doc]


@dataclass(frozen=True)
class CodingFailure:
    """Why coding one article failed (an exception, a spent time budget, a lost worker)."""

    reason: str


Coded = Doc | CodingFailure
"""What an engine gives back for one article."""


def code_article(process: ProcessFunction, article: Article) -> Coded:
    """Code one article; an exception or a spent time budget becomes a ``CodingFailure``.

    Every engine codes through this function, so a failure reads the same wherever it happened.
    """
    try:
        return process(article)
    except DocumentTimeout as exc:
        return CodingFailure(f"{exc}; see --time-budget")
    except Exception as exc:  # a bug or hostile input in one document must not stop the rest
        return CodingFailure(f"processing failed: {describe_exception(exc)}")


@runtime_checkable
class Engine(Protocol):
    """Codes articles: one result per article, in the order given.

    ``code`` takes the articles lazily and may read ahead of the results it has given back;
    how far is the engine's business (a process pool keeps a bounded number in flight).
    """

    def code(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """The coded document (or the failure) of each article, in order."""
        ...


class EngineFailure(Exception):
    """The engine cannot code any more documents (its workers keep dying, its cluster is gone)."""


class InProcessEngine:
    """Code each article in this process, one after the other, when its result is asked for."""

    def __init__(self, process: ProcessFunction) -> None:
        self.process = process

    def code(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """The coded document (or the failure) of each article, in order."""
        return (code_article(self.process, article) for article in articles)


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


@dataclass(frozen=True)
class _Entry:
    """One outcome on its way through the run: what to report for it, or that it is being coded."""

    where: str
    problem: ReadProblem | None = None
    stored: bool = False
    coding: bool = False


class BatchRunner:
    """Code located outcomes through an engine; nothing one document does stops the rest.

    ``engine`` codes the articles (an ``Engine``, or a process function such as a
    ``BudgetedProcess``, which is run in this process); ``report`` receives every problem and
    warning, in input order; ``known`` (when given) returns which of some ids the store holds
    already: those articles are passed over without coding.
    """

    def __init__(
        self,
        engine: Engine | ProcessFunction,
        report: Report,
        known: Callable[[Iterable[str]], set[str]] | None = None,
    ) -> None:
        self.engine: Engine = engine if isinstance(engine, Engine) else InProcessEngine(engine)
        self.report = report
        self.known = known
        self.stats = BatchReport()
        # Ids met in this run, as 8-byte digests: a run of millions of documents needs tens of
        # megabytes for them, not the ids themselves.
        self._seen: set[bytes] = set()

    def docs(self, items: Iterable[Located]) -> Iterator[tuple[str, Doc]]:
        """Yield each coded document with its place, in input order; report everything else.

        Outcomes wait in ``pending`` while an article before them is being coded, so that what
        is reported keeps the input order however far the engine reads ahead.
        """
        pending: deque[_Entry] = deque()
        for coded in self.engine.code(self._to_code(iter(items), pending)):
            while not pending[0].coding:
                self._settle(pending.popleft())
            doc = self._finish(pending.popleft().where, coded)
            if doc is not None:
                yield doc
        while pending:
            self._settle(pending.popleft())

    def _to_code(self, items: Iterator[Located], pending: deque[_Entry]) -> Iterator[Article]:
        """The articles to code, in order; every other outcome is settled when its turn comes."""
        for chunk in self._chunks(items):
            ids = [outcome.id for _, outcome in chunk if isinstance(outcome, Article)]
            stored = self.known(ids) if self.known is not None and ids else set()
            for where, outcome in chunk:
                if isinstance(outcome, ReadProblem):
                    entry = _Entry(where, problem=outcome)
                else:
                    entry = self._process(where, outcome, outcome.id in stored)
                if entry.coding or pending:
                    pending.append(entry)
                else:
                    self._settle(entry)  # nothing is in flight before it: report it now
                if entry.coding:
                    assert isinstance(outcome, Article)
                    yield outcome

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
                stop = ReadProblem("(input)", f"reading stopped: {describe_exception(exc)}")
                chunk.append(Located(stop.where, stop))
                break
            chunk.append(item)
            size += len(item.outcome.text) if isinstance(item.outcome, Article) else 0
            if self.known is None or len(chunk) >= LOOKAHEAD_DOCUMENTS or size >= LOOKAHEAD_CHARS:
                yield chunk
                chunk, size = [], 0
        if chunk:
            yield chunk

    def _process(self, where: str, article: Article, stored: bool) -> _Entry:
        """Decide about one read article: a repeat, already stored, or to be coded."""
        if self._repeated(article.id):
            repeat = ReadProblem(where, "its id repeats the id of an earlier document of this input")
            return _Entry(where, problem=repeat)
        return _Entry(where, stored=stored, coding=not stored)

    def _settle(self, entry: _Entry) -> None:
        """Count and report an outcome that was not coded."""
        if entry.problem is not None:
            self.add_problem(entry.problem)
        elif entry.stored:
            self.stats.already_stored += 1

    def _finish(self, where: str, coded: Coded) -> tuple[str, Doc] | None:
        """Count a coded article and report its failure or warnings; the document if it has one."""
        self.stats.read += 1
        if isinstance(coded, CodingFailure):
            self.add_problem(ReadProblem(where, coded.reason))
            return None
        for warning in coded.warnings:
            self.add_problem(ReadProblem(where, warning, fatal=False))
        self.stats.events += len(coded.events)
        return where, coded

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
