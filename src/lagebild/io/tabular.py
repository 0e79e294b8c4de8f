"""Readers for many articles in one file: JSON Lines (one object per line) and CSV (one per row).

Both stream: a file of millions of records is read one line at a time, and no line longer than
``line_limit`` is ever held whole.  Problems are located as ``path:line (id=...)``, where the
line is the physical line the record starts on.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from lagebild.io.fields import (
    FIELD_NAMES,
    KNOWN_KEYS,
    UNNAMED_ID,
    Located,
    RawDocument,
    build_article,
    contained,
    field_keys,
    locate,
    located,
    pick_fields,
    problem,
    record_id,
)
from lagebild.io.lines import BoundedLines, EscapedTextLines, LineTooLong, describe_decode_error, line_limit
from lagebild.io.safejson import JSONProblem, parse_json
from lagebild.settings import Settings

_DELIMITERS = (",", ";", "\t", "|")
DEFAULT_COLUMNS = tuple(FIELD_NAMES)
"""Column order of a CSV file without a header row, unless ``csv_columns`` says otherwise."""


def read_jsonl_file(path: Path, settings: Settings) -> Iterator[Located]:
    """Read a ``.jsonl`` / ``.ndjson`` file; see ``read_jsonl_stream``."""
    with path.open("rb") as stream:
        yield from read_jsonl_stream(stream, str(path), path.stem, settings)


def read_jsonl_stream(stream: BinaryIO, name: str, stem: str, settings: Settings) -> Iterator[Located]:
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
            yield problem(f"{name}:{exc.lineno}", f"skipped: {exc}")
            continue
        if line.strip():
            where = f"{name}:{lines.lineno}"
            yield from contained(where, _jsonl_record(line, where, f"{stem}-{lines.lineno}", name, settings))


def _jsonl_record(
    line: bytes, where: str, fallback_id: str, name: str, settings: Settings
) -> Iterator[Located]:
    """Decode and parse one JSONL line, then check it like any other document."""
    try:
        content = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield problem(located(where, _id_despite_bad_bytes(line)), describe_decode_error(exc))
        return
    try:
        record = parse_json(content)
    except JSONProblem as exc:
        yield problem(where, str(exc))
        return
    if not isinstance(record, dict):
        yield problem(where, f"expected a JSON object, found {type(record).__name__}")
        return
    yield from _record_to_article(record, where, fallback_id, name, settings, dict(settings.field_columns))


def _id_despite_bad_bytes(line: bytes) -> str | None:
    """Try to find a record's id in a line that is not valid UTF-8, to name it in the report."""
    try:
        record = parse_json(line.decode("utf-8", "replace"))
    except JSONProblem:
        return None
    doc_id = record.get("id") if isinstance(record, dict) else None
    return str(doc_id) if isinstance(doc_id, str | int) else None


def _record_to_article(
    record: Mapping[str, object],
    where: str,
    fallback_id: str,
    source: str,
    settings: Settings,
    columns: Mapping[str, str],
) -> Iterator[Located]:
    """Check one record's fields: an id problem is a warning, the rest is up to ``build_article``.

    ``columns`` names the key of the fields whose key was chosen (``--outlet-column``).
    """
    fields = pick_fields(record, columns)
    doc_id, id_warning = record_id(fields.get("id"), fallback_id)
    if id_warning:
        yield problem(where, id_warning, fatal=False)
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
    yield from locate(raw.where, build_article(raw, settings))


def read_csv_file(path: Path, settings: Settings) -> Iterator[Located]:
    """Read a CSV file, by default with a header row naming the columns.

    The delimiter is ``csv_delimiter`` or the one of ``,`` ``;`` tab ``|`` that fits the first
    line best; ``csv_header`` and ``csv_columns`` say whether the file names its columns and
    what they are.
    """
    _allow_fields_of(settings.max_document_bytes)
    with path.open("rb") as stream:
        lines = BoundedLines(stream, line_limit(settings))
        rows = _RowLines(lines, line_limit(settings))
        try:
            first = _first_line(rows)
        except LineTooLong as exc:
            yield problem(f"{path}:{exc.lineno}", f"header {exc}")
            return
        if first is None:
            yield problem(str(path), "empty file: no header row" if settings.csv_header else "empty file")
            return
        columns = {field: column.strip().lower() for field, column in settings.field_columns}
        chosen = frozenset(columns.values())
        delimiter = settings.csv_delimiter or choose_delimiter(first, settings.csv_quotechar, chosen)
        dialect = _Dialect(delimiter, settings.csv_quotechar)
        # Leniently: a first row without header may open a quote that closes on a later line.
        first_row = next(csv.reader([first], delimiter=delimiter, quotechar=settings.csv_quotechar), [])
        if settings.csv_header:
            names = [name.strip().lower() for name in first_row]
        else:
            rows.put_back_taken()
            names = []
        header = [name.strip().lower() for name in settings.csv_columns] or names
        header = header or list(DEFAULT_COLUMNS[: len(first_row)])
        if _unnamed_id(header, columns):
            header[0] = "id"
            yield problem(
                str(path),
                "the first column has no name: its values are read as the ids (name the id column "
                "with --id-column)",
                fatal=False,
            )
        trouble = _header_problem(header, columns)
        if trouble is not None:
            yield problem(str(path), trouble)
            return
        yield from _csv_rows(rows, header, dialect, path, settings, columns)


class _Dialect(csv.Dialect):
    """Standard CSV quoting with a chosen delimiter and quote; ``strict`` so that a quote in the
    wrong place is an error instead of a silent merge of rows."""

    def __init__(self, delimiter: str, quotechar: str) -> None:
        self.delimiter = delimiter
        self.quotechar = quotechar
        self.doublequote = True
        self.skipinitialspace = False
        self.lineterminator = "\n"
        self.quoting = csv.QUOTE_MINIMAL
        self.strict = True
        super().__init__()


class _RowLines:
    """Text lines for the csv module, remembering which lines the current row was read from.

    When a row turns out broken (an unclosed quote swallowing the lines after it), the lines
    after its first one are put back and read again as rows of their own. At most ``limit``
    bytes are remembered; a longer row is skipped with everything it swallowed.
    """

    def __init__(self, lines: BoundedLines, limit: int) -> None:
        self._lines = lines
        self._text = EscapedTextLines(lines)
        self._limit = limit
        self._back: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self._taken_size = 0
        self.overflowed = False

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        if self._back:
            lineno, line = self._back.popleft()
        else:
            line = next(self._text)
            lineno = self._lines.lineno
            if not line.endswith("\n"):
                # The csv module closes a quote left open on a last line without a line break;
                # with one it reports the quote as unclosed, as it does on every other line.
                line += "\n"
        self._taken_size += len(line)
        if self._taken_size <= self._limit:
            self.taken.append((lineno, line))
        else:
            self.overflowed = True
        return line

    def start_row(self) -> None:
        """Forget the lines of the previous row."""
        self.taken = []
        self._taken_size = 0
        self.overflowed = False

    def first_lineno(self) -> int:
        """The line the current row starts on (the next line when none is taken yet)."""
        if self.taken:
            return self.taken[0][0]
        return self._back[0][0] if self._back else self._lines.lineno + 1

    def put_back_taken(self, skip: int = 0) -> int:
        """Read the current row's lines (but the first ``skip``) again; return how many."""
        again = [] if self.overflowed else self.taken[skip:]
        self._back.extendleft(reversed(again))
        self.start_row()
        return len(again)


def _unnamed_id(header: list[str], columns: Mapping[str, str]) -> bool:
    """Whether the first column is nameless (a pandas index) and nothing else holds the id."""
    id_keys = field_keys(columns)["id"]
    return bool(header) and header[0] in UNNAMED_ID and not any(key in header for key in id_keys)


def _header_problem(header: list[str], columns: Mapping[str, str]) -> str | None:
    """Why the header cannot be read: a chosen column it lacks, or no text column."""
    for field, column in columns.items():
        if column not in header:
            option = "--date-column" if field == "published" else f"--{field}-column"
            return f"no column {column!r} for the {field} ({option}) in header {_shortened(repr(header))}"
    if not any(key in header for key in field_keys(columns)["text"]):
        return f"no 'text' column in header {_shortened(repr(header), 100)}; name it with --text-column"
    return None


def _csv_rows(
    rows: _RowLines,
    header: list[str],
    dialect: csv.Dialect,
    path: Path,
    settings: Settings,
    columns: Mapping[str, str],
) -> Iterator[Located]:
    """Read the rows after the header; a broken row is reported and reading goes on after it."""
    reader = csv.reader(rows, dialect)
    while True:
        rows.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except LineTooLong as exc:
            yield problem(f"{path}:{exc.lineno}", _csv_error_reason(exc, settings))
            # A fresh reader forgets the half-parsed row; the line iterator goes on where it was.
            reader = csv.reader(rows, dialect)
            continue
        except csv.Error as exc:
            start = rows.first_lineno()
            spanned = len(rows.taken)
            again = rows.put_back_taken(skip=1)
            reason = _csv_error_reason(exc, settings, spanned, start + 1 if again else 0)
            yield problem(f"{path}:{start}", reason)
            reader = csv.reader(rows, dialect)
            continue
        where = f"{path}:{rows.first_lineno()}"
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield problem(where, f"row has {len(row)} fields, the header has {len(header)}")
            continue
        record = dict(zip(header, row, strict=True))
        fallback_id = f"{path.stem}-{rows.first_lineno()}"
        article = _record_to_article(record, where, fallback_id, str(path), settings, columns)
        yield from contained(where, article)


def _csv_error_reason(exc: Exception, settings: Settings, spanned: int = 1, again: int = 0) -> str:
    """Explain a row the csv module could not parse; an over-long field means an oversized text.

    ``spanned`` is the number of lines the broken row took, ``again`` the line reading goes on
    with when those lines are read again (0 when they are not).
    """
    message = str(exc)
    if isinstance(exc, LineTooLong):
        return f"text larger than max_document_bytes ({settings.max_document_bytes} bytes)"
    if "field larger than field limit" in message:
        reason = f"text larger than max_document_bytes ({settings.max_document_bytes} bytes)"
        return reason + (" or an unclosed quote" if spanned > 1 else "") + _read_again(again)
    if "unexpected end of data" in message:
        return "unclosed quote: the quoted field that opens in this row never closes" + _read_again(again)
    if "expected after" in message and spanned > 1:
        return f"unclosed quote: a quoted field runs into the next rows ({message})" + _read_again(again)
    return f"malformed CSV row: {message}" + _read_again(again)


def _read_again(lineno: int) -> str:
    return f"; reading goes on with line {lineno}" if lineno else ""


def _shortened(text: str, limit: int = 120) -> str:
    """Cut a long string for a problem report (a headerless file puts a whole article there)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(rows: _RowLines) -> str | None:
    """Return the first non-blank line (remembered as taken), or None for an empty file."""
    for line in rows:
        if line.strip():
            return line
        rows.start_row()
    return None


def choose_delimiter(header_line: str, quotechar: str = '"', extra: frozenset[str] = frozenset()) -> str:
    """Pick the delimiter that splits the header into the most known column names (the usual
    names, their aliases and the ``extra`` names chosen for fields).

    A header row of known names is a firmer clue than ``csv.Sniffer``'s guess from character
    counts, and it costs one line.  Without known names the most frequent candidate wins;
    ties go to the comma.
    """

    def known_columns(delimiter: str) -> int:
        try:
            names = next(csv.reader([header_line], delimiter=delimiter, quotechar=quotechar), [])
        except csv.Error:
            return 0
        return sum(name.strip().lower() in KNOWN_KEYS | extra for name in names)

    return max(_DELIMITERS, key=lambda delimiter: (known_columns(delimiter), header_line.count(delimiter)))


def _allow_fields_of(size: int) -> None:
    """Let the csv module read fields as long as the largest acceptable document.

    Its default limit (128 KiB) would reject ordinary long articles.  The limit is process-wide
    in the csv module, so it is only ever raised, never lowered.
    """
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)


__all__ = ["DEFAULT_COLUMNS", "choose_delimiter", "read_csv_file", "read_jsonl_file", "read_jsonl_stream"]
