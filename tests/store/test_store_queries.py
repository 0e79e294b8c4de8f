"""Reading: every event filter, pagination, single records, actor counts, dyad timelines, stats.

The sample corpus (see store_samples.py), in date order:
c-denial-e2 (2016, no actors), c-denial-e1 (March 2017, RUS.GOV -> NATO, negated),
a-nato-request-e1 (NATO -> RUS.GOV), a-nato-request-e2 (DEU.GOV -> FRA.GOV),
b-kaliningrad-e1 (RUS.MIL -> NATO, Kaliningrad), b-kaliningrad-e2 (NATO -> RUS.GOV),
d-hostile-e1 (FRA.GOV, May), b-kaliningrad-e3 (DEU.CVL in Berlin, undated).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from store_samples import kaliningrad_missiles, sample_corpus

from lagebild.dates import DateError
from lagebild.store import EventFilter
from lagebild.store.base import SORT_KEYS, ActorCode, BackwardsRangeError
from lagebild.store.filters import SORT_COLUMNS
from lagebild.store.migrations import latest_version
from lagebild.store.sql_store import SQLStore

ALL_IN_ORDER = [
    "c-denial-e2",
    "c-denial-e1",
    "a-nato-request-e1",
    "a-nato-request-e2",
    "b-kaliningrad-e1",
    "b-kaliningrad-e2",
    "d-hostile-e1",
    "b-kaliningrad-e3",
]


def _ids(store: SQLStore, **fields: Any) -> list[str]:
    f = EventFilter(**fields)
    ids = [e["id"] for e in store.query_events(f)]
    if f.limit is None and not f.offset:
        assert store.count_events(f) == len(ids)
    return ids


def test_no_filter_returns_all_ordered_by_date_then_id(filled: SQLStore) -> None:
    assert _ids(filled) == ALL_IN_ORDER


def test_events_come_back_as_their_nested_records(filled: SQLStore) -> None:
    stored = {e["id"]: e for e in filled.query_events(EventFilter())}
    for _, events in sample_corpus():
        for event in events:
            assert stored[event.id] == event.to_dict()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"actor": "RUS"}, ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e1", "b-kaliningrad-e2"]),
        ({"actor": "rus.mil"}, ["b-kaliningrad-e1"]),
        ({"actor": "RUS.GOV"}, ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e2"]),
        ({"actor": "nato"}, ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e1", "b-kaliningrad-e2"]),
        ({"actor": "FRA"}, ["a-nato-request-e2", "d-hostile-e1"]),
        ({"actor": "USA"}, []),
        ({"country": "deu"}, ["a-nato-request-e2", "b-kaliningrad-e3"]),
        ({"country": "RUS"}, ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e1", "b-kaliningrad-e2"]),
        ({"type": "CONSULT"}, ["c-denial-e1", "a-nato-request-e2"]),
        ({"type": "consult"}, ["c-denial-e1", "a-nato-request-e2"]),
        ({"type": "040"}, ["c-denial-e1", "a-nato-request-e2"]),
        ({"type": "14"}, ["d-hostile-e1", "b-kaliningrad-e3"]),
        (
            {"type": "1"},
            ["c-denial-e2", "b-kaliningrad-e1", "b-kaliningrad-e2", "d-hostile-e1", "b-kaliningrad-e3"],
        ),
        ({"quad_class": 1}, ["c-denial-e1", "a-nato-request-e1", "a-nato-request-e2"]),
        (
            {"quad_class": 3},
            ["c-denial-e2", "b-kaliningrad-e1", "b-kaliningrad-e2", "d-hostile-e1", "b-kaliningrad-e3"],
        ),
        ({"modality": "negated"}, ["c-denial-e1"]),
        ({"modality": "Planned"}, []),
        ({"language": "en"}, ["c-denial-e2", "c-denial-e1"]),
        ({"article": "b-kaliningrad"}, ["b-kaliningrad-e1", "b-kaliningrad-e2", "b-kaliningrad-e3"]),
        # Two actors: the events between them, in either direction.
        (
            {"actor": ("RUS", "NATO")},
            ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e1", "b-kaliningrad-e2"],
        ),
        ({"actor": ("RUS.MIL", "NATO")}, ["b-kaliningrad-e1"]),
        ({"actor": ("DEU", "NATO")}, []),
        ({"source": "NATO"}, ["a-nato-request-e1", "b-kaliningrad-e2"]),
        ({"target": "nato"}, ["c-denial-e1", "b-kaliningrad-e1"]),
        ({"source": "RUS", "target": "NATO"}, ["c-denial-e1", "b-kaliningrad-e1"]),
        # A person: the root and one of the names.
        ({"actor": ActorCode("RUS", names=("Russische Streitkräfte",))}, ["b-kaliningrad-e1"]),
        (
            {"actor": ActorCode("RUS", names=("russland", "Wladimir Putin"))},
            ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e2"],
        ),
        # Any of several PLOVER types (a type with its old names).
        ({"type": ("ACCUSE", "DISAPPROVE")}, ["c-denial-e2", "b-kaliningrad-e2"]),
        ({"outlet": "wire"}, ["c-denial-e2", "c-denial-e1"]),
        ({"outlet": "(none)"}, []),
        ({"attribution": "nato"}, ["b-kaliningrad-e2"]),
        ({"attribution": "(none)"}, [i for i in ALL_IN_ORDER if i != "b-kaliningrad-e2"]),
        ({"place": "kalin"}, ["b-kaliningrad-e1"]),
        ({"place": "(none)"}, [i for i in ALL_IN_ORDER if i not in ("b-kaliningrad-e1", "b-kaliningrad-e3")]),
        ({"precision": "month"}, ["c-denial-e1"]),
        ({"precision": "none"}, ["b-kaliningrad-e3"]),
        ({"precision": "year"}, ["c-denial-e2"]),
    ],
)
def test_field_filters(filled: SQLStore, fields: dict[str, Any], expected: list[str]) -> None:
    assert _ids(filled, **fields) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Overlap, not containment: the month-dated event overlaps a single day in March.
        (
            {"since": "2017-03-30", "until": "2017-03-30"},
            ["c-denial-e1", "a-nato-request-e1", "a-nato-request-e2"],
        ),
        ({"since": "2017-04"}, ["b-kaliningrad-e1", "b-kaliningrad-e2", "d-hostile-e1"]),
        ({"until": "2017-03-15"}, ["c-denial-e2", "c-denial-e1"]),
        ({"since": "2016-06", "until": "2016-06"}, ["c-denial-e2"]),
        ({"since": dt.date(2017, 5, 1)}, ["d-hostile-e1"]),
        ({"until": "2015"}, []),
    ],
)
def test_date_filters_match_overlapping_ranges(
    filled: SQLStore, fields: dict[str, Any], expected: list[str]
) -> None:
    assert _ids(filled, **fields) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kaliningrad", ["b-kaliningrad-e1"]),
        ("BERIET", ["a-nato-request-e2"]),
        ("100%", ["d-hostile-e1"]),
        # Wildcards are literal: "_" and "%" match only texts that contain them.
        ("_", ["d-hostile-e1"]),
        ("%", ["d-hostile-e1"]),
        ("Leser\\", []),
        ("setback", ["c-denial-e2"]),
    ],
)
def test_text_filter_is_a_literal_case_insensitive_substring(
    filled: SQLStore, text: str, expected: list[str]
) -> None:
    assert _ids(filled, text=text) == expected


def test_filters_combine(filled: SQLStore) -> None:
    assert _ids(filled, actor="NATO", quad_class=3, since="2017-04") == [
        "b-kaliningrad-e1",
        "b-kaliningrad-e2",
    ]
    assert _ids(filled, actor="NATO", country="DEU") == []


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("goldstein", "b-kaliningrad-e1", "a-nato-request-e1"),
        ("-goldstein", "a-nato-request-e1", "b-kaliningrad-e1"),
        ("source", "a-nato-request-e2", "c-denial-e2"),  # undated and rootless last either way
        ("-date", "d-hostile-e1", "b-kaliningrad-e3"),
        ("place", "b-kaliningrad-e3", "d-hostile-e1"),
    ],
)
def test_sorting_keeps_missing_values_last(filled: SQLStore, sort: str, first: str, last: str) -> None:
    ids = _ids(filled, sort=sort)
    assert (ids[0], ids[-1]) == (first, last)
    assert sorted(ids) == sorted(ALL_IN_ORDER)


def test_every_sort_key_has_a_column() -> None:
    assert set(SORT_COLUMNS) == set(SORT_KEYS)


def test_pagination_walks_the_same_order(filled: SQLStore) -> None:
    pages = [_ids(filled, limit=3, offset=offset) for offset in (0, 3, 6, 9)]
    assert pages == [ALL_IN_ORDER[0:3], ALL_IN_ORDER[3:6], ALL_IN_ORDER[6:8], []]
    assert filled.count_events(EventFilter(limit=3, offset=3)) == 8
    assert _ids(filled, limit=0) == []
    assert _ids(filled, offset=7) == ALL_IN_ORDER[7:]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"quad_class": 5}, ValueError),
        ({"limit": -1}, ValueError),
        ({"offset": -2}, ValueError),
        ({"actor": " "}, ValueError),
        ({"since": "2017-13"}, DateError),
        ({"until": "gestern"}, DateError),
        ({"since": "2017-05", "until": "2017-03"}, BackwardsRangeError),
        ({"actor": ("RUS", "NATO", "DEU")}, ValueError),
        ({"precision": "minute"}, ValueError),
        ({"sort": "colour"}, ValueError),
        ({"modality": "likely"}, ValueError),
    ],
)
def test_malformed_filters_are_refused(fields: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        EventFilter(**fields)


def test_get_event_adds_the_article(filled: SQLStore) -> None:
    _, events = kaliningrad_missiles()
    event = filled.get_event("b-kaliningrad-e1")
    assert event is not None
    article = event.pop("article")
    assert event == events[0].to_dict()
    assert event["evidence"]["text"].startswith("Die russische Armee drohte")
    assert article == {
        "id": "b-kaliningrad",
        "title": "Raketen für Kaliningrad",
        "url": "https://example.org/b-kaliningrad",
        "outlet": "Beispielblatt",
        "published": "2017-04-12",
    }
    assert filled.get_event("no-such-event") is None


def test_get_article_has_text_sentences_mentions_and_events(filled: SQLStore) -> None:
    article = filled.get_article("a-nato-request")
    assert article is not None
    assert article["published"] == {
        "value": "2017-03-30",
        "granularity": "day",
        "earliest": "2017-03-30",
        "latest": "2017-03-30",
    }
    assert article["language"] == "de"
    assert [s["index"] for s in article["sentences"]] == [0, 1, 2]
    for sentence in article["sentences"]:
        assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    assert [(m["kind"], m["text"]) for m in article["mentions"]] == [
        ("actor", "Nato"),
        ("actor", "Russland"),
        ("time", "Donnerstag"),
    ]
    assert article["mentions"][1]["country"] == "RUS"
    assert article["mentions"][2]["time_value"] == "2017-03-30"
    assert [e["id"] for e in article["events"]] == ["a-nato-request-e1", "a-nato-request-e2"]
    assert filled.get_article("no-such-article") is None


def test_actor_counts(filled: SQLStore) -> None:
    assert filled.actor_counts() == [
        {"root": "NATO", "sector": None, "as_source": 2, "as_target": 2, "total": 4},
        {"root": "RUS", "sector": "GOV", "as_source": 1, "as_target": 2, "total": 3},
        {"root": "FRA", "sector": "GOV", "as_source": 1, "as_target": 1, "total": 2},
        {"root": "DEU", "sector": "CVL", "as_source": 1, "as_target": 0, "total": 1},
        {"root": "DEU", "sector": "GOV", "as_source": 1, "as_target": 0, "total": 1},
        {"root": "RUS", "sector": "MIL", "as_source": 1, "as_target": 0, "total": 1},
    ]


def test_dyad_timeline_by_month_sums_both_directions(filled: SQLStore) -> None:
    assert filled.dyad_timeline("RUS", "NATO", "month") == [
        {
            "period": "2017-03-01",
            "label": "2017-03",
            "events": 2,
            "goldstein_sum": 4.0,
            "cooperation": 2,
            "conflict": 0,
            "a_to_b": 1,
            "b_to_a": 1,
        },
        {
            "period": "2017-04-01",
            "label": "2017-04",
            "events": 2,
            "goldstein_sum": -9.0,
            "cooperation": 0,
            "conflict": 2,
            "a_to_b": 1,
            "b_to_a": 1,
        },
    ]


def test_dyad_timeline_by_week_and_day(filled: SQLStore) -> None:
    weeks = filled.dyad_timeline("NATO", "RUS", "week")
    assert [(w["period"], w["label"], w["events"]) for w in weeks] == [
        ("2017-02-27", "2017-W09", 1),
        ("2017-03-27", "2017-W13", 1),
        ("2017-04-10", "2017-W15", 2),
    ]
    days = filled.dyad_timeline("rus.mil", "nato", "day")
    assert days == [
        {
            "period": "2017-04-12",
            "label": "2017-04-12",
            "events": 1,
            "goldstein_sum": -7.0,
            "cooperation": 0,
            "conflict": 1,
            "a_to_b": 1,
            "b_to_a": 0,
        },
    ]


def test_dyad_timeline_is_symmetric_up_to_direction(filled: SQLStore) -> None:
    forward = filled.dyad_timeline("DEU", "FRA", "month")
    backward = filled.dyad_timeline("FRA", "DEU", "month")
    assert [r["events"] for r in forward] == [r["events"] for r in backward] == [1]
    assert (forward[0]["a_to_b"], forward[0]["b_to_a"]) == (backward[0]["b_to_a"], backward[0]["a_to_b"])


def test_dyad_timeline_refuses_unknown_granularity(filled: SQLStore) -> None:
    with pytest.raises(ValueError, match="granularity"):
        filled.dyad_timeline("RUS", "NATO", "year")  # type: ignore[arg-type]


def test_stats(filled: SQLStore) -> None:
    stats = filled.stats()
    assert stats["articles"] == 4
    assert stats["events"] == 8
    assert stats["schema_version"] == latest_version()
    assert stats["by_type"][:2] == [{"type": "CONSULT", "count": 2}, {"type": "PROTEST", "count": 2}]
    assert sum(row["count"] for row in stats["by_type"]) == 8
    assert stats["by_language"] == [{"language": "de", "count": 6}, {"language": "en", "count": 2}]
    assert stats["articles_by_language"] == [{"language": "de", "count": 3}, {"language": "en", "count": 1}]
    assert stats["date_range"] == {"earliest": "2016-01-01", "latest": "2017-05-02"}
    assert stats["published_range"] == {"earliest": "2017-03-01", "latest": "2017-05-02"}


def test_stats_of_an_empty_store(store: SQLStore) -> None:
    stats = store.stats()
    assert (stats["articles"], stats["events"], stats["by_type"]) == (0, 0, [])
    assert stats["date_range"] == {"earliest": None, "latest": None}
