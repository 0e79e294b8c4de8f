"""Keyset cursors: where the next page of events begins, as one opaque, URL-safe token.

A cursor holds the sort order it belongs to, the order's key values of the last event of a page
(its date, article, offsets and id, after the sort key if there is one; see
``lagebild.store.filters.order_keys``) and the position of the next page's first event (so that
pages can say "events 10,001–10,050"). It is base64url JSON with a checksum: nothing in it is
secret, and every value is checked against the order's keys and then bound as a parameter, so a
damaged or forged cursor is refused with a clear 400, never misread.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from lagebild.api.errors import ApiError, bad_request
from lagebild.store import EventFilter
from lagebild.store.filters import keyset_values

VERSION = 1
MAX_CURSOR_CHARS = 2000
_CHECK_CHARS = 12


@dataclass(frozen=True)
class Cursor:
    """A decoded cursor: the order's key values of the last event seen and the next position."""

    sort: str | None
    after: tuple[object, ...]
    position: int


def encode_cursor(sort: str | None, after: tuple[object, ...], position: int) -> str:
    """The token of a cursor (dates as ISO text)."""
    values = [value.isoformat() if isinstance(value, dt.date) else value for value in after]
    payload = json.dumps([VERSION, _normal_sort(sort), values, position], separators=(",", ":"))
    body = base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii").rstrip("=")
    return f"{body}.{_checksum(body)}"


def decode_cursor(token: str, f: EventFilter) -> Cursor:
    """Read a token for a filter, or raise a 400 that says what is wrong with it.

    The cursor must belong to the filter's sort order; its values are typed and checked against
    that order's keys.
    """
    body, _, check = token.strip().partition(".")
    if len(token) > MAX_CURSOR_CHARS or not body or check != _checksum(body):
        raise _bad("it is damaged or not a cursor of this server")
    try:
        padded = body + "=" * (-len(body) % 4)
        version, sort, values, position = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error):
        raise _bad("it cannot be read") from None
    if version != VERSION or not isinstance(values, list) or not _is_position(position):
        raise _bad("it comes from another version of lagebild")
    if sort != _normal_sort(f.sort):
        raise _bad(
            f"it belongs to the order sort={sort or 'date'}, not sort={_normal_sort(f.sort) or 'date'}"
        )
    try:
        after = keyset_values(f, values)
    except ValueError as exc:
        raise _bad(str(exc)) from None
    return Cursor(sort, after, position)


def _normal_sort(sort: str | None) -> str | None:
    return sort.strip().lower() if sort else None


def _is_position(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _checksum(body: str) -> str:
    """A short digest that catches cursors cut short or changed by hand (not a signature)."""
    return hashlib.sha256(f"lagebild-cursor:{body}".encode("ascii")).hexdigest()[:_CHECK_CHARS]


def _bad(reason: str) -> ApiError:
    return bad_request(
        f"cursor is not valid: {reason}; start again without cursor= and follow the `next` links",
        parameter="cursor",
    )
