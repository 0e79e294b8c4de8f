"""The parts of the events page that let people explore: facets, filter chips, sortable
columns, downloads of the filtered view, the month chart and clickable cells.

Facets work as in datasette: each lists the most frequent values among the matching events with
their counts, and each value links to the same view with that filter added (or, when it is the
current filter, removed). Counts are honest: a facet says how many of the matching events have a
value at all ("2 of 9 events have a place").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from lagebild.api.html import Markup, join, tag, url
from lagebild.api.params import EventQuery
from lagebild.query.vocabulary import load_vocabulary
from lagebild.store import Store
from lagebild.store.base import NONE_VALUE

FACET_TITLES: dict[str, str] = {
    "pair": "Between",
    "actor": "Actors",
    "type": "Event types",
    "country": "Countries",
    "place": "Places",
    "month": "Months",
    "modality": "Modality",
    "quad_class": "Quad class",
    "language": "Language",
    "outlet": "Outlets",
    "attribution": "According to",
    "precision": "Dated to",
}
"""The facets in the order the page shows them."""
FACET_NOUNS: dict[str, str] = {
    "pair": "a source and a target",
    "actor": "an actor",
    "type": "a PLOVER type",
    "country": "a country",
    "place": "a place",
    "month": "a date of a month or finer",
    "outlet": "an outlet",
    "attribution": "an attribution",
}
QUAD_NAMES = {
    "1": "verbal cooperation",
    "2": "material cooperation",
    "3": "verbal conflict",
    "4": "material conflict",
}
WITHOUT_VALUE = ("place", "outlet", "attribution")
"""Facets that offer "(none)": the events without a value."""
SORTABLE: tuple[tuple[str, str | None], ...] = (
    ("Date", "date"),
    ("Type", "type"),
    ("Source", "source"),
    ("Target", "target"),
    ("Modality", "modality"),
    ("Goldstein", "goldstein"),
    ("Place", "place"),
    ("Evidence", None),
)
DOWNLOADS: tuple[tuple[str, str, str], ...] = (
    ("CSV", "csv", "lagebild"),
    ("JSONL", "jsonl", "lagebild"),
    ("Parquet", "parquet", "lagebild"),
    ("GDELT-style CSV", "csv", "gdelt"),
    ("PLOVER-style JSONL", "jsonl", "plover"),
)


# -- formatting of rows ------------------------------------------------------------------------


def actor_label(row: Mapping[str, Any], role: str) -> Markup:
    """``Name RUS.MIL`` for an actor of a row, or a dash."""
    code = row.get(f"{role}_code")
    if not code:
        return Markup("–")
    name = row.get(f"{role}_name") or row.get(f"{role}_text") or code
    return join([tag("span", name, class_="actor-name"), " ", tag("code", code)])


def date_label(row: Mapping[str, Any]) -> str:
    """The event's day, or its TIMEX value with the precision; marked when taken from the publication date."""
    if row.get("event_date"):
        value = str(row["event_date"])
    elif row.get("event_date_timex"):
        value = f"{row['event_date_timex']} ({row.get('event_date_precision')})"
    else:
        value = "undated"
    return f"{value} (published)" if row.get("event_date_source") == "published" else value


def date_cell(row: Mapping[str, Any]) -> Markup:
    """The date for the table: the day (or TIMEX value) with its precision and source below."""
    label = date_label(row)
    value, _, note = label.partition(" (")
    return join([value, tag("small", "(" + note) if note else ""])


def cooperation_class(row: Mapping[str, Any]) -> str:
    """``coop`` for quad classes 1–2, ``conflict`` for 3–4."""
    quad = row.get("quad_class")
    return "coop" if quad in (1, 2) else "conflict" if quad in (3, 4) else "neutral"


# -- links -------------------------------------------------------------------------------------


def link(
    values: Mapping[str, list[str]],
    changes: Mapping[str, list[str] | None] | None = None,
    path: str = "/ui/events",
) -> str:
    """The view with some filters changed (``None`` removes one); paging starts again."""
    merged: dict[str, list[str]] = {k: list(v) for k, v in values.items() if k not in ("offset", "cursor")}
    for key, value in (changes or {}).items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return url(path, merged)


def with_values(address: str, changes: Mapping[str, str]) -> str:
    """``address`` (a path with a query) with single-valued parameters set."""
    parts = urlsplit(address)
    values = _query(parts.query)
    return link(values, {key: [value] for key, value in changes.items()}, parts.path)


def with_actors(address: str, actors: Sequence[str]) -> str:
    """``address`` with actors added: one more actor (at most two), or exactly a given pair."""
    parts = urlsplit(address)
    values = _query(parts.query)
    current = values.get("actor", [])
    chosen = list(actors) if len(actors) == 2 else [*current, *actors][-2:]
    return link(values, {"actor": chosen}, parts.path)


def _query(query: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for key, value in parse_qsl(query):
        values.setdefault(key, []).append(value)
    return values


# -- facets ------------------------------------------------------------------------------------


def facets(store: Store, query: EventQuery) -> dict[str, dict[str, Any]]:
    """Every facet of the matching events, each value with a label, its count and its link."""
    counted = store.facets(query.filter)
    total = counted["type"]["total"]
    vocabulary = load_vocabulary()
    result: dict[str, dict[str, Any]] = {}
    for name in FACET_TITLES:
        raw = counted[name]
        values = _merge_types(raw["values"], vocabulary.type_name) if name == "type" else raw["values"]
        entries = [_entry(name, item["value"], item["count"], query, vocabulary) for item in values]
        missing = total - raw["with_value"]
        if name in WITHOUT_VALUE and missing > 0:
            entries.append(_entry(name, NONE_VALUE, missing, query, vocabulary))
        result[name] = {
            "title": FACET_TITLES[name],
            "with_value": raw["with_value"],
            "total": total,
            "distinct": raw["distinct"],
            "values": entries,
        }
    return result


def _merge_types(values: list[dict[str, Any]], canonical: Callable[[str], str]) -> list[dict[str, Any]]:
    """Counts under the current PLOVER names (events stored as DISAPPROVE count as ACCUSE)."""
    merged: dict[str, int] = {}
    for item in values:
        name = canonical(str(item["value"]))
        merged[name] = merged.get(name, 0) + int(item["count"])
    return [{"value": k, "count": v} for k, v in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))]


def _entry(name: str, value: str, count: int, query: EventQuery, vocabulary: Any) -> dict[str, Any]:
    """One facet value: label, count, whether it is the current filter, and the link that toggles it."""
    values = query.values
    selected, href = False, ""
    if name == "actor":
        codes = [code.root for code in query.filter.actor_codes()]
        if value in codes:
            kept = [
                typed for typed, code in zip(values.get("actor", []), codes, strict=False) if code != value
            ]
            selected, href = True, link(values, {"actor": kept or None})
        else:
            href = with_actors(link(values), [value])
        label = _code_label(value, vocabulary)
    elif name == "pair":
        pair = value.split(" ")
        codes = sorted(code.root for code in query.filter.actor_codes())
        selected = codes == sorted(pair)
        href = link(values, {"actor": None if selected else pair})
        label = " – ".join(pair)
    elif name == "month":
        selected = values.get("since") == [value] and values.get("until") == [value]
        month = None if selected else [value]
        href = link(values, {"since": month, "until": month})
        label = value
    else:
        current = _current(query, name)
        selected = current is not None and str(current).lower() == value.lower()
        href = link(values, {name: None if selected else [value]})
        label = _label(name, value, vocabulary)
    return {"value": value, "label": label, "count": count, "selected": selected, "href": href}


def _current(query: EventQuery, name: str) -> Any:
    if name == "type":
        kind = query.filter.type
        return kind[0] if isinstance(kind, tuple) else kind
    return getattr(query.filter, name, None)


def _code_label(code: str, vocabulary: Any) -> str:
    name = vocabulary.code_label(code)
    return f"{code} · {name}" if name and name != code else code


def _label(name: str, value: str, vocabulary: Any) -> str:
    if value == NONE_VALUE:
        return {"place": "no place", "outlet": "no outlet", "attribution": "not attributed"}.get(name, value)
    if name == "country":
        return _code_label(value, vocabulary)
    if name == "quad_class":
        return f"{value} {QUAD_NAMES.get(value, '')}".strip()
    return value


def facet_list(data: Mapping[str, dict[str, Any]], query: EventQuery) -> Markup:
    """The facets as lists of links with counts."""
    sections = []
    for name, facet in data.items():
        if not facet["values"]:
            continue
        items = join(
            tag(
                "li",
                join(
                    [
                        tag(
                            "a",
                            entry["label"],
                            href=entry["href"],
                            class_="selected" if entry["selected"] else None,
                            title="remove this filter" if entry["selected"] else None,
                        ),
                        " ",
                        tag("span", entry["count"], class_="count"),
                    ]
                ),
            )
            for entry in facet["values"]
        )
        note = ""
        if name in FACET_NOUNS:
            note = tag(
                "p",
                f"{facet['with_value']} of {facet['total']} events have {FACET_NOUNS[name]}",
                class_="facet-note",
            )
        more = (
            f" (top {len(facet['values'])} of {facet['distinct']})"
            if facet["distinct"] > len(facet["values"])
            else ""
        )
        sections.append(
            tag(
                "section",
                join([tag("h3", facet["title"] + more), note, tag("ul", items)]),
                class_="facet",
                id=f"facet-{name}",
            )
        )
    return join(sections)


def chips(query: EventQuery) -> Markup:
    """The current filters, each with a link that removes it."""
    items = []
    for name, given in query.values.items():
        if name in ("limit", "offset", "cursor"):
            continue
        for index, value in enumerate(given):
            rest = [v for i, v in enumerate(given) if i != index]
            href = link(query.values, {name: rest or None})
            items.append(
                tag(
                    "a",
                    join([f"{name}: {value} ", tag("span", "×", aria_hidden="true")]),
                    href=href,
                    class_="chip",
                    title="remove this filter",
                )
            )
    if not items:
        return Markup("")
    return tag("p", join(items, " "), class_="chips", id="active-filters")


# -- results -----------------------------------------------------------------------------------


def summary(data: Mapping[str, Any], query: EventQuery) -> Markup:
    """ "Events 1–50 of 69" and the downloads of the whole filtered view."""
    events = data["events"]
    first = data["offset"] + 1 if events else 0
    text = f"Events {first}–{data['offset'] + len(events)} of {data['total']}"
    values = {k: v for k, v in query.values.items() if k not in ("limit", "offset", "cursor")}
    links = join(
        (
            tag(
                "a",
                label,
                href=url(
                    "/events",
                    {**values, "format": fmt, "profile": profile if profile != "lagebild" else None},
                ),
                class_="download",
                data_format=fmt,
                data_profile=profile,
                download="",
            )
            for label, fmt, profile in DOWNLOADS
        ),
        " · ",
    )
    downloads = tag(
        "span", join([f"Download all {data['total']}: ", links]), class_="downloads", id="downloads"
    )
    return tag("p", join([tag("span", text, id="events-count"), " ", downloads]), class_="summary")


def month_chart(months: Mapping[str, Any], query: EventQuery) -> Markup:
    """Events per month of the matching events on a time axis; a bar links to its month.

    The months travel in the element (``data-months``, the month facet as JSON) rather than as a
    second request for the page's twin, which would count every facet again.
    """
    values = [{"value": m["value"], "count": m["count"], "href": m["href"]} for m in months["values"]]
    return tag(
        "div",
        "",
        id="chart",
        class_="chart short",
        data_kind="months",
        data_months=json.dumps(values, ensure_ascii=False),
        data_events_url=link(query.values),
    )


def events_table(
    rows: Sequence[Mapping[str, Any]], query: EventQuery, article_path: Callable[[str], str]
) -> Markup:
    """The rows with sortable column headers; actors, types and places link to their filter."""
    head = tag("thead", tag("tr", join(_header(label, key, query) for label, key in SORTABLE)))
    body = []
    for row in rows:
        article_link = f"{article_path(row['article_id'])}#event-{row['event_id']}"
        cells = [
            tag("td", date_cell(row), class_="date-cell"),
            tag(
                "td",
                join(
                    [
                        _filter_link(
                            query,
                            "type",
                            row.get("plover_type") or "",
                            tag("strong", row.get("plover_type") or "?"),
                        ),
                        " ",
                        tag("code", row.get("cameo_code")),
                    ]
                ),
            ),
            tag("td", _actor_link(query, row, "source", actor_label(row, "source"))),
            tag("td", _actor_link(query, row, "target", actor_label(row, "target"))),
            tag("td", row.get("modality")),
            tag("td", "" if row.get("goldstein") is None else f"{row['goldstein']:+.1f}", class_="num"),
            tag(
                "td", _filter_link(query, "place", row.get("place_name") or "", row.get("place_name") or "–")
            ),
            tag(
                "td",
                tag("a", row.get("evidence_text", ""), href=article_link, class_="evidence-link"),
                class_="evidence-cell",
            ),
        ]
        body.append(tag("tr", join(cells), class_=cooperation_class(row), data_event_id=row["event_id"]))
    return tag("table", join([head, tag("tbody", join(body))]), class_="events", id="events-table")


def _header(label: str, key: str | None, query: EventQuery) -> Markup:
    if key is None:
        return tag("th", label)
    current = (query.filter.sort or "").lower()
    if current == key:
        state, following = "ascending", f"-{key}"
    elif current == f"-{key}":
        state, following = "descending", key
    else:
        state, following = None, key
    arrow = {"ascending": " ▲", "descending": " ▼"}.get(state or "", "")
    href = link(query.values, {"sort": [following]})
    return tag("th", tag("a", label + arrow, href=href, class_="sort", data_sort=key), aria_sort=state)


def _filter_link(query: EventQuery, name: str, value: str, content: object) -> Markup:
    if not value:
        return tag("span", content)
    return tag("a", content, href=link(query.values, {name: [value]}), class_="filter-link")


def _actor_link(query: EventQuery, row: Mapping[str, Any], role: str, content: Markup) -> Markup:
    root = row.get(f"{role}_root")
    if not root:
        return content
    return tag("a", content, href=with_actors(link(query.values), [root]), class_="filter-link")


def pager(data: Mapping[str, Any]) -> Markup:
    """Links to the previous and the next page."""
    return tag(
        "nav",
        join(
            [
                tag("a", "← previous", href=data["previous"], rel="prev") if data["previous"] else "",
                " ",
                tag("a", "next →", href=data["next"], rel="next") if data["next"] else "",
            ]
        ),
        class_="pager",
    )
