"""Every dashboard page in a real headless chromium: content, charts, map, JSON twins, CSP.

Screenshots go to test-artifacts/ui_<page>.png.
"""

from __future__ import annotations

from pathlib import Path

from web_support import Watched, open_page, wait_for_chart

PAGES = {
    "events": "/ui/events",
    "article": "/ui/articles/2017-04-raketen",
    "timeline": "/ui/timeline?a=NATO&b=RUS",
    "network": "/ui/network",
    "map": "/ui/map",
}
ALL_EVENTS = 12  # the API's 8 sample events, 3 of the browser tests' own articles, the hostile one


def test_root_opens_the_dashboard(watched: Watched, server: str) -> None:
    page = watched.page
    response = page.goto(server + "/")
    assert response is not None and response.status == 200
    assert page.url == server + "/ui/events"
    assert page.locator("#events-table tbody tr").count() == ALL_EVENTS
    watched.check_clean(server)


def test_events_page_table_filters_and_pages(watched: Watched, server: str, artifacts: Path) -> None:
    page = open_page(watched, server, PAGES["events"])
    wait_for_chart(page)
    assert page.locator("#events-table tbody tr").count() == ALL_EVENTS
    page.screenshot(path=str(artifacts / "ui_events.png"), full_page=True)
    page.fill("input[name=actor] >> nth=0", "Nato")
    page.select_option("select[name=quad_class]", "1")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/ui/events?*")
    assert page.locator("#events-table tbody tr").count() == 3
    assert "actor=Nato" in page.url
    wait_for_chart(page)
    page.goto(server + "/ui/events?limit=4")
    wait_for_chart(page)
    assert page.locator("#events-table tbody tr").count() == 4
    page.click("a[rel=next]")
    page.wait_for_url("**cursor=*")
    assert page.locator("#events-table tbody tr").count() == 4
    wait_for_chart(page)
    watched.check_clean(server)


def test_names_in_the_form_are_read_and_said(watched: Watched, server: str) -> None:
    page = open_page(watched, server, "/ui/events?actor=Russland&country=Polen&type=threaten")
    wait_for_chart(page)
    assert page.locator("#events-table tbody tr").count() == 1
    notes = page.inner_text("#filter-notes")
    assert "actor 'Russland': Russia (RUS)" in notes and "country 'Polen': Poland (POL)" in notes
    watched.check_clean(server)
    response = page.goto(server + "/ui/events?actor=Putn")
    assert response is not None and response.status == 400
    assert "did you mean 'Putin'" in page.inner_text(".error")


def test_article_page_highlights_evidence(watched: Watched, server: str, artifacts: Path) -> None:
    page = open_page(watched, server, PAGES["article"])
    marks = page.locator("#article-text mark.evidence")
    assert marks.count() == 2
    assert marks.nth(0).inner_text().startswith("Die russische Armee drohte der Nato")
    assert marks.nth(1).inner_text() == "Litauen kritisierte Moskau daraufhin scharf."
    assert page.locator("#article-text b.trigger").all_inner_texts() == ["drohte", "kritisierte"]
    cards = page.locator(".event-card")
    assert cards.count() == 2
    first = cards.nth(0).inner_text()
    assert "THREATEN" in first and "RUS.MIL" in first and "Kaliningrad" in first and "asserted" in first
    # Pointing at an event outlines its sentence (the page's own script, loaded under the CSP).
    cards.nth(1).hover()
    assert "active" in (marks.nth(1).get_attribute("class") or "")
    page.screenshot(path=str(artifacts / "ui_article.png"), full_page=True)
    watched.check_clean(server)


def test_timeline_chart(watched: Watched, server: str, artifacts: Path) -> None:
    page = open_page(watched, server, PAGES["timeline"])
    wait_for_chart(page)
    assert page.locator("#chart svg").count() == 1
    labels = set(page.locator("#chart svg text").all_text_contents())
    assert {"Mar", "Apr", "May", "Jun"} <= labels  # May had no events: the time axis shows it anyway
    assert page.locator("#periods-table tbody tr").count() == 3
    page.screenshot(path=str(artifacts / "ui_timeline.png"), full_page=True)
    watched.check_clean(server)


def test_network_graph(watched: Watched, server: str, artifacts: Path) -> None:
    page = open_page(watched, server, PAGES["network"])
    wait_for_chart(page)
    labels = set(page.locator("#chart svg text").all_text_contents())
    assert {"NATO", "RUS", "LTU", "POL", "FRA", "DEU"} <= labels
    assert page.locator("#chart svg path").count() >= 8  # at least one drawn edge per directed pair
    assert "11 of 12 events have a source and a target" in page.inner_text(".summary")
    page.screenshot(path=str(artifacts / "ui_network.png"), full_page=True)
    watched.check_clean(server)


def test_map_draws_country_outlines_and_places(watched: Watched, server: str, artifacts: Path) -> None:
    page = open_page(watched, server, PAGES["map"])
    wait_for_chart(page)
    # Natural Earth 1:110m has 177 countries; each is at least one path.
    assert page.locator("#chart svg path").count() > 170
    assert page.locator("#places-table tbody tr").count() == 5
    page.screenshot(path=str(artifacts / "ui_map.png"), full_page=True)
    watched.check_clean(server)


def test_every_page_json_twin_loads_in_the_browser(watched: Watched, server: str) -> None:
    for name, path in PAGES.items():
        page = open_page(watched, server, path)
        twin = page.get_attribute("#json-twin", "href")
        assert twin is not None and ".json" in twin, name
        data = page.evaluate("url => fetch(url).then(r => r.status === 200 ? r.json() : null)", twin)
        assert isinstance(data, dict) and data, name
    watched.check_clean(server)


def test_api_docs_from_vendored_swagger_ui(watched: Watched, server: str, artifacts: Path) -> None:
    page = open_page(watched, server, "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    # One block per documented operation: what the served schema lists, every one rendered.
    schema = page.evaluate("() => fetch('/openapi.json').then(r => r.json())")
    operations = sum(len(methods) for methods in schema["paths"].values())
    assert operations >= 10
    assert page.locator(".swagger-ui .opblock").count() == operations
    page.screenshot(path=str(artifacts / "ui_docs.png"), full_page=True)
    watched.check_clean(server)
