"""Checks every input format shares: turning the raw fields of one document into an ``Article``.

A reader finds the fields (id, text, date, ...) in its own format and hands them here, so a bad
document is judged the same way whether it came from a text file, a JSONL line or a CSV row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lagebild.model import Article, ReadProblem, TimeValue
from lagebild.settings import Settings
from lagebild.time.values import DateError, parse_calendar_date

Outcome = Article | ReadProblem
"""What a reader yields for each document: the article, or a problem (fatal or a warning)."""

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text",),
    "published": ("published", "date"),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet",),
    "language": ("language",),
}
"""Each Article field with the input keys that may carry it, the first present one wins."""

KNOWN_KEYS = frozenset(key for keys in FIELD_NAMES.values() for key in keys)

# Unpaired surrogates appear when undecodable bytes were read with ``surrogateescape`` (CSV) or
# when JSON escapes name half a character; neither can be stored as UTF-8 later on.
_SURROGATE = re.compile("[\ud800-\udfff]")
_LANGUAGE_TAG = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]{1,8})*$")
# "2017-03-30 10:15:00" (a space instead of ISO's "T") is common in CSV exports.
_SPACED_TIMESTAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2}) +\d")


@dataclass(frozen=True)
class RawDocument:
    """The fields of one document as its reader found them, before any check.

    ``where`` names the document in problem reports, as precisely as its reader can.
    """

    where: str
    source_path: str
    id: str
    text: object
    published: object = None
    title: object = None
    url: object = None
    outlet: object = None
    language: object = None


def located(where: str, doc_id: str | None) -> str:
    """Name a document for problem reports: its location plus, when known, its id."""
    if not doc_id:
        return where
    # An id read from undecodable bytes must still print: show the bad bytes as U+FFFD.
    return f"{where} (id={_SURROGATE.sub(chr(0xFFFD), doc_id)})"


def pick_fields(record: Mapping[str, object]) -> dict[str, object]:
    """Map input keys (with their aliases) onto Article field names; unknown keys are ignored.

    The first key with a non-empty value wins; an empty one is kept only when no alias has a
    value, so that an empty text is reported as such rather than as a missing one.
    """
    picked: dict[str, object] = {}
    for field_name, keys in FIELD_NAMES.items():
        present = [record[key] for key in keys if record.get(key) is not None]
        filled = [value for value in present if value != ""]
        if filled or present:
            picked[field_name] = (filled or present)[0]
    return picked


def record_id(value: object, fallback: str) -> tuple[str, str | None]:
    """Return the record's id as text, or ``fallback`` with a warning when it has no usable id."""
    if value is None:
        return fallback, f"no id; using {fallback!r}"
    if isinstance(value, bool) or not isinstance(value, str | int):
        return fallback, f"id of type {type(value).__name__} is not usable; using {fallback!r}"
    text = str(value).strip()
    if not text:
        return fallback, f"no id; using {fallback!r}"
    return text, None


def is_oversized(text: str, limit: int) -> bool:
    """Whether ``text`` takes more than ``limit`` bytes as UTF-8, encoding only when unsure."""
    if len(text) > limit:
        return True
    if 4 * len(text) <= limit:
        return False
    return len(text.encode("utf-8", "surrogatepass")) > limit


def build_article(raw: RawDocument, settings: Settings) -> Iterator[Outcome]:
    """Check one document's fields; yield warnings and the Article, or one fatal problem."""
    where = raw.where
    fatal = _fatal_text_problem(raw.text, settings)
    if fatal is None:
        fatal = _undecodable_field(raw)
    if fatal is not None:
        yield ReadProblem(where, fatal)
        return
    assert isinstance(raw.text, str)
    published, date_problem = _published(raw.published)
    if date_problem is not None:
        yield date_problem.at(where)
        if date_problem.fatal:
            return
    language, language_problem = _language(raw.language)
    if language_problem:
        yield ReadProblem(where, language_problem, fatal=False)
    yield Article(
        id=raw.id,
        text=raw.text,
        published=published,
        title=_optional_text(raw.title),
        url=_optional_text(raw.url),
        outlet=_optional_text(raw.outlet),
        language=language,
        source_path=raw.source_path,
    )


def _fatal_text_problem(text: object, settings: Settings) -> str | None:
    """The reason the text makes the document unusable, or None when it is fine."""
    if text is None:
        return "no text"
    if not isinstance(text, str):
        return f"text must be a string, not {type(text).__name__}"
    if is_oversized(text, settings.max_document_bytes):
        return f"text larger than max_document_bytes ({settings.max_document_bytes} bytes)"
    if not text.strip():
        return "empty text"
    return None


def _undecodable_field(raw: RawDocument) -> str | None:
    """Report text fields holding bytes that were not UTF-8 (seen as unpaired surrogates)."""
    for name in ("text", "title", "url", "outlet", "published", "language"):
        value = getattr(raw, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            return f"{name} holds bytes that are not UTF-8"
    if _SURROGATE.search(raw.id):
        return "id holds bytes that are not UTF-8"
    return None


@dataclass(frozen=True)
class _Issue:
    """A problem found before the document's location is attached."""

    reason: str
    fatal: bool

    def at(self, where: str) -> ReadProblem:
        """Return the problem located at ``where``."""
        return ReadProblem(where, self.reason, fatal=self.fatal)


def _published(value: object) -> tuple[TimeValue | None, _Issue | None]:
    """Parse a publication date: a missing one is a warning, a malformed or impossible one fatal."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, _Issue("no publication date", fatal=False)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None, _Issue(f"publication date must be a string, not {type(value).__name__}", fatal=True)
    text = str(value)
    spaced = _SPACED_TIMESTAMP.match(text)
    try:
        return parse_calendar_date(spaced.group(1) if spaced else text), None
    except DateError as exc:
        return None, _Issue(f"bad publication date: {exc}", fatal=True)


def _language(value: object) -> tuple[str | None, str | None]:
    """Keep a stated language as its lowercase ISO 639-1 code; anything else is dropped with a warning."""
    if value is None or not str(value).strip():
        return None, None
    match = _LANGUAGE_TAG.match(str(value).strip().lower())
    if match is None:
        return None, f"language {value!r} is not an ISO 639-1 code; left for detection"
    return match.group(1), None


def _optional_text(value: object) -> str | None:
    """Return a stripped string for an optional field, or None when it is empty or not text."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None
