"""The JSON API: events, actors, dyad timelines, articles, statistics, and ingest jobs."""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from lagebild.api.context import AppContext, get_context
from lagebild.api.cursor import encode_cursor
from lagebild.api.errors import ApiError, not_found
from lagebild.api.html import url
from lagebild.api.ingest import parse_body
from lagebild.api.params import (
    MAX_OFFSET,
    ActorParam,
    AttributionParam,
    CountryParam,
    CursorParam,
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
    SortParam,
    SourceParam,
    TargetParam,
    TypeParam,
    UntilParam,
    check_format,
    check_granularity,
    check_profile,
    event_query,
    read_actor,
)
from lagebild.api.streaming import MEDIA_TYPES, stream_export
from lagebild.dates import month_bounds
from lagebild.store import EventFilter
from lagebild.store.base import RowPage

router = APIRouter()
Context = Annotated[AppContext, Depends(get_context)]
WAIT_SECONDS = 300.0


def events_page(context: AppContext, query: EventQuery, path: str) -> dict[str, Any]:
    """One page of event-table rows with the total, links to the neighbouring pages and what the
    filter's names were read as (``notes``).

    ``next`` carries a keyset cursor (``next_cursor``), so every page costs the same however deep
    it lies; ``previous`` is given while it is within reach of ``offset``.
    """
    f = query.filter
    total = context.store.count_events(f)
    page = context.store.page_rows(f) if f.limit != 0 else RowPage([], None)
    limit = f.limit if f.limit is not None else len(page.rows)
    position = query.position
    following = position + len(page.rows)
    next_cursor = encode_cursor(f.sort, page.after, following) if page.after is not None else None
    previous = max(0, position - limit) if position > 0 and limit else None
    if previous is not None and previous > MAX_OFFSET:
        previous = None
    return {
        "total": total,
        "limit": limit,
        "offset": position,
        "count": len(page.rows),
        "next_cursor": next_cursor,
        "next": url(path, {**query.values, "limit": limit, "cursor": next_cursor}) if next_cursor else None,
        "previous": url(path, {**query.values, "limit": limit, "offset": previous})
        if previous is not None
        else None,
        "notes": list(query.notes),
        "events": page.rows,
    }


def download(context: AppContext, query: EventQuery, fmt: str, profile: str, raw: bool) -> StreamingResponse:
    """All matching rows (or ``limit`` of them) as a file, streamed while it is written."""
    total = context.store.count_events(query.filter)
    chunks = stream_export(context.store, fmt, query.filter, profile=profile, raw_csv=raw)  # type: ignore[arg-type]
    name = f"events.{fmt}" if profile == "lagebild" else f"events-{profile}.{fmt}"
    headers = {"X-Total-Count": str(total), "Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[fmt], headers=headers)


DOWNLOAD_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "`format=json`: a page of event rows; `csv`, `jsonl`, `parquet`: every matching row.",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.get("/events", tags=["events"], summary="Search events", responses=DOWNLOAD_RESPONSE)
def list_events(
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
    sort: SortParam = None,
    limit: LimitParam = None,
    offset: OffsetParam = None,
    cursor: CursorParam = None,
    format: Annotated[
        str | None,
        Query(
            description="`json` (default: one page), or a download of every matching row: `csv`, "
            "`jsonl` or `parquet`."
        ),
    ] = None,
    profile: Annotated[
        str | None,
        Query(
            description="Columns of a download: `lagebild` (docs/CODEBOOK.md, default), `gdelt` or `plover`."
        ),
    ] = None,
    raw: Annotated[
        bool,
        Query(
            description="CSV only: cells as stored, without the `'` put before text that a "
            "spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first)."
        ),
    ] = False,
) -> Response:
    """Events matching the filters, ordered by date: one page of rows with the total, or every
    matching row as a CSV, JSON Lines or Parquet download (streamed, no size limit).

    Pages: follow ``next`` (a keyset cursor, the same cost at any depth); ``offset`` reaches the
    first 10,000 events only."""
    fmt = check_format(format)
    values = {
        k: v
        for k, v in locals().items()
        if k not in ("request", "context", "format", "profile", "raw", "fmt")
    }
    if fmt == "json":
        return JSONResponse(events_page(context, event_query(context.store, values), "/events"))
    query = event_query(context.store, values, default_limit=None, max_limit=None)
    return download(context, query, fmt, check_profile(profile), raw)


@router.get("/events/{event_id:path}", tags=["events"], summary="One event")
def get_event(context: Context, event_id: str) -> dict[str, Any]:
    """The event's row (the columns of docs/CODEBOOK.md), with the coder's ``extra`` if any."""
    event = context.store.get_row(event_id)
    if event is None:
        raise not_found("event", event_id)
    return event


@router.get("/actors", tags=["actors"], summary="Actors with event counts")
def list_actors(context: Context) -> dict[str, Any]:
    """Per actor root code and sector: events as source, as target and in total, most frequent first."""
    actors = context.store.actor_counts()
    return {"count": len(actors), "actors": actors}


def dyad_timeline(context: AppContext, a: str, b: str, granularity: str | None) -> dict[str, Any]:
    """Cooperation and conflict between two actors per period (shared with the dashboard)."""
    code_a = read_actor(context.store, a, "a")
    code_b = read_actor(context.store, b, "b")
    period = check_granularity(granularity)
    periods = context.store.dyad_timeline(code_a, code_b, period)
    for row in periods:
        row["first_day"], row["last_day"] = period_days(row["period"], period)
    return {
        "a": code_a.code or a,
        "b": code_b.code or b,
        "a_label": code_a.label or code_a.code,
        "b_label": code_b.label or code_b.code,
        "granularity": period,
        "events": sum(p["events"] for p in periods),
        "periods": periods,
    }


def period_days(first: str, granularity: str) -> tuple[str, str]:
    """The first and last day of a timeline period, as ISO dates."""
    start = dt.date.fromisoformat(first)
    if granularity == "week":
        end = start + dt.timedelta(days=6)
    elif granularity == "month":
        end = month_bounds(start.year, start.month)[1]
    else:
        end = start
    return start.isoformat(), end.isoformat()


@router.get("/dyads/{a}/{b}/timeline", tags=["actors"], summary="Timeline of a pair of actors")
def get_dyad_timeline(
    context: Context,
    a: str,
    b: str,
    granularity: Annotated[str | None, Query(description="`day`, `week` or `month` (default).")] = None,
) -> dict[str, Any]:
    """Events between actors ``a`` and ``b`` (codes such as NATO, RUS or RUS.MIL, or names such as
    Russland or Putin) in either direction per period: count, sum of Goldstein scores,
    cooperation (quad classes 1–2) and conflict (3–4), the counts per direction, and the first
    and last day of each period."""
    return dyad_timeline(context, a, b, granularity)


PRIVATE_ARTICLE_FIELDS = ("source_path",)
"""Stored article fields the API does not show: where the file lay on the ingesting machine."""


def public_article(context: AppContext, article_id: str) -> dict[str, Any] | None:
    """An article as the API shows it (without local paths), its events as table rows in text order."""
    article = context.store.get_article(article_id)
    if article is None:
        return None
    for name in PRIVATE_ARTICLE_FIELDS:
        article.pop(name, None)
    rows = context.store.query_rows(EventFilter(article=article_id))
    article["events"] = sorted(rows, key=lambda r: (r["evidence_start"], r["trigger_start"], r["event_id"]))
    return article


@router.get("/articles/{article_id:path}", tags=["articles"], summary="One article")
def get_article(context: Context, article_id: str) -> dict[str, Any]:
    """The article's text with its sentences, the mentions found in it and its events (table rows)."""
    article = public_article(context, article_id)
    if article is None:
        raise not_found("article", article_id)
    return article


@router.get("/stats", tags=["store"], summary="Store statistics")
def get_stats(context: Context) -> dict[str, Any]:
    """Counts of articles, sentences, mentions and events; events by type and language; date ranges."""
    return context.store.stats()


def require_writer(request: Request, context: Context) -> None:
    """Allow writes only with ``Authorization: Bearer <token>`` matching the configured token."""
    token = context.settings.api_token
    if not token or not context.writable:
        raise ApiError(403, "writes are disabled on this server: start it with LAGEBILD_API_TOKEN set")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    challenge = {"WWW-Authenticate": "Bearer"}
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "missing bearer token: send Authorization: Bearer <token>", headers=challenge)
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise ApiError(401, "wrong bearer token", headers=challenge)


async def read_bounded_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/articles",
    tags=["articles"],
    summary="Ingest articles",
    status_code=202,
    dependencies=[Depends(require_writer)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/ArticleIn"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                        ],
                    }
                }
            },
        }
    },
)
async def post_articles(
    request: Request,
    context: Context,
    wait: Annotated[
        bool, Query(description="Wait until the articles are stored and return their event ids.")
    ] = False,
) -> JSONResponse:
    """Queue one article or a list of articles for the pipeline and the store.

    Returns 202 with a job (poll ``GET /jobs/{id}``), or with ``wait=true`` 200 and the stored
    event ids once the job is done. Articles already stored are skipped.
    """
    body = await read_bounded_body(request, context.max_body_bytes)
    articles, warnings = parse_body(body, context.settings)
    job = context.ingest.submit(articles, warnings)
    headers = {"Location": f"/jobs/{job.id}"}
    if wait:
        await asyncio.to_thread(job.finished.wait, WAIT_SECONDS)
        state = context.ingest.snapshot(job)
        if state["status"] == "failed":
            return JSONResponse(
                {"error": f"ingest failed: {state['error']}", "status": 500, "job": state},
                status_code=500,
                headers=headers,
            )
        if state["status"] == "done":
            return JSONResponse(state, status_code=200, headers=headers)
    return JSONResponse(context.ingest.snapshot(job), status_code=202, headers=headers)


@router.get("/jobs/{job_id}", tags=["articles"], summary="State of an ingest job")
def get_job(context: Context, job_id: str) -> dict[str, Any]:
    """Status (queued, running, done, failed), counts, stored event ids and problems of a job."""
    job = context.ingest.get(job_id)
    if job is None:
        raise not_found("job", job_id)
    return context.ingest.snapshot(job)
