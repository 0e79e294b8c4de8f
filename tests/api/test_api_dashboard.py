"""Dashboard pages as HTML: content, JSON twins, escaping, security headers, local assets only."""

from __future__ import annotations

import re

import pytest
from api_samples import AUTH
from fastapi.testclient import TestClient

from lagebild.api.html import Markup, escape, render, tag
from lagebild.api.routes_ui import highlight_evidence

PAGES_AND_TWINS = [
    ("/ui/events?actor=NATO", "/ui/events.json?actor=NATO"),
    ("/ui/articles/2017-04-raketen", "/ui/articles/2017-04-raketen.json"),
    ("/ui/timeline?a=NATO&b=RUS", "/ui/timeline.json?a=NATO&b=RUS"),
    ("/ui/network", "/ui/network.json"),
    ("/ui/map", "/ui/map.json"),
]
HOSTILE = (
    'Polen traf Litauen. <script>window.__xss=1</script> "quoted" & <img src=x onerror="window.__xss=1">'
)


@pytest.mark.parametrize(("page", "twin"), PAGES_AND_TWINS)
def test_every_page_names_its_json_twin(reader: TestClient, page: str, twin: str) -> None:
    html = reader.get(page)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    link = re.search(r'id="json-twin" href="([^"]+)"', html.text)
    assert link is not None
    assert link.group(1).replace("&amp;", "&") == twin
    data = reader.get(twin)
    assert data.status_code == 200
    assert data.headers["content-type"] == "application/json"


def test_json_twins_hold_the_page_data(reader: TestClient) -> None:
    events = reader.get("/ui/events.json?actor=NATO").json()
    assert events["total"] == 3
    article = reader.get("/ui/articles/2017-04-raketen.json").json()
    assert [e["plover_type"] for e in article["events"]] == ["THREATEN", "DISAPPROVE"]
    timeline = reader.get("/ui/timeline.json?a=NATO&b=RUS").json()
    assert [p["label"] for p in timeline["periods"]] == ["2017-03", "2017-04", "2017-06"]
    network = reader.get("/ui/network.json").json()
    edges = {(e["source"], e["target"]): e for e in network["edges"]}
    assert edges[("NATO", "RUS")]["events"] == 2 and edges[("NATO", "RUS")]["cooperation"] == 2
    assert edges[("RUS", "NATO")]["goldstein_mean"] == -7.0
    assert network["events_total"] == network["events_with_pair"] == 8
    assert network["edges_total"] == len(network["edges"]) and network["nodes_total"] == len(network["nodes"])
    places = reader.get("/ui/map.json").json()
    assert {p["name"] for p in places["places"]} == {"Brüssel", "Kaliningrad", "Vilnius", "Warschau"}
    assert places["areas"] == [] and places["events_with_place"] == 4
    assert places["basemap"] == "/vendor/world-atlas/countries-110m.json"


def test_network_and_map_follow_filters_and_top(reader: TestClient) -> None:
    network = reader.get("/ui/network.json?since=2018").json()
    assert {(e["source"], e["target"]) for e in network["edges"]} == {("FRA", "RUS"), ("RUS", "POL")}
    everything = reader.get("/ui/network.json").json()
    top = reader.get("/ui/network.json?top=2").json()
    # The two most frequent pairs, counted over all events; the totals still count every pair.
    assert top["edges"] == everything["edges"][:2] and top["edges_total"] == everything["edges_total"] > 2
    assert top["events_total"] == 8 and top["events_with_pair"] == everything["events_with_pair"]
    assert {n["id"] for n in top["nodes"]} == {e["source"] for e in top["edges"]} | {
        e["target"] for e in top["edges"]
    }
    assert "raise top= to see more" in reader.get("/ui/network?top=2").text
    assert [p["name"] for p in reader.get("/ui/map.json?actor=LTU").json()["places"]] == ["Vilnius"]


def test_events_page_has_rows_filters_and_pager(reader: TestClient) -> None:
    html = reader.get("/ui/events?limit=3&offset=3").text
    assert html.count("<tr class=") == 3
    assert '<span id="events-count">Events 4–6 of 8</span>' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'name="actor"' in html
    filtered = reader.get("/ui/events?type=AID").text
    assert filtered.count("<tr class=") == 1 and "Grenzschutz" in filtered


def test_article_page_marks_evidence_and_lists_events(reader: TestClient) -> None:
    html = reader.get("/ui/articles/2017-04-raketen").text
    assert html.count('<mark class="evidence') == 2
    assert '<b class="trigger">drohte</b>' in html
    assert 'id="event-2017-04-raketen-e1"' in html
    assert "Russische Streitkräfte" in html and "RUS.MIL" in html


def test_pages_have_strict_csp_and_no_inline_script(reader: TestClient) -> None:
    for page, _ in PAGES_AND_TWINS:
        response = reader.get(page)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        # Every script element loads a file from this server; none has inline code.
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", response.text, flags=re.DOTALL):
            assert body.strip() == ""
            assert re.search(r'src="/(static|vendor)/', attributes)
        assert "http://" not in response.text.replace("http://example", "")
        assert "https://" not in response.text.replace("https://example", "")


def test_hostile_article_is_escaped(filled: TestClient) -> None:
    article = {"id": "boese<1>", "published": "2017-08-01", "title": "<b>Titel</b>", "text": HOSTILE}
    job = filled.post("/articles?wait=true", json=article, headers=AUTH).json()
    assert job["articles_new"] == 1
    html = filled.get("/ui/articles/boese%3C1%3E").text
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "&lt;b&gt;Titel&lt;/b&gt;" in html
    events = filled.get("/ui/events?text=traf").text
    assert "<script>window" not in events
    assert "/ui/articles/boese%3C1%3E#event-" in events


def test_static_assets_are_served_locally(reader: TestClient) -> None:
    for path in (
        "/static/app.css",
        "/static/charts.js",
        "/static/article.js",
        "/vendor/echarts/echarts.min.js",
        "/vendor/topojson-client/topojson-client.min.js",
        "/vendor/world-atlas/countries-110m.json",
        "/vendor/swagger-ui/swagger-ui-bundle.js",
        "/vendor/swagger-ui/swagger-ui.css",
    ):
        assert reader.get(path).status_code == 200, path


def test_docs_use_vendored_swagger_ui(reader: TestClient) -> None:
    response = reader.get("/docs")
    assert response.status_code == 200
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in response.text
    assert "cdn.jsdelivr.net" not in response.text and "fastapi.tiangolo.com" not in response.text
    # The one inline start-up script is allowed by its hash, not by 'unsafe-inline'.
    assert "'sha256-" in response.headers["content-security-policy"]
    assert reader.get("/redoc").status_code == 404


def test_openapi_documents_every_endpoint_with_400_not_422(reader: TestClient) -> None:
    schema = reader.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/events",
        "/events/{event_id}",
        "/actors",
        "/dyads/{a}/{b}/timeline",
        "/articles/{article_id}",
        "/stats",
        "/articles",
        "/jobs/{job_id}",
        "/stories",
        "/stories/{story_id}",
    }
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert "422" not in operation["responses"] and "400" in operation["responses"]
    assert schema["paths"]["/articles"]["post"]["security"] == [{"bearer": []}]


def test_ui_root_redirects_to_events(reader: TestClient) -> None:
    response = reader.get("/ui", follow_redirects=False)
    assert response.status_code in (302, 307) and response.headers["location"] == "/ui/events"


def test_html_helpers_escape_everything_but_markup() -> None:
    assert escape('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
    assert escape(None) == "" and escape(Markup("<br>")) == "<br>"
    assert (
        tag("a", "<x>", href='"><script>', class_="c")
        == '<a href="&quot;&gt;&lt;script&gt;" class="c">&lt;x&gt;</a>'
    )
    assert render("<p>{v}</p>", v="<i>") == "<p>&lt;i&gt;</p>"


def test_highlight_keeps_text_and_drops_overlaps() -> None:
    text = "Erster Satz. Polen traf <Litauen>."
    event = {
        "event_id": "e1",
        "plover_type": "CONSULT",
        "quad_class": 1,
        "trigger_start": 19,
        "trigger_end": 23,
        "evidence_start": 13,
        "evidence_end": len(text),
    }
    overlapping = {**event, "event_id": "e2", "evidence_start": 20, "evidence_end": 30}
    out_of_range = {**event, "event_id": "e3", "evidence_start": 5, "evidence_end": 999}
    html = highlight_evidence(text, [event, overlapping, out_of_range])
    assert html.count("<mark") == 1
    assert '<b class="trigger">traf</b>' in html
    assert "&lt;Litauen&gt;" in html
    plain = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">")
    assert plain == text
