"""Exploring in the browser: the three clicks from a question to a file, facets, sortable columns,
event links, a real time axis, clickable charts, a map that zooms and draws countries as areas,
readable network labels and honest counts.

Screenshots go to test-artifacts/ui_explore_<step>.png.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyarrow.parquet as pq
from web_support import Watched, chart_point, open_page, wait_for_chart


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def rows(page: Any) -> list[str]:
    return page.locator("#events-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.eventId)")


def test_events_between_russia_and_nato_in_march_2017_as_parquet_in_three_clicks(
    watched: Watched, server: str, artifacts: Path
) -> None:
    page = watched.page
    page.goto(server + "/")
    page.click("#facet-pair a:has-text('NATO – RUS')")  # 1: between Russia and NATO
    page.wait_for_url("**actor=NATO&actor=RUS*")
    page.screenshot(path=str(artifacts / "ui_explore_1_pair.png"), full_page=True)
    page.click("#facet-month a:has-text('2017-03')")  # 2: in March 2017
    page.wait_for_url("**until=2017-03*")
    assert query(page)["since"] == ["2017-03"] and query(page)["actor"] == ["NATO", "RUS"]
    page.screenshot(path=str(artifacts / "ui_explore_2_month.png"), full_page=True)
    assert rows(page) == ["2017-03-moskau-e1", "2017-03-nato-forderung-e1"]
    with page.expect_download() as download:
        page.click("#downloads a[data-format=parquet][data-profile=lagebild]")  # 3: as Parquet
    table = pq.read_table(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert download.value.suggested_filename == "events.parquet"
    assert table.column("event_id").to_pylist() == ["2017-03-moskau-e1", "2017-03-nato-forderung-e1"]
    assert {(r["source_root"], r["target_root"]) for r in table.to_pylist()} == {
        ("RUS", "NATO"),
        ("NATO", "RUS"),
    }
    assert table.column("cameo_code").to_pylist() == ["110", "020"]
    watched.check_clean(server)


def test_downloads_hold_exactly_the_filtered_view(watched: Watched, server: str) -> None:
    page = open_page(watched, server, "/ui/events?country=Polen&limit=2")
    total = int(page.inner_text("#events-count").split(" of ")[1])
    assert total > 2  # more than the page shows: a download holds them all
    links = page.locator("#downloads a")
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        text = page.evaluate("url => fetch(url).then(r => r.text())", href)
        lines = [line for line in text.splitlines() if line]
        if links.nth(index).get_attribute("data-format") == "csv":
            assert len(lines) == total + 1, href
        elif links.nth(index).get_attribute("data-format") == "jsonl":
            assert len(lines) == total, href
    watched.check_clean(server)


def test_facets_filter_when_clicked_and_count_honestly(
    watched: Watched, server: str, artifacts: Path
) -> None:
    page = open_page(watched, server, "/ui/events")
    assert "6 of 12 events have a place" in page.inner_text("#facet-place")
    assert "11 of 12 events have a source and a target" in page.inner_text("#facet-pair")
    page.click("#facet-actor a:has-text('RUS')")
    page.wait_for_url("**actor=RUS*")
    assert len(rows(page)) == 7 and "actor: RUS" in page.inner_text("#active-filters")
    page.click("#facet-type a:has-text('THREATEN')")
    page.wait_for_url("**type=THREATEN*")
    assert len(rows(page)) == 2
    page.click("#facet-place a:has-text('Kaliningrad')")
    page.wait_for_url("**place=Kaliningrad*")
    assert rows(page) == ["2017-04-raketen-e1"]
    page.screenshot(path=str(artifacts / "ui_explore_facets.png"), full_page=True)
    page.click("#facet-type a.selected")  # a chosen value removes its filter again
    page.wait_for_url(lambda address: "type=" not in address)
    assert rows(page) == ["2017-04-raketen-e1"]
    page.goto(server + "/ui/events")
    page.click("#facet-country a:has-text('UKR')")
    page.wait_for_url("**country=UKR*")
    assert rows(page) == ["2014-01-ukraine-e1"]
    page.click("#events-table tbody tr >> nth=0 >> td >> nth=2 >> a")  # the source actor's cell
    page.wait_for_url("**actor=POL*")
    assert rows(page) == ["2014-01-ukraine-e1"]
    watched.check_clean(server)


def test_columns_sort_both_ways(watched: Watched, server: str) -> None:
    page = open_page(watched, server, "/ui/events")
    page.click("th a[data-sort=goldstein]")
    page.wait_for_url("**sort=goldstein*")
    cells = page.locator("#events-table tbody tr td.num").all_inner_texts()
    assert cells[0] == "-7.0" and cells[-1] == "+7.0"
    assert page.get_attribute("th:has(a[data-sort=goldstein])", "aria-sort") == "ascending"
    page.click("th a[data-sort=goldstein]")
    page.wait_for_url("**sort=-goldstein*")
    assert page.locator("#events-table tbody tr td.num").first.inner_text() == "+7.0"
    watched.check_clean(server)


def test_an_event_link_highlights_its_card_and_shows_its_sentence(
    watched: Watched, server: str, artifacts: Path
) -> None:
    page = watched.page
    page.set_viewport_size({"width": 700, "height": 300})
    open_page(watched, server, "/ui/events?text=kritisierte%20Moskau")
    page.click("#events-table a.evidence-link")
    page.wait_for_url("**/ui/articles/2017-04-raketen#event-2017-04-raketen-e2")
    page.wait_for_selector("body[data-targeted='event-2017-04-raketen-e2'][data-shown]")
    card = page.locator("#event-2017-04-raketen-e2")
    assert "targeted" in (card.get_attribute("class") or "")
    mark = page.locator("mark.evidence.active")
    assert mark.inner_text() == "Litauen kritisierte Moskau daraufhin scharf."
    top, bottom = mark.evaluate("m => [m.getBoundingClientRect().top, m.getBoundingClientRect().bottom]")
    assert top >= 0 and bottom <= 300  # scrolled into view
    page.screenshot(path=str(artifacts / "ui_explore_event_link.png"))
    watched.check_clean(server)


def test_month_chart_has_a_real_time_axis_and_its_bars_filter(watched: Watched, server: str) -> None:
    page = open_page(watched, server, "/ui/events")
    wait_for_chart(page)
    january_2014, _ = chart_point(page, "series", "2014-01-01", 0)
    march, _ = chart_point(page, "series", "2017-03-01", 0)
    april, _ = chart_point(page, "series", "2017-04-01", 0)
    # 38 months between the first two, one between the others: the axis keeps empty months.
    assert (march - january_2014) > 25 * (april - march) > 0
    page.mouse.click(*chart_point(page, "series", "2017-04-01", 0.5))
    page.wait_for_url("**since=2017-04&until=2017-04*")
    assert set(rows(page)) == {"2017-04-raketen-e1", "2017-04-raketen-e2", "2017-04-hilfe-e1"}
    watched.check_clean(server)


def test_timeline_bars_open_their_period(watched: Watched, server: str) -> None:
    page = open_page(watched, server, "/ui/timeline?a=Nato&b=Russland")
    wait_for_chart(page)
    page.mouse.click(*chart_point(page, "series", "2017-04-01", -0.5))
    page.wait_for_url("**since=2017-04-01&until=2017-04-30*")
    assert query(page)["actor"] == ["Nato", "Russland"]
    assert rows(page) == ["2017-04-raketen-e1"]
    watched.check_clean(server)


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_network_labels_do_not_overlap_and_nodes_and_edges_filter(
    watched: Watched, server: str, artifacts: Path
) -> None:
    page = open_page(watched, server, "/ui/network")
    wait_for_chart(page)
    boxes = page.locator("#chart svg text").evaluate_all(
        "texts => texts.map(t => { const r = t.getBoundingClientRect(); "
        "return [r.left, r.top, r.width, r.height]; })"
    )
    assert len(boxes) >= 6
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    page.screenshot(path=str(artifacts / "ui_explore_network.png"))
    node = page.evaluate(
        """() => { const el = document.querySelector('#chart'); const chart = echarts.getInstanceByDom(el);
        const data = chart.getModel().getSeriesByIndex(0).getData();
        const point = chart.convertToPixel({seriesIndex: 0}, data.getItemLayout(data.indexOfName('LTU')));
        const box = el.getBoundingClientRect(); return [box.left + point[0], box.top + point[1]]; }"""
    )
    page.mouse.click(*node)
    page.wait_for_url("**/ui/events?actor=LTU")
    assert len(rows(page)) == 3
    page.goto(server + "/ui/network?since=2014&until=2014")
    wait_for_chart(page)
    page.click("#edges-table a:has-text('1')")  # the number of events between the pair
    page.wait_for_url("**actor=NATO&actor=POL*")
    assert rows(page) == ["2014-01-ukraine-e2"]
    watched.check_clean(server)


def _geo_view(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const geo = echarts.getInstanceByDom(document.querySelector('#chart')).getOption().geo[0];
        return {zoom: geo.zoom, center: geo.center,
                areas: geo.regions.filter(r => r.itemStyle && r.itemStyle.areaColor).map(r => r.name)}; }"""
    )


def test_map_zooms_to_the_events_draws_countries_as_areas_and_filters(
    watched: Watched, server: str, artifacts: Path
) -> None:
    page = open_page(watched, server, "/ui/map")
    wait_for_chart(page)
    view = _geo_view(page)
    assert view["areas"] == ["Ukraine"] and view["zoom"] > 2  # Europe, not the world
    assert (
        "6 of 12 events have a place: 5 at 4 places (dots), 1 in 1 whole country (areas)"
        in page.inner_text("#map-summary")
    )
    vilnius, warsaw = chart_point(page, "geo", 25.28, 54.687), chart_point(page, "geo", 21.01, 52.23)
    spread = abs(vilnius[0] - warsaw[0])
    page.screenshot(path=str(artifacts / "ui_explore_map.png"), full_page=True)
    page.mouse.click(*chart_point(page, "geo", 31.17, 48.38))  # inside Ukraine, drawn as an area
    page.wait_for_url("**place=Ukraine*")
    assert rows(page) == ["2014-01-ukraine-e1"]
    page.goto(server + "/ui/map?actor=Litauen")
    wait_for_chart(page)
    zoomed = chart_point(page, "geo", 25.28, 54.687), chart_point(page, "geo", 21.01, 52.23)
    assert abs(zoomed[0][0] - zoomed[1][0]) > 1.5 * spread  # closer in on Lithuania's events
    page.mouse.click(*zoomed[0])  # the Vilnius dot
    page.wait_for_url("**place=Vilnius*")
    assert query(page)["actor"] == ["Litauen"] and len(rows(page)) == 2
    page.goto(server + "/ui/map")
    page.click("#map-summary a")  # the events without a place, counted and listed
    page.wait_for_url("**place=%28none%29*")
    assert len(rows(page)) == 6
    watched.check_clean(server)
