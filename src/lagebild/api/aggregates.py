"""Summaries for the dashboard's network and map, computed from event-table rows.

The store offers counts per actor and timelines per pair; who-acts-on-whom edges and places are
gathered here from the matching events, read in pages and capped, so a large store costs a
bounded amount of work per request. Every summary says how many events it is based on and how
many of them could be drawn (an event without a target is no edge, one without a place no dot).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from lagebild.store import EventFilter, Store

PAGE = 2000
DEFAULT_CAP = 20_000


def iter_rows(store: Store, f: EventFilter, cap: int) -> Iterator[dict[str, Any]]:
    """Rows of the events matching ``f`` (ignoring its paging), at most ``cap``, page by page."""
    offset = 0
    while offset < cap:
        page = store.query_rows(replace(f, limit=min(PAGE, cap - offset), offset=offset))
        yield from page
        if len(page) < PAGE:
            return
        offset += len(page)


def _count(groups: dict[Any, dict[str, Any]], key: Any, start: dict[str, Any], row: dict[str, Any]) -> None:
    """Add one event to a group (an edge, a place): count, Goldstein sum, cooperation and conflict."""
    group = groups.setdefault(
        key, {**start, "events": 0, "goldstein_sum": 0.0, "cooperation": 0, "conflict": 0}
    )
    group["events"] += 1
    group["goldstein_sum"] += float(row.get("goldstein") or 0.0)
    quad = row.get("quad_class")
    if quad in (1, 2):
        group["cooperation"] += 1
    elif quad in (3, 4):
        group["conflict"] += 1


def _finish(group: dict[str, Any]) -> dict[str, Any]:
    group["goldstein_sum"] = round(group["goldstein_sum"], 3)
    group["goldstein_mean"] = round(group["goldstein_sum"] / group["events"], 3)
    return group


def actor_network(store: Store, f: EventFilter, cap: int = DEFAULT_CAP) -> dict[str, Any]:
    """Nodes (actor roots) and directed edges (source → target) with event counts and Goldstein sums.

    ``events_with_pair`` counts the events that have both a source and a target, the only ones
    that can be drawn as an edge.
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    used = 0
    for row in iter_rows(store, f, cap):
        used += 1
        source, target = row.get("source_root"), row.get("target_root")
        if not source or not target:
            continue
        for code, role in ((source, "source"), (target, "target")):
            node = nodes.setdefault(code, {"id": code, "name": row.get(f"{role}_name") or code, "events": 0})
            node["events"] += 1
        _count(edges, (source, target), {"source": source, "target": target}, row)
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
        "edges": sorted(
            (_finish(e) for e in edges.values()), key=lambda e: (-e["events"], e["source"], e["target"])
        ),
        "events_used": used,
        "events_with_pair": sum(edge["events"] for edge in edges.values()),
        "events_total": store.count_events(replace(f, limit=None, offset=0)),
        "cap": cap,
    }


def event_places(store: Store, f: EventFilter, cap: int = DEFAULT_CAP) -> dict[str, Any]:
    """Where the events happened: ``places`` (cities and regions, drawn as dots) and ``areas``
    (events placed in a whole country, drawn as that country), with counts, mean Goldstein score
    and main types, and how many events have a place at all."""
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    areas: dict[str, dict[str, Any]] = {}
    used = 0
    for row in iter_rows(store, f, cap):
        used += 1
        lat, lon, name = row.get("place_lat"), row.get("place_lon"), row.get("place_name")
        country = row.get("place_country")
        if row.get("place_precision") == "country" and country:
            start = {
                "name": name,
                "country": country,
                "numeric": iso_numeric(country),
                "lat": lat,
                "lon": lon,
            }
            _count(areas, country, {**start, "types": {}}, row)
            _add_type(areas[country], row)
        elif lat is not None and lon is not None:
            start = {"name": name, "country": country, "lat": lat, "lon": lon, "types": {}}
            _count(places, (name, country, lat, lon), start, row)
            _add_type(places[(name, country, lat, lon)], row)
    located = [*places.values(), *areas.values()]
    return {
        "places": sorted((_finish(p) for p in places.values()), key=lambda p: (-p["events"], str(p["name"]))),
        "areas": sorted((_finish(a) for a in areas.values()), key=lambda a: (-a["events"], str(a["name"]))),
        "events_used": used,
        "events_with_place": sum(group["events"] for group in located),
        "events_in_countries": sum(area["events"] for area in areas.values()),
        "events_total": store.count_events(replace(f, limit=None, offset=0)),
        "cap": cap,
    }


def _add_type(group: dict[str, Any], row: dict[str, Any]) -> None:
    kind = row.get("plover_type") or row.get("cameo_code") or "?"
    group["types"][kind] = group["types"].get(kind, 0) + 1
    group["types"] = dict(sorted(group["types"].items(), key=lambda item: -item[1]))


@lru_cache(maxsize=512)
def iso_numeric(iso3: str) -> str | None:
    """The ISO 3166 numeric code of a country (``RUS`` → ``643``): the id of its outline on the map."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return str(country.numeric) if country is not None else None
