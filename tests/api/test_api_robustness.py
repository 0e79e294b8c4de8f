"""Failures of every kind get a JSON body and the security headers; one article never holds up a job."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from api_samples import AUTH, KeywordCoder
from fastapi.testclient import TestClient

from lagebild.api import create_app
from lagebild.api.app import SECURITY_HEADERS
from lagebild.model import Article, Doc
from lagebild.settings import Settings
from lagebild.store import open_store

ARTICLE = {"id": "a1", "published": "2017-03-30", "text": "Die Nato forderte Russland zum Abzug auf."}


def assert_json_error(response: object, status: int) -> dict[str, object]:
    """The response is a JSON error with the status in its body and every security header."""
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["content-type"] == "application/json"
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert headers["content-security-policy"].startswith("default-src 'none'")
    body = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status and body["error"]
    return body  # type: ignore[no-any-return]


def test_an_unexpected_failure_is_a_json_500_with_security_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = client.app.state.lagebild.store  # type: ignore[attr-defined]

    def broken() -> dict[str, object]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "stats", broken)
    body = assert_json_error(client.get("/stats"), 500)
    assert "disk on fire" not in str(body)  # internals stay in the log
    assert client.get("/actors").status_code == 200  # the server goes on


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
        (b'{"id": ' + b"9" * 5000 + b', "text": "Polen traf Litauen."}', "more than 4300 digits"),
        (b'{"text": "Polen traf Litauen.", "published": ' + b"1" * 5000 + b"}", "more than 4300 digits"),
        (b'{"text": "x"', "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
    ],
)
def test_hostile_bodies_get_400(client: TestClient, body: bytes, reason: str) -> None:
    response = client.post("/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert reason in str(assert_json_error(response, 400)["error"])


@pytest.mark.parametrize(
    ("article", "reason"),
    [
        ({"id": "x" * 1001, "text": "Polen traf Litauen."}, "id longer than 1000 characters"),
        ({"id": "alt", "text": "Polen traf Litauen.", "published": "0001-01-01"}, "outside the years"),
        ({"id": "nul", "text": "Polen traf Litauen.\x00"}, "NUL character"),
    ],
)
def test_unusable_articles_refuse_the_request(
    client: TestClient, article: dict[str, str], reason: str
) -> None:
    body = assert_json_error(client.post("/articles", json=[ARTICLE, article], headers=AUTH), 400)
    assert reason in str(body["error"])


def test_not_found_and_wrong_method_are_json_with_headers(client: TestClient) -> None:
    assert_json_error(client.get("/nirgends"), 404)
    assert_json_error(client.delete("/events"), 405)


def test_articles_do_not_show_local_paths(tmp_path: Path) -> None:
    settings = Settings(api_token="t")
    with open_store(tmp_path / "s.duckdb") as store:
        doc = KeywordCoder().process(
            Article(id="a1", text=ARTICLE["text"], source_path="/home/anna/geheim/a1.txt")
        )
        store.write_batch([(doc, doc.events)])
    with TestClient(create_app(tmp_path / "s.duckdb", settings)) as client:
        for path in ("/articles/a1", "/ui/articles/a1.json"):
            article = client.get(path).json()
            assert article["id"] == "a1" and "source_path" not in article
            assert "/home/anna" not in client.get(path).text
        assert "/home/anna" not in client.get("/ui/articles/a1").text


@pytest.mark.parametrize("token", ["", "   "])
def test_an_empty_token_means_no_token(tmp_path: Path, token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(api_token=token).api_token is None
    monkeypatch.setenv("LAGEBILD_API_TOKEN", token)
    settings = Settings.from_env()
    assert settings.api_token is None
    open_store(tmp_path / "s.duckdb").close()
    with TestClient(create_app(tmp_path / "s.duckdb", settings, process=KeywordCoder().process)) as client:
        assert client.app.state.lagebild.writable is False  # type: ignore[attr-defined]
        response = client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer "})
        assert "LAGEBILD_API_TOKEN" in str(assert_json_error(response, 403)["error"])


def test_csv_download_neutralises_formulas_unless_raw(client: TestClient) -> None:
    article = {"id": "f1", "published": "2017-03-30", "text": "=Die Nato forderte Russland zum Abzug auf."}
    assert client.post("/articles?wait=true", json=article, headers=AUTH).status_code == 200
    safe = client.get("/events", params={"format": "csv"}).text
    raw = client.get("/events", params={"format": "csv", "raw": "true"}).text
    [safe_row] = csv.DictReader(io.StringIO(safe))
    [raw_row] = csv.DictReader(io.StringIO(raw))
    assert safe_row["evidence_text"] == "'=Die Nato forderte Russland zum Abzug auf."
    assert raw_row["evidence_text"] == "=Die Nato forderte Russland zum Abzug auf."


def test_a_repeated_id_in_one_post_is_reported(client: TestClient) -> None:
    again = {**ARTICLE, "text": "Polen traf Litauen."}
    job = client.post("/articles?wait=true", json=[ARTICLE, again], headers=AUTH).json()
    assert job["articles_new"] == 1
    assert job["problems"] == ["a1: skipped: repeats the id of an earlier article"]


def test_a_slow_article_is_stopped_and_the_job_goes_on(tmp_path: Path) -> None:
    coder = KeywordCoder()

    def process(article: Article) -> Doc:
        if "langsam" in article.text:
            end = time.monotonic() + 10
            while time.monotonic() < end:
                pass
        return coder.process(article)

    settings = Settings(api_token="t", time_budget=0.1)
    slow = {"id": "slow", "text": "Die Nato forderte langsam Russland auf."}
    with TestClient(create_app(tmp_path / "s.duckdb", settings, process=process)) as client:
        started = time.monotonic()
        response = client.post(
            "/articles?wait=true", json=[slow, ARTICLE], headers={"Authorization": "Bearer t"}
        )
        assert time.monotonic() - started < 5
        job = response.json()
        assert job["status"] == "done" and job["articles_new"] == 1
        [problem] = job["problems"]
        assert problem == (
            "slow: skipped: took longer than its time budget (0.1 s); see the time_budget setting"
        )
