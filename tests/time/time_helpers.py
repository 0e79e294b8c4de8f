"""Helpers shared by the time tests."""

from __future__ import annotations

from lagebild.dates import parse_calendar_date
from lagebild.model import TimeExpression, TimeValue
from lagebild.time.tagger import TimeTagger


def anchor_of(text: str | None) -> TimeValue | None:
    """Parse an anchor written as YYYY, YYYY-MM or YYYY-MM-DD (None stays None)."""
    return parse_calendar_date(text) if text else None


def find(expressions: list[TimeExpression], text: str) -> TimeExpression:
    """The expression whose text is ``text``; fails listing what was found."""
    for expression in expressions:
        if expression.text == text:
            return expression
    found = [(e.text, e.value.value) for e in expressions]
    raise AssertionError(f"no expression {text!r}; found {found}")


def bounds(expression: TimeExpression) -> tuple[str | None, str | None]:
    """The expression's bounds as ISO strings (None stays None)."""
    value = expression.value
    return (
        value.earliest.isoformat() if value.earliest else None,
        value.latest.isoformat() if value.latest else None,
    )


def assert_tagged(
    tagger: TimeTagger,
    sentence: str,
    anchor: str | None,
    expression: str,
    value: str,
    bounds_expected: tuple[str | None, str | None],
) -> None:
    """Tag ``sentence`` against ``anchor`` and check one expression's value and day bounds."""
    found = find(tagger.tag(sentence, anchor_of(anchor)), expression)
    assert found.value.value == value
    assert bounds(found) == bounds_expected
