"""Deep paging: keyset cursors in every sort order, the offset limit, and bad cursors."""

from __future__ import annotations

from typing import Any

import pytest
from api_samples import SAMPLE_EVENTS
from fastapi.testclient import TestClient

from lagebild.api.cursor import encode_cursor
from lagebild.api.params import MAX_OFFSET
from lagebild.store.base import SORT_KEYS


def _ids(body: dict[str, Any]) -> list[str]:
    return [row["event_id"] for row in body["events"]]


def _walk(client: TestClient, params: dict[str, Any]) -> list[list[str]]:
    """Every page from the first, following the ``next`` links."""
    pages = []
    body = client.get("/events", params=params).json()
    while True:
        pages.append(_ids(body))
        if body["next"] is None:
            return pages
        body = client.get(body["next"]).json()


@pytest.mark.parametrize("sort", [None, *SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)])
def test_cursor_pages_give_every_event_once_in_order(reader: TestClient, sort: str | None) -> None:
    params = {"sort": sort} if sort else {}
    whole = _ids(reader.get("/events", params={**params, "limit": 1000}).json())
    pages = _walk(reader, {**params, "limit": 2})
    assert [event for page in pages for event in page] == whole
    assert len(whole) == SAMPLE_EVENTS
    assert all(len(page) == 2 for page in pages[:-1])


def test_cursor_pages_keep_the_filter(reader: TestClient) -> None:
    whole = _ids(reader.get("/events", params={"actor": "RUS", "limit": 1000}).json())
    pages = _walk(reader, {"actor": "RUS", "limit": 1})
    assert [event for page in pages for event in page] == whole and len(pages) == len(whole) > 2


def test_offset_is_capped_and_points_to_the_cursor(reader: TestClient) -> None:
    assert reader.get("/events", params={"offset": MAX_OFFSET}).status_code == 200
    refused = reader.get("/events", params={"offset": MAX_OFFSET + 1})
    assert refused.status_code == 400
    assert refused.json()["parameter"] == "offset" and "cursor" in refused.json()["error"]


@pytest.mark.parametrize(
    ("cursor", "reason"),
    [
        ("nonsense", "damaged"),
        ("eyJ4Ijox.0123456789ab", "damaged"),
        (encode_cursor("goldstein", (1.0, None, None, "a", 0, 0, "e1"), 2), "sort=goldstein"),
        (encode_cursor(None, ("2017-03-01", None, "a"), 2), "values"),
        (encode_cursor(None, ("March", None, "a", 0, 0, "e1"), 2), "date"),
        (encode_cursor(None, (None, None, "a", "zero", 0, "e1"), 2), "integer"),
    ],
)
def test_bad_cursors_get_400(reader: TestClient, cursor: str, reason: str) -> None:
    response = reader.get("/events", params={"cursor": cursor})
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == "cursor" and reason in body["error"]


def test_a_changed_cursor_is_refused(reader: TestClient) -> None:
    token = reader.get("/events", params={"limit": 2}).json()["next_cursor"]
    body, _, check = token.partition(".")
    changed = ("A" if body[0] != "A" else "B") + body[1:]
    assert reader.get("/events", params={"cursor": f"{changed}.{check}"}).status_code == 400
    assert reader.get("/events", params={"cursor": token}).status_code == 200


def test_cursor_and_offset_do_not_mix(reader: TestClient) -> None:
    token = reader.get("/events", params={"limit": 2}).json()["next_cursor"]
    response = reader.get("/events", params={"cursor": token, "offset": 2})
    assert response.status_code == 400 and response.json()["parameter"] == "cursor"


def test_downloads_and_dashboard_follow_the_cursor(reader: TestClient) -> None:
    first = reader.get("/events", params={"limit": 3}).json()
    rest = reader.get("/events", params={"format": "jsonl", "cursor": first["next_cursor"]}).text.splitlines()
    assert len(rest) == SAMPLE_EVENTS - 3
    page = reader.get("/ui/events.json", params={"limit": 3}).json()
    assert page["next"].startswith("/ui/events.json?limit=3&cursor=")
    html = reader.get(page["next"].replace(".json", "")).text
    assert '<span id="events-count">Events 4–6 of 8</span>' in html
