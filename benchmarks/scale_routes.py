"""Latency of the API's routes and the dashboard's pages on a real ``lagebild serve``.

The server runs in its own process, as users run it, and is asked over HTTP with httpx. The
routes are those of ``lagebild.api.routes_api`` and ``lagebild.api.routes_ui``, with filter
values taken from the store itself (its most frequent actors and types, an event and an article
it holds), so every request has something to find.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from scale_measure import percentile, rss_of

REPO = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 600
REQUEST_TIMEOUT = 600.0


@dataclass(frozen=True)
class Route:
    """One request to time: a name for the table and the address with its query."""

    name: str
    path: str


@dataclass
class Timing:
    """What the requests to one route took."""

    route: Route
    status: int
    first: float
    times: list[float]
    rss_mb: float
    peak_mb: float

    def summary(self) -> dict[str, Any]:
        """The figures of the table, in milliseconds and MB."""
        return {
            "route": self.route.name,
            "path": self.route.path,
            "status": self.status,
            "requests": len(self.times),
            "first_ms": self.first * 1000,
            "p50_ms": percentile(self.times, 0.5) * 1000,
            "p99_ms": percentile(self.times, 0.99) * 1000,
            "server_rss_mb": self.rss_mb,
            "server_peak_mb": self.peak_mb,
        }


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start ``lagebild serve`` on ``db`` (read-only: no token) and wait until it answers."""
    env = {k: v for k, v in os.environ.items() if k != "LAGEBILD_API_TOKEN"}
    env["PYTHONPATH"] = str(REPO / "src")
    command = [sys.executable, "-m", "lagebild.cli", "serve", "--db", db, "--port", str(port)]
    with log.open("wb") as sink:
        server = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start-up; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/stats", timeout=REQUEST_TIMEOUT).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the server did not answer within {STARTUP_SECONDS} s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and wait for it."""
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def sample_values(client: httpx.Client) -> dict[str, str]:
    """Filter values the store holds: its two most frequent actors, type, an event, an article,
    and the link to the second page of ``/events`` (whatever paging the API uses)."""
    actors = [a for a in client.get("/actors").json()["actors"] if not a.get("sector")]
    first, second = actors[0]["root"], actors[1]["root"]
    stats = client.get("/stats").json()
    kind = _top_type(stats.get("by_type") or [])
    page = client.get("/events", params={"actor": [first, second], "limit": 1}).json()
    if not page["events"]:
        page = client.get("/events", params={"limit": 1}).json()
    event = page["events"][0]
    following = client.get("/events").json().get("next")
    return {
        "next": following or "",
        "actor": first,
        "other": second,
        "type": kind,
        "event": event["event_id"],
        "article": event["article_id"],
    }


def _top_type(by_type: Any) -> str:
    """The most frequent PLOVER type in the store statistics (a list of rows or a mapping)."""
    if isinstance(by_type, dict):
        return str(max(by_type.items(), key=lambda kv: kv[1])[0])
    for row in by_type:
        if row.get("type"):
            return str(row["type"])
    return "CONSULT"


def routes(values: dict[str, str]) -> list[Route]:
    """Every route to time, with the store's own values in the filters."""
    a, b, kind = values["actor"], values["other"], values["type"]
    event, article = quote(values["event"], safe=""), quote(values["article"], safe="")
    dyad = urlencode([("actor", a), ("actor", b)])
    filtered = urlencode({"type": kind, "since": "2015", "until": "2016-06", "language": "de"})
    return [
        Route("GET /events", "/events"),
        Route("GET /events actor", f"/events?actor={a}"),
        Route("GET /events two actors", f"/events?{dyad}"),
        Route("GET /events type+dates+language", f"/events?{filtered}"),
        Route("GET /events text", "/events?text=Regierung"),
        Route("GET /events sort=-goldstein", "/events?sort=-goldstein"),
        Route("GET /events offset=10000", "/events?offset=10000"),
        Route("GET /events offset=10000 filtered", f"/events?actor={a}&offset=10000"),
        # Deeper pages are reached by following ``next`` (a cursor, whose cost does not grow
        # with the depth); an offset beyond the API's limit is refused, not timed.
        *([Route("GET /events next page (its link)", values["next"])] if values["next"] else []),
        Route("GET /events csv actor+year", f"/events?format=csv&actor={a}&since=2020&until=2020"),
        Route("GET /events/{id}", f"/events/{event}"),
        Route("GET /articles/{id}", f"/articles/{article}"),
        Route("GET /actors", "/actors"),
        Route("GET /dyads/a/b/timeline", f"/dyads/{a}/{b}/timeline"),
        Route("GET /dyads/a/b/timeline day", f"/dyads/{a}/{b}/timeline?granularity=day"),
        Route("GET /stats", "/stats"),
        Route("UI /ui/events", "/ui/events"),
        Route("UI /ui/events.json", "/ui/events.json"),
        Route("UI /ui/events actor+since", f"/ui/events?actor={a}&since=2015"),
        Route("UI /ui/events text", "/ui/events?text=Regierung"),
        Route("UI /ui/articles/{id}", f"/ui/articles/{article}"),
        Route("UI /ui/timeline", f"/ui/timeline?a={a}&b={b}"),
        Route("UI /ui/timeline.json", f"/ui/timeline.json?a={a}&b={b}"),
        Route("UI /ui/network", "/ui/network"),
        Route("UI /ui/network.json", "/ui/network.json"),
        Route("UI /ui/network actor", f"/ui/network?actor={a}"),
        Route("UI /ui/map", "/ui/map"),
        Route("UI /ui/map.json", "/ui/map.json"),
        Route("UI /ui/map actor", f"/ui/map?actor={a}"),
    ]


def time_route(
    client: httpx.Client, route: Route, server_pid: int, requests: int, budget: float
) -> Timing:
    """One untimed-for-percentiles first request, then up to ``requests`` timed ones.

    A slow route stops after ``budget`` seconds of timed requests (at least five are made), so a
    route of several seconds does not hold the whole run up; the table says how many were made.
    """
    started = time.perf_counter()
    status = client.get(route.path).status_code
    first = time.perf_counter() - started
    times: list[float] = []
    spent = 0.0
    while len(times) < requests and (spent < budget or len(times) < 5):
        started = time.perf_counter()
        response = client.get(route.path)
        elapsed = time.perf_counter() - started
        status = max(status, response.status_code)
        times.append(elapsed)
        spent += elapsed
    rss, peak = rss_of(server_pid)
    return Timing(route, status, first, times, rss, peak)


def measure_routes(db: str, requests: int, budget: float, log: Path) -> tuple[list[dict[str, Any]], float]:
    """Start a server on ``db``, time every route, stop it; return the rows and the start-up RSS."""
    port = free_port()
    server = start_server(db, port, log)
    rows: list[dict[str, Any]] = []
    try:
        startup_rss = rss_of(server.pid)[0]
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=REQUEST_TIMEOUT) as client:
            for route in routes(sample_values(client)):
                timing = time_route(client, route, server.pid, requests, budget)
                rows.append(timing.summary())
                print(_line(rows[-1]), file=sys.stderr)
    finally:
        stop_server(server)
    return rows, startup_rss


def _line(row: dict[str, Any]) -> str:
    return (
        f"  {row['route']:<36} {row['status']} n={row['requests']:<3} p50 {row['p50_ms']:9.1f} ms  "
        f"p99 {row['p99_ms']:9.1f} ms  server {row['server_rss_mb']:6.0f} MB "
        f"(peak {row['server_peak_mb']:.0f})"
    )


def slow(rows: Sequence[dict[str, Any]], limit_ms: float) -> list[dict[str, Any]]:
    """The routes whose p99 exceeds ``limit_ms``."""
    return [r for r in rows if r["p99_ms"] > limit_ms]
