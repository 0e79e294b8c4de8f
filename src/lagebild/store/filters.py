"""SQL for event filters, always as a clause with ``?`` placeholders plus its parameters.

The SQL is what DuckDB and PostgreSQL both run (a list parameter is matched with ``= ANY(?)``);
the PostgreSQL backend turns the placeholders into its own.

User input never becomes SQL text: every value is a bound parameter, and ``LIKE`` wildcards in
the search text are escaped so ``50%`` means the three characters, not a pattern.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from lagebild.store.base import NONE_VALUE, ActorCode, EventFilter

LIKE_ESCAPE = "\\"


@dataclass
class Clause:
    """A growing ``WHERE`` clause with its parameters in placeholder order."""

    parts: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, sql: str, *params: object) -> None:
        """Add one condition; all conditions are joined with ``AND``."""
        self.parts.append(f"({sql})")
        self.params.extend(params)

    def sql(self) -> str:
        """The clause text, starting with ``WHERE`` unless there is no condition."""
        return f"WHERE {' AND '.join(self.parts)}" if self.parts else ""


def escape_like(text: str) -> str:
    """Escape ``LIKE`` wildcards and the escape character itself."""
    for special in (LIKE_ESCAPE, "%", "_"):
        text = text.replace(special, LIKE_ESCAPE + special)
    return text


def actor_condition(role: str, code: ActorCode) -> tuple[str, list[object]]:
    """SQL matching one actor role (``source`` or ``target``) against a root[.sector] code.

    A code with ``names`` (a person) also requires the actor's name to be one of them; a person
    without a root (one who held offices under several) is matched by name alone.
    """
    if role not in ("source", "target"):
        raise ValueError(f"unknown actor role {role!r}")
    parts: list[str] = []
    params: list[object] = []
    if code.root:
        parts.append(f"{role}_root = ?")
        params.append(code.root.upper())
    if code.sector is not None:
        parts.append(f"upper({role}_sector) = ?")
        params.append(code.sector.upper())
    if code.names:
        parts.append(f"lower({role}_name) = ANY(?)")
        params.append(sorted({name.lower() for name in code.names}))
    return " AND ".join(parts), params


def either_actor_condition(code: ActorCode) -> tuple[str, list[object]]:
    """SQL matching events where the code is the source or the target."""
    source_sql, source_params = actor_condition("source", code)
    target_sql, target_params = actor_condition("target", code)
    return f"({source_sql}) OR ({target_sql})", [*source_params, *target_params]


def dyad_condition(a: ActorCode, b: ActorCode) -> tuple[str, list[object]]:
    """SQL matching events between two actors in either direction."""
    a_src, a_src_p = actor_condition("source", a)
    b_tgt, b_tgt_p = actor_condition("target", b)
    b_src, b_src_p = actor_condition("source", b)
    a_tgt, a_tgt_p = actor_condition("target", a)
    sql = f"(({a_src}) AND ({b_tgt})) OR (({b_src}) AND ({a_tgt}))"
    return sql, [*a_src_p, *b_tgt_p, *b_src_p, *a_tgt_p]


def event_where(f: EventFilter) -> Clause:
    """The ``WHERE`` clause selecting the events of a filter (limit, offset and sort excluded)."""
    clause = Clause()
    _add_actors(clause, f)
    if f.country is not None:
        country = f.country.strip().upper()
        clause.add(
            "upper(source_country) = ? OR upper(target_country) = ? OR upper(location_country) = ?",
            country,
            country,
            country,
        )
    if f.type is not None:
        _add_type(clause, f.type)
    if f.quad_class is not None:
        clause.add("quad_class = ?", f.quad_class)
    if f.modality is not None:
        clause.add("modality = lower(?)", f.modality.strip())
    _add_dates(clause, f)
    if f.text:
        pattern = f"%{escape_like(f.text)}%"
        clause.add(
            f"evidence_text ILIKE ? ESCAPE '{LIKE_ESCAPE}' OR trigger ILIKE ? ESCAPE '{LIKE_ESCAPE}'",
            pattern,
            pattern,
        )
    if f.article is not None:
        clause.add("article_id = ?", f.article)
    if f.language is not None:
        clause.add("language = lower(?)", f.language.strip())
    _add_text_fields(clause, f)
    if f.precision is not None:
        clause.add("coalesce(date_granularity, 'none') = lower(?)", f.precision.strip())
    return clause


def _add_actors(clause: Clause, f: EventFilter) -> None:
    """One actor: source or target; two: one is the source, the other the target."""
    codes = f.actor_codes()
    conditions = []
    if len(codes) == 1:
        conditions.append(either_actor_condition(codes[0]))
    elif len(codes) == 2:
        conditions.append(dyad_condition(*codes))
    for role, code in (("source", f.source_code()), ("target", f.target_code())):
        if code is not None:
            conditions.append(actor_condition(role, code))
    for sql, params in conditions:
        clause.add(sql, *params)


def _add_text_fields(clause: Clause, f: EventFilter) -> None:
    """Outlet (an article field), attribution and place: a substring, or ``NONE_VALUE`` for none."""
    if f.outlet is not None:
        if f.outlet.strip() == NONE_VALUE:
            clause.add("article_id IN (SELECT id FROM articles WHERE coalesce(outlet, '') = '')")
        else:
            clause.add(
                f"article_id IN (SELECT id FROM articles WHERE outlet ILIKE ? ESCAPE '{LIKE_ESCAPE}')",
                _contains(f.outlet),
            )
    if f.attribution is not None:
        if f.attribution.strip() == NONE_VALUE:
            clause.add("coalesce(attribution, '') = ''")
        else:
            clause.add(f"attribution ILIKE ? ESCAPE '{LIKE_ESCAPE}'", _contains(f.attribution))
    if f.place is not None:
        if f.place.strip() == NONE_VALUE:
            clause.add("location_name IS NULL AND location_text IS NULL")
        else:
            pattern = _contains(f.place)
            escape = f"ESCAPE '{LIKE_ESCAPE}'"
            clause.add(f"location_name ILIKE ? {escape} OR location_text ILIKE ? {escape}", pattern, pattern)


def _contains(text: str) -> str:
    return f"%{escape_like(text.strip())}%"


def _add_type(clause: Clause, value: str | tuple[str, ...]) -> None:
    """A CAMEO code (digits) filters by prefix; anything else is a PLOVER type (or any of several)."""
    if isinstance(value, str) and value.strip().isdigit():
        clause.add(f"cameo LIKE ? ESCAPE '{LIKE_ESCAPE}'", f"{escape_like(value.strip())}%")
        return
    names = (value,) if isinstance(value, str) else value
    clause.add("upper(type) = ANY(?)", sorted({name.strip().upper() for name in names}))


def _add_dates(clause: Clause, f: EventFilter) -> None:
    """Overlap of the event's possible days with the requested period.

    A missing bound on the event side is open (``PAST_REF`` has no earliest day), but an event
    with neither bound cannot be placed in time and never matches a date filter.
    """
    since, until = f.since_day(), f.until_day()
    if since is None and until is None:
        return
    clause.add("date_earliest IS NOT NULL OR date_latest IS NOT NULL")
    if since is not None:
        clause.add("date_latest IS NULL OR date_latest >= ?", since)
    if until is not None:
        clause.add("date_earliest IS NULL OR date_earliest <= ?", until)


@dataclass(frozen=True)
class OrderKey:
    """One column of an event order: its (fixed) SQL name, the type of its values and its direction.

    Missing values sort last in either direction, as ``NULLS LAST`` says.
    """

    column: str
    kind: str
    descending: bool = False

    def sql(self) -> str:
        """The key as ``ORDER BY`` takes it."""
        return f"{self.column} {'DESC' if self.descending else 'ASC'} NULLS LAST"


# Date first; within an article, the order the text tells the events in; the event id last, so
# that no two events tie and a page boundary (a keyset cursor) is exact.
DEFAULT_KEYS: tuple[OrderKey, ...] = (
    OrderKey("date_earliest", "date"),
    OrderKey("date_latest", "date"),
    OrderKey("article_id", "text"),
    OrderKey("evidence_start", "integer"),
    OrderKey("trigger_start", "integer"),
    OrderKey("id", "text"),
)
EVENT_ORDER = "ORDER BY " + ", ".join(key.sql() for key in DEFAULT_KEYS)

SORT_COLUMNS: dict[str, str] = {
    "date": "date_earliest",
    "type": "type",
    "cameo": "cameo",
    "source": "source_root",
    "target": "target_root",
    "modality": "modality",
    "goldstein": "goldstein",
    "quad_class": "quad_class",
    "language": "language",
    "place": "location_name",
    "attribution": "attribution",
    "published": "published",
}
"""The column each sort key orders by (fixed names; the user's key only selects one)."""
SORT_KINDS: dict[str, str] = {"date": "date", "goldstein": "number", "quad_class": "integer"}
"""The type of a sort column's values where it is not text."""


def order_keys(f: EventFilter) -> tuple[OrderKey, ...]:
    """The columns a filter's events are ordered by: its sort key first, then the default order.

    The default order ends with the event id, so every order is total.
    """
    if not f.sort:
        return DEFAULT_KEYS
    key = f.sort.strip().lower()
    name = key.lstrip("-")
    first = OrderKey(SORT_COLUMNS[name], SORT_KINDS.get(name, "text"), descending=key.startswith("-"))
    return (first, *DEFAULT_KEYS)


def event_order(f: EventFilter) -> str:
    """``ORDER BY`` for a filter: its sort key first (missing values last), then the default order."""
    return "ORDER BY " + ", ".join(key.sql() for key in order_keys(f))


def keyset_values(f: EventFilter, values: Sequence[object]) -> tuple[object, ...]:
    """Values of the order keys of ``f`` as read from JSON (dates as ISO text), checked and typed.

    Raises ``ValueError`` when there are not as many values as keys or one has the wrong type,
    so that a cursor that does not belong to this order is refused, never misread.
    """
    keys = order_keys(f)
    if len(values) != len(keys):
        raise ValueError(f"the cursor holds {len(values)} values, the order has {len(keys)} keys")
    return tuple(_typed(key, value) for key, value in zip(keys, values, strict=True))


def _typed(key: OrderKey, value: object) -> object:
    """One key value in the type its column holds (``None``: the column is empty)."""
    if value is None:
        if key.column == "id":
            raise ValueError("the cursor has no event id")
        return None
    if key.kind == "date":
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
    elif key.kind == "integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif key.kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif isinstance(value, str):
        return value
    raise ValueError(f"the cursor's value for {key.column} is not a {key.kind}: {value!r}")


def keyset_branches(f: EventFilter) -> list[Clause]:
    """The conditions selecting the events after ``f.after`` in the order of ``f``: none without
    a cursor, else one or two branches whose rows, the first branch's before the second's, are
    exactly the rows after the cursor.

    Row ``r`` comes after the cursor ``c`` when, for some key ``i``, the keys before ``i`` are equal
    and key ``i`` comes later; a missing value comes after every value (``NULLS LAST``), and
    nothing comes after a missing value but other missing values. Each branch also bounds the
    first key on its own, as a plain range an index can start at (PostgreSQL) or a column's
    min/max statistics can skip by (DuckDB): when the cursor's first key has a value, the first
    branch holds the rows with a value from there on, the second the rows without one (they
    sort last); when it has none, only rows without one follow.
    """
    if f.after is None:
        return []
    keys = order_keys(f)
    values = keyset_values(f, f.after)
    alternatives: list[tuple[str, list[object]]] = []
    equal: list[tuple[str, list[object]]] = []
    for key, value in zip(keys, values, strict=True):
        if value is not None:
            later = "<" if key.descending else ">"
            later_here = (f"{key.column} {later} ? OR {key.column} IS NULL", [value])
            alternatives.append(_all_of([*equal, later_here]))
            equal.append((f"{key.column} = ?", [value]))
        else:
            equal.append((f"{key.column} IS NULL", []))
    after_sql = " OR ".join(f"({part})" for part, _ in alternatives) or "FALSE"
    after_params = [param for _, params in alternatives for param in params]
    first, first_value = keys[0], values[0]
    missing = Clause()
    missing.add(f"{first.column} IS NULL")
    missing.add(after_sql, *after_params)
    if first_value is None:
        return [missing]
    present = Clause()
    present.add(f"{first.column} {'<=' if first.descending else '>='} ?", first_value)
    present.add(after_sql, *after_params)
    return [present, missing]


def _all_of(parts: Sequence[tuple[str, list[object]]]) -> tuple[str, list[object]]:
    """Conditions joined with ``AND``, with their parameters in order."""
    return " AND ".join(f"({sql})" for sql, _ in parts), [p for _, params in parts for p in params]
