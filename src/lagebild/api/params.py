"""Query parameters shared by the API and the dashboard, checked into store filters.

Parameters arrive as text and are checked here rather than by FastAPI's type coercion, so that
the same rules (and messages) apply to API clients and to the dashboard's forms, whose empty
fields mean "no filter".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import Query

from lagebild.api.errors import bad_request
from lagebild.store import EventFilter
from lagebild.store.base import TIMELINE_GRANULARITIES, TimelineGranularity
from lagebild.time.values import DateError

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_OFFSET = 2**62  # the store's offsets are 64-bit integers
MODALITIES = ("asserted", "planned", "negated", "hypothetical")
FORMATS = ("json", "csv")

# A root code (country, organisation) and an optional sector: RUS, NATO, RUS.MIL, DEU.GOV.
_ACTOR_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,19}(?:\.[A-Za-z][A-Za-z0-9_]{1,9})?$")
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2,3}$")
_EVENT_TYPE = re.compile(r"^(?:\d{1,4}|[A-Za-z][A-Za-z_]{1,39})$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
MAX_TEXT_QUERY = 200

EVENT_FILTER_FIELDS = (
    "actor",
    "country",
    "type",
    "quad_class",
    "modality",
    "since",
    "until",
    "text",
    "language",
)

Text = str | None
ActorParam = Annotated[
    Text, Query(description="Actor root code, optionally with sector: `RUS`, `NATO`, `RUS.MIL`.")
]
CountryParam = Annotated[Text, Query(description="Country code of the source, target or location (`RUS`).")]
TypeParam = Annotated[Text, Query(description="PLOVER type (`CONSULT`) or CAMEO code prefix (`14`).")]
QuadParam = Annotated[Text, Query(description="Quad class 1–4 (1, 2 cooperation; 3, 4 conflict).")]
ModalityParam = Annotated[Text, Query(description="`asserted`, `planned`, `negated` or `hypothetical`.")]
SinceParam = Annotated[Text, Query(description="First day, month or year: `2017`, `2017-03`, `2017-03-30`.")]
UntilParam = Annotated[Text, Query(description="Last day, month or year (inclusive).")]
SearchParam = Annotated[Text, Query(description="Case-insensitive text in the evidence sentence or trigger.")]
LanguageParam = Annotated[Text, Query(description="Language of the article (`de`, `en`).")]
LimitParam = Annotated[Text, Query(description=f"Page size, 0–{MAX_LIMIT} (default {DEFAULT_LIMIT}).")]
OffsetParam = Annotated[Text, Query(description="Events to skip (default 0).")]


@dataclass(frozen=True)
class EventQuery:
    """A checked event query: the store filter plus the raw values to rebuild links."""

    filter: EventFilter
    values: dict[str, str]

    def with_paging(self, limit: int | None, offset: int = 0) -> EventQuery:
        """The same filter with other paging."""
        return EventQuery(replace(self.filter, limit=limit, offset=offset), self.values)


def clean(value: str | None) -> str | None:
    """A parameter's value with blanks removed; an empty form field means "not given"."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def check_actor_code(value: str, name: str = "actor") -> str:
    """Return an actor code (``RUS``, ``NATO``, ``RUS.MIL``) in upper case, or raise 400."""
    if not _ACTOR_CODE.match(value):
        raise bad_request(
            f"{name} must be an actor code such as RUS, NATO or RUS.MIL, not {value!r}", parameter=name
        )
    return value.upper()


def parse_int(
    value: str | None, name: str, default: int | None, low: int, high: int | None = None
) -> int | None:
    """Parse an integer parameter within bounds, or raise 400 naming the parameter."""
    value = clean(value)
    if value is None:
        return default
    try:
        if not value.lstrip("-").isascii():
            raise ValueError(value)
        number = int(value)
    except ValueError:
        raise bad_request(f"{name} must be an integer, not {value!r}", parameter=name) from None
    if number < low or (high is not None and number > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise bad_request(f"{name} must be {bounds}, not {number}", parameter=name)
    return number


def _check_choice(value: str | None, name: str, choices: tuple[str, ...]) -> str | None:
    value = clean(value)
    if value is None:
        return None
    if value.lower() not in choices:
        raise bad_request(f"{name} must be one of {', '.join(choices)}, not {value!r}", parameter=name)
    return value.lower()


def _check_pattern(value: str | None, name: str, pattern: re.Pattern[str], what: str) -> str | None:
    value = clean(value)
    if value is not None and not pattern.match(value):
        raise bad_request(f"{name} must be {what}, not {value!r}", parameter=name)
    return value


def event_query(
    values: Mapping[str, str | None], *, default_limit: int | None = DEFAULT_LIMIT, max_limit: int = MAX_LIMIT
) -> EventQuery:
    """Check event filter and paging parameters and build the store filter (400 on any bad value)."""
    actor = clean(values.get("actor"))
    text = clean(values.get("text"))
    if text is not None and len(text) > MAX_TEXT_QUERY:
        raise bad_request(f"text must be at most {MAX_TEXT_QUERY} characters", parameter="text")
    fields: dict[str, Any] = {
        "actor": check_actor_code(actor) if actor else None,
        "country": _check_pattern(
            values.get("country"), "country", _COUNTRY_CODE, "a 2- or 3-letter country code"
        ),
        "type": _check_pattern(
            values.get("type"), "type", _EVENT_TYPE, "a PLOVER type or a CAMEO code prefix"
        ),
        "quad_class": parse_int(values.get("quad_class"), "quad_class", None, 1, 4),
        "modality": _check_choice(values.get("modality"), "modality", MODALITIES),
        "since": clean(values.get("since")),
        "until": clean(values.get("until")),
        "text": text,
        "language": _check_pattern(
            values.get("language"), "language", _LANGUAGE, "a two-letter language code"
        ),
        "limit": parse_int(values.get("limit"), "limit", default_limit, 0, max_limit),
        "offset": parse_int(values.get("offset"), "offset", 0, 0, MAX_OFFSET) or 0,
    }
    try:
        built = EventFilter(**fields)
    except DateError as exc:
        raise bad_request(f"since/until: {exc}", parameter="since/until") from None
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    kept = {
        name: str(value)
        for name, value in fields.items()
        if value is not None and name in EVENT_FILTER_FIELDS
    }
    return EventQuery(built, kept)


def check_granularity(value: str | None) -> TimelineGranularity:
    """``day``, ``week`` or ``month`` (the default), or raise 400."""
    value = clean(value) or "month"
    for granularity in TIMELINE_GRANULARITIES:
        if value.lower() == granularity:
            return granularity
    raise bad_request(
        f"granularity must be one of {', '.join(TIMELINE_GRANULARITIES)}, not {value!r}",
        parameter="granularity",
    )


def check_format(value: str | None) -> str:
    """``json`` (the default) or ``csv``, or raise 400."""
    return _check_choice(value, "format", FORMATS) or "json"


def query_values(params: Mapping[str, str]) -> dict[str, str | None]:
    """Request query parameters as a plain dict (the last value wins for repeated names)."""
    return {key: params[key] for key in params}
