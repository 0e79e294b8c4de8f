"""Checks every input format shares: turning the raw fields of one document into an ``Article``.

A reader finds the fields (id, text, date, ...) in its own format and hands them here, so a bad
document is judged the same way whether it came from a text file, a JSONL line or a CSV row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from lagebild.dates import DateError, parse_calendar_date
from lagebild.model import Article, ReadProblem, TimeValue
from lagebild.settings import Settings

Outcome = Article | ReadProblem
"""What a reader yields for each document: the article, or a problem (fatal or a warning)."""


class Located(NamedTuple):
    """An outcome with the place it was read from (``feed.jsonl:17 (id=abc)``).

    A ``ReadProblem`` carries its place already; an ``Article`` does not, but whoever processes
    it later needs the place to report a failure as precisely as a reading problem.
    """

    where: str
    outcome: Outcome


def problem(where: str, reason: str, fatal: bool = True) -> Located:
    """A located ``ReadProblem``."""
    return Located(where, ReadProblem(where, reason, fatal))


def locate(where: str, outcomes: Iterable[Outcome]) -> Iterator[Located]:
    """Attach ``where`` to articles; problems keep their own place."""
    for outcome in outcomes:
        yield Located(outcome.where if isinstance(outcome, ReadProblem) else where, outcome)


def contained(where: str, outcomes: Iterator[Located]) -> Iterator[Located]:
    """Pass outcomes on; an exception ends them with a problem located at ``where``.

    Readers report the failures they foresee per document; this is the net under them, so an
    unforeseen one costs one record or the rest of one file, never the batch.
    """
    try:
        yield from outcomes
    except OSError as exc:
        yield problem(where, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # any bug or hostile input: report it, go on with the next document
        yield problem(where, f"reading failed: {describe_exception(exc)}")


def describe_exception(exc: BaseException, limit: int = 300) -> str:
    """``Type: message`` on one line, cut to ``limit`` characters."""
    message = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_ID_CHARS = 1000
"""Longest accepted document id: ids are keys and appear in every report and link."""
PUBLISHED_YEARS = (1800, 2100)
"""Publication dates must fall within these years (inclusive): anything else is a typo or a
placeholder (``0001-01-01``, ``9999-12-31``), and relative dates could not be resolved from it."""

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "body", "content"),
    "published": ("published", "date"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher"),
    "language": ("language",),
}
"""Each Article field with the input keys that may carry it, the first present one wins (a CSV
export's ``source`` or ``publisher`` column is the outlet)."""

KNOWN_KEYS = frozenset(key for keys in FIELD_NAMES.values() for key in keys)
UNNAMED_ID = ("", "unnamed: 0")
"""Names of a first column without a header (``""``, or pandas' ``Unnamed: 0`` when such a file was
read and written again): the index pandas writes, read as the id."""


def field_keys(columns: Mapping[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """The keys of each field: a chosen column (``Settings.field_columns``) replaces the usual names."""
    chosen = dict(columns or {})
    return {name: (chosen[name],) if name in chosen else keys for name, keys in FIELD_NAMES.items()}


# Unpaired surrogates appear when undecodable bytes were read with ``surrogateescape`` (CSV) or
# when JSON escapes name half a character; neither can be stored as UTF-8 later on.
_SURROGATE = re.compile("[\ud800-\udfff]")
_LANGUAGE_TAG = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]{1,8})*$")
# "2017-03-30 10:15:00" (a space instead of ISO's "T") is common in CSV exports.
_SPACED_TIMESTAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2}) +\d")
# C0 control characters other than tab, line feed, vertical tab, form feed and carriage return,
# DEL, and the C1 controls that appear when cp1252 text was decoded as Latin-1.
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_SHOWN_ID_CHARS = 80


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
    shown = _SURROGATE.sub(chr(0xFFFD), doc_id[: _SHOWN_ID_CHARS + 1])
    if len(shown) > _SHOWN_ID_CHARS:
        shown = shown[: _SHOWN_ID_CHARS - 1] + "…"
    return f"{where} (id={shown})"


def pick_fields(record: Mapping[str, object], columns: Mapping[str, str] | None = None) -> dict[str, object]:
    """Map input keys (with their aliases) onto Article field names; unknown keys are ignored.

    The first key with a non-empty value wins; an empty one is kept only when no alias has a
    value, so that an empty text is reported as such rather than as a missing one. ``columns``
    names the one key of some fields (``{"outlet": "Quelle"}``).
    """
    picked: dict[str, object] = {}
    for field_name, keys in field_keys(columns).items():
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
    fatal = _fatal_text_problem(raw.text, settings) or _undecodable_field(raw) or _id_problem(raw.id)
    if fatal is not None:
        yield ReadProblem(where, fatal)
        return
    assert isinstance(raw.text, str)
    controls = _count_controls(raw.text)
    if controls:
        yield ReadProblem(where, f"text holds {controls} control character(s); kept as they are", fatal=False)
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
    nul = text.find("\x00")
    if nul >= 0:
        return f"text holds a NUL character at offset {nul}: binary data, not text"
    return None


def _id_problem(doc_id: str) -> str | None:
    """An id too long to be a key is a sign of a broken record, not an id."""
    if len(doc_id) > MAX_ID_CHARS:
        return f"id longer than {MAX_ID_CHARS} characters ({len(doc_id)})"
    return None


def _count_controls(text: str) -> int:
    """How many control characters (other than line breaks and tabs) the text holds."""
    if _CONTROL.search(text) is None:
        return 0
    return _CONTROL.subn("", text)[1]


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
        published = parse_calendar_date(spaced.group(1) if spaced else text)
    except DateError as exc:
        return None, _Issue(f"bad publication date: {exc}", fatal=True)
    first, last = PUBLISHED_YEARS
    if published.earliest is None or published.latest is None:
        return None, _Issue(f"bad publication date: {text!r}", fatal=True)
    if published.earliest.year < first or published.latest.year > last:
        reason = f"publication date {published.value} is outside the years {first}–{last}"
        return None, _Issue(reason, fatal=True)
    return published, None


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
