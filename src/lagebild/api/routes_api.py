"""The JSON API: events, actors, dyad timelines, articles, statistics, and ingest jobs."""

from __future__ import annotations

import asyncio
import hmac
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from lagebild.api.context import AppContext, get_context
from lagebild.api.errors import ApiError, not_found
from lagebild.api.html import url
from lagebild.api.ingest import parse_body
from lagebild.api.params import (
    ActorParam,
    CountryParam,
    EventQuery,
    LanguageParam,
    LimitParam,
    ModalityParam,
    OffsetParam,
    QuadParam,
    SearchParam,
    SinceParam,
    TypeParam,
    UntilParam,
    check_actor_code,
    check_format,
    check_granularity,
    event_query,
)

router = APIRouter()
Context = Annotated[AppContext, Depends(get_context)]
WAIT_SECONDS = 300.0


def event_query_params(
    actor: ActorParam = None,
    country: CountryParam = None,
    type: TypeParam = None,
    quad_class: QuadParam = None,
    modality: ModalityParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    text: SearchParam = None,
    language: LanguageParam = None,
    limit: LimitParam = None,
    offset: OffsetParam = None,
) -> EventQuery:
    """The event filter and paging parameters (a FastAPI dependency; 400 on any bad value)."""
    return event_query(locals())


EventQueryDep = Annotated[EventQuery, Depends(event_query_params)]


def events_page(context: AppContext, query: EventQuery, path: str) -> dict[str, Any]:
    """One page of events with the total and links to the neighbouring pages."""
    f = query.filter
    total = context.store.count_events(f)
    events = context.store.query_events(f) if f.limit != 0 else []
    limit = f.limit if f.limit is not None else len(events)
    following = f.offset + limit if limit and f.offset + limit < total else None
    previous = max(0, f.offset - limit) if f.offset > 0 and limit else None
    return {
        "total": total,
        "limit": limit,
        "offset": f.offset,
        "count": len(events),
        "next": url(path, {**query.values, "limit": limit, "offset": following})
        if following is not None
        else None,
        "previous": url(path, {**query.values, "limit": limit, "offset": previous})
        if previous is not None
        else None,
        "events": events,
    }


@router.get("/events", tags=["events"], summary="Search events")
def list_events(
    context: Context,
    query: EventQueryDep,
    format: Annotated[
        str | None, Query(description="`json` (default) or `csv` (flat dotted columns).")
    ] = None,
    raw: Annotated[
        bool,
        Query(
            description="CSV only: cells as stored, without the `'` put before text that a "
            "spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first)."
        ),
    ] = False,
) -> Response:
    """Events matching the filters, ordered by date, one page at a time, with the total count."""
    fmt = check_format(format)
    if fmt == "csv":
        out = io.StringIO()
        context.store.export("csv", out, query.filter, raw_csv=raw)
        total = context.store.count_events(query.filter)
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"X-Total-Count": str(total), "Content-Disposition": 'attachment; filename="events.csv"'},
        )
    return JSONResponse(events_page(context, query, "/events"))


@router.get("/events/{event_id:path}", tags=["events"], summary="One event")
def get_event(context: Context, event_id: str) -> dict[str, Any]:
    """The event record with its evidence sentence and the article it was read from."""
    event = context.store.get_event(event_id)
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
    code_a = check_actor_code(a, "a")
    code_b = check_actor_code(b, "b")
    period = check_granularity(granularity)
    periods = context.store.dyad_timeline(code_a, code_b, period)
    return {
        "a": code_a,
        "b": code_b,
        "granularity": period,
        "events": sum(p["events"] for p in periods),
        "periods": periods,
    }


@router.get("/dyads/{a}/{b}/timeline", tags=["actors"], summary="Timeline of a pair of actors")
def get_dyad_timeline(
    context: Context,
    a: str,
    b: str,
    granularity: Annotated[str | None, Query(description="`day`, `week` or `month` (default).")] = None,
) -> dict[str, Any]:
    """Events between actors ``a`` and ``b`` (root codes such as NATO, RUS, or RUS.MIL) in either
    direction per period: count, sum of Goldstein scores, cooperation (quad classes 1–2) and
    conflict (3–4), and the counts per direction."""
    return dyad_timeline(context, a, b, granularity)


PRIVATE_ARTICLE_FIELDS = ("source_path",)
"""Stored article fields the API does not show: where the file lay on the ingesting machine."""


def public_article(context: AppContext, article_id: str) -> dict[str, Any] | None:
    """An article as the API shows it (without local paths), or None."""
    article = context.store.get_article(article_id)
    if article is not None:
        for name in PRIVATE_ARTICLE_FIELDS:
            article.pop(name, None)
    return article


@router.get("/articles/{article_id:path}", tags=["articles"], summary="One article")
def get_article(context: Context, article_id: str) -> dict[str, Any]:
    """The article's text with its sentences, the mentions found in it and its events."""
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
