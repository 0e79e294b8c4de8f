"""GET /stories, GET /stories/{id} and the dashboard's stories pages, over articles posted to the
server and coded by the keyword coder of ``api_samples``."""

from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq
import pytest
from api_samples import AUTH
from fastapi.testclient import TestClient

HOSTILE = '<script>alert("x")</script>'
SHELLING = [
    {
        "id": f"shelling-{number}",
        "outlet": outlet,
        "published": "2022-03-02",
        "text": f"Russland beschoss nach Angaben aus Warschau am Morgen Ziele in Polen. {extra}",
    }
    for number, (outlet, extra) in enumerate(
        [
            ("Tagesblatt", "Die Regierung rief den Sicherheitsrat an."),
            ("Abendpost", "Es gab keine Verletzten."),
            ("Rundschau", "Der Botschafter wurde einbestellt."),
            ("Tagesblatt", "Die Lage an der Grenze blieb angespannt."),
            (HOSTILE, f"Ein Leser schrieb {HOSTILE} in das Forum."),
        ]
    )
]
OTHERS = [
    {
        "id": "meeting",
        "outlet": "Rundschau",
        "published": "2022-03-10",
        "text": "Die Bundesregierung traf sich in Brüssel mit Frankreich.",
    },
    {
        "id": "late-shelling",
        "outlet": "Abendpost",
        "published": "2022-03-20",
        "text": "Russland beschoss erneut Ziele in Polen.",
    },
]


@pytest.fixture
def stories_client(client: TestClient) -> TestClient:
    response = client.post("/articles?wait=true", json=SHELLING + OTHERS, headers=AUTH)
    assert response.status_code == 200, response.text
    return client


def test_stories_count_each_reported_event_once(stories_client: TestClient) -> None:
    page = stories_client.get("/stories").json()
    assert page["total"] == page["count"] == 3
    assert page["story_window_days"] == 1
    first = page["stories"][0]
    assert (first["type"], first["source_root"], first["target_root"]) == ("ASSAULT", "RUS", "POL")
    assert (first["mentions"], first["articles"], first["outlets"]) == (5, 5, 4)
    assert first["event_date"] == first["first_seen"] == "2022-03-02"
    by_size = stories_client.get("/stories", params={"sort": "-mentions", "limit": 1}).json()
    assert [s["story_id"] for s in by_size["stories"]] == [first["story_id"]]
    assert by_size["next"] and "sort=-mentions" in by_size["next"]
    follow = stories_client.get(by_size["next"]).json()
    assert follow["offset"] == 1 and follow["stories"][0]["mentions"] == 1


def test_stories_take_the_filters_of_events(stories_client: TestClient) -> None:
    def total(**params: str) -> int:
        response = stories_client.get("/stories", params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])

    assert total(actor="Polen") == 2
    assert total(type="CONSULT") == 1
    assert total(outlet="Tagesblatt") == 1
    assert total(since="2022-03-15") == 1
    assert total(text="Warschau") == 1
    bad = stories_client.get("/stories", params={"sort": "goldstein"})
    assert bad.status_code == 400 and bad.json()["parameter"] == "sort"
    unknown = stories_client.get("/stories", params={"actor": "Atlantis"})
    assert unknown.status_code == 400


def test_one_story_links_each_mention_to_its_evidence(stories_client: TestClient) -> None:
    first = stories_client.get("/stories", params={"sort": "-mentions"}).json()["stories"][0]
    story = stories_client.get(f"/stories/{first['story_id']}").json()
    assert len(story["events"]) == 5
    assert {m["article_id"] for m in story["events"]} == {a["id"] for a in SHELLING}
    for mention in story["events"]:
        article = stories_client.get(f"/articles/{mention['article_id']}").json()
        assert (
            article["text"][mention["evidence_start"] : mention["evidence_end"]] == mention["evidence_text"]
        )
        event = stories_client.get(f"/events/{mention['event_id']}").json()
        assert event["evidence_text"] == mention["evidence_text"]
    missing = stories_client.get("/stories/no-such-story")
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_stories_download_as_csv_and_parquet(stories_client: TestClient) -> None:
    response = stories_client.get("/stories", params={"format": "csv", "actor": "Polen"})
    assert response.status_code == 200
    assert response.headers["x-total-count"] == "2"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(int(row["mentions"]) for row in rows) == [1, 5]
    parquet = stories_client.get("/stories", params={"format": "parquet"})
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == 3


def test_the_dashboard_shows_stories_with_escaped_text(stories_client: TestClient) -> None:
    listing = stories_client.get("/ui/stories", params={"sort": "-mentions"})
    assert listing.status_code == 200
    assert 'href="/ui/stories"' in listing.text  # in the navigation
    assert "<script>alert" not in listing.text
    first = stories_client.get("/ui/stories.json", params={"sort": "-mentions"}).json()["stories"][0]
    detail = stories_client.get(f"/ui/stories/{first['story_id']}")
    assert detail.status_code == 200
    assert "5 mentions in 5 articles from 4 outlets" in detail.text
    assert "<script>alert" not in detail.text and "&lt;script&gt;alert" in detail.text
    assert stories_client.get("/ui/stories/nothing-here").status_code == 404
    assert stories_client.get("/ui/stories", params={"sort": "nonsense"}).status_code == 400
