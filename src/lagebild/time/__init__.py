"""Time expressions: finding them in text and normalising them to TIMEX3 values.

Public entry points: ``load_time_tagger`` (→ ``TimeTagger.tag``), ``run_times`` (the
``lagebild times`` command), ``evaluate_times`` in ``lagebild.time.evaluate`` and
``governing_expression`` in ``lagebild.time.governing``.  See docs/TIME.md.
"""

from __future__ import annotations

from lagebild.time.governing import governing_expression
from lagebild.time.run import run_times
from lagebild.time.tagger import TimeTagger, UnsupportedLanguageError, load_time_tagger

__all__ = ["TimeTagger", "UnsupportedLanguageError", "governing_expression", "load_time_tagger", "run_times"]
