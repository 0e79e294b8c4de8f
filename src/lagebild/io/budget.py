"""A time budget per document: processing that runs over it is stopped and reported.

The budget is ``time_budget`` seconds per 100 KB of text (UTF-8 bytes), and at least that much
for a shorter document. ``BudgetedProcess`` runs a process function (``Article -> Doc``) under
it; when the budget is spent, ``DocumentTimeout`` is raised *inside* the processing thread, so
the work stops there and the caller can report the document and go on with the next one.

How the clock interrupts: a timer thread asks the interpreter to raise ``DocumentTimeout`` in
the processing thread (``PyThreadState_SetAsyncExc``). The exception arrives at the next
Python instruction, so pure-Python stages are stopped within milliseconds; a single long call
into C code (one regular expression, one lxml parse) is stopped when it returns. The exception
derives from ``BaseException`` so that a stage's ``except Exception`` cannot swallow it.

Building a language's pipeline takes seconds the first time; ``lagebild.pipeline.WarmProcessor``
builds it before the clock starts, so the first document of each language is not charged for it.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from types import TracebackType

from lagebild.model import Article, Doc

BUDGET_UNIT_BYTES = 100_000
"""``time_budget`` is given per this many bytes of text."""

class DocumentTimeout(BaseException):
    """Processing one document took longer than its time budget."""

    def __init__(self, seconds: float = 0.0) -> None:
        # Raised bare (without arguments) by the timer; ``Deadline`` replaces it with one that
        # names the budget.
        super().__init__(f"took longer than its time budget ({seconds:.1f} s)")
        self.seconds = seconds


def budget_seconds(text: str, per_unit: float) -> float | None:
    """Seconds allowed for ``text`` at ``per_unit`` seconds per 100 KB; None when switched off."""
    if per_unit <= 0:
        return None
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    return per_unit * max(1.0, size / BUDGET_UNIT_BYTES)


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    """Ask the interpreter to raise ``exception`` in a thread (None withdraws a pending one)."""
    target = ctypes.c_ulong(thread_id)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(exception) if exception else None)


class Deadline:
    """Raise ``DocumentTimeout`` in the calling thread if the block runs longer than ``seconds``.

    Leaving the block in time disarms the timer and withdraws an exception that was scheduled
    but not yet raised; if time ran out, leaving raises ``DocumentTimeout`` in any case, so the
    outcome does not depend on where exactly the interpreter delivered it.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._state = "new"
        self._thread_id = 0
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Deadline:
        self._thread_id = threading.get_ident()
        self._state = "armed"
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def _expire(self) -> None:
        with self._lock:
            if self._state != "armed":
                return
            self._state = "expired"
            _raise_in_thread(self._thread_id, DocumentTimeout)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            expired = self._state == "expired"
            self._state = "done"
            if expired:
                _raise_in_thread(self._thread_id, None)
        if expired or isinstance(exc, DocumentTimeout):
            raise DocumentTimeout(self.seconds) from None


ProcessFunction = Callable[[Article], Doc]


class BudgetedProcess:
    """A process function run under the time budget; ``prepare`` runs first, off the clock."""

    def __init__(
        self,
        process: ProcessFunction,
        per_unit: float,
        prepare: Callable[[Article], None] | None = None,
    ) -> None:
        self.process = process
        self.per_unit = per_unit
        self.prepare = prepare

    def __call__(self, article: Article) -> Doc:
        """Process ``article``; raise ``DocumentTimeout`` when it takes longer than its budget."""
        if self.prepare is not None:
            self.prepare(article)
        seconds = budget_seconds(article.text, self.per_unit)
        if seconds is None:
            return self.process(article)
        try:
            with Deadline(seconds):
                return self.process(article)
        except DocumentTimeout:
            # Whichever instance arrived (even one delivered while leaving the block), report
            # the budget of this document.
            raise DocumentTimeout(seconds) from None
