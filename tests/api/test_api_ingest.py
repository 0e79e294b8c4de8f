"""POST /articles: authentication, body checks and limits, jobs, and the real pipeline."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from api_samples import AUTH, SAMPLE_ARTICLES, TOKEN, KeywordCoder
from fastapi.testclient import TestClient

from lagebild.api import create_app
from lagebild.api.app import max_body_bytes
from lagebild.settings import Settings

ARTICLE = {
    "id": "2017-05-polen",
    "date": "2017-05-03",
    "title": "Polen und Litauen",
    "text": "Polen lieferte Litauen neue Radargeräte. Die Nato traf sich in Brüssel.",
}


def wait_for(client: TestClient, job_id: str) -> dict:
    deadline = time.monotonic() + 20
    while True:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.02)


def test_post_one_article_and_wait_returns_event_ids(client: TestClient) -> None:
    response = client.post("/articles?wait=true", json=ARTICLE, headers=AUTH)
    assert response.status_code == 200, response.text
    job = response.json()
    assert job["status"] == "done"
    assert job["articles_new"] == 1
    assert job["event_ids"] == ["2017-05-polen-e1", "2017-05-polen-e2"]
    assert client.get("/events/2017-05-polen-e1").json()["plover_type"] == "AID"
    # "date" is accepted for "published", as in the JSON Lines input.
    assert client.get("/articles/2017-05-polen").json()["published"]["value"] == "2017-05-03"


def test_post_without_wait_returns_a_job_to_poll(client: TestClient) -> None:
    response = client.post("/articles", json=SAMPLE_ARTICLES, headers=AUTH)
    assert response.status_code == 202
    assert response.headers["location"] == f"/jobs/{response.json()['id']}"
    job = wait_for(client, response.json()["id"])
    assert job["status"] == "done"
    assert job["articles_new"] == 5 and job["events_written"] == 8
    assert client.get("/stats").json()["events"] == 8


def test_posting_again_skips_stored_articles(client: TestClient, coder: KeywordCoder) -> None:
    client.post("/articles?wait=true", json=ARTICLE, headers=AUTH)
    calls = coder.calls
    again = client.post("/articles?wait=true", json=[ARTICLE, ARTICLE], headers=AUTH).json()
    assert again["articles_new"] == 0
    assert again["articles_skipped_existing"] == 2
    assert coder.calls == calls  # stored articles are not processed again
    assert client.get("/stats").json()["articles"] == 1


def test_article_without_id_gets_a_stable_one(client: TestClient) -> None:
    article = {"text": "Frankreich kritisierte Russland wegen der Manöver.", "published": "2017-09-01"}
    first = client.post("/articles?wait=true", json=article, headers=AUTH).json()
    second = client.post("/articles?wait=true", json=article, headers=AUTH).json()
    assert first["articles_new"] == 1 and second["articles_skipped_existing"] == 1
    assert first["event_ids"][0].startswith("api-")


def test_missing_date_is_a_warning(client: TestClient) -> None:
    job = client.post(
        "/articles?wait=true", json={"id": "ohne-datum", "text": "Polen traf Litauen."}, headers=AUTH
    ).json()
    assert job["articles_new"] == 1
    assert any("no publication date" in warning for warning in job["warnings"])


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer"}],
)
def test_writes_need_the_right_token(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/stats").json()["articles"] == 0


def test_writes_are_disabled_without_a_configured_token(tmp_path: Path) -> None:
    settings = Settings(api_token=None)
    with TestClient(create_app(tmp_path / "ro.duckdb", settings, process=KeywordCoder().process)) as client:
        response = client.post("/articles", json=ARTICLE, headers=AUTH)
        assert response.status_code == 403
        assert "LAGEBILD_API_TOKEN" in response.json()["error"]
        assert client.get("/events").status_code == 200


def test_server_without_token_opens_an_existing_store_read_only(settings: Settings) -> None:
    with TestClient(create_app(settings.db, settings, process=KeywordCoder().process)) as first:
        first.post("/articles?wait=true", json=ARTICLE, headers=AUTH)
    read_only = Settings(db=settings.db, api_token=None)
    app = create_app(settings.db, read_only, process=KeywordCoder().process)
    with TestClient(app) as second:
        assert app.state.lagebild.writable is False
        assert second.get("/events").json()["total"] == 2
        assert second.post("/articles", json=ARTICLE, headers=AUTH).status_code == 403


def test_serve_runs_one_uvicorn_worker(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    import uvicorn

    from lagebild.api import server

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(app=app, **options))
    server.serve(settings.db, "127.0.0.1", 8765, settings)
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8765 and seen["workers"] == 1
    assert seen["app"].title == "lagebild"
    seen["app"].state.lagebild.store.close()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "empty list"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"id": "x"}', "no text"),
        (b'{"id": "x", "text": "   "}', "empty text"),
        (b'{"id": "x", "text": "Polen traf Litauen.", "published": "2017-02-30"}', "bad publication date"),
        (b'{"id": ["x"], "text": "Polen traf Litauen."}', "id must be"),
        (b'{"id": "x", "text": 42}', "text must be a string"),
    ],
)
def test_malformed_bodies_get_400(client: TestClient, body: bytes, message: str) -> None:
    response = client.post("/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_one_bad_article_refuses_the_whole_request(client: TestClient) -> None:
    response = client.post("/articles", json=[ARTICLE, {"id": "leer", "text": ""}], headers=AUTH)
    assert response.status_code == 400
    assert response.json()["problems"] == [{"index": 1, "id": "leer", "reason": "empty text"}]
    assert client.get("/stats").json()["articles"] == 0


def test_oversized_article_text_gets_413(client: TestClient, settings: Settings) -> None:
    big = {"id": "gross", "text": "Polen traf Litauen. " * (settings.max_document_bytes // 20 + 1)}
    response = client.post("/articles", json=big, headers=AUTH)
    assert response.status_code == 413
    assert "max_document_bytes" in response.json()["error"]


def test_oversized_body_gets_413(client: TestClient, settings: Settings) -> None:
    # Each text is under max_document_bytes; together they pass the body limit.
    many = [{"id": f"a{i}", "text": "Polen traf Litauen. " * 900} for i in range(8)]
    assert len(str(many)) > max_body_bytes(settings)
    response = client.post("/articles", json=many, headers=AUTH)
    assert response.status_code == 413
    assert "body is larger than" in response.json()["error"]


def test_body_limit_holds_without_content_length(client: TestClient) -> None:
    def chunks():  # streamed: no Content-Length header, the server counts while reading
        for _ in range(200):
            yield b" " * 1000

    response = client.post(
        "/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_failing_article_is_reported_and_the_rest_stored(settings: Settings, tmp_path: Path) -> None:
    coder = KeywordCoder()

    def process(article):
        if article.id == "kaputt":
            raise RuntimeError("stage exploded")
        return coder.process(article)

    with TestClient(create_app(tmp_path / "f.duckdb", settings, process=process)) as client:
        job = client.post(
            "/articles?wait=true",
            json=[{"id": "kaputt", "text": "Polen traf Litauen."}, ARTICLE],
            headers=AUTH,
        ).json()
        assert job["status"] == "done"
        assert job["articles_new"] == 1
        assert "kaputt: processing failed" in job["problems"][0]


def test_real_pipeline_ingests_an_article(settings: Settings, tmp_path: Path) -> None:
    # No ``process`` given: the server builds lagebild's own pipeline when the first article arrives.
    article = {
        "id": "echt-1",
        "published": "2017-03-30",
        "language": "de",
        "text": "Die Nato hat Russland am Donnerstag aufgefordert, seine Truppen von der Grenze abzuziehen.",
    }
    with TestClient(create_app(tmp_path / "real.duckdb", settings)) as client:
        job = client.post("/articles?wait=true", json=article, headers=AUTH).json()
        assert job["status"] == "done" and job["articles_new"] == 1, job
        stored = client.get("/articles/echt-1").json()
        assert stored["text"] == article["text"]
        assert len(stored["sentences"]) == 1
        assert job["event_ids"] and len(job["event_ids"]) == len(stored["events"])
        event = client.get(f"/events/{job['event_ids'][0]}").json()
        assert event["evidence_text"] == article["text"]
        assert {event["source_org"], event["target_country"]} == {"NATO", "RUS"}
