"""Read the real news corpora that gold sets point into, without copying their text.

Real-text gold records (docs/EVALUATION.md) do not hold the sentences they code: they hold a
locator (corpus, article key, character offsets) into a corpus that lives outside the
repository, and the text is read from there when the gold is scored. This module knows how to
read each corpus into articles with stable keys and one normalised text, so that offsets stay
valid between sampling and scoring.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# CSV fields of long articles exceed the csv module's default limit of 128 KiB.
_CSV_FIELD_LIMIT = 10_000_000

_REUTERS_STORY = re.compile(r"<REUTERS\b[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_REUTERS_DATE = re.compile(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})")
_REUTERS_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_REUTERS_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_REUTERS_TOPICS = re.compile(r"<TOPICS>(.*?)</TOPICS>", re.S)
_REUTERS_DATELINE = re.compile(r"<DATELINE>(.*?)</DATELINE>", re.S)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1
    )
}
_PARAGRAPH = re.compile(r"\n\s{2,}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a shared corpus: its key within the corpus, normalised text and metadata."""

    corpus: str
    key: str
    text: str
    published: str | None
    language: str
    section: str | None = None
    outlet: str | None = None
    dateline: str | None = None  # a wire's dateline kept apart from its text ("MOSCOW, March 3 - ")


CORPUS_FILES = {
    "gnad10k": ("corpora/gnad10k_test.csv", "de"),
    "germeval2014": ("corpora/germeval2014_news_sentences.jsonl", "de"),
    "guardian": ("corpora/guardian_sample.csv", "en"),
    "reuters21578": ("corpora/reuters21578", "en"),
}


def read_corpus(shared: Path, corpus: str) -> Iterator[CorpusArticle]:
    """Yield the articles of one shared corpus (a name of ``CORPUS_FILES``) in a stable order."""
    if corpus not in CORPUS_FILES:
        raise ValueError(f"unknown corpus {corpus!r}; known: {', '.join(sorted(CORPUS_FILES))}")
    path = shared / CORPUS_FILES[corpus][0]
    readers = {
        "gnad10k": _read_gnad,
        "germeval2014": _read_germeval,
        "guardian": _read_guardian,
        "reuters21578": _read_reuters,
    }
    yield from readers[corpus](path)


def _normalise(text: str) -> str:
    """Keep paragraph breaks as one newline and fold every other run of white space to a space."""
    paragraphs = (_SPACE.sub(" ", part).strip() for part in re.split(r"\n\s*\n", text))
    return "\n".join(p for p in paragraphs if p)


def _read_gnad(path: Path) -> Iterator[CorpusArticle]:
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.reader(handle, delimiter=";", quotechar="'")):
            if len(row) >= 2:
                yield CorpusArticle(
                    "gnad10k", str(row_number), _normalise(row[1]), None, "de", row[0], "derStandard.at"
                )


def _read_germeval(path: Path) -> Iterator[CorpusArticle]:
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle):
            record = json.loads(line)
            host = urlsplit(record.get("url") or "").hostname
            yield CorpusArticle(
                "germeval2014",
                str(line_number),
                _normalise(record["text"]),
                record.get("date"),
                "de",
                record.get("split"),
                host.removeprefix("www.") if host else None,
            )


def _read_guardian(path: Path) -> Iterator[CorpusArticle]:
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield CorpusArticle(
                "guardian", row[""], _normalise(row["text"]), row.get("date"), "en", None, "The Guardian"
            )


def _read_reuters(folder: Path) -> Iterator[CorpusArticle]:
    for path in sorted(folder.glob("reut2-*.sgm.gz")):
        with gzip.open(path, "rt", encoding="latin-1") as handle:
            markup = handle.read()
        for match in _REUTERS_STORY.finditer(markup):
            article = _reuters_story(match.group(1), match.group(2))
            if article is not None:
                yield article


def _reuters_story(newid: str, story: str) -> CorpusArticle | None:
    """A Reuters story's body as paragraphs, its date and its topics; ``None`` without a body."""
    body = _REUTERS_BODY.search(story)
    if body is None:
        return None
    text = html.unescape(body.group(1)).replace("\x03", "")
    text = re.sub(r"\s*Reuter\s*$", "", text.strip())
    text = _normalise(_PARAGRAPH.sub("\n\n", text))
    date = _REUTERS_DATE.search(story)
    published = f"{date.group(3)}-{_MONTHS[date.group(2)]:02d}-{int(date.group(1)):02d}" if date else None
    topics = _REUTERS_TOPICS.search(story)
    section = re.sub(r"</?D>", " ", topics.group(1)).strip() if topics else None
    dateline = _REUTERS_DATELINE.search(story)
    return CorpusArticle(
        "reuters21578",
        newid,
        text,
        published,
        "en",
        section or None,
        "Reuters",
        html.unescape(dateline.group(1)).strip() + " " if dateline else None,
    )


class CorpusTexts:
    """The articles of the shared corpora by (corpus, key), each corpus read on first use."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self._corpora: dict[str, dict[str, CorpusArticle]] = {}

    def article(self, corpus: str, key: str) -> CorpusArticle:
        """One article; ``KeyError`` names the corpus and key when it is not there."""
        if corpus not in self._corpora:
            self._corpora[corpus] = {a.key: a for a in read_corpus(self.shared, corpus)}
        try:
            return self._corpora[corpus][key]
        except KeyError:
            raise KeyError(f"{corpus} has no article {key!r}") from None
