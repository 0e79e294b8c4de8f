"""Stories in the API and the dashboard: the events several articles report, each once.

``GET /stories`` takes the filters of ``GET /events`` (a story matches when one of its mentions
does) and pages or downloads the story rows; ``GET /stories/{id}`` gives one story with each
mention's event, article and evidence. ``/ui/stories`` and ``/ui/stories/{id}`` show the same
in the dashboard, built from escaped values like every other page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, cast
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from lagebild.api.context import AppContext, get_context
from lagebild.api.errors import ApiError, bad_request, not_found
from lagebild.api.html import Markup, join, tag, url
from lagebild.api.params import (
    ActorParam,
    AttributionParam,
    CountryParam,
    EventQuery,
    LanguageParam,
    LimitParam,
    ModalityParam,
    OffsetParam,
    OutletParam,
    PlaceParam,
    PrecisionParam,
    QuadParam,
    SearchParam,
    SinceParam,
    SourceParam,
    TargetParam,
    TypeParam,
    UntilParam,
    check_format,
    clean,
    event_query,
)
from lagebild.api.routes_ui import article_path, filter_form, notes_line, page
from lagebild.api.streaming import MEDIA_TYPES, stream_export
from lagebild.store import EventFilter, Store
from lagebild.store.base import ExportFormat, ExportTarget
from lagebild.store.stories import STORY_SORT_KEYS, StoriesMixin

router = APIRouter()
Context = Annotated[AppContext, Depends(get_context)]
StorySortParam = Annotated[
    str | None,
    Query(
        description="`date` (default), `mentions`, `articles`, `outlets`, `first_seen`, `last_seen`, "
        "`type`, `source`, `target`; `-` first: descending (`-mentions`: the most reported first)."
    ),
]


def stories_of(context: AppContext) -> StoriesMixin:
    """The store's stories (every backend has them; the ``Store`` protocol does not name them)."""
    store = context.store
    if not isinstance(store, StoriesMixin):
        raise ApiError(500, "this store keeps no stories")
    return store


def check_story_sort(value: str | None) -> str | None:
    """A story sort key (``-`` first: descending), or raise 400."""
    value = clean(value)
    if value is not None and value.lower().lstrip("-") not in STORY_SORT_KEYS:
        keys = ", ".join(STORY_SORT_KEYS)
        raise bad_request(
            f"sort must be one of {keys} (- first: descending), not {value!r}", parameter="sort"
        )
    return value


def story_query(
    context: AppContext, values: Mapping[str, Any], **paging: int | None
) -> tuple[EventQuery, str | None]:
    """The event filter (its mentions must match) and the story sort of the parameters."""
    sort = check_story_sort(values.get("sort"))
    query = event_query(context.store, {k: v for k, v in values.items() if k != "sort"}, **paging)
    return query, sort


def stories_page(context: AppContext, query: EventQuery, sort: str | None, path: str) -> dict[str, Any]:
    """One page of story rows with the total, links to the neighbouring pages and the notes."""
    stories = stories_of(context)
    f = query.filter
    total = stories.count_stories(f)
    rows = stories.query_stories(f, sort) if f.limit != 0 else []
    limit = f.limit if f.limit is not None else len(rows)
    given = {**query.values, "sort": sort}
    following = f.offset + limit if limit and f.offset + limit < total else None
    previous = max(0, f.offset - limit) if f.offset > 0 and limit else None
    return {
        "total": total,
        "limit": limit,
        "offset": f.offset,
        "count": len(rows),
        "next": url(path, {**given, "limit": limit, "offset": following}) if following is not None else None,
        "previous": url(path, {**given, "limit": limit, "offset": previous})
        if previous is not None
        else None,
        "notes": list(query.notes),
        "story_window_days": stories.story_window(),
        "stories": rows,
    }


class _StoryExport:
    """What ``stream_export`` writes from: the story rows of a filter, in a given order."""

    def __init__(self, stories: StoriesMixin, sort: str | None) -> None:
        self._stories = stories
        self._sort = sort

    def export(
        self,
        fmt: ExportFormat,
        out: ExportTarget,
        f: EventFilter,
        *,
        raw_csv: bool = False,
        profile: str = "",
    ) -> int:
        return self._stories.export_stories(fmt, out, f, sort=self._sort, raw_csv=raw_csv)


@router.get("/stories", tags=["stories"], summary="Search stories")
def list_stories(
    request: Request,
    context: Context,
    actor: ActorParam = None,
    source: SourceParam = None,
    target: TargetParam = None,
    country: CountryParam = None,
    type: TypeParam = None,
    quad_class: QuadParam = None,
    modality: ModalityParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    text: SearchParam = None,
    language: LanguageParam = None,
    outlet: OutletParam = None,
    attribution: AttributionParam = None,
    place: PlaceParam = None,
    precision: PrecisionParam = None,
    sort: StorySortParam = None,
    limit: LimitParam = None,
    offset: OffsetParam = None,
    format: Annotated[
        str | None,
        Query(
            description="`json` (default: one page), or every matching story as `csv`, `jsonl` or `parquet`."
        ),
    ] = None,
    raw: Annotated[bool, Query(description="CSV only: cells as stored (see `GET /events`).")] = False,
) -> Response:
    """Stories with at least one mention matching the filters of ``GET /events``: one page of
    story rows with the total, or every matching story as a download (streamed)."""
    fmt = check_format(format)
    values = {k: v for k, v in locals().items() if k not in ("request", "context", "format", "raw", "fmt")}
    if fmt == "json":
        query, order = story_query(context, values)
        return JSONResponse(stories_page(context, query, order, "/stories"))
    query, order = story_query(context, values, default_limit=None, max_limit=None)
    stories = stories_of(context)
    exporter = cast(Store, _StoryExport(stories, order))
    chunks = stream_export(exporter, fmt, query.filter, raw_csv=raw)  # type: ignore[arg-type]
    headers = {
        "X-Total-Count": str(stories.count_stories(query.filter)),
        "Content-Disposition": f'attachment; filename="stories.{fmt}"',
    }
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[fmt], headers=headers)


@router.get("/stories/{story_id}", tags=["stories"], summary="One story with its mentions")
def get_story(context: Context, story_id: str) -> dict[str, Any]:
    """The story's row with ``events``: each mention's event id, article (id, title, url, outlet,
    publication date), date, actors, trigger and evidence sentence with its offsets."""
    story = stories_of(context).get_story(story_id)
    if story is None:
        raise not_found("story", story_id)
    return story


# -- dashboard -------------------------------------------------------------------------------


def story_path(story_id: str) -> str:
    """The dashboard address of a story."""
    return f"/ui/stories/{quote(story_id, safe='')}"


def _given(request: Request) -> dict[str, Any]:
    """The non-empty query parameters (``actor`` as a list)."""
    given: dict[str, Any] = {}
    for key in request.query_params:
        if key == "actor":
            items = [item.strip() for item in request.query_params.getlist(key) if clean(item)]
            if items:
                given[key] = items
        elif clean(request.query_params[key]):
            given[key] = request.query_params[key]
    return given


@router.get("/ui/stories.json", include_in_schema=False)
def stories_json(request: Request, context: Context) -> JSONResponse:
    """The data of /ui/stories: a page of story rows as ``GET /stories`` gives it."""
    query, order = story_query(context, _given(request))
    return JSONResponse(stories_page(context, query, order, "/ui/stories.json"))


@router.get("/ui/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_html(request: Request, context: Context) -> HTMLResponse:
    """The stories matching the filters, with their numbers of mentions, articles and outlets."""
    given = _given(request)
    twin = url("/ui/stories.json", given)
    form = filter_form(context, "/ui/stories", {k: v for k, v in given.items() if k != "sort"})
    try:
        query, order = story_query(context, given)
    except ApiError as exc:
        return page(
            context, name="stories", title="Stories", body=form, json_url=twin, error=exc.message, status=400
        )
    data = stories_page(context, query, order, "/ui/stories")
    orders = join(
        [
            "Order: ",
            tag("a", "by date", href=url("/ui/stories", {**query.values})),
            " · ",
            tag("a", "most reported first", href=url("/ui/stories", {**query.values, "sort": "-mentions"})),
            " · ",
            tag("a", "most outlets first", href=url("/ui/stories", {**query.values, "sort": "-outlets"})),
        ]
    )
    summary = tag(
        "p",
        f"{data['total']} stories (reports of one type between the same actors within "
        f"{data['story_window_days']} days either side of a story's middle)",
        class_="summary",
    )
    events_link = tag("a", "the same as single reports", href=url("/ui/events", query.values))
    body = join(
        [
            form,
            notes_line(query),
            summary,
            tag("p", join([orders, " · ", events_link])),
            _stories_table(data["stories"]),
            _pager(data),
        ]
    )
    return page(context, name="stories", title="Stories", body=body, json_url=twin)


def _pager(data: Mapping[str, Any]) -> Markup:
    links = [
        tag("a", "← previous", href=data["previous"], rel="prev") if data["previous"] else "",
        " ",
        tag("a", "next →", href=data["next"], rel="next") if data["next"] else "",
    ]
    return tag("nav", join(links), class_="pager")


def _stories_table(rows: list[dict[str, Any]]) -> Markup:
    head = tag(
        "tr",
        join(
            tag("th", name)
            for name in (
                "date",
                "type",
                "source → target",
                "mentions",
                "articles",
                "outlets",
                "seen",
                "first report",
            )
        ),
    )
    body = join(_story_row(row) for row in rows)
    return tag("table", join([tag("thead", head), tag("tbody", body)]), class_="events stories")


def _seen(row: Mapping[str, Any]) -> str:
    first, last = row.get("first_seen"), row.get("last_seen")
    if first and last and first != last:
        return f"{first} – {last}"
    return str(first or last or "")


def _story_row(row: Mapping[str, Any]) -> Markup:
    kind = row.get("type") or f"CAMEO {row.get('cameo_root') or '?'}"
    actors = f"{row.get('source_root') or '–'} → {row.get('target_root') or '–'}"
    cells = [
        tag("td", row.get("event_date") or "undated", class_="date-cell"),
        tag("td", kind),
        tag("td", actors),
        tag("td", row["mentions"]),
        tag("td", row["articles"]),
        tag("td", row["outlets"]),
        tag("td", _seen(row), class_="date-cell"),
        tag(
            "td",
            tag("a", row.get("headline") or "(no text)", href=story_path(row["story_id"])),
            class_="evidence-cell",
        ),
    ]
    return tag("tr", join(cells))


@router.get("/ui/stories/{story_id}.json", include_in_schema=False)
def story_json(context: Context, story_id: str) -> dict[str, Any]:
    """The data of /ui/stories/{id}: as ``GET /stories/{id}``."""
    return get_story(context, story_id)


@router.get("/ui/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_html(context: Context, story_id: str) -> HTMLResponse:
    """One story: its numbers, and each mention with its outlet, article and evidence sentence."""
    twin = f"{story_path(story_id)}.json"
    story = stories_of(context).get_story(story_id)
    if story is None:
        message = f"no story with id {story_id!r}"
        return page(
            context, name="stories", title="Story", body=Markup(""), json_url=twin, error=message, status=404
        )
    kind = story.get("type") or f"CAMEO {story.get('cameo_root') or '?'}"
    title = f"{kind}: {story.get('source_root') or '–'} → {story.get('target_root') or '–'}"
    facts = tag(
        "p",
        f"{story.get('event_date') or 'undated'} · {story['mentions']} mentions in {story['articles']} "
        f"articles from {story['outlets']} outlets · seen {_seen(story)}",
        class_="summary",
    )
    items = join(_mention_item(mention) for mention in story["events"])
    body = join([facts, tag("ol", items, class_="mentions")])
    return page(context, name="stories", title=title, body=body, json_url=twin)


def _mention_item(mention: Mapping[str, Any]) -> Markup:
    """One mention: outlet, publication date, the article's title (linked) and the evidence."""
    source = mention.get("outlet") or mention.get("url") or "unknown outlet"
    heading = join(
        [
            tag("strong", source),
            f" · {mention.get('published') or 'undated'} · ",
            tag("a", mention.get("title") or mention["article_id"], href=article_path(mention["article_id"])),
        ]
    )
    evidence = tag("blockquote", mention.get("evidence_text") or "")
    return tag("li", join([heading, evidence]))
