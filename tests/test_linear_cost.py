"""No document can stall or sink an ingest: the structural facts behind a bounded cost per document.

Run times are measured by benchmarks/cost_scaling.py, never asserted here (they depend on the
machine). What is asserted is what keeps them linear: no sentence is longer than
``MAX_SENTENCE_CHARS``, so the per-sentence work of later stages is bounded; the bound never
cuts real news sentences; per-mention look-ups find the same sentence a scan would. And a date
at either end of the calendar with a relative word is an answer (or none), not a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from lagebild.dates import parse_calendar_date
from lagebild.lang import load_text_rules
from lagebild.model import Article, Doc, Sentence
from lagebild.nlp.sentences import MAX_SENTENCE_CHARS, SentenceSplitter
from lagebild.pipeline import Processor, _sentence_at
from lagebild.settings import Settings
from lagebild.time.calendar import period_bounds, period_of, shift_period

_SENTENCE_MARKS = re.compile(r"[.!?…]+")


def _gnad_texts(shared_dir: Path) -> list[str]:
    with (shared_dir / "corpora" / "gnad10k_test.csv").open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]


def test_news_sentences_are_far_below_the_bound(shared_dir: Path) -> None:
    # The bound only ever cuts text without sentences to speak of: in 10,000 news articles
    # (about 2.5 MB) no sentence reaches even 70 % of it.
    splitter = SentenceSplitter(load_text_rules("de"))
    longest = max(len(s.text) for text in _gnad_texts(shared_dir) for s in splitter.split(text))
    assert longest < 0.7 * MAX_SENTENCE_CHARS


def test_unpunctuated_document_is_coded_in_bounded_sentences(shared_dir: Path) -> None:
    words = " ".join(_SENTENCE_MARKS.sub(" ", text) for text in _gnad_texts(shared_dir)[:60])
    text = " ".join(words.split())  # one run of real words, no sentence mark, no line break
    assert len(text) > 50 * MAX_SENTENCE_CHARS
    doc = Processor(Settings(time_budget=0)).process(
        Article(id="unpunctuated", text=text, language="de", published=parse_calendar_date("2016-05-12"))
    )
    assert len(doc.sentences) >= len(text) // MAX_SENTENCE_CHARS
    assert max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE_CHARS
    assert all(len(s.tokens) <= MAX_SENTENCE_CHARS // 2 for s in doc.sentences)
    assert doc.events  # the words still name actors and events: cutting does not lose them


def _scan_sentence_at(doc: Doc, offset: int) -> int:
    for sentence in doc.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.index
    return doc.sentences[-1].index if doc.sentences else 0


def test_sentence_at_finds_what_a_scan_finds() -> None:
    text = "  Die Nato tagt. Russland schweigt!\n\nGespräche sind geplant.   Morgen mehr.  "
    sentences = SentenceSplitter(load_text_rules("de")).split(text)
    doc = Doc(article=Article(id="a", text=text), language="de", sentences=sentences)
    for offset in range(-1, len(text) + 2):
        assert _sentence_at(doc, offset) == _scan_sentence_at(doc, offset)
    empty = Doc(article=Article(id="b", text=""), language="de", sentences=())
    assert _sentence_at(empty, 0) == 0


def test_sentence_at_in_many_sentences() -> None:
    sentences = tuple(Sentence(i, 10 * i, 10 * i + 8, "x" * 8) for i in range(5000))
    doc = Doc(article=Article(id="a", text=" " * 50_000), language="de", sentences=sentences)
    for offset in (0, 7, 8, 9, 10, 25_003, 49_998, 60_000):
        assert _sentence_at(doc, offset) == _scan_sentence_at(doc, offset)


# Dates at the ends of the calendar (0001-01-01 and 9999-12-31) with relative words.

UNITS = ("D", "W", "WE", "M", "Q", "H", "SEA", "Y", "DE", "CE")


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("day", [dt.date.min, dt.date(1, 6, 30), dt.date(9999, 6, 30), dt.date.max])
@pytest.mark.parametrize("count", [-10_000, -1, 0, 1, 10_000])
def test_period_of_is_a_period_with_bounds_or_none(unit: str, day: dt.date, count: int) -> None:
    value = period_of(day, unit, count)
    if value is not None:
        bounds = period_bounds(value)
        assert bounds is not None
        assert dt.date.min <= bounds[0] <= bounds[1] <= dt.date.max


@pytest.mark.parametrize(
    ("day", "unit", "count", "expected"),
    [
        (dt.date.min, "D", -1, None),  # "gestern" on 0001-01-01
        (dt.date.min, "D", 1, "0001-01-02"),  # "morgen"
        (dt.date.max, "D", 1, None),  # "tomorrow" on 9999-12-31
        (dt.date.max, "D", -1, "9999-12-30"),  # "yesterday"
        (dt.date.min, "W", -1, None),  # "last week"
        (dt.date.min, "M", -1, None),  # "last month": 0000-12
        (dt.date.max, "M", 1, None),  # "next month": 10000-01
        (dt.date.max, "Y", 1, None),  # "next year": 10000
        (dt.date.min, "Y", -1, None),  # "last year": 0000
        (dt.date.max, "Y", 0, "9999"),
        (dt.date.max, "CE", 1, None),  # "next century" would read as the decade "100"
        (dt.date.max, "DE", 1, None),
        (dt.date.min, "DE", 0, "000"),
        (dt.date.max, "W", 0, None),  # this week's Sunday is 10000-01-02
        (dt.date(2017, 3, 30), "D", -1, "2017-03-29"),
        (dt.date(2017, 3, 30), "W", 1, "2017-W14"),
    ],
)
def test_period_of_at_the_ends_of_the_calendar(
    day: dt.date, unit: str, count: int, expected: str | None
) -> None:
    assert period_of(day, unit, count) == expected


@pytest.mark.parametrize("value", ["0000", "0000-12", "0000-WI", "0000-Q4", "9999-W52", "9999-W52-WE"])
def test_period_bounds_outside_the_calendar_are_none(value: str) -> None:
    assert period_bounds(value) is None
    assert shift_period(value, "D", 1) is None
