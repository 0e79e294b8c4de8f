"""Time expressions: finding them in text and normalising them to TIMEX3 values.

Public entry points: ``load_time_tagger`` (→ ``TimeTagger.tag``), ``run_times`` (the
``lagebild times`` command) and ``evaluate_times`` in ``lagebild.time.evaluate``.  Which
expression dates an event is decided by the event coder, which knows the clauses (see
docs/TIME.md).
"""

from __future__ import annotations

from lagebild.time.run import run_times
from lagebild.time.tagger import TimeTagger, UnsupportedLanguageError, load_time_tagger

__all__ = ["TimeTagger", "UnsupportedLanguageError", "load_time_tagger", "run_times"]
