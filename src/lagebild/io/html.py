"""Reader for saved web pages: main text by trafilatura, publication date by htmldate.

Both libraries can fetch a URL when handed a string that looks like one, so the page is always
parsed here first and only the parsed tree is passed on: reading never touches the network.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import htmldate
import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import load_html

from lagebild.io.fields import Located, RawDocument, build_article, locate, problem
from lagebild.io.lines import decode_utf8, describe_decode_error, read_prefix
from lagebild.settings import Settings

MARKUP_FACTOR = 10
"""A page may be this many times ``max_document_bytes`` before it is skipped unparsed:
markup, scripts and navigation usually outweigh the article text several times over."""

# Only what the page states about its own publication: no guessing from dates in the body text.
_DATE_OPTIONS: dict[str, Any] = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html_file(path: Path, settings: Settings) -> Iterator[Located]:
    """Read one ``.html`` / ``.htm`` page; its id is the file name without extension."""
    where = str(path)
    limit = MARKUP_FACTOR * settings.max_document_bytes
    data = read_prefix(path, limit)
    if len(data) > limit:
        yield problem(where, f"page larger than {MARKUP_FACTOR} x max_document_bytes ({limit} bytes)")
        return
    try:
        markup = decode_page(data)
    except UnicodeDecodeError as exc:
        yield problem(where, describe_decode_error(exc) + _unusable_charset_note(data))
        return
    try:
        raw = _extract(markup, path)
    except RecursionError:
        # lxml hands trafilatura trees deep enough to exhaust Python's recursion limit.
        yield problem(where, "page nested too deeply to read")
        return
    if isinstance(raw, str):
        yield problem(where, raw)
        return
    yield from locate(where, build_article(raw, settings))


def _extract(markup: str, path: Path) -> RawDocument | str:
    """The page's fields, or the reason there are none."""
    where = str(path)
    tree = load_html(markup)
    if tree is None:
        return "not an HTML page"
    extracted = trafilatura.bare_extraction(
        tree, include_comments=False, with_metadata=True, date_extraction_params=_DATE_OPTIONS
    )
    if not isinstance(extracted, Document) or not extracted.text:
        return "no main text found in the page"
    return RawDocument(
        where=where,
        source_path=where,
        id=path.stem,
        text=extracted.text,
        published=htmldate.find_date(tree, **_DATE_OPTIONS),
        title=extracted.title,
        url=page_url(tree) or extracted.url,
        outlet=extracted.sitename,
        language=tree.get("lang"),
    )


def decode_page(data: bytes) -> str:
    """Decode a page as UTF-8, or in the charset its ``<meta>`` declares when that is another one.

    A UTF-16 byte-order mark wins over both, as in browsers. Raises ``UnicodeDecodeError`` when
    the bytes fit none of them.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return decode_utf8(data)
    except UnicodeDecodeError:
        charset = declared_charset(data)
        if charset is None or codecs.lookup(charset).name == "utf-8":
            raise
    return data.decode(charset)


def declared_charset(data: bytes) -> str | None:
    """The known charset named by a ``<meta>`` tag near the top of the page, if any."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii")
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # "hex", "base64", "rot13", "zip" are codecs too, but not text encodings: decoding with
    # them raises LookupError (or worse, turns markup into something else).
    if not getattr(info, "_is_text_encoding", True):
        return None
    return name


def _unusable_charset_note(data: bytes) -> str:
    """Name a declared charset that was passed over because it is unknown or not a text encoding."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None or declared_charset(data) is not None:
        return ""
    name = match.group(1).decode("ascii")
    return f"; the declared charset {name!r} is not a known text encoding"


def page_url(tree: Any) -> str | None:
    """The page's own address from ``<link rel=canonical>`` or ``og:url`` (``tree``: an lxml element)."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xpath)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return None
