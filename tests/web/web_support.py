"""Constants and helpers shared by the browser tests and their fixtures."""

from __future__ import annotations

from typing import Any

TOKEN = "web-test-token"
HOSTILE_ID = "leserbrief-xss"
HOSTILE_TEXT = (
    "Ein Leser schrieb: <script>window.__xss=1</script> und dazu "
    '<img src=x onerror="window.__xss=1"> – Polen traf Litauen trotzdem in Vilnius.'
)

EXTRA_ARTICLES: list[dict[str, str]] = [
    {
        "id": "2017-03-moskau",
        "published": "2017-03-10",
        "title": "Moskau kritisiert die Nato",
        "outlet": "Morgenpost Beispiel",
        "text": "Moskau kritisierte die Nato wegen der Manöver im Baltikum.",
    },
    {
        "id": "2014-01-ukraine",
        "published": "2014-01-20",
        "title": "Hilfe in der Ukraine",
        "outlet": "Beispielblatt",
        "text": "Polen lieferte in der Ukraine Decken und Zelte. Die Nato traf Polen zu Beratungen.",
    },
]
"""Articles the browser tests add to the API's samples: a second event between Russia and NATO in
March 2017, an event placed in a whole country, and one in 2014, far before the others (the
time axis must show the empty years)."""


class Watched:
    """A browser page that records console errors, failed requests and every address it asked for."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("requestfailed", self._failed)
        page.on("request", lambda request: self.requests.append(request.url))

    def _failed(self, request: Any) -> None:
        # A fetch cut short because the test went on to the next page is no failure of the page.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def check_clean(self, base: str) -> None:
        """No script errors, no CSP violations, nothing requested from another server."""
        assert self.errors == [], self.errors
        assert [url for url in self.requests if not url.startswith(base)] == []


def open_page(watched: Watched, server: str, path: str) -> Any:
    """Go to a dashboard page; it must answer 200."""
    response = watched.page.goto(server + path)
    assert response is not None and response.status == 200
    return watched.page


def wait_for_chart(page: Any) -> None:
    """Wait until charts.js has drawn the page's chart (or failed, which fails the test)."""
    page.wait_for_selector("#chart[data-rendered='true'], #chart[data-error]", timeout=15_000)
    assert page.get_attribute("#chart", "data-error") is None


def chart_point(page: Any, finder: str, *value: Any) -> tuple[float, float]:
    """Where a value is drawn on the page's chart, in page coordinates (echarts' convertToPixel)."""
    script = """([finder, value]) => {
        const el = document.querySelector('#chart');
        const chart = echarts.getInstanceByDom(el);
        const point = chart.convertToPixel(finder, value);
        const box = el.getBoundingClientRect();
        return [box.left + point[0], box.top + point[1]];
    }"""
    finder_object = {"seriesIndex": 0} if finder == "series" else {"geoIndex": 0}
    x, y = page.evaluate(script, [finder_object, list(value)])
    return float(x), float(y)
