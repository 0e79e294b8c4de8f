"""Byte-level helpers: bounded reading, UTF-8 decoding and line splitting with a length limit."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from lagebild.settings import Settings

BOM = codecs.BOM_UTF8
_DRAIN_CHUNK = 1 << 20


class LineTooLong(Exception):
    """A physical line was longer than the reader's limit; it has been skipped."""

    def __init__(self, lineno: int, limit: int) -> None:
        super().__init__(f"line longer than {limit} bytes")
        self.lineno = lineno
        self.limit = limit


def line_limit(settings: Settings) -> int:
    """The longest line JSONL and CSV readers accept.

    JSON may spell one character as a six-byte ``\\uXXXX`` escape, so a line holding a text of
    ``max_document_bytes`` can be up to six times longer, plus room for the other fields.
    """
    return 6 * settings.max_document_bytes + (1 << 20)


class BoundedLines:
    """Iterate over the lines of a binary stream, never holding more than ``limit`` bytes of one.

    A longer line is read to its end in chunks and discarded, and ``LineTooLong`` is raised;
    iteration can go on afterwards with the next line.  ``lineno`` counts the lines handed out
    (including the skipped one), so callers can name the line a record starts on.
    """

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.lineno = 0

    def __iter__(self) -> BoundedLines:
        return self

    def __next__(self) -> bytes:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.lineno += 1
        if self.lineno == 1 and line.startswith(BOM):
            line = line[len(BOM):]
        if len(line) > self.limit and not line.endswith(b"\n"):
            self._drain_line()
            raise LineTooLong(self.lineno, self.limit)
        return line

    def _drain_line(self) -> None:
        """Skip the rest of an over-long line without keeping it."""
        while True:
            chunk = self.stream.readline(_DRAIN_CHUNK)
            if not chunk or chunk.endswith(b"\n"):
                return


class EscapedTextLines:
    """Decode lines as UTF-8, turning undecodable bytes into surrogates that checks can spot later.

    The csv module needs text lines; decoding with ``surrogateescape`` keeps one bad byte from
    stopping the whole file: the row holding it is rejected when its fields are checked.
    """

    def __init__(self, lines: BoundedLines) -> None:
        self.lines = lines

    def __iter__(self) -> EscapedTextLines:
        return self

    def __next__(self) -> str:
        return next(self.lines).decode("utf-8", "surrogateescape")


def read_prefix(path: Path, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes of a file: enough to tell whether it is over the limit."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 text, dropping a leading byte-order mark; raises ``UnicodeDecodeError``.

    Offsets in the error count from the start of ``data``, byte-order mark included.
    """
    skip = len(BOM) if data.startswith(BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnicodeDecodeError("utf-8", data, exc.start + skip, exc.end + skip, exc.reason) from None


_KNOWN_STARTS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32 text; save it as UTF-8"),
    (codecs.BOM_UTF32_BE, "UTF-32 text; save it as UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16 text; save it as UTF-8"),
    (codecs.BOM_UTF16_BE, "UTF-16 text; save it as UTF-8"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip archive or office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
"""Openings of files that are often saved under a text extension by mistake."""


def describe_decode_error(exc: UnicodeDecodeError) -> str:
    """Say where and which byte broke UTF-8 decoding, for problem reports.

    When the data opens like a known non-UTF-8 format (UTF-16, PDF, zip, ...), that is named too.
    """
    bad = exc.object[exc.start : exc.start + 1]
    reason = f"not UTF-8: byte 0x{bad.hex()} at offset {exc.start}"
    opening = bytes(exc.object[:8])
    for start, kind in _KNOWN_STARTS:
        if opening.startswith(start):
            return f"{reason} ({kind})"
    return reason
