"""Query parameters shared by the API and the dashboard, read into store filters.

Parameters arrive as text and are read here rather than by FastAPI's type coercion, so that the
same rules (and messages) apply to API clients and to the dashboard's forms, whose empty fields
mean "no filter". Filter values are read by ``lagebild.query.understand`` exactly as the CLI
reads them: names, aliases and ISO codes become codes, and a value that cannot be read is a 400
that names the parameter and suggests close known values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import Query
from starlette.datastructures import QueryParams

from lagebild.api.cursor import decode_cursor
from lagebild.api.errors import ApiError, bad_request
from lagebild.query.understand import FILTER_FIELDS, FilterError, FilterReader
from lagebild.store import EventFilter, Store
from lagebild.store.base import TIMELINE_GRANULARITIES, ActorCode, TimelineGranularity
from lagebild.store.table import PROFILES

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_OFFSET = 10_000
"""Deeper pages are reached with ``cursor=`` (the ``next`` links), which costs the same at any depth;
an offset costs as many rows as it skips."""
FORMATS = ("json", "csv", "jsonl", "parquet")
DOWNLOADS = ("csv", "jsonl", "parquet")
MULTI_VALUED = ("actor",)

Text = str | None
ActorParam = Annotated[
    list[str] | None,
    Query(
        description="Actor by code (`RUS`, `NATO`, `RUS.MIL`), name or alias (`Russland`, `Putin`, "
        "`Kreml`). Give it twice for the events between two actors."
    ),
]
SourceParam = Annotated[Text, Query(description="The acting actor (code, name or alias).")]
TargetParam = Annotated[Text, Query(description="The actor acted upon (code, name or alias).")]
CountryParam = Annotated[
    Text, Query(description="Country of the source, target or place: `DE`, `DEU`, `Deutschland`, `Germany`.")
]
TypeParam = Annotated[
    Text,
    Query(description="PLOVER type (`ASSAULT`) or an old name (`FIGHT`), CAMEO code prefix (`14`) or name."),
]
QuadParam = Annotated[Text, Query(description="Quad class 1–4, or its name (`material conflict`).")]
ModalityParam = Annotated[Text, Query(description="`asserted`, `planned`, `negated` or `hypothetical`.")]
SinceParam = Annotated[Text, Query(description="First day, month or year: `2017`, `2017-03`, `2017-03-30`.")]
UntilParam = Annotated[Text, Query(description="Last day, month or year (inclusive).")]
SearchParam = Annotated[Text, Query(description="Case-insensitive text in the evidence sentence or trigger.")]
LanguageParam = Annotated[Text, Query(description="Language of the article (`de`, `en`, `German`).")]
OutletParam = Annotated[Text, Query(description="Text in the article's outlet; `(none)`: articles without.")]
AttributionParam = Annotated[
    Text, Query(description="Text in the attribution; `(none)`: unattributed events.")
]
PlaceParam = Annotated[Text, Query(description="Text in the place's name; `(none)`: events without a place.")]
PrecisionParam = Annotated[
    Text, Query(description="How precisely events are dated: `day`, `week`, `month`, `year`, ..., `none`.")
]
SortParam = Annotated[
    Text,
    Query(
        description="`date`, `type`, `source`, `target`, `goldstein`, `place`, ...; `-` first: descending."
    ),
]
LimitParam = Annotated[
    Text,
    Query(
        description=f"Page size, 0–{MAX_LIMIT} (default {DEFAULT_LIMIT}); downloads: no limit unless given."
    ),
]
OffsetParam = Annotated[
    Text,
    Query(
        description=f"Events to skip (default 0, at most {MAX_OFFSET}); deeper pages: follow the `next` "
        "links, which carry a `cursor`."
    ),
]
CursorParam = Annotated[
    Text,
    Query(
        description="Where the page starts: the `next_cursor` of the previous page (its `next` link "
        "carries it). Works at any depth; the other parameters must stay the same, `sort` above all."
    ),
]


@dataclass(frozen=True)
class EventQuery:
    """A read event query: the store filter, the values as given (to rebuild links) and what
    names were read as."""

    filter: EventFilter
    values: dict[str, list[str]]
    notes: tuple[str, ...] = ()
    position: int = 0
    """Where the page's first event stands among all matching ones (the offset, or the cursor's)."""

    def with_paging(self, limit: int | None, offset: int = 0) -> EventQuery:
        """The same filter with other paging."""
        return EventQuery(
            replace(self.filter, limit=limit, offset=offset, after=None), self.values, self.notes, offset
        )


def clean(value: str | None) -> str | None:
    """A parameter's value with blanks removed; an empty form field means "not given"."""
    if value is None:
        return None
    value = value.strip()
    return value or None


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


def filter_error(exc: FilterError) -> ApiError:
    """A 400 for a filter value that could not be read, with the close known values."""
    return bad_request(str(exc), parameter=exc.parameter, suggestions=exc.suggestions)


def event_query(
    store: Store,
    values: Mapping[str, str | Sequence[str] | None],
    *,
    default_limit: int | None = DEFAULT_LIMIT,
    max_limit: int | None = MAX_LIMIT,
) -> EventQuery:
    """Read event filter and paging parameters into a store filter (400 on any bad value)."""
    try:
        understood = FilterReader(store.actor_roots).read(values)
    except FilterError as exc:
        raise filter_error(exc) from None
    limit = parse_int(_single(values.get("limit")), "limit", default_limit, 0, max_limit)
    offset = read_offset(_single(values.get("offset")))
    try:
        built = replace(understood.filter, limit=limit, offset=offset)
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    token = clean(_single(values.get("cursor")))
    if token is None:
        return EventQuery(built, understood.values, understood.notes, offset)
    if offset:
        raise bad_request("give cursor or offset, not both", parameter="cursor")
    cursor = decode_cursor(token, built)
    return EventQuery(
        replace(built, after=cursor.after), understood.values, understood.notes, cursor.position
    )


def read_offset(value: str | None) -> int:
    """The ``offset`` parameter: 0 to ``MAX_OFFSET``; beyond, a 400 that points to the cursor."""
    offset = parse_int(value, "offset", 0, 0) or 0
    if offset > MAX_OFFSET:
        raise bad_request(
            f"offset must be at most {MAX_OFFSET}, not {offset}: page deeper with cursor= "
            "(follow each page's `next` link, which carries the cursor of the following page)",
            parameter="offset",
        )
    return offset


def read_actor(store: Store, value: str, name: str) -> ActorCode:
    """One actor by code, name or alias (the dyad timeline's ``a`` and ``b``), or raise 400."""
    try:
        return FilterReader(store.actor_roots).actor(value, name, [])
    except FilterError as exc:
        raise filter_error(exc) from None


def _single(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value[-1] if value else None


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


def check_format(value: str | None, allowed: Sequence[str] = FORMATS) -> str:
    """``json`` (the default), ``csv``, ``jsonl`` or ``parquet``, or raise 400."""
    value = (clean(value) or "json").lower()
    if value not in allowed:
        raise bad_request(f"format must be one of {', '.join(allowed)}, not {value!r}", parameter="format")
    return value


def check_profile(value: str | None) -> str:
    """An export profile (``lagebild``, ``gdelt``, ``plover``), or raise 400."""
    value = (clean(value) or "lagebild").lower()
    if value not in PROFILES:
        raise bad_request(f"profile must be one of {', '.join(PROFILES)}, not {value!r}", parameter="profile")
    return value


def query_values(params: QueryParams | Mapping[str, str]) -> dict[str, Any]:
    """Request query parameters as a plain dict: ``actor`` as a list, other names their last value."""
    values: dict[str, Any] = {key: params[key] for key in params}
    if isinstance(params, QueryParams):
        for name in MULTI_VALUED:
            if name in params:
                values[name] = params.getlist(name)
    return values


__all__ = ["FILTER_FIELDS", "EventQuery", "event_query", "query_values", "read_actor"]
