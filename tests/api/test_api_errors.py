"""Bad requests get 400 with a message naming the problem, unknown ids 404; never a 500."""

from __future__ import annotations

import pytest
from api_samples import AUTH
from fastapi.testclient import TestClient

BAD_EVENT_QUERIES = [
    ({"since": "2017-13"}, "since"),
    ({"until": "2017-02-30"}, "2017-02-30"),
    ({"since": "gestern"}, "since"),
    ({"quad_class": "7"}, "quad_class"),
    ({"quad_class": "zwei"}, "quad_class"),
    ({"limit": "-1"}, "limit"),
    ({"limit": "100000"}, "limit"),
    ({"offset": "-5"}, "offset"),
    ({"offset": "99999999999999999999999"}, "offset"),
    ({"quad_class": "１"}, "quad_class"),
    ({"format": "xml"}, "format"),
    ({"actor": "R$S"}, "actor"),
    ({"actor": "<script>"}, "actor"),
    ({"modality": "certain"}, "modality"),
    ({"country": "Rusland"}, "country"),
    ({"actor": "Putn"}, "actor"),
    ({"since": "2017-05", "until": "2017-03"}, "backwards"),
    ({"format": "pdf"}, "format"),
    ({"format": "csv", "profile": "acled"}, "profile"),
    ({"sort": "colour"}, "sort"),
    ({"precision": "minute"}, "precision"),
    ({"type": "DROP TABLE"}, "type"),
    ({"text": "x" * 500}, "text"),
]


@pytest.mark.parametrize(("params", "named"), BAD_EVENT_QUERIES)
def test_bad_event_parameters_get_400(reader: TestClient, params: dict[str, str], named: str) -> None:
    response = reader.get("/events", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert named in body["error"]


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/dyads/NATO/RUS/timeline?granularity=year", "granularity"),
        ("/dyads/NATO/R%20S/timeline", "b"),
        ("/dyads/Nirgendwo/RUS/timeline", "a"),
        ("/ui/timeline.json?a=NATO", "a and b"),
        ("/ui/network.json?top=0", "top"),
        ("/ui/map.json?since=2017-00", "since"),
        ("/ui/events.json?quad_class=5", "quad_class"),
        ("/articles?wait=maybe", "wait"),
    ],
)
def test_other_bad_parameters_get_400(reader: TestClient, path: str, named: str) -> None:
    if path.startswith("/articles"):
        response = reader.post(path, json={"id": "x", "text": "Polen traf Litauen."}, headers=AUTH)
    else:
        response = reader.get(path)
    assert response.status_code == 400, response.text
    assert named in response.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/events/no-such-event",
        "/articles/no-such-article",
        "/jobs/0123456789abcdef",
        "/ui/articles/no-such-article.json",
        "/no/such/route",
    ],
)
def test_unknown_ids_get_404(reader: TestClient, path: str) -> None:
    response = reader.get(path)
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_unknown_article_page_is_an_html_404(reader: TestClient) -> None:
    response = reader.get("/ui/articles/no-such-article")
    assert response.status_code == 404
    assert "no article with id" in response.text


def test_bad_filter_on_dashboard_page_shows_the_message(reader: TestClient) -> None:
    response = reader.get("/ui/events", params={"since": "2017-13"})
    assert response.status_code == 400
    assert "impossible date" in response.text
    assert 'class="error"' in response.text


def test_empty_form_fields_mean_no_filter(reader: TestClient) -> None:
    params = {"actor": "", "quad_class": "", "since": "", "limit": "", "modality": ""}
    assert reader.get("/ui/events.json", params=params).json()["total"] == 8
