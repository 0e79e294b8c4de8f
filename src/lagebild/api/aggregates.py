"""Summaries for the dashboard's network and map, computed from event records.

The store offers counts per actor and timelines per pair; who-acts-on-whom edges and places are
gathered here from the matching events, read in pages and capped, so a large store costs a
bounded amount of work per request (the response says how many events it is based on).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from lagebild.store import EventFilter, Store

PAGE = 2000
DEFAULT_CAP = 20_000


def iter_events(store: Store, f: EventFilter, cap: int) -> Iterator[dict[str, Any]]:
    """Events matching ``f`` (ignoring its paging), at most ``cap``, fetched page by page."""
    offset = 0
    while offset < cap:
        page = store.query_events(replace(f, limit=min(PAGE, cap - offset), offset=offset))
        yield from page
        if len(page) < PAGE:
            return
        offset += len(page)


def _root(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    root = actor.get("org") or actor.get("country")
    return str(root).upper() if root else None


def actor_network(store: Store, f: EventFilter, cap: int = DEFAULT_CAP) -> dict[str, Any]:
    """Nodes (actor roots) and directed edges (source → target) with event counts and Goldstein sums."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    used = 0
    for event in iter_events(store, f, cap):
        used += 1
        source, target = _root(event.get("source")), _root(event.get("target"))
        if not source or not target:
            continue
        for code, actor in ((source, event["source"]), (target, event["target"])):
            node = nodes.setdefault(code, {"id": code, "name": actor.get("name") or code, "events": 0})
            node["events"] += 1
        edge = edges.setdefault(
            (source, target),
            {
                "source": source,
                "target": target,
                "events": 0,
                "goldstein_sum": 0.0,
                "cooperation": 0,
                "conflict": 0,
            },
        )
        edge["events"] += 1
        edge["goldstein_sum"] += float(event.get("goldstein") or 0.0)
        quad = event.get("quad_class")
        if quad in (1, 2):
            edge["cooperation"] += 1
        elif quad in (3, 4):
            edge["conflict"] += 1
    for edge in edges.values():
        edge["goldstein_sum"] = round(edge["goldstein_sum"], 3)
        edge["goldstein_mean"] = round(edge["goldstein_sum"] / edge["events"], 3)
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
        "edges": sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"])),
        "events_used": used,
        "events_total": store.count_events(replace(f, limit=None, offset=0)),
        "cap": cap,
    }


def event_places(store: Store, f: EventFilter, cap: int = DEFAULT_CAP) -> dict[str, Any]:
    """Places with coordinates and the events located there: counts, Goldstein mean, main types."""
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    used = 0
    for event in iter_events(store, f, cap):
        used += 1
        location = event.get("location") or {}
        lat, lon = location.get("lat"), location.get("lon")
        if lat is None or lon is None:
            continue
        key = (location.get("name"), location.get("country"), lat, lon)
        place = places.setdefault(
            key,
            {
                "name": location.get("name"),
                "country": location.get("country"),
                "lat": lat,
                "lon": lon,
                "events": 0,
                "goldstein_sum": 0.0,
                "types": {},
            },
        )
        place["events"] += 1
        place["goldstein_sum"] += float(event.get("goldstein") or 0.0)
        kind = event.get("type") or event.get("cameo") or "?"
        place["types"][kind] = place["types"].get(kind, 0) + 1
    result = []
    for place in places.values():
        place["goldstein_mean"] = round(place.pop("goldstein_sum") / place["events"], 3)
        place["types"] = dict(sorted(place["types"].items(), key=lambda item: -item[1]))
        result.append(place)
    return {
        "places": sorted(result, key=lambda p: (-p["events"], str(p["name"]))),
        "events_used": used,
        "events_total": store.count_events(replace(f, limit=None, offset=0)),
        "cap": cap,
    }
