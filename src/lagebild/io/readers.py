"""One entry point for all input: files, folders and standard input become a stream of Articles.

``read_documents`` yields an ``Article`` for every readable document and a ``ReadProblem`` for
every document it skipped (``fatal=True``) or read with a warning (``fatal=False``).  A bad
document never stops the batch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from lagebild.io.fields import Outcome
from lagebild.io.seed import read_text_file
from lagebild.io.tabular import read_csv_file, read_jsonl_file, read_jsonl_stream
from lagebild.model import ReadProblem
from lagebild.settings import Settings

FileReader = Callable[[Path, Settings], Iterator[Outcome]]
STDIN = "-"


def _read_html_file(path: Path, settings: Settings) -> Iterator[Outcome]:
    """Read a web page; the HTML libraries are imported only when a page is met (they load slowly)."""
    from lagebild.io.html import read_html_file

    return read_html_file(path, settings)


READERS: dict[str, FileReader] = {
    ".txt": read_text_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".csv": read_csv_file,
    ".html": _read_html_file,
    ".htm": _read_html_file,
}
"""File extension (lowercase) to reader."""


def read_documents(
    paths: Sequence[str | Path], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[Outcome]:
    """Read every document named by ``paths``, lazily and in a stable order.

    Each path is a file (format by extension), a folder (all supported files inside it,
    recursively, sorted by name) or ``-`` for JSON Lines on standard input (``stdin`` overrides
    ``sys.stdin`` for callers that hold the stream themselves).
    """
    for item in paths:
        if str(item) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl_stream(stream, "<stdin>", "stdin", settings)
            continue
        path = Path(item)
        if path.is_dir():
            for found in supported_files(path):
                yield from read_file(found, settings)
        elif path.exists():
            yield from read_file(path, settings)
        else:
            yield ReadProblem(str(path), "no such file or folder")


def read_file(path: Path, settings: Settings) -> Iterator[Outcome]:
    """Read one file with the reader its extension names; an unreadable file is a problem, not a crash."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield ReadProblem(str(path), f"unsupported format {path.suffix or '(no extension)'!r}")
        return
    try:
        yield from reader(path, settings)
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read: {exc.strerror or exc}")


def supported_files(folder: Path) -> Iterator[Path]:
    """Yield the supported files under ``folder``: names sorted, a folder's files before its subfolders.

    Hidden files and folders (names starting with a dot) are passed over.
    """
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root) / name
