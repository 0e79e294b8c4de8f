"""SQL for event filters, always as a clause with ``?`` placeholders plus its parameters.

User input never becomes SQL text: every value is a bound parameter, and ``LIKE`` wildcards in
the search text are escaped so ``50%`` means the three characters, not a pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.store.base import ActorCode, EventFilter
from lagebild.store.rows import EVENT_COLUMNS

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
    """SQL matching one actor role (``source`` or ``target``) against a root[.sector] code."""
    if role not in ("source", "target"):
        raise ValueError(f"unknown actor role {role!r}")
    if code.sector is None:
        return f"{role}_root = ?", [code.root]
    return f"{role}_root = ? AND upper({role}_sector) = ?", [code.root, code.sector]


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
    """The ``WHERE`` clause selecting the events of a filter (limit and offset excluded)."""
    clause = Clause()
    code = f.actor_code()
    if code is not None:
        sql, params = either_actor_condition(code)
        clause.add(sql, *params)
    if f.country is not None:
        country = f.country.strip().upper()
        clause.add(
            "upper(source_country) = ? OR upper(target_country) = ? OR upper(location_country) = ?",
            country,
            country,
            country,
        )
    if f.type is not None:
        _add_type(clause, f.type.strip())
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
    return clause


def _add_type(clause: Clause, value: str) -> None:
    """A CAMEO code (digits) filters by prefix; anything else is a PLOVER type."""
    if value.isdigit():
        clause.add(f"cameo LIKE ? ESCAPE '{LIKE_ESCAPE}'", f"{escape_like(value)}%")
    else:
        clause.add("lower(type) = lower(?)", value)


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


# Date first; within an article, the order the text tells the events in.
EVENT_ORDER = (
    "ORDER BY date_earliest NULLS LAST, date_latest NULLS LAST, article_id, evidence_start, trigger_start, id"
)

_DATE_COLUMNS = {"date_value", "date_granularity", "date_earliest", "date_latest"}
_NESTED_PREFIXES = {"source", "target", "location", "evidence"}
_NOT_EXPORTED = {"source_root", "target_root", "record", "extra"}


def flat_key(column: str) -> str:
    """The dotted field name of ``Event.to_flat_dict`` that a stored column holds."""
    if column == "article_id":
        return "doc_id"
    prefix, _, rest = column.partition("_")
    if column in _DATE_COLUMNS or (prefix in _NESTED_PREFIXES and rest):
        return f"{prefix}.{rest}"
    return column


def flat_select() -> str:
    """The select list giving events as flat dotted fields, in ``to_flat_dict`` order."""
    return ", ".join(
        f'"{c.name}" AS "{flat_key(c.name)}"' for c in EVENT_COLUMNS if c.name not in _NOT_EXPORTED
    )
