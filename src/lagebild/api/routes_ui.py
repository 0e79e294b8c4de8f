"""The dashboard: server-rendered pages, each with a JSON twin at the same path plus ``.json``.

Pages are plain HTML built from escaped values (``lagebild.api.html``); charts and the map are
drawn by separate script files that fetch the page's JSON twin, named in a ``data-source``
attribute. Nothing is loaded from outside the server. Every page takes the filters of
``GET /events``; every facet value, actor, type, place, chart bar, network node and map feature
links to the event table with that filter added (``lagebild.api.explore``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from lagebild.api import explore
from lagebild.api.aggregates import DEFAULT_EDGES, DEFAULT_PLACES, MAX_TOP, actor_network, event_places
from lagebild.api.context import AppContext, get_context
from lagebild.api.errors import ApiError, not_found
from lagebild.api.explore import actor_label, cooperation_class, date_label
from lagebild.api.html import Markup, escape, join, tag, url
from lagebild.api.params import EventQuery, clean, event_query, parse_int, query_values
from lagebild.api.routes_api import dyad_timeline, events_page, public_article
from lagebild.store.base import MODALITIES, PRECISIONS, TIMELINE_GRANULARITIES

router = APIRouter(prefix="/ui", include_in_schema=False)
Context = Annotated[AppContext, Depends(get_context)]

PAGES = (
    ("events", "/ui/events", "Events"),
    ("stories", "/ui/stories", "Stories"),
    ("timeline", "/ui/timeline", "Timeline"),
    ("network", "/ui/network", "Network"),
    ("map", "/ui/map", "Map"),
)
CHART_SCRIPTS = ["/vendor/echarts/echarts.min.js", "/static/charts.js"]


def article_path(article_id: str) -> str:
    """The dashboard address of an article (its id percent-encoded: ids are user input)."""
    return f"/ui/articles/{quote(article_id, safe='')}"


# -- page frame --------------------------------------------------------------------------------


def page(
    context: AppContext,
    *,
    name: str,
    title: str,
    body: Markup,
    json_url: str,
    scripts: Iterable[str] = (),
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """A full page in the common layout."""
    nav = join(
        tag("a", label, href=href, aria_current="page" if key == name else None) for key, href, label in PAGES
    )
    script_tags = join(tag("script", "", src=src, defer=True) for src in scripts)
    html = context.templates.render(
        "layout",
        title=title,
        heading=title,
        page=name,
        nav=nav,
        body=body,
        json_url=json_url,
        scripts=script_tags,
        error=tag("p", error, class_="error", role="alert") if error else "",
    )
    return HTMLResponse(html, status_code=status)


def _options(choices: Iterable[tuple[str, str]], selected: str | None) -> Markup:
    return join(
        tag("option", label, value=value, selected=value == (selected or "")) for value, label in choices
    )


def _actor_datalist(context: AppContext) -> Markup:
    roots = sorted(context.store.actor_roots())
    return tag("datalist", join(tag("option", "", value=root) for root in roots), id="actor-codes")


QUAD_CHOICES = (
    ("", "any"),
    ("1", "1 verbal cooperation"),
    ("2", "2 material cooperation"),
    ("3", "3 verbal conflict"),
    ("4", "4 material conflict"),
)
HIDDEN_FIELDS = ("source", "target", "sort", "article")


def _given(request: Request) -> dict[str, Any]:
    """Query parameters with empty form fields removed (``actor`` as a list)."""
    given: dict[str, Any] = {}
    for key, value in query_values(request.query_params).items():
        if isinstance(value, list):
            items = [item.strip() for item in value if clean(item)]
            if items:
                given[key] = items
        elif clean(value):
            given[key] = value
    return given


def filter_form(
    context: AppContext, action: str, given: Mapping[str, Any], extra: Markup | None = None
) -> Markup:
    """The filter form of the events, network and map pages (two actor fields: the events between)."""
    actors = [*given.get("actor", []), "", ""]
    hidden = join(
        tag("input", "", type="hidden", name_=key, value=given[key]) for key in HIDDEN_FIELDS if key in given
    )
    return context.templates.render(
        "filters",
        action=action,
        actor1=actors[0],
        actor2=actors[1],
        **{
            key: given.get(key, "")
            for key in (
                "country",
                "type",
                "since",
                "until",
                "text",
                "language",
                "outlet",
                "attribution",
                "place",
            )
        },
        quad_options=_options(QUAD_CHOICES, given.get("quad_class")),
        modality_options=_options([("", "any"), *((m, m) for m in MODALITIES)], given.get("modality")),
        precision_options=_options([("", "any"), *((p, p) for p in PRECISIONS)], given.get("precision")),
        extra=join([extra or "", hidden]),
        actor_list=_actor_datalist(context),
    )


def notes_line(query: EventQuery | None) -> Markup:
    """What names in the filter were read as ("actor 'Putin': the person Vladimir Putin (RUS)")."""
    if query is None or not query.notes:
        return Markup("")
    return tag("p", "Reading " + "; ".join(query.notes), class_="notes", id="filter-notes")


# -- events --------------------------------------------------------------------------------------


def events_data(context: AppContext, given: Mapping[str, Any]) -> dict[str, Any]:
    """The events page as data: one page of rows, the total, links, notes and the facets."""
    query = event_query(context.store, given)
    data = events_page(context, query, "/ui/events.json")
    data["facets"] = explore.facets(context.store, query)
    return data


@router.get("/events.json")
def events_json(request: Request, context: Context) -> JSONResponse:
    """The data of /ui/events: a page of rows as ``GET /events`` gives it, plus the facets."""
    return JSONResponse(events_data(context, _given(request)))


@router.get("/events", response_class=HTMLResponse)
def events_html(request: Request, context: Context) -> HTMLResponse:
    """Event table with filters, facets, a month chart, sortable columns, downloads and pages."""
    given = _given(request)
    twin = url("/ui/events.json", given)
    per_page = tag(
        "label", join(["Per page ", tag("input", "", name_="limit", value=given.get("limit", ""), size="4")])
    )
    form = filter_form(context, "/ui/events", given, per_page)
    try:
        query = event_query(context.store, given)
    except ApiError as exc:
        return page(
            context, name="events", title="Events", body=form, json_url=twin, error=exc.message, status=400
        )
    data = events_page(context, query, "/ui/events")
    facets = explore.facets(context.store, query)
    results = join(
        [
            explore.summary(data, query),
            explore.month_chart(facets["month"], query),
            explore.events_table(data["events"], query, article_path),
            explore.pager(data),
        ]
    )
    layout = tag(
        "div",
        join(
            [
                tag("aside", explore.facet_list(facets, query), class_="facets"),
                tag("section", results, class_="results"),
            ]
        ),
        class_="explore",
    )
    body = join([form, notes_line(query), explore.chips(query), layout])
    return page(context, name="events", title="Events", body=body, json_url=twin, scripts=CHART_SCRIPTS)


# -- article -------------------------------------------------------------------------------------


@router.get("/articles/{article_id:path}.json")
def article_json(context: Context, article_id: str) -> dict[str, Any]:
    """The data of /ui/articles/{id}: text, sentences, mentions and events."""
    article = public_article(context, article_id)
    if article is None:
        raise not_found("article", article_id)
    return article


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_html(context: Context, article_id: str) -> HTMLResponse:
    """Article text with the evidence sentences highlighted and the coded events beside it."""
    twin = article_path(article_id) + ".json"
    article = public_article(context, article_id)
    if article is None:
        return page(
            context,
            name="article",
            title="Article not found",
            body=Markup(""),
            json_url=twin,
            error=f"no article with id {article_id!r}",
            status=404,
        )
    events = article.get("events") or []
    published = (article.get("published") or {}).get("value")
    meta = join(
        [
            tag("dt", "Outlet"),
            tag("dd", article.get("outlet") or "–"),
            tag("dt", "Published"),
            tag("dd", published or "–"),
            tag("dt", "Language"),
            tag("dd", article.get("language") or "–"),
            tag("dt", "Address"),
            tag("dd", tag("span", article.get("url") or "–", class_="url")),
            tag("dt", "Id"),
            tag("dd", tag("code", article["id"])),
        ]
    )
    text = tag(
        "div", highlight_evidence(article.get("text") or "", events), class_="article-text", id="article-text"
    )
    side = tag(
        "aside",
        join(
            [
                tag("h2", f"{len(events)} coded events"),
                tag("ol", join(_event_card(e) for e in events), class_="event-cards"),
            ]
        ),
        class_="events-side",
    )
    body = join([tag("dl", meta, class_="meta"), tag("div", join([text, side]), class_="article-layout")])
    return page(
        context,
        name="article",
        title=article.get("title") or article["id"],
        body=body,
        json_url=twin,
        scripts=["/static/article.js"],
    )


def highlight_evidence(text: str, events: Iterable[Mapping[str, Any]]) -> Markup:
    """The escaped text with each evidence sentence in ``<mark>`` and its triggers in ``<b>``.

    Overlapping spans are dropped rather than nested wrongly; offsets come from the store and
    index the stored text.
    """
    spans: dict[tuple[int, int], list[Mapping[str, Any]]] = {}
    for event in events:
        start, end = event.get("evidence_start"), event.get("evidence_end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.setdefault((start, end), []).append(event)
    parts: list[object] = []
    position = 0
    for (start, end), span_events in sorted(spans.items()):
        if start < position:
            continue
        parts.append(text[position:start])
        ids = " ".join(f"event-{e['event_id']}" for e in span_events)
        inner = _mark_triggers(text, start, end, span_events)
        types = ", ".join(str(e.get("plover_type") or e.get("cameo_code")) for e in span_events)
        parts.append(
            tag(
                "mark",
                inner,
                class_=f"evidence {cooperation_class(span_events[0])}",
                id=f"sentence-{start}",
                data_events=ids,
                title=types,
            )
        )
        position = end
    parts.append(text[position:])
    return join(parts)


def _mark_triggers(text: str, start: int, end: int, events: Iterable[Mapping[str, Any]]) -> Markup:
    triggers = sorted(
        {
            (e["trigger_start"], e["trigger_end"])
            for e in events
            if isinstance(e.get("trigger_start"), int)
            and isinstance(e.get("trigger_end"), int)
            and start <= e["trigger_start"] < e["trigger_end"] <= end
        }
    )
    parts: list[object] = []
    position = start
    for t_start, t_end in triggers:
        if t_start < position:
            continue
        parts.extend([text[position:t_start], tag("b", text[t_start:t_end], class_="trigger")])
        position = t_end
    parts.append(text[position:end])
    return join(parts)


def _event_card(event: Mapping[str, Any]) -> Markup:
    rows = [
        (
            "Type",
            join(
                [
                    tag("strong", event.get("plover_type") or "?"),
                    " ",
                    tag("code", event.get("cameo_code")),
                    f" (quad class {event.get('quad_class')}, Goldstein {event.get('goldstein')})",
                ]
            ),
        ),
        ("Source", actor_label(event, "source")),
        ("Target", actor_label(event, "target")),
        ("Date", date_label(event)),
        ("Modality", event.get("modality")),
        ("According to", event.get("attribution") or "–"),
        ("Place", event.get("place_name") or "–"),
        ("Trigger", tag("q", event.get("trigger"))),
    ]
    details = tag("dl", join(join([tag("dt", key), tag("dd", value)]) for key, value in rows))
    sentence = f"sentence-{event.get('evidence_start')}"
    anchor = tag("a", "show sentence", href=f"#{sentence}", class_="to-sentence")
    return tag(
        "li",
        join([details, anchor]),
        id=f"event-{event['event_id']}",
        class_=f"event-card {cooperation_class(event)}",
        data_sentence=sentence,
    )


# -- timeline ------------------------------------------------------------------------------------


@router.get("/timeline.json")
def timeline_json(request: Request, context: Context) -> dict[str, Any]:
    """The data of /ui/timeline: the dyad timeline of ``a`` and ``b``."""
    given = _given(request)
    if "a" not in given or "b" not in given:
        raise ApiError(400, "give two actors: a and b, for example a=NATO&b=RUS")
    return dyad_timeline(context, given["a"], given["b"], given.get("granularity"))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_html(request: Request, context: Context) -> HTMLResponse:
    """Cooperation against conflict over time for a chosen pair of actors, on a real time axis."""
    given = _given(request)
    form = context.templates.render(
        "pair_form",
        a=given.get("a", ""),
        b=given.get("b", ""),
        granularity_options=_options(
            ((g, g) for g in TIMELINE_GRANULARITIES), given.get("granularity", "month")
        ),
        actor_list=_actor_datalist(context),
    )
    twin = url("/ui/timeline.json", given)
    if "a" not in given or "b" not in given:
        hint = tag("p", "Choose two actors, for example NATO and Russland.", class_="hint")
        return page(context, name="timeline", title="Timeline", body=join([form, hint]), json_url=twin)
    try:
        data = dyad_timeline(context, given["a"], given["b"], given.get("granularity"))
    except ApiError as exc:
        return page(
            context,
            name="timeline",
            title="Timeline",
            body=form,
            json_url=twin,
            error=exc.message,
            status=400,
        )
    a, b = data["a_label"], data["b_label"]
    title = f"{a} and {b}: cooperation and conflict"
    events_url = url("/ui/events", {"actor": [given["a"], given["b"]]})
    chart = tag(
        "div",
        "",
        id="chart",
        class_="chart",
        data_source=twin,
        data_kind="timeline",
        data_events_url=events_url,
    )
    head = tag(
        "tr",
        join(
            tag("th", h)
            for h in (
                "Period",
                "Events",
                "Cooperation",
                "Conflict",
                "Goldstein sum",
                f"{a} → {b}",
                f"{b} → {a}",
            )
        ),
    )
    rows = join(_period_row(p, events_url) for p in data["periods"])
    table = tag("table", join([tag("thead", head), tag("tbody", rows)]), class_="periods", id="periods-table")
    summary = tag(
        "p",
        f"{data['events']} dated events between {a} and {b}, in {len(data['periods'])} "
        f"{data['granularity']}s with events (empty periods show as gaps on the time axis)",
        class_="summary",
    )
    return page(
        context,
        name="timeline",
        title=title,
        body=join([form, summary, chart, table]),
        json_url=twin,
        scripts=CHART_SCRIPTS,
    )


def _period_row(period: Mapping[str, Any], events_url: str) -> Markup:
    link = f"{events_url}&{url('', {'since': period['first_day'], 'until': period['last_day']})[1:]}"
    cells = [
        tag("td", tag("a", period["label"], href=link)),
        tag("td", period["events"], class_="num"),
        tag("td", period["cooperation"], class_="num"),
        tag("td", period["conflict"], class_="num"),
        tag("td", f"{period['goldstein_sum']:+.1f}", class_="num"),
        tag("td", period["a_to_b"], class_="num"),
        tag("td", period["b_to_a"], class_="num"),
    ]
    return tag("tr", join(cells))


# -- network and map -----------------------------------------------------------------------------


def _range_query(context: AppContext, given: Mapping[str, Any], default_top: int) -> tuple[EventQuery, int]:
    """Filter of the network or the map (all matching events) and how many edges or places to show."""
    query = event_query(
        context.store,
        {k: v for k, v in given.items() if k not in ("limit", "offset", "cursor", "top")},
        default_limit=None,
    )
    top = parse_int(given.get("top"), "top", default_top, 1, MAX_TOP) or default_top
    return query, top


def _events_url(query: EventQuery) -> str:
    """The event table with the same filters: where a click on a chart goes, plus what was clicked."""
    return url("/ui/events", query.values)


@router.get("/network.json")
def network_json(request: Request, context: Context) -> dict[str, Any]:
    """The data of /ui/network: actors as nodes, source → target edges with counts and scores."""
    query, top = _range_query(context, _given(request), DEFAULT_EDGES)
    return actor_network(context.store, query.filter, top)


@router.get("/network", response_class=HTMLResponse)
def network_html(request: Request, context: Context) -> HTMLResponse:
    """Who acts on whom, weighted by event counts and coloured by mean Goldstein score."""
    given = _given(request)
    twin = url("/ui/network.json", given)
    form = filter_form(context, "/ui/network", given)
    try:
        query, top = _range_query(context, given, DEFAULT_EDGES)
    except ApiError as exc:
        return page(
            context,
            name="network",
            title="Actor network",
            body=form,
            json_url=twin,
            error=exc.message,
            status=400,
        )
    data = actor_network(context.store, query.filter, top)
    events_url = _events_url(query)
    chart = tag(
        "div",
        "",
        id="chart",
        class_="chart tall",
        data_source=twin,
        data_kind="network",
        data_events_url=events_url,
    )
    head = tag(
        "tr",
        join(
            tag("th", h) for h in ("Source", "Target", "Events", "Cooperation", "Conflict", "Mean Goldstein")
        ),
    )
    rows = join(_edge_row(e, events_url) for e in data["edges"][:50])
    table = tag("table", join([tag("thead", head), tag("tbody", rows)]), class_="edges", id="edges-table")
    summary = tag(
        "p",
        f"{data['events_with_pair']} of {data['events_total']} events have a source and a target: "
        f"{data['nodes_total']} actors, {data['edges_total']} directed pairs"
        + _shown(len(data["edges"]), data["edges_total"], "pairs"),
        class_="summary",
    )
    return page(
        context,
        name="network",
        title="Actor network",
        body=join([form, notes_line(query), summary, chart, table]),
        json_url=twin,
        scripts=CHART_SCRIPTS,
    )


def _shown(shown: int, total: int, what: str) -> str:
    """Says that only the most frequent are drawn, when not all are."""
    if shown < total:
        return f" (drawn: the {shown} most frequent {what}; raise top= to see more)"
    return ""


def _edge_row(edge: Mapping[str, Any], events_url: str) -> Markup:
    between = explore.with_actors(events_url, [edge["source"], edge["target"]])
    cells = [
        tag("td", tag("a", edge["source"], href=explore.with_actors(events_url, [edge["source"]]))),
        tag("td", tag("a", edge["target"], href=explore.with_actors(events_url, [edge["target"]]))),
        tag("td", tag("a", edge["events"], href=between), class_="num"),
        tag("td", edge["cooperation"], class_="num"),
        tag("td", edge["conflict"], class_="num"),
        tag("td", f"{edge['goldstein_mean']:+.2f}", class_="num"),
    ]
    return tag("tr", join(cells))


@router.get("/map.json")
def map_json(request: Request, context: Context) -> dict[str, Any]:
    """The data of /ui/map: places (dots), countries (areas) and their events."""
    query, top = _range_query(context, _given(request), DEFAULT_PLACES)
    return {**event_places(context.store, query.filter, top), "basemap": BASEMAP}


BASEMAP = "/vendor/world-atlas/countries-110m.json"


@router.get("/map", response_class=HTMLResponse)
def map_html(request: Request, context: Context) -> HTMLResponse:
    """Event places on Natural Earth country outlines (served locally, no tile server), zoomed to
    the events; events placed in a whole country colour that country."""
    given = _given(request)
    twin = url("/ui/map.json", given)
    form = filter_form(context, "/ui/map", given)
    try:
        query, top = _range_query(context, given, DEFAULT_PLACES)
    except ApiError as exc:
        return page(context, name="map", title="Map", body=form, json_url=twin, error=exc.message, status=400)
    data = event_places(context.store, query.filter, top)
    events_url = _events_url(query)
    chart = tag(
        "div",
        "",
        id="chart",
        class_="chart tall",
        data_source=twin,
        data_kind="map",
        data_basemap=BASEMAP,
        data_events_url=events_url,
    )
    head = tag(
        "tr",
        join(tag("th", h) for h in ("Place", "Country", "Drawn as", "Events", "Mean Goldstein", "Types")),
    )
    located = [*((p, "dot") for p in data["places"]), *((a, "area") for a in data["areas"])]
    rows = join(
        _place_row(p, kind, events_url) for p, kind in sorted(located, key=lambda x: -x[0]["events"])[:100]
    )
    table = tag("table", join([tag("thead", head), tag("tbody", rows)]), class_="places", id="places-table")
    without = data["events_total"] - data["events_with_place"]
    summary = tag(
        "p",
        join(
            [
                f"{data['events_with_place']} of {data['events_total']} events have a place: "
                f"{data['events_with_place'] - data['events_in_countries']} at "
                f"{data['places_total']} places (dots), "
                f"{data['events_in_countries']} in {data['areas_total']} whole "
                f"{'country' if data['areas_total'] == 1 else 'countries'} (areas). ",
                tag(
                    "a",
                    f"{without} without a place",
                    href=url("/ui/events", {**query.values, "place": "(none)"}),
                )
                if without
                else "",
                _shown(len(data["places"]), data["places_total"], "places"),
            ]
        ),
        class_="summary",
        id="map-summary",
    )
    return page(
        context,
        name="map",
        title="Map",
        body=join([form, notes_line(query), summary, chart, table]),
        json_url=twin,
        scripts=[
            "/vendor/echarts/echarts.min.js",
            "/vendor/topojson-client/topojson-client.min.js",
            "/static/charts.js",
        ],
    )


def _place_row(place: Mapping[str, Any], kind: str, events_url: str) -> Markup:
    cells = [
        tag("td", tag("a", place["name"], href=explore.with_values(events_url, {"place": place["name"]}))),
        tag("td", place["country"] or "–"),
        tag("td", kind),
        tag("td", place["events"], class_="num"),
        tag("td", f"{place['goldstein_mean']:+.2f}", class_="num"),
        tag("td", ", ".join(f"{k} {v}" for k, v in place["types"].items())),
    ]
    return tag("tr", join(cells))


@router.get("", include_in_schema=False)
def ui_root() -> RedirectResponse:
    """The dashboard starts at the event table."""
    return RedirectResponse("/ui/events")


__all__ = ["escape", "router"]
