"""Choose the time expression that dates an event trigger.

The rule, kept simple on purpose:

1. only DATE and TIME expressions inside the sentence count (durations and sets do not date);
2. when the text is given, an expression in the same clause as the trigger beats one in
   another clause; clauses are cut at ``;``, ``:``, dashes and at a comma followed by a
   conjunction or relative pronoun ("…, während am Montag …", "…, which on Friday …");
3. an expression *before* the trigger beats one after it — in German verb-second clauses the
   fronted adverbial ("Am Dienstag traf …") governs the verb, and in English a leading
   "On Tuesday, …" does too — and among those the nearest wins;
4. with none before it, the nearest expression after the trigger wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lagebild.model import TimeExpression

_CLAUSE_BREAK = re.compile(
    r"[;:–—]|\s-\s|,\s+(?:und|aber|doch|sondern|während|weil|als|nachdem|bevor|wobei|der|die|das|dem|den|"
    r"and|but|while|because|after|before|when|which|who|where)\b"
)


def governing_expression(
    expressions: Sequence[TimeExpression],
    sentence_start: int,
    sentence_end: int,
    trigger_start: int,
    text: str | None = None,
) -> TimeExpression | None:
    """Return the DATE/TIME expression of the sentence that most likely governs the trigger.

    ``text`` (the article text the offsets point into) is optional; with it, clause breaks
    between an expression and the trigger count against that expression.
    """
    candidates = [
        e
        for e in expressions
        if e.type in ("DATE", "TIME") and sentence_start <= e.start and e.end <= sentence_end
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda e: _rank(e, trigger_start, text))


def _rank(expression: TimeExpression, trigger_start: int, text: str | None) -> tuple[int, int, int]:
    """Sort key: (in another clause?, after the trigger?, distance in characters)."""
    before = expression.end <= trigger_start
    low, high = (expression.end, trigger_start) if before else (trigger_start, expression.start)
    crosses = text is not None and high > low and bool(_CLAUSE_BREAK.search(text, low, high))
    distance = max(high - low, 0)
    return int(crosses), int(not before), distance
