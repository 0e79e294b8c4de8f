"""Read endpoints over the sample articles: filters, paging, CSV, single records, summaries."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
from api_samples import AUTH, SAMPLE_EVENTS
from fastapi.testclient import TestClient

from lagebild.store.table import COLUMN_NAMES


def ids(response_json: dict) -> list[str]:
    return [event["event_id"] for event in response_json["events"]]


def test_events_lists_all_with_total(reader: TestClient) -> None:
    body = reader.get("/events").json()
    assert body["total"] == SAMPLE_EVENTS
    assert body["count"] == SAMPLE_EVENTS
    assert body["offset"] == 0
    assert body["next"] is None
    # Ordered by date: the March request comes first, the January 2018 threat last.
    assert body["events"][0]["event_id"] == "2017-03-nato-forderung-e1"
    assert body["events"][-1]["event_id"] == "2018-01-kritik-e2"


def test_events_pages_are_disjoint_and_linked(reader: TestClient) -> None:
    first = reader.get("/events", params={"limit": 3}).json()
    assert first["total"] == SAMPLE_EVENTS and first["count"] == 3
    assert first["next"] == f"/events?limit=3&cursor={first['next_cursor']}"
    second = reader.get(first["next"]).json()
    assert second["offset"] == 3 and second["previous"] == "/events?limit=3&offset=0"
    last = reader.get(second["next"]).json()
    assert last["offset"] == 6 and last["count"] == 2
    assert last["next"] is None and last["next_cursor"] is None
    seen = ids(first) + ids(second) + ids(last)
    assert len(set(seen)) == SAMPLE_EVENTS
    # A small offset still reaches the same page as the cursor.
    assert ids(reader.get("/events", params={"limit": 3, "offset": 6}).json()) == ids(last)


def test_paging_links_keep_the_filters(reader: TestClient) -> None:
    body = reader.get("/events", params={"actor": "rus", "limit": 2}).json()
    assert body["next"] == f"/events?actor=rus&limit=2&cursor={body['next_cursor']}"
    between = reader.get("/events", params={"actor": ["Russland", "NATO"], "limit": 1}).json()
    assert between["next"] == f"/events?actor=Russland&actor=NATO&limit=1&cursor={between['next_cursor']}"
    assert between["notes"] == ["actor 'Russland': Russia (RUS)"]


def test_actor_filter_matches_source_or_target_and_sector(reader: TestClient) -> None:
    nato = ids(reader.get("/events", params={"actor": "NATO"}).json())
    assert nato == ["2017-03-nato-forderung-e1", "2017-04-raketen-e1", "2017-06-gespraech-e1"]
    military = ids(reader.get("/events", params={"actor": "rus.mil"}).json())
    assert military == ["2017-04-raketen-e1"]


def test_type_quad_country_and_text_filters(reader: TestClient) -> None:
    assert ids(reader.get("/events", params={"type": "disapprove"}).json()) == [
        "2017-04-raketen-e2",
        "2018-01-kritik-e1",
    ]
    assert ids(reader.get("/events", params={"type": "13"}).json()) == [
        "2017-04-raketen-e1",
        "2018-01-kritik-e2",
    ]
    assert ids(reader.get("/events", params={"quad_class": 2}).json()) == ["2017-04-hilfe-e1"]
    assert ids(reader.get("/events", params={"country": "POL"}).json()) == [
        "2017-04-hilfe-e1",
        "2017-06-gespraech-e1",
        "2018-01-kritik-e2",
    ]
    assert ids(reader.get("/events", params={"text": "GRENZSCHUTZ"}).json()) == ["2017-04-hilfe-e1"]
    assert reader.get("/events", params={"modality": "negated"}).json()["total"] == 0


def test_date_filters_overlap_periods(reader: TestClient) -> None:
    april = reader.get("/events", params={"since": "2017-04", "until": "2017-04"}).json()
    assert april["total"] == 3
    assert reader.get("/events", params={"since": "2018"}).json()["total"] == 2
    assert reader.get("/events", params={"until": "2017-03-30"}).json()["total"] == 2


def test_csv_has_the_table_columns_and_respects_filters(reader: TestClient) -> None:
    response = reader.get("/events", params={"format": "csv", "actor": "NATO"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-total-count"] == "3"
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["event_id"] for row in rows] == [
        "2017-03-nato-forderung-e1",
        "2017-04-raketen-e1",
        "2017-06-gespraech-e1",
    ]
    assert rows[1]["source_country"] == "RUS" and rows[1]["source_sector"] == "MIL"
    assert rows[1]["place_name"] == "Kaliningrad" and rows[1]["title"] == "Raketen nach Kaliningrad"
    assert list(rows[0]) == list(COLUMN_NAMES)


def test_csv_paging(reader: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(reader.get("/events?format=csv&limit=2&offset=1").text)))
    assert [row["event_id"] for row in rows] == ["2017-03-nato-forderung-e2", "2017-04-raketen-e1"]


def test_downloads_have_no_row_limit_and_every_format(client: TestClient) -> None:
    # 1,200 events: more than a JSON page may hold, all of them in one download.
    articles = [
        {"id": f"a-{n}", "published": "2017-05-01", "text": "Polen traf Litauen. " * 3} for n in range(400)
    ]
    assert client.post("/articles?wait=true", json=articles, headers=AUTH).status_code == 200
    assert client.get("/events", params={"limit": 1200}).status_code == 400
    rows = list(csv.DictReader(io.StringIO(client.get("/events?format=csv").text)))
    assert len(rows) == 1200 and len({row["event_id"] for row in rows}) == 1200
    lines = client.get("/events?format=jsonl&type=CONSULT").text.splitlines()
    assert len(lines) == 1200 and json.loads(lines[0])["cameo_code"] == "040"
    response = client.get("/events?format=parquet&limit=1100")
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    assert response.headers["x-total-count"] == "1200"
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == 1100 and str(table.schema.field("cameo_code").type) == "string"
    gdelt = client.get("/events?format=csv&profile=gdelt&limit=1").text
    assert gdelt.startswith("GLOBALEVENTID,SQLDATE,")


def test_filters_that_understand_people(reader: TestClient) -> None:
    def total(**params: str | list[str]) -> int:
        response = reader.get("/events", params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])

    assert total(country="Polen") == total(country="PL") == total(country="POL") == 3
    assert total(actor=["Russland", "Nato"]) == 3
    assert total(actor="Kreml") == total(actor="RUS.GOV") == 5  # the Kremlin is Russia's government
    assert total(actor="Moskau", type="threaten") == 1
    assert total(type="disapprove") == total(type="ACCUSE") == 2
    assert total(type="Threaten") == total(type="13") == 2
    assert total(quad_class="material cooperation") == 1
    assert total(outlet="morgenpost") == 2
    assert total(place="(none)") == 4
    bad = reader.get("/events", params={"actor": "Putn"}).json()
    assert bad["parameter"] == "actor" and bad["suggestions"][0] == "Putin"
    assert "did you mean 'Putin'" in bad["error"]


def test_sorting(reader: TestClient) -> None:
    rows = reader.get("/events", params={"sort": "-goldstein", "limit": 2}).json()
    assert [r["goldstein"] for r in rows["events"]] == [7.0, 3.0]
    assert rows["next"] == f"/events?sort=-goldstein&limit=2&cursor={rows['next_cursor']}"
    following = reader.get(rows["next"]).json()
    scores = [r["goldstein"] for r in following["events"]]
    assert len(scores) == 2 and scores == sorted(scores, reverse=True) and scores[0] <= 3.0


def test_one_event_is_its_row(reader: TestClient) -> None:
    event = reader.get("/events/2017-04-raketen-e2").json()
    assert event["plover_type"] == "DISAPPROVE"
    assert event["evidence_text"] == "Litauen kritisierte Moskau daraufhin scharf."
    assert event["article_id"] == "2017-04-raketen"
    assert event["title"] == "Raketen nach Kaliningrad"
    assert list(event) == list(COLUMN_NAMES)


def test_one_article_with_text_sentences_and_events(reader: TestClient) -> None:
    article = reader.get("/articles/2017-04-hilfe").json()
    assert article["text"].startswith("Polen lieferte Litauen in Vilnius")
    assert article["published"]["value"] == "2017-04-20"
    assert len(article["sentences"]) == 2
    assert [e["event_id"] for e in article["events"]] == ["2017-04-hilfe-e1"]


def test_actors_with_counts(reader: TestClient) -> None:
    body = reader.get("/actors").json()
    by_root = {(a["root"], a["sector"]): a for a in body["actors"]}
    assert by_root[("NATO", None)] == {
        "root": "NATO",
        "sector": None,
        "as_source": 2,
        "as_target": 1,
        "total": 3,
    }
    assert by_root[("RUS", "MIL")]["as_source"] == 1
    assert body["count"] == len(body["actors"])


def test_dyad_timeline_by_month_and_day(reader: TestClient) -> None:
    body = reader.get("/dyads/NATO/RUS/timeline").json()
    assert body["granularity"] == "month"
    assert [(p["label"], p["cooperation"], p["conflict"], p["goldstein_sum"]) for p in body["periods"]] == [
        ("2017-03", 1, 0, 3.0),
        ("2017-04", 0, 1, -7.0),
        ("2017-06", 1, 0, 1.0),
    ]
    first = body["periods"][0]
    assert (first["first_day"], first["last_day"]) == ("2017-03-01", "2017-03-31")
    by_name = reader.get("/dyads/Nato/Russland/timeline").json()
    assert by_name["periods"] == body["periods"] and by_name["b_label"] == "Russia (RUS)"
    days = reader.get("/dyads/nato/rus/timeline", params={"granularity": "day"}).json()
    assert [p["label"] for p in days["periods"]] == ["2017-03-30", "2017-04-12", "2017-06-02"]
    military = reader.get("/dyads/RUS.MIL/NATO/timeline").json()
    assert military["events"] == 1 and military["periods"][0]["a_to_b"] == 1


def test_dyad_timeline_by_week(reader: TestClient) -> None:
    body = reader.get("/dyads/NATO/RUS/timeline?granularity=week").json()
    assert [p["label"] for p in body["periods"]] == ["2017-W13", "2017-W15", "2017-W22"]


def test_stats(reader: TestClient) -> None:
    stats = reader.get("/stats").json()
    assert stats["articles"] == 5
    assert stats["events"] == SAMPLE_EVENTS
    assert {"type": "THREATEN", "count": 2} in stats["by_type"]
    assert stats["published_range"] == {"earliest": "2017-03-30", "latest": "2018-01-15"}


def test_empty_store_reads(client: TestClient) -> None:
    assert client.get("/events").json()["total"] == 0
    assert client.get("/actors").json() == {"count": 0, "actors": []}
    assert client.get("/dyads/NATO/RUS/timeline").json()["periods"] == []
    assert client.get("/stats").json()["events"] == 0
