"""The dashboard: server-rendered pages, each with a JSON twin at the same path plus ``.json``.

Pages are plain HTML built from escaped values (``lagebild.api.html``); charts and the map are
drawn by separate script files that fetch the page's JSON twin, named in a ``data-source``
attribute. Nothing is loaded from outside the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from lagebild.api.aggregates import DEFAULT_CAP, actor_network, event_places
from lagebild.api.context import AppContext, get_context
from lagebild.api.errors import ApiError, not_found
from lagebild.api.html import Markup, escape, join, tag, url
from lagebild.api.params import MODALITIES, clean, event_query, parse_int, query_values
from lagebild.api.routes_api import dyad_timeline, events_page, public_article
from lagebild.store.base import TIMELINE_GRANULARITIES

router = APIRouter(prefix="/ui", include_in_schema=False)
Context = Annotated[AppContext, Depends(get_context)]

PAGES = (
    ("events", "/ui/events", "Events"),
    ("timeline", "/ui/timeline", "Timeline"),
    ("network", "/ui/network", "Network"),
    ("map", "/ui/map", "Map"),
)
MAX_CAP = 100_000


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
    roots = sorted({str(a["root"]) for a in context.store.actor_counts() if a.get("root")})
    return tag("datalist", join(tag("option", "", value=root) for root in roots), id="actor-codes")


QUAD_CHOICES = (
    ("", "any"),
    ("1", "1 verbal cooperation"),
    ("2", "2 material cooperation"),
    ("3", "3 verbal conflict"),
    ("4", "4 material conflict"),
)


def _given(request: Request) -> dict[str, str]:
    """Query parameters with empty form fields removed."""
    return {key: value for key, value in query_values(request.query_params).items() if value and clean(value)}


# -- formatting of records -----------------------------------------------------------------------


def actor_label(actor: Mapping[str, Any] | None) -> Markup:
    """``Name (RUS.MIL)`` for an actor record, or a dash."""
    if not actor:
        return Markup("–")
    root = actor.get("org") or actor.get("country") or "?"
    code = f"{root}.{actor['sector']}" if actor.get("sector") else str(root)
    return join(
        [
            tag("span", actor.get("name") or actor.get("text") or code, class_="actor-name"),
            " ",
            tag("code", code),
        ]
    )


def date_label(event: Mapping[str, Any]) -> str:
    """The event's date value, marked when it was taken from the publication date."""
    date = event.get("date") or {}
    value = date.get("value") or "undated"
    return f"{value} (published)" if event.get("date_source") == "published" else str(value)


def _cooperation_class(event: Mapping[str, Any]) -> str:
    quad = event.get("quad_class")
    return "coop" if quad in (1, 2) else "conflict" if quad in (3, 4) else "neutral"


# -- events --------------------------------------------------------------------------------------


@router.get("/events.json")
def events_json(request: Request, context: Context) -> JSONResponse:
    """The data of /ui/events: one page of matching events with the total."""
    return JSONResponse(events_page(context, event_query(_given(request)), "/ui/events.json"))


@router.get("/events", response_class=HTMLResponse)
def events_html(request: Request, context: Context) -> HTMLResponse:
    """Event table with a filter form and pagination."""
    given = _given(request)
    twin = url("/ui/events.json", given)
    error = None
    try:
        data: dict[str, Any] | None = events_page(context, event_query(given), "/ui/events")
    except ApiError as exc:
        data, error = None, exc.message
    form = context.templates.render(
        "events_filters",
        **{
            key: given.get(key, "") for key in ("actor", "country", "type", "since", "until", "text", "limit")
        },
        quad_options=_options(QUAD_CHOICES, given.get("quad_class")),
        modality_options=_options([("", "any"), *((m, m) for m in MODALITIES)], given.get("modality")),
        actor_list=_actor_datalist(context),
    )
    body = join([form, _events_table(data) if data else ""])
    return page(
        context,
        name="events",
        title="Events",
        body=body,
        json_url=twin,
        error=error,
        status=400 if error else 200,
    )


def _events_table(data: Mapping[str, Any]) -> Markup:
    events = data["events"]
    first = data["offset"] + 1 if events else 0
    summary = tag("p", f"Events {first}–{data['offset'] + len(events)} of {data['total']}", class_="summary")
    head = tag(
        "thead",
        tag(
            "tr",
            join(
                tag("th", h)
                for h in ("Date", "Type", "Source", "Target", "Modality", "Goldstein", "Evidence")
            ),
        ),
    )
    rows = join(_event_row(event) for event in events)
    table = tag("table", join([head, tag("tbody", rows)]), class_="events", id="events-table")
    pager = join(
        [
            tag("a", "← previous", href=data["previous"], rel="prev") if data["previous"] else "",
            " ",
            tag("a", "next →", href=data["next"], rel="next") if data["next"] else "",
        ]
    )
    return join([summary, table, tag("nav", pager, class_="pager")])


def _event_row(event: Mapping[str, Any]) -> Markup:
    evidence = event.get("evidence") or {}
    article_link = f"{article_path(event['doc_id'])}#event-{event['id']}"
    cells = [
        tag("td", date_label(event)),
        tag("td", join([tag("strong", event.get("type") or "?"), " ", tag("code", event.get("cameo"))])),
        tag("td", actor_label(event.get("source"))),
        tag("td", actor_label(event.get("target"))),
        tag("td", event.get("modality")),
        tag("td", "" if event.get("goldstein") is None else f"{event['goldstein']:+.1f}", class_="num"),
        tag("td", tag("a", evidence.get("text", ""), href=article_link), class_="evidence-cell"),
    ]
    return tag("tr", join(cells), class_=_cooperation_class(event), data_event_id=event["id"])


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
        evidence = event.get("evidence") or {}
        start, end = evidence.get("start"), evidence.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.setdefault((start, end), []).append(event)
    parts: list[object] = []
    position = 0
    for (start, end), span_events in sorted(spans.items()):
        if start < position:
            continue
        parts.append(text[position:start])
        ids = " ".join(f"event-{e['id']}" for e in span_events)
        inner = _mark_triggers(text, start, end, span_events)
        types = ", ".join(str(e.get("type") or e.get("cameo")) for e in span_events)
        parts.append(
            tag(
                "mark",
                inner,
                class_=f"evidence {_cooperation_class(span_events[0])}",
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
    evidence = event.get("evidence") or {}
    location = event.get("location") or {}
    rows = [
        (
            "Type",
            join(
                [
                    tag("strong", event.get("type") or "?"),
                    " ",
                    tag("code", event.get("cameo")),
                    f" (quad class {event.get('quad_class')}, Goldstein {event.get('goldstein')})",
                ]
            ),
        ),
        ("Source", actor_label(event.get("source"))),
        ("Target", actor_label(event.get("target"))),
        ("Date", date_label(event)),
        ("Modality", event.get("modality")),
        ("According to", event.get("attribution") or "–"),
        ("Place", location.get("name") or "–"),
        ("Trigger", tag("q", event.get("trigger"))),
    ]
    details = tag("dl", join(join([tag("dt", key), tag("dd", value)]) for key, value in rows))
    anchor = tag("a", "show sentence", href=f"#sentence-{evidence.get('start')}", class_="to-sentence")
    return tag(
        "li",
        join([details, anchor]),
        id=f"event-{event['id']}",
        class_=f"event-card {_cooperation_class(event)}",
        data_sentence=f"sentence-{evidence.get('start')}",
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
    """Cooperation against conflict over time for a chosen pair of actors."""
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
        hint = tag("p", "Choose two actors, for example NATO and RUS.", class_="hint")
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
    title = f"{data['a']} and {data['b']}: cooperation and conflict"
    chart = tag("div", "", id="chart", class_="chart", data_source=twin, data_kind="timeline")
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
                f"{data['a']} → {data['b']}",
                f"{data['b']} → {data['a']}",
            )
        ),
    )
    rows = join(
        tag(
            "tr",
            join(
                [
                    tag("td", p["label"]),
                    tag("td", p["events"], class_="num"),
                    tag("td", p["cooperation"], class_="num"),
                    tag("td", p["conflict"], class_="num"),
                    tag("td", f"{p['goldstein_sum']:+.1f}", class_="num"),
                    tag("td", p["a_to_b"], class_="num"),
                    tag("td", p["b_to_a"], class_="num"),
                ]
            ),
        )
        for p in data["periods"]
    )
    table = tag("table", join([tag("thead", head), tag("tbody", rows)]), class_="periods", id="periods-table")
    summary = tag("p", f"{data['events']} events between {data['a']} and {data['b']}", class_="summary")
    return page(
        context,
        name="timeline",
        title=title,
        body=join([form, summary, chart, table]),
        json_url=twin,
        scripts=["/vendor/echarts/echarts.min.js", "/static/charts.js"],
    )


# -- network and map -----------------------------------------------------------------------------


def _range_query(given: Mapping[str, str]) -> tuple[Any, int]:
    """Filter and cap for the network and the map (all matching events up to the cap)."""
    query = event_query(
        {k: v for k, v in given.items() if k not in ("limit", "offset", "cap")}, default_limit=None
    )
    cap = parse_int(given.get("cap"), "cap", DEFAULT_CAP, 1, MAX_CAP) or DEFAULT_CAP
    return query.filter, cap


def _range_form(context: AppContext, action: str, given: Mapping[str, str]) -> Markup:
    return context.templates.render(
        "range_form",
        action=action,
        **{key: given.get(key, "") for key in ("actor", "type", "since", "until")},
        quad_options=_options(QUAD_CHOICES, given.get("quad_class")),
        actor_list=_actor_datalist(context),
    )


@router.get("/network.json")
def network_json(request: Request, context: Context) -> dict[str, Any]:
    """The data of /ui/network: actors as nodes, source → target edges with counts and scores."""
    f, cap = _range_query(_given(request))
    return actor_network(context.store, f, cap)


@router.get("/network", response_class=HTMLResponse)
def network_html(request: Request, context: Context) -> HTMLResponse:
    """Who acts on whom, weighted by event counts and coloured by mean Goldstein score."""
    given = _given(request)
    twin = url("/ui/network.json", given)
    form = _range_form(context, "/ui/network", given)
    try:
        f, cap = _range_query(given)
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
    data = actor_network(context.store, f, cap)
    chart = tag("div", "", id="chart", class_="chart tall", data_source=twin, data_kind="network")
    head = tag(
        "tr",
        join(
            tag("th", h) for h in ("Source", "Target", "Events", "Cooperation", "Conflict", "Mean Goldstein")
        ),
    )
    rows = join(
        tag(
            "tr",
            join(
                [
                    tag("td", e["source"]),
                    tag("td", e["target"]),
                    tag("td", e["events"], class_="num"),
                    tag("td", e["cooperation"], class_="num"),
                    tag("td", e["conflict"], class_="num"),
                    tag("td", f"{e['goldstein_mean']:+.2f}", class_="num"),
                ]
            ),
        )
        for e in data["edges"][:50]
    )
    table = tag("table", join([tag("thead", head), tag("tbody", rows)]), class_="edges", id="edges-table")
    summary = tag(
        "p",
        f"{len(data['nodes'])} actors, {len(data['edges'])} directed pairs, from "
        f"{data['events_used']} of {data['events_total']} events",
        class_="summary",
    )
    return page(
        context,
        name="network",
        title="Actor network",
        body=join([form, summary, chart, table]),
        json_url=twin,
        scripts=["/vendor/echarts/echarts.min.js", "/static/charts.js"],
    )


@router.get("/map.json")
def map_json(request: Request, context: Context) -> dict[str, Any]:
    """The data of /ui/map: places with coordinates and their events."""
    f, cap = _range_query(_given(request))
    return {**event_places(context.store, f, cap), "basemap": BASEMAP}


BASEMAP = "/vendor/world-atlas/countries-110m.json"


@router.get("/map", response_class=HTMLResponse)
def map_html(request: Request, context: Context) -> HTMLResponse:
    """Event locations on Natural Earth country outlines (served locally, no tile server)."""
    given = _given(request)
    twin = url("/ui/map.json", given)
    form = _range_form(context, "/ui/map", given)
    try:
        f, cap = _range_query(given)
    except ApiError as exc:
        return page(context, name="map", title="Map", body=form, json_url=twin, error=exc.message, status=400)
    data = event_places(context.store, f, cap)
    chart = tag(
        "div", "", id="chart", class_="chart tall", data_source=twin, data_kind="map", data_basemap=BASEMAP
    )
    head = tag("tr", join(tag("th", h) for h in ("Place", "Country", "Events", "Mean Goldstein", "Types")))
    rows = join(
        tag(
            "tr",
            join(
                [
                    tag("td", p["name"]),
                    tag("td", p["country"] or "–"),
                    tag("td", p["events"], class_="num"),
                    tag("td", f"{p['goldstein_mean']:+.2f}", class_="num"),
                    tag("td", ", ".join(f"{k} {v}" for k, v in p["types"].items())),
                ]
            ),
        )
        for p in data["places"][:100]
    )
    table = tag("table", join([tag("thead", head), tag("tbody", rows)]), class_="places", id="places-table")
    summary = tag(
        "p",
        f"{len(data['places'])} places, from {data['events_used']} of {data['events_total']} events",
        class_="summary",
    )
    return page(
        context,
        name="map",
        title="Map",
        body=join([form, summary, chart, table]),
        json_url=twin,
        scripts=[
            "/vendor/echarts/echarts.min.js",
            "/vendor/topojson-client/topojson-client.min.js",
            "/static/charts.js",
        ],
    )


@router.get("", include_in_schema=False)
def ui_root() -> RedirectResponse:
    """The dashboard starts at the event table."""
    return RedirectResponse("/ui/events")


__all__ = ["escape", "router"]
