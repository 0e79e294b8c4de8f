"""What the time layer tells an event coder about dating events.

Two questions, answered here so that the policy lives with the time knowledge:

- ``dates_events``: can an expression date an event?  Calendar dates and clock times can; so
  can a length that points to a period, as German "vor drei Jahren" does (TimeML writes it as
  the duration ``P3Y``; its bounds are the year it points to).  Sets, reference words
  (PAST_REF ...) and plain lengths cannot.
- ``stated_in_sentence``: an event dated more than a year before publication needs the year
  stated in its own sentence.  A sentence states a date when the sentence read alone, against
  the publication date, gives the expression the same value: "im März 1992", "vor zehn
  Jahren", "last year" do; "im April" after "Im März 1992 ..." in the sentence before does not.
"""

from __future__ import annotations

import datetime as dt
import re

from lagebild.model import Sentence, TimeExpression, TimeValue
from lagebild.time.tagger import TimeTagger

_CALENDAR_VALUE = re.compile(r"^\d{2,4}")
"""Values that name a calendar period: 2017-03-30, 2017-W12, 2016-SP, 199, 19."""


def dates_events(expression: TimeExpression) -> bool:
    """Whether ``expression`` can date an event (see the module doc)."""
    value = expression.value
    if expression.type in ("DATE", "TIME"):
        return bool(_CALENDAR_VALUE.match(value.value))
    return expression.type == "DURATION" and value.earliest is not None and value.latest is not None


def long_before(value: TimeValue, published: TimeValue | None) -> bool:
    """Whether every day ``value`` may mean lies more than a year before publication."""
    if published is None or published.earliest is None or value.latest is None:
        return False
    return value.latest < _one_year_before(published.earliest)


def stated_in_sentence(
    tagger: TimeTagger, sentence: Sentence, expression: TimeExpression, published: TimeValue | None
) -> bool:
    """Whether ``sentence`` read alone gives ``expression`` (offsets into the article) its value."""
    alone = tagger.tag(sentence.text, published)
    return any(
        (e.start + sentence.start, e.end + sentence.start, e.value.value)
        == (expression.start, expression.end, expression.value.value)
        for e in alone
    )


def may_date_event(
    tagger: TimeTagger, sentence: Sentence, expression: TimeExpression, published: TimeValue | None
) -> bool:
    """Whether ``expression``, found in ``sentence``, may date an event of that sentence.

    It must be able to date events at all, and a date more than a year before publication
    must be stated in the sentence itself.
    """
    if not dates_events(expression):
        return False
    if not long_before(expression.value, published):
        return True
    return stated_in_sentence(tagger, sentence, expression, published)


def _one_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
