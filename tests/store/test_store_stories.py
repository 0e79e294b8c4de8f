"""Stories: the same event reported by many articles is one story with its mentions, on both backends.

The reports are written for these tests: one German or English sentence per article about one
event, with the coded event built by hand (``store_samples.make_event``), so that each test
controls type, actors, dates and outlets exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from store_samples import actor, make_doc, make_event

from lagebild.model import Doc, Event
from lagebild.store import EventFilter, open_store
from lagebild.store.sql_store import SQLStore
from lagebild.store.stories import STORY_COLUMN_TYPES, outlet_key, story_id_for

RUSSIA = actor("Russland", "Russland", country="RUS", sector="GOV")
RUSSIA_EN = actor("Russia", "Russia", country="RUS", sector="GOV")
UKRAINE = actor("Ukraine", "Ukraine", country="UKR")
GERMANY = actor("Berlin", "Bundesregierung", country="DEU", sector="GOV")
FRANCE = actor("Paris", "Frankreich", country="FRA", sector="GOV")

GERMAN_REPORTS = (
    "Russland hat die Ukraine am Dienstag mit Raketen angegriffen, teilte die Regierung in Kiew mit.",
    "Nach Angaben aus Kiew hat Russland die Ukraine in der Nacht erneut angegriffen.",
    "Russland griff die Ukraine am Dienstagmorgen an, berichteten Augenzeugen.",
    "Die Ukraine wurde am Dienstag von Russland angegriffen, meldete der Zivilschutz.",
)
ENGLISH_REPORTS = (
    "Russia attacked Ukraine with missiles on Tuesday, officials in Kyiv said.",
    "Russia launched an attack on Ukraine overnight, according to the Ukrainian air force.",
    "Witnesses said Russia attacked Ukraine early on Tuesday morning.",
    "Ukraine was attacked by Russia on Tuesday, the emergency service reported.",
)
TRIGGERS = {
    GERMAN_REPORTS[0]: "angegriffen",
    GERMAN_REPORTS[1]: "angegriffen",
    GERMAN_REPORTS[2]: "griff",
    GERMAN_REPORTS[3]: "angegriffen",
    ENGLISH_REPORTS[0]: "attacked",
    ENGLISH_REPORTS[1]: "attack",
    ENGLISH_REPORTS[2]: "attacked",
    ENGLISH_REPORTS[3]: "attacked",
}


def report(
    article_id: str,
    *,
    number: int = 0,
    published: str = "2022-03-02",
    date: str | None = "2022-03-01",
    outlet: str | None = None,
    url: str | None = None,
    type: str | None = "ASSAULT",
    cameo: str = "190",
    target: bool = True,
) -> tuple[Doc, list[Event]]:
    """One article reporting the attack, in German for even numbers and English for odd ones."""
    german = number % 2 == 0
    sentence = (GERMAN_REPORTS if german else ENGLISH_REPORTS)[number // 2 % 4]
    doc = make_doc(article_id, [sentence], published, language="de" if german else "en", outlet=outlet)
    doc = replace(doc, article=replace(doc.article, url=url or f"https://example.org/{article_id}"))
    event = make_event(
        doc,
        1,
        0,
        TRIGGERS[sentence],
        source=RUSSIA if german else RUSSIA_EN,
        target=UKRAINE if target else None,
        type=type,  # type: ignore[arg-type]
        cameo=cameo,
        goldstein=-10.0,
        quad_class=4,
        date=date,
    )
    return doc, [event]


def forty_outlets() -> list[tuple[Doc, list[Event]]]:
    """Forty articles about one attack: 36 from named outlets (two of them twice) and four known
    only by their address; published on the day after, dated that day or the day before."""
    items = []
    for number in range(40):
        if number < 36:
            outlet, url = f"Zeitung {number % 34}", None  # numbers 34 and 35 repeat outlets 0 and 1
        else:
            outlet, url = None, f"https://www.news{number}.example.com/world/{number}"
        date = "2022-03-01" if number % 3 else "2022-03-02"
        items.append(report(f"attack-{number:02d}", number=number, date=date, outlet=outlet, url=url))
    return items


def stories(store: SQLStore, **filters: object) -> list[dict[str, object]]:
    return store.query_stories(EventFilter(**filters))  # type: ignore[arg-type]


def membership(store: SQLStore) -> dict[str, list[str]]:
    """Every story id with the event ids of its mentions."""
    found = {}
    for story in stories(store):
        record = store.get_story(str(story["story_id"]))
        assert record is not None
        found[str(story["story_id"])] = sorted(m["event_id"] for m in record["events"])
    return found


def test_forty_outlets_reporting_one_attack_are_one_story_with_forty_mentions(store: SQLStore) -> None:
    items = forty_outlets()
    store.write_batch(items[:25])
    store.write_batch(items[25:])
    (story,) = stories(store)
    assert story["mentions"] == 40
    assert story["articles"] == 40
    assert story["outlets"] == 38  # 34 named outlets and four hosts
    assert (story["type"], story["source_root"], story["target_root"]) == ("ASSAULT", "RUS", "UKR")
    assert story["event_date"] == "2022-03-01"  # what most reports say
    assert (story["event_date_first"], story["event_date_last"]) == ("2022-03-01", "2022-03-02")
    assert (story["first_seen"], story["last_seen"]) == ("2022-03-02", "2022-03-02")
    first = min((e.date.earliest, e.id) for _, events in items for e in events if e.date)[1]
    assert story["story_id"] == story_id_for(first)
    assert story["first_event_id"] == first
    record = store.get_story(str(story["story_id"]))
    assert record is not None
    mentions = record["events"]
    assert len(mentions) == 40
    expected = {e.id: e.evidence.text for _, events in items for e in events}
    assert {m["event_id"]: m["evidence_text"] for m in mentions} == expected
    for mention in mentions:
        text = store.get_article(mention["article_id"])["text"]  # type: ignore[index]
        assert text[mention["evidence_start"] : mention["evidence_end"]] == mention["evidence_text"]
    assert store.count_stories(EventFilter()) == 1


def test_reports_outside_the_window_are_two_stories(store: SQLStore) -> None:
    items = [
        report("tuesday-a", number=0, date="2022-03-01"),
        report("wednesday", number=1, date="2022-03-02", published="2022-03-03"),
        report(
            "thursday", number=2, date="2022-03-03", published="2022-03-03"
        ),  # 2 days after Tuesday: one span
        report(
            "friday", number=3, date="2022-03-04", published="2022-03-05"
        ),  # 3 days after Tuesday: next story
        report("saturday", number=4, date="2022-03-05", published="2022-03-05"),
        report("a-week-later", number=5, date="2022-03-08", published="2022-03-08"),
    ]
    store.write_batch(items)
    found = sorted(stories(store), key=lambda s: str(s["event_date_first"]))
    assert [(s["event_date_first"], s["event_date_last"], s["mentions"]) for s in found] == [
        ("2022-03-01", "2022-03-03", 3),
        ("2022-03-04", "2022-03-05", 2),
        ("2022-03-08", "2022-03-08", 1),
    ]


def test_type_source_and_target_each_separate_stories(store: SQLStore) -> None:
    store.write_batch(
        [
            report("assault", number=0),
            report("threat", number=1, type="THREATEN", cameo="138"),
            report("no-target", number=2, target=False),
            # Without a PLOVER type the CAMEO root decides: 190 and 193 are both root 19.
            report("cameo-a", number=3, type=None, cameo="190"),
            report("cameo-b", number=4, type=None, cameo="193"),
            report("cameo-c", number=5, type=None, cameo="180"),
        ]
    )
    found = {(s["type"], s["cameo_root"], s["target_root"]): s["mentions"] for s in stories(store)}
    assert found == {
        ("ASSAULT", "19", "UKR"): 1,
        ("THREATEN", "13", "UKR"): 1,
        ("ASSAULT", "19", None): 1,
        (None, "19", "UKR"): 2,
        (None, "18", "UKR"): 1,
    }


def test_undated_reports_group_only_by_publication_day(store: SQLStore) -> None:
    store.write_batch(
        [
            report("undated-1", number=0, date=None, published="2022-03-02"),
            report("undated-2", number=1, date=None, published="2022-03-02"),
            report("month-only", number=2, date="2022-03", published="2022-03-02"),
            report("undated-3", number=3, date=None, published="2022-03-03"),
            report("no-day-1", number=4, date=None, published="2022-03"),
            report("no-day-2", number=5, date=None, published="2022-03"),
            report("dated", number=6, date="2022-03-02", published="2022-03-02"),
        ]
    )
    groups = sorted(
        (s["mentions"], s["event_date"] or "", s["first_seen"], s["last_seen"]) for s in stories(store)
    )
    assert groups == [
        (1, "", "2022-03-01", "2022-03-31"),  # no publication day: each report alone
        (1, "", "2022-03-01", "2022-03-31"),
        (1, "", "2022-03-03", "2022-03-03"),
        (1, "2022-03-02", "2022-03-02", "2022-03-02"),
        (3, "", "2022-03-02", "2022-03-02"),  # undated and month-dated, published the same day
    ]


def test_stories_do_not_depend_on_the_order_of_batches_and_a_rebuild_gives_the_same(
    location: Path | str, tmp_path: Path
) -> None:
    items = forty_outlets() + [
        report(
            f"later-{n}",
            number=n,
            date=f"2022-03-{5 + n // 3 * 4:02d}",
            published=f"2022-03-{5 + n // 3 * 4:02d}",
        )
        for n in range(9)
    ]
    shuffled = list(items)
    random.Random(13).shuffle(shuffled)
    with open_store(location) as first:
        assert isinstance(first, SQLStore)
        for start in range(0, len(shuffled), 7):
            first.write_batch(shuffled[start : start + 7])
        incremental = membership(first)
        rebuilt = first.rebuild_stories()
        assert (rebuilt.stories, rebuilt.mentions, rebuilt.window_days) == (len(incremental), len(items), 1)
        assert membership(first) == incremental
    with open_store(tmp_path / "ordered.duckdb") as second:
        assert isinstance(second, SQLStore)
        second.write_batch(items)
        assert membership(second) == incremental
    assert sum(len(ids) for ids in incremental.values()) == len(items)
    assert len(incremental) == 4  # the attack, then one story on each of three later days


def test_a_rebuild_with_a_wider_window_merges_stories_and_is_kept_for_new_batches(store: SQLStore) -> None:
    store.write_batch(
        [report("tuesday", number=0, date="2022-03-01"), report("friday", number=1, date="2022-03-04")]
    )
    assert store.story_window() == 1
    assert len(stories(store)) == 2
    assert store.rebuild_stories(window_days=2).stories == 1
    assert store.story_window() == 2
    store.write_batch([report("saturday", number=2, date="2022-03-05")])  # within 4 days of Tuesday
    (story,) = stories(store)
    assert story["mentions"] == 3
    with pytest.raises(ValueError, match="between 0 and"):
        store.rebuild_stories(window_days=-1)


def test_filters_select_stories_by_their_mentions(store: SQLStore) -> None:
    store.write_batch(forty_outlets()[:6])
    store.write_batch(
        [
            report(
                "consult", number=1, type="CONSULT", cameo="040", date="2022-03-10", published="2022-03-10"
            ),
        ]
    )
    assert len(stories(store)) == 2
    assert [s["type"] for s in stories(store, type="ASSAULT")] == ["ASSAULT"]
    assert store.count_stories(EventFilter(actor="UKR", language="en")) == 2
    assert store.count_stories(EventFilter(outlet="Zeitung 3")) == 1
    assert store.count_stories(EventFilter(since="2022-03-05")) == 1
    assert store.count_stories(EventFilter(text="'); DROP TABLE stories; --")) == 0
    by_size = store.query_stories(EventFilter(limit=1), sort="-mentions")
    assert [s["mentions"] for s in by_size] == [6]
    assert [s["type"] for s in store.query_stories(EventFilter(limit=1, offset=1), sort="-mentions")] == [
        "CONSULT"
    ]
    with pytest.raises(ValueError, match="sort must be one of"):
        store.query_stories(EventFilter(), sort="goldstein")
    assert store.get_story("no-such-story") is None


def test_stories_export_as_csv_jsonl_and_parquet(store: SQLStore, tmp_path: Path) -> None:
    store.write_batch(forty_outlets()[:5])
    text = io.StringIO()
    assert store.export_stories("csv", text, EventFilter()) == 1
    (row,) = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert list(row) == [name for name, _ in STORY_COLUMN_TYPES]
    assert (row["mentions"], row["outlets"], row["event_date"]) == ("5", "5", "2022-03-01")
    lines = io.StringIO()
    store.export_stories("jsonl", lines, EventFilter())
    assert json.loads(lines.getvalue())["headline"] in (GERMAN_REPORTS + ENGLISH_REPORTS)
    out = tmp_path / "stories.parquet"
    assert store.export_stories("parquet", out, EventFilter()) == 1
    table = pq.read_table(out)
    assert table.column("event_date").to_pylist() == [dt.date(2022, 3, 1)]
    assert table.column("mentions").to_pylist() == [5]


def test_every_event_written_belongs_to_exactly_one_story(store: SQLStore) -> None:
    items = forty_outlets()
    store.write_batch(items)
    store.write_batch(items[:3])  # known articles add nothing
    assert store.events_without_story() == 0
    assert sum(int(s["mentions"]) for s in stories(store)) == store.count_events(EventFilter()) == 40


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("Der Spiegel", "https://www.spiegel.de/a", "Der Spiegel"),
        (None, "https://www.spiegel.de/politik/a", "spiegel.de"),
        ("  ", "https://EDITION.cnn.com:443/x", "edition.cnn.com"),
        (None, "not an address", None),
        (None, None, None),
    ],
)
def test_an_outlet_is_the_article_outlet_else_its_host(
    outlet: str | None, url: str | None, expected: str | None
) -> None:
    assert outlet_key(outlet, url) == expected


def snapshot(store: SQLStore) -> tuple[list[dict[str, object]], dict[str, list[str]]]:
    """Every story row (by id) and the event ids of every story."""
    return sorted(stories(store), key=lambda s: str(s["story_id"])), membership(store)


def assert_as_rebuilt(store: SQLStore) -> None:
    """The stories kept up to date batch by batch are exactly those a rebuild makes."""
    written = snapshot(store)
    assert store.events_without_story() == 0
    store.rebuild_stories()
    assert snapshot(store) == written


def day_report(
    article_id: str, day: str, number: int = 0, published: str | None = None, **fields: object
) -> tuple[Doc, list[Event]]:
    """A report of the attack dated on ``day`` of March 2022 (``02-28``: of February), published
    that day unless ``published`` says otherwise."""
    date = f"2022-{day}" if "-" in day else f"2022-03-{day}"
    return report(article_id, number=number, date=date, published=published or date, **fields)  # type: ignore[arg-type]


def test_batches_that_move_story_boundaries_give_the_stories_of_a_rebuild(store: SQLStore) -> None:
    # Tuesday, Saturday and the Wednesday after: three stories (a story spans three days).
    store.write_batch([day_report("a1", "01"), day_report("a2", "05", 1), day_report("a3", "09", 2)])
    store.write_batch([day_report("other-lane", "01", target=False)])
    assert_as_rebuilt(store)
    assert len(stories(store)) == 4
    # Friday: it starts a story that takes Saturday's report from the story Saturday began.
    store.write_batch([day_report("bridge", "04", 3)])
    assert_as_rebuilt(store)
    assert {tuple(ids) for ids in membership(store).values()} == {
        ("a1-e1",),
        ("a2-e1", "bridge-e1"),
        ("a3-e1",),
        ("other-lane-e1",),
    }
    # Thursday joins Tuesday's story; then a Monday report regroups all of them: Monday with
    # Tuesday, and Thursday with Friday and Saturday (it bridges the two earlier stories).
    store.write_batch([day_report("c", "03", 4)])
    assert_as_rebuilt(store)
    store.write_batch([day_report("early", "02-28", 5)])
    assert_as_rebuilt(store)
    assert {tuple(ids) for ids in membership(store).values()} == {
        ("a1-e1", "early-e1"),
        ("a2-e1", "bridge-e1", "c-e1"),
        ("a3-e1",),
        ("other-lane-e1",),
    }
    # A report of the same Monday with a smaller event id becomes the story's first mention.
    early = story_id_for("early-e1")
    store.write_batch([day_report("aaa", "02-28", 6), day_report("a1", "01")])  # a1 is known: skipped
    assert_as_rebuilt(store)
    assert early not in membership(store)
    assert story_id_for("aaa-e1") in membership(store)
    # Re-coding (which keeps an article's publication day) moves the first Monday report three
    # weeks on: the other one becomes the first of Monday's story again.
    monday = "2022-02-28"
    store.replace_coding([day_report("aaa", "20", 6, published=monday)])
    assert_as_rebuilt(store)
    assert early in membership(store)
    # Then the other Monday report too, and the bridge loses its event: the stories before
    # Monday's return, Saturday's report starts its story again.
    store.replace_coding(
        [day_report("early", "21", 5, published=monday), (day_report("bridge", "04")[0], [])]
    )
    assert_as_rebuilt(store)
    assert {tuple(ids) for ids in membership(store).values()} == {
        ("a1-e1", "c-e1"),
        ("a2-e1",),
        ("a3-e1",),
        ("aaa-e1", "early-e1"),
        ("other-lane-e1",),
    }


def test_a_change_that_shifts_every_later_story_of_a_long_lane_is_followed_to_its_end(
    store: SQLStore,
) -> None:
    # A report every other day for two months: stories of two reports each (1+3, 5+7, ...).
    store.write_batch(
        [
            day_report(f"r{n:02d}", f"{dt.date(2022, 3, 1) + dt.timedelta(days=2 * n):%m-%d}", n)
            for n in range(30)
        ]
    )
    assert len(stories(store)) == 15
    # One report the day before the first shifts every boundary after it (0+1, 3+5, 7+9, ...),
    # far past the days a batch reads ahead at first.
    store.write_batch([day_report("first", "02-28", 31)])
    assert_as_rebuilt(store)
    assert sorted(len(ids) for ids in membership(store).values()) == [1] + [2] * 15


def test_random_batches_and_recodings_give_the_stories_of_a_rebuild(store: SQLStore) -> None:
    rng = random.Random(7)
    lanes: tuple[dict[str, str | bool], ...] = ({}, {"target": False}, {"type": "THREATEN", "cameo": "138"})
    articles: dict[str, tuple[str, str | None]] = {}  # publication day and outlet, which re-coding keeps

    def random_report(article_id: str) -> tuple[Doc, list[Event]]:
        published, outlet = articles[article_id]
        day = dt.date(2022, 3, 1) + dt.timedelta(days=rng.randint(0, 20))
        date = None if rng.random() < 0.1 else day.isoformat()
        fields = rng.choice(lanes)
        return report(
            article_id, number=rng.randint(0, 7), date=date, published=published, outlet=outlet, **fields
        )  # type: ignore[arg-type]

    for batch in range(8):
        fresh = [f"b{batch}-{n}" for n in range(rng.randint(1, 8))]
        for article_id in fresh:
            published = dt.date(2022, 3, 1) + dt.timedelta(days=rng.randint(0, 20))
            articles[article_id] = (published.isoformat(), rng.choice(["Zeitung A", "Zeitung B", None]))
        store.write_batch([random_report(article_id) for article_id in fresh])
        if batch % 3 == 2:
            store.replace_coding(
                [random_report(article_id) for article_id in rng.sample(sorted(articles), 3)]
            )
        assert_as_rebuilt(store)
