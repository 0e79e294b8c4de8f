"""The batch runner: a time budget per document, failures reported as found, batches kept."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from lagebild.io.batch import BatchRunner, BatchWriter, StoreFailure
from lagebild.io.budget import BudgetedProcess, Deadline, DocumentTimeout, budget_seconds
from lagebild.io.fields import Located
from lagebild.model import Article, Doc, Event, ReadProblem
from lagebild.store import BatchResult, open_store


def busy(seconds: float) -> None:
    """Run Python code (not a C call) for ``seconds``, like a slow pipeline stage."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def article(doc_id: str, text: str = "Die Nato verlangte einen Bericht.") -> Article:
    return Article(id=doc_id, text=text, source_path="feed.jsonl")


def located(*items: Article | ReadProblem) -> list[Located]:
    return [
        Located(item.where if isinstance(item, ReadProblem) else f"feed.jsonl:{n} (id={item.id})", item)
        for n, item in enumerate(items, start=1)
    ]


def test_budget_grows_with_the_text() -> None:
    assert budget_seconds("x" * 10, 3.0) == 3.0
    assert budget_seconds("x" * 100_000, 3.0) == 3.0
    assert budget_seconds("x" * 1_000_000, 3.0) == pytest.approx(30.0)
    assert budget_seconds("ä" * 100_000, 1.0) == pytest.approx(2.0)  # UTF-8 bytes count
    assert budget_seconds("x", 0) is None


def test_a_deadline_stops_python_code_and_leaves_nothing_behind() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentTimeout, match=r"time budget \(0\.1 s\)"), Deadline(0.1):
        busy(5)
    assert time.monotonic() - started < 1.0
    with Deadline(0.2):
        busy(0.01)
    busy(0.3)  # a disarmed deadline raises nothing later


def test_deadlines_work_in_other_threads() -> None:
    outcomes: list[str] = []

    def work() -> None:
        try:
            with Deadline(0.05):
                busy(5)
        except DocumentTimeout:
            outcomes.append("stopped")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(2)
    assert outcomes == ["stopped"]


def test_many_deadlines_at_the_edge_never_leak_an_exception() -> None:
    timeouts = 0
    for _ in range(200):
        try:
            with Deadline(0.001):
                busy(0.001)
        except DocumentTimeout:
            timeouts += 1
    busy(0.05)  # any stray exception would be raised here
    assert 0 <= timeouts <= 200


def test_preparation_is_not_charged_to_the_document() -> None:
    prepared: list[str] = []

    def prepare(item: Article) -> None:
        busy(0.3)
        prepared.append(item.id)

    process = BudgetedProcess(lambda item: Doc(article=item, language="de"), 0.2, prepare)
    assert process(article("a")).article.id == "a"
    assert prepared == ["a"]


def test_the_runner_reports_each_problem_before_the_next_document() -> None:
    log: list[str] = []

    def process(item: Article) -> Doc:
        log.append(f"process {item.id}")
        if item.id == "boom":
            raise ValueError("kaputt")
        if item.id == "slow":
            busy(5)
        return Doc(
            article=item,
            language="de",
            warnings=("language 'xx' is not supported",) if item.id == "b" else (),
        )

    runner = BatchRunner(BudgetedProcess(process, 0.05), lambda p: log.append(str(p)))
    items = located(
        article("a"),
        ReadProblem("feed.jsonl:2", "malformed JSON"),
        article("boom"),
        article("slow"),
        article("a"),
        article("b"),
    )
    done = [where for where, _ in runner.docs(items)]
    assert done == ["feed.jsonl:1 (id=a)", "feed.jsonl:6 (id=b)"]
    assert log == [
        "process a",
        "feed.jsonl:2: skipped: malformed JSON",
        "process boom",
        "feed.jsonl:3 (id=boom): skipped: processing failed: ValueError: kaputt",
        "process slow",
        "feed.jsonl:4 (id=slow): skipped: took longer than its time budget (0.1 s); see --time-budget",
        "feed.jsonl:5 (id=a): skipped: its id repeats the id of an earlier document of this input",
        "process b",
        "feed.jsonl:6 (id=b): warning: language 'xx' is not supported",
    ]
    stats = runner.stats
    assert (stats.read, len(stats.skipped), stats.warnings) == (4, 4, 1)
    assert stats.reasons().startswith("1 × malformed JSON, 1 × processing failed, 1 × took longer")


def test_stored_articles_are_passed_over_and_counted() -> None:
    runner = BatchRunner(
        lambda item: Doc(article=item, language="de"), lambda p: None, known=lambda ids: set(ids) & {"a"}
    )
    assert [doc.article.id for _, doc in runner.docs(located(article("a"), article("b")))] == ["b"]
    assert runner.stats.already_stored == 1


def test_the_store_is_asked_once_per_run_of_documents() -> None:
    asked: list[int] = []

    def known(ids: object) -> set[str]:
        listed = list(ids)  # type: ignore[call-overload]
        asked.append(len(listed))
        return {doc_id for doc_id in listed if doc_id.endswith("7")}

    runner = BatchRunner(lambda item: Doc(article=item, language="de"), lambda p: None, known=known)
    done = list(runner.docs(located(*(article(f"a{n}") for n in range(450)))))
    assert asked == [200, 200, 50]
    assert len(done) == 405 and runner.stats.already_stored == 45


def test_a_failing_reader_ends_the_input_with_a_problem() -> None:
    def items() -> object:
        yield Located("x:1 (id=a)", article("a"))
        raise OSError("disk gone")

    runner = BatchRunner(lambda item: Doc(article=item, language="de"), lambda p: None)
    assert len(list(runner.docs(items()))) == 1  # type: ignore[arg-type]
    assert runner.stats.skipped == [ReadProblem("(input)", "reading stopped: OSError: disk gone")]


class PickyStore:
    """A store that refuses batches holding a document named ``bad`` (or everything)."""

    def __init__(self, refuse_all: bool = False) -> None:
        self.refuse_all = refuse_all
        self.written: list[str] = []

    def write_batch(self, items: Sequence[tuple[Doc, Sequence[Event]]]) -> BatchResult:
        ids = [doc.article.id for doc, _ in items]
        if self.refuse_all or "bad" in ids:
            raise RuntimeError("constraint violated")
        self.written += ids
        return BatchResult(len(ids), 0, 0)


def test_a_refused_batch_is_written_one_document_at_a_time() -> None:
    reported: list[ReadProblem] = []
    runner = BatchRunner(lambda item: Doc(article=item, language="de"), reported.append)
    store = PickyStore()
    writer = BatchWriter(store, 3, runner)  # type: ignore[arg-type]
    for where, doc in runner.docs(located(article("a"), article("bad"), article("c"), article("d"))):
        writer.add(where, doc)
    writer.flush()
    assert store.written == ["a", "c", "d"]
    assert [str(p) for p in reported] == [
        "feed.jsonl:2 (id=bad): skipped: could not be stored: RuntimeError: constraint violated"
    ]
    assert runner.stats.stored.articles_new == 3


def test_a_store_that_refuses_everything_stops_the_run() -> None:
    runner = BatchRunner(lambda item: Doc(article=item, language="de"), lambda p: None)
    writer = BatchWriter(PickyStore(refuse_all=True), 2, runner)  # type: ignore[arg-type]
    writer.add("x:1", Doc(article=article("a"), language="de"))
    with pytest.raises(StoreFailure, match="refused every document"):
        writer.add("x:2", Doc(article=article("b"), language="de"))


def test_committed_batches_survive_a_failure_later(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        runner = BatchRunner(lambda item: Doc(article=item, language="de"), lambda p: None)
        writer = BatchWriter(store, 2, runner)
        for name in ("a", "b", "c"):
            writer.add(name, Doc(article=article(name), language="de"))
        store.close()  # the store goes away with "c" still queued
        with pytest.raises(StoreFailure):
            writer.add("d", Doc(article=article("d"), language="de"))
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.known_article_ids(["a", "b", "c", "d"]) == {"a", "b"}
