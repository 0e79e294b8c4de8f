"""Summaries for the dashboard's network and map: counted by the store in SQL over every matching
event (``Store.actor_network``, ``Store.event_places``), cut to the most frequent edges and
places, with totals that say how much is not shown. Here they only get what a map needs besides:
the id of each country's outline.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lagebild.store import EventFilter, Store

DEFAULT_EDGES = 200
DEFAULT_PLACES = 500
MAX_TOP = 5000


def actor_network(store: Store, f: EventFilter, top: int = DEFAULT_EDGES) -> dict[str, Any]:
    """Nodes (actor roots) and the ``top`` most frequent directed edges (source → target) with event
    counts and Goldstein sums, over all events matching ``f``."""
    return store.actor_network(f, top)


def event_places(store: Store, f: EventFilter, top: int = DEFAULT_PLACES) -> dict[str, Any]:
    """Where the events happened: ``places`` (cities and regions, drawn as dots) and ``areas``
    (events placed in a whole country, drawn as that country, with ``numeric``: the ISO number
    that names its outline), the ``top`` most frequent of each."""
    data = store.event_places(f, top)
    for area in data["areas"]:
        area["numeric"] = iso_numeric(area["country"])
    return data


@lru_cache(maxsize=512)
def iso_numeric(iso3: str) -> str | None:
    """The ISO 3166 numeric code of a country (``RUS`` → ``643``): the id of its outline on the map."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return str(country.numeric) if country is not None else None
