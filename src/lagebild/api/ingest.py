"""Ingest inside the server process: a queue of jobs and one worker thread that writes them.

DuckDB lets one process hold the store file for writing, so the server that reads the store is
also the only writer. Posted articles become a ``Job`` on an in-process queue; a single worker
thread runs the pipeline on them and writes them in batches (``Store.write_batch``, one
transaction per batch). Readers keep using the same ``Store`` object from other threads: each of
their calls gets its own cursor and sees only committed batches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from lagebild.api.errors import ApiError, bad_request
from lagebild.io.budget import BudgetedProcess, DocumentTimeout
from lagebild.io.fields import RawDocument, build_article, is_oversized, pick_fields
from lagebild.io.safejson import JSONProblem, parse_json
from lagebild.model import Article, Doc, ReadProblem
from lagebild.pipeline import WarmProcessor
from lagebild.settings import Settings
from lagebild.store import Store

ProcessFunction = Callable[[Article], Doc]
JobStatus = Literal["queued", "running", "done", "failed"]

MAX_ARTICLES_PER_REQUEST = 10_000
SOURCE_PATH = "api"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    """One POST of articles and what became of it."""

    id: str
    articles: list[Article]
    warnings: list[str]
    status: JobStatus = "queued"
    submitted_at: str = field(default_factory=_now)
    finished_at: str | None = None
    articles_new: int = 0
    articles_skipped_existing: int = 0
    events_written: int = 0
    event_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    def to_dict(self) -> dict[str, Any]:
        """The job's state as JSON (the articles themselves are left out)."""
        return {
            "id": self.id,
            "status": self.status,
            "articles": len(self.articles),
            "submitted_at": self.submitted_at,
            "finished_at": self.finished_at,
            "articles_new": self.articles_new,
            "articles_skipped_existing": self.articles_skipped_existing,
            "events_written": self.events_written,
            "event_ids": list(self.event_ids),
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            "error": self.error,
        }


class IngestQueue:
    """Jobs waiting to be written, the worker thread that writes them, and recent jobs by id."""

    def __init__(
        self,
        store: Store,
        process_factory: Callable[[], ProcessFunction],
        batch_size: int,
        max_pending: int = 1000,
        jobs_kept: int = 1000,
        time_budget: float = 0.0,
    ) -> None:
        self._store = store
        self._process_factory = process_factory
        self._process: BudgetedProcess | None = None
        self._time_budget = time_budget
        self._batch_size = max(1, batch_size)
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=max_pending)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._jobs_kept = jobs_kept
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread (once)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="lagebild-ingest", daemon=True)
                self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Let the worker finish the queued jobs, then end it."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def submit(self, articles: list[Article], warnings: list[str]) -> Job:
        """Queue articles for ingest; raise 503 when the queue is full."""
        job = Job(id=uuid.uuid4().hex, articles=articles, warnings=warnings)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self._jobs_kept:
                self._jobs.popitem(last=False)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            with self._lock:
                self._jobs.pop(job.id, None)
            raise ApiError(
                503, "the ingest queue is full; retry later", headers={"Retry-After": "5"}
            ) from None
        self.start()
        return job

    def get(self, job_id: str) -> Job | None:
        """A recent job by id."""
        with self._lock:
            return self._jobs.get(job_id)

    def snapshot(self, job: Job) -> dict[str, Any]:
        """The job's state, read under the lock so counts and ids agree."""
        with self._lock:
            return job.to_dict()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._set(job, status="running")
            try:
                self._ingest(job)
                self._set(job, status="done")
            except Exception as exc:  # the worker must survive a failing job to serve the next
                self._set(job, status="failed", error=f"{type(exc).__name__}: {exc}")
            finally:
                self._set(job, finished_at=_now())
                job.finished.set()

    def _set(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _processor(self) -> BudgetedProcess:
        # Built in the worker on first use: building the pipelines takes seconds, serving reads must not wait.
        if self._process is None:
            process = self._process_factory()
            prepare = process.prepare if isinstance(process, WarmProcessor) else None
            self._process = BudgetedProcess(process, self._time_budget, prepare)
        return self._process

    def _ingest(self, job: Job) -> None:
        known = self._store.known_article_ids(article.id for article in job.articles)
        seen: set[str] = set()
        batch: list[Doc] = []
        skipped = 0
        for article in job.articles:
            if article.id in known:
                skipped += 1
                continue
            if article.id in seen:
                # Reported, not just counted: the second article of that id is not stored.
                self._add_problem(job, f"{article.id}: skipped: repeats the id of an earlier article")
                continue
            seen.add(article.id)
            try:
                doc = self._processor()(article)
            except DocumentTimeout as exc:  # one slow article must not hold back the others
                self._add_problem(job, f"{article.id}: skipped: {exc}; see the time_budget setting")
                continue
            except Exception as exc:  # one failing article must not lose the rest of the job
                self._add_problem(job, f"{article.id}: processing failed: {exc!r}")
                continue
            batch.append(doc)
            if len(batch) >= self._batch_size:
                self._write(job, batch)
                batch = []
        self._write(job, batch)
        self._set(job, articles_skipped_existing=job.articles_skipped_existing + skipped)

    def _add_problem(self, job: Job, problem: str) -> None:
        with self._lock:
            job.problems.append(problem)

    def _write(self, job: Job, docs: list[Doc]) -> None:
        if not docs:
            return
        result = self._store.write_batch([(doc, doc.events) for doc in docs])
        with self._lock:
            job.articles_new += result.articles_new
            job.articles_skipped_existing += result.articles_skipped_existing
            job.events_written += result.events_written
            job.event_ids.extend(event.id for doc in docs for event in doc.events)
            job.warnings.extend(f"{doc.article.id}: {warning}" for doc in docs for warning in doc.warnings)


# -- reading the request body ------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleProblem:
    """Why one posted article was refused."""

    index: int
    id: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the error response."""
        return {"index": self.index, "id": self.id, "reason": self.reason}


def parse_body(body: bytes, settings: Settings) -> tuple[list[Article], list[str]]:
    """Turn a posted body (one article object or a list) into articles and warnings.

    The fields are those of the JSON Lines input. Any refused article refuses the whole request
    (400, or 413 for a text over ``max_document_bytes``), so a client never has to find out which
    half of a batch was taken.
    """
    try:
        payload = parse_json(body)
    except JSONProblem as exc:
        raise bad_request(f"the body is not valid JSON: {exc}") from None
    records = payload if isinstance(payload, list) else [payload]
    if not records:
        raise bad_request("the body is an empty list; send one article object or a list of them")
    if len(records) > MAX_ARTICLES_PER_REQUEST:
        raise ApiError(413, f"at most {MAX_ARTICLES_PER_REQUEST} articles per request, got {len(records)}")
    articles: list[Article] = []
    warnings: list[str] = []
    problems: list[ArticleProblem] = []
    for index, record in enumerate(records):
        outcome = _article_from_record(index, record, settings, warnings)
        if isinstance(outcome, ArticleProblem):
            problems.append(outcome)
        else:
            articles.append(outcome)
    if problems:
        oversized = [p for p in problems if p.reason.startswith("text larger than")]
        status = 413 if oversized else 400
        refused = oversized or problems
        first = refused[0]
        raise ApiError(
            status,
            f"{len(refused)} article(s) refused; article {first.index}: {first.reason}",
            problems=[p.to_dict() for p in refused],
        )
    return articles, warnings


def _article_from_record(
    index: int, record: object, settings: Settings, warnings: list[str]
) -> Article | ArticleProblem:
    if not isinstance(record, Mapping):
        return ArticleProblem(index, None, f"expected a JSON object, found {type(record).__name__}")
    fields = pick_fields(record)
    text = fields.get("text")
    doc_id = _article_id(fields.get("id"), text)
    if doc_id is None:
        return ArticleProblem(index, None, "id must be a string or an integer")
    if isinstance(text, str) and is_oversized(text, settings.max_document_bytes):
        return ArticleProblem(
            index, doc_id, f"text larger than max_document_bytes ({settings.max_document_bytes} bytes)"
        )
    raw = RawDocument(
        where=f"article {index} (id={doc_id})",
        source_path=SOURCE_PATH,
        id=doc_id,
        text=text,
        published=fields.get("published"),
        title=fields.get("title"),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        language=fields.get("language"),
    )
    article: Article | None = None
    for outcome in build_article(raw, settings):
        if isinstance(outcome, ReadProblem):
            if outcome.fatal:
                return ArticleProblem(index, doc_id, outcome.reason)
            warnings.append(str(outcome))
        else:
            article = outcome
    if article is None:
        return ArticleProblem(index, doc_id, "not readable as an article")
    return article


def _article_id(value: object, text: object) -> str | None:
    """The posted id, or one derived from the text so that posting the same text twice is idempotent."""
    if value is None or value == "":
        digest = hashlib.sha256(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:20]
        return f"api-{digest}"
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def article_ids(articles: Sequence[Article]) -> list[str]:
    """The ids of posted articles, in order."""
    return [article.id for article in articles]
