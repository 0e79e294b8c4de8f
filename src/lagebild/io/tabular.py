"""Readers for many articles in one file: JSON Lines (one object per line) and CSV (one per row).

Both stream: a file of millions of records is read one line at a time, and no line longer than
``line_limit`` is ever held whole.  Problems are located as ``path:line (id=...)``, where the
line is the physical line the record starts on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from lagebild.io.fields import (
    KNOWN_KEYS,
    Outcome,
    RawDocument,
    build_article,
    located,
    pick_fields,
    record_id,
)
from lagebild.io.lines import BoundedLines, EscapedTextLines, LineTooLong, describe_decode_error, line_limit
from lagebild.model import ReadProblem
from lagebild.settings import Settings

_DELIMITERS = (",", ";", "\t", "|")


def read_jsonl_file(path: Path, settings: Settings) -> Iterator[Outcome]:
    """Read a ``.jsonl`` / ``.ndjson`` file; see ``read_jsonl_stream``."""
    with path.open("rb") as stream:
        yield from read_jsonl_stream(stream, str(path), path.stem, settings)


def read_jsonl_stream(stream: BinaryIO, name: str, stem: str, settings: Settings) -> Iterator[Outcome]:
    """Read one JSON object per line; blank lines are skipped, a bad line skips only itself.

    ``name`` locates problems, ``stem`` builds ids for records without one (``stem-LINE``).
    """
    lines = BoundedLines(stream, line_limit(settings))
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except LineTooLong as exc:
            yield ReadProblem(f"{name}:{exc.lineno}", f"skipped: {exc}")
            continue
        if line.strip():
            yield from _jsonl_record(line, f"{name}:{lines.lineno}", f"{stem}-{lines.lineno}", name, settings)


def _jsonl_record(
    line: bytes, where: str, fallback_id: str, name: str, settings: Settings
) -> Iterator[Outcome]:
    """Decode and parse one JSONL line, then check it like any other document."""
    try:
        content = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ReadProblem(located(where, _id_despite_bad_bytes(line)), describe_decode_error(exc))
        return
    try:
        record = json.loads(content)
    except json.JSONDecodeError as exc:
        yield ReadProblem(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
        return
    if not isinstance(record, dict):
        yield ReadProblem(where, f"expected a JSON object, found {type(record).__name__}")
        return
    yield from _record_to_article(record, where, fallback_id, name, settings)


def _id_despite_bad_bytes(line: bytes) -> str | None:
    """Try to find a record's id in a line that is not valid UTF-8, to name it in the report."""
    try:
        record = json.loads(line.decode("utf-8", "replace"))
    except json.JSONDecodeError:
        return None
    doc_id = record.get("id") if isinstance(record, dict) else None
    return str(doc_id) if isinstance(doc_id, str | int) else None


def _record_to_article(
    record: Mapping[str, object], where: str, fallback_id: str, source: str, settings: Settings
) -> Iterator[Outcome]:
    """Check one record's fields: an id problem is a warning, the rest is up to ``build_article``."""
    fields = pick_fields(record)
    doc_id, id_warning = record_id(fields.get("id"), fallback_id)
    if id_warning:
        yield ReadProblem(where, id_warning, fatal=False)
    raw = RawDocument(
        where=located(where, None if id_warning else doc_id),
        source_path=source,
        id=doc_id,
        text=fields.get("text"),
        published=fields.get("published"),
        title=fields.get("title"),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        language=fields.get("language"),
    )
    yield from build_article(raw, settings)


def read_csv_file(path: Path, settings: Settings) -> Iterator[Outcome]:
    """Read a CSV file with a header row; the delimiter (``,`` ``;`` tab ``|``) is taken from the header."""
    _allow_fields_of(settings.max_document_bytes)
    with path.open("rb") as stream:
        lines = BoundedLines(stream, line_limit(settings))
        text_lines = EscapedTextLines(lines)
        try:
            header_line = _first_line(text_lines)
        except LineTooLong as exc:
            yield ReadProblem(f"{path}:{exc.lineno}", f"header {exc}")
            return
        if header_line is None:
            yield ReadProblem(str(path), "empty file: no header row")
            return
        delimiter = choose_delimiter(header_line)
        header = [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter))]
        if "text" not in header:
            yield ReadProblem(str(path), f"no 'text' column in header {_shortened(repr(header))}")
            return
        yield from _csv_rows(text_lines, lines, header, delimiter, path, settings)


def _csv_rows(
    text_lines: EscapedTextLines,
    lines: BoundedLines,
    header: list[str],
    delimiter: str,
    path: Path,
    settings: Settings,
) -> Iterator[Outcome]:
    """Read the rows after the header; a broken row is reported and reading goes on after it."""
    reader = csv.reader(text_lines, delimiter=delimiter)
    while True:
        start = lines.lineno + 1
        where = f"{path}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, LineTooLong) as exc:
            yield ReadProblem(where, _csv_error_reason(exc, settings))
            # A fresh reader forgets the half-parsed row; the line iterator goes on where it was.
            reader = csv.reader(text_lines, delimiter=delimiter)
            continue
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield ReadProblem(where, f"row has {len(row)} fields, the header has {len(header)}")
            continue
        record = dict(zip(header, row, strict=True))
        yield from _record_to_article(record, where, f"{path.stem}-{start}", str(path), settings)


def _csv_error_reason(exc: Exception, settings: Settings) -> str:
    """Explain a row the csv module could not parse; an over-long field means an oversized text."""
    if isinstance(exc, LineTooLong) or "field larger than field limit" in str(exc):
        return f"text larger than max_document_bytes ({settings.max_document_bytes} bytes)"
    return f"malformed CSV row: {exc}"


def _shortened(text: str, limit: int = 120) -> str:
    """Cut a long string for a problem report (a headerless file puts a whole article there)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(lines: EscapedTextLines) -> str | None:
    """Return the first non-blank line, or None for an empty file."""
    for line in lines:
        if line.strip():
            return line
    return None


def choose_delimiter(header_line: str) -> str:
    """Pick the delimiter that splits the header into the most known column names.

    A header row of known names is a firmer clue than ``csv.Sniffer``'s guess from character
    counts, and it costs one line.  Without known names the most frequent candidate wins;
    ties go to the comma.
    """

    def known_columns(delimiter: str) -> int:
        names = next(csv.reader([header_line], delimiter=delimiter), [])
        return sum(name.strip().lower() in KNOWN_KEYS for name in names)

    return max(_DELIMITERS, key=lambda delimiter: (known_columns(delimiter), header_line.count(delimiter)))


def _allow_fields_of(size: int) -> None:
    """Let the csv module read fields as long as the largest acceptable document.

    Its default limit (128 KiB) would reject ordinary long articles.  The limit is process-wide
    in the csv module, so it is only ever raised, never lowered.
    """
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)


__all__ = ["choose_delimiter", "read_csv_file", "read_jsonl_file", "read_jsonl_stream"]
