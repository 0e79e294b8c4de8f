"""One entry point for all input: files, folders and standard input become a stream of Articles.

``read_documents`` yields an ``Article`` for every readable document and a ``ReadProblem`` for
every document it skipped (``fatal=True``) or read with a warning (``fatal=False``).  A bad
document never stops the batch: an error no reader foresaw is reported as a problem of the file
(or record) it happened in, and reading goes on with the next one.  ``read_located`` yields the
same outcomes together with the place each was read from, for reports about later stages.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from lagebild.io.fields import Located, Outcome, contained, problem
from lagebild.io.seed import read_text_file
from lagebild.io.tabular import read_csv_file, read_jsonl_file, read_jsonl_stream
from lagebild.settings import Settings

FileReader = Callable[[Path, Settings], Iterator[Located]]
STDIN = "-"


def _read_html_file(path: Path, settings: Settings) -> Iterator[Located]:
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
    for item in read_located(paths, settings, stdin=stdin):
        yield item.outcome


def read_located(
    paths: Sequence[str | Path], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[Located]:
    """Like ``read_documents``, with the place (``feed.jsonl:17 (id=abc)``) of every outcome."""
    for item in paths:
        if str(item) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from contained("<stdin>", read_jsonl_stream(stream, "<stdin>", "stdin", settings))
            continue
        path = Path(item)
        if path.is_dir():
            yield from read_folder(path, settings)
        elif path.exists() or path.is_symlink():
            yield from read_file(path, settings)
        else:
            yield problem(str(path), "no such file or folder")


def read_folder(folder: Path, settings: Settings) -> Iterator[Located]:
    """Read the supported files under ``folder``; a subfolder that cannot be listed is a problem."""
    unlisted: list[OSError] = []
    for found in supported_files(folder, unlisted.append):
        yield from _folder_problems(unlisted)
        yield from read_file(found, settings)
    yield from _folder_problems(unlisted)


def _folder_problems(errors: list[OSError]) -> Iterator[Located]:
    while errors:
        error = errors.pop(0)
        yield problem(str(error.filename or "?"), f"cannot list folder: {error.strerror or error}")


def read_file(path: Path, settings: Settings) -> Iterator[Located]:
    """Read one file with the reader its extension names; an unreadable file is a problem, not a crash."""
    where = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield problem(where, f"unsupported format {path.suffix or '(no extension)'!r}")
        return
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield problem(where, f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(mode):
        # Opening a named pipe would wait for a writer forever.
        yield problem(where, "not a regular file (a named pipe, device or socket)")
        return
    yield from contained(where, reader(path, settings))


def supported_files(folder: Path, on_error: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    """Yield the supported files under ``folder``: names sorted, a folder's files before its subfolders.

    Hidden files and folders (names starting with a dot) are passed over. Symbolic links to
    folders are not followed (they could loop); ``on_error`` receives folders that cannot be listed.
    """
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root) / name
