"""Reader for plain-text articles in the seed format: `` date 2017-03 Die Nato ...``.

The file opens with the word ``date`` and a publication date (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``) on the same line as the first paragraph; the article text is everything after
the date and the whitespace that follows it.  A text file without that header is an article
with no known publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lagebild.io.fields import Located, RawDocument, build_article, locate, problem
from lagebild.io.lines import decode_utf8, describe_decode_error, read_prefix
from lagebild.settings import Settings

# The date token is taken loosely (any non-space run starting with a digit) so that a header
# with a malformed date is reported as such instead of being read as part of the text.
_HEADER = re.compile(r"\A[ \t]?date[ \t]+(\d\S{0,39})(?:\s+|\Z)")
HEADER_ALLOWANCE = 1024
"""Bytes a file may hold beyond ``max_document_bytes`` for its header and surrounding space."""


def split_header(content: str) -> tuple[str | None, str]:
    """Return the header's date string (or None when there is no header) and the article text."""
    match = _HEADER.match(content)
    if match is None:
        return None, content
    return match.group(1), content[match.end() :]


def read_text_file(path: Path, settings: Settings) -> Iterator[Located]:
    """Read one ``.txt`` article; its id is the file name without extension."""
    where = str(path)
    data = read_prefix(path, settings.max_document_bytes + HEADER_ALLOWANCE)
    if len(data) > settings.max_document_bytes + HEADER_ALLOWANCE:
        yield problem(where, f"text larger than max_document_bytes ({settings.max_document_bytes} bytes)")
        return
    try:
        content = decode_utf8(data)
    except UnicodeDecodeError as exc:
        yield problem(where, describe_decode_error(exc))
        return
    date, text = split_header(content)
    raw = RawDocument(where=where, source_path=where, id=path.stem, text=text, published=date)
    yield from locate(where, build_article(raw, settings))
