"""Browser fixtures: Debian's chromium driven by Playwright against a live server.

Tests skip when /usr/bin/chromium is missing and fail under ``CI=true``. Playwright's own browser
download is never used (it needs the internet); ``.ci/run`` installs chromium with apt.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parents[1]
# The sample articles, the stand-in coder and the live server helper live with the API tests.
sys.path.insert(0, str(TESTS / "api"))

from api_samples import SAMPLE_ARTICLES, KeywordCoder  # noqa: E402
from live import live_server  # noqa: E402
from web_support import EXTRA_ARTICLES, HOSTILE_ID, HOSTILE_TEXT, TOKEN, Watched  # noqa: E402

from lagebild.api import create_app  # noqa: E402
from lagebild.settings import Settings  # noqa: E402
from support import REPO, require  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless chromium for the session (a fresh profile in a temporary folder)."""
    require(CHROMIUM.exists(), f"chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    """A fresh page (1280 × 900) that records errors and requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield Watched(context.new_page())
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def add_test_only_routes(app) -> None:  # type: ignore[no-untyped-def]
    """Pages that exist only in the test app, to prove the XSS detector works."""
    from fastapi.responses import HTMLResponse

    from lagebild.api.routes_ui import article_html

    permissive = {"Content-Security-Policy": "default-src * 'unsafe-inline'"}

    def unsafe_article(article_id: str) -> HTMLResponse:
        # Deliberately wrong: the stored text pasted into the page without escaping and without CSP.
        article = app.state.lagebild.store.get_article(article_id)
        return HTMLResponse(
            f"<!doctype html><html><body><div>{article['text']}</div></body></html>", headers=permissive
        )

    def escaped_article_without_csp(article_id: str) -> HTMLResponse:
        # The real article page with the CSP lifted: escaping alone must keep the payload inert.
        page = article_html(app.state.lagebild, article_id)
        return HTMLResponse(bytes(page.body).decode("utf-8"), headers=permissive)

    app.add_api_route("/test-only/unsafe/{article_id}", unsafe_article, include_in_schema=False)
    app.add_api_route("/test-only/no-csp/{article_id}", escaped_article_without_csp, include_in_schema=False)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server holding the sample articles and one hostile article; yields its address."""
    import httpx

    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    app = create_app(db, Settings(api_token=TOKEN), process=KeywordCoder().process)
    add_test_only_routes(app)
    with live_server(app) as base:
        hostile = {
            "id": HOSTILE_ID,
            "published": "2017-09-04",
            "title": "<i>Leserbrief</i>",
            "text": HOSTILE_TEXT,
        }
        response = httpx.post(
            f"{base}/articles?wait=true",
            json=[*SAMPLE_ARTICLES, *EXTRA_ARTICLES, hostile],
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        yield base
