"""Property-based tests: readers and the API's body parser on generated input.

Whatever the bytes, a reader yields articles and problems and never raises; whatever the JSON,
the body parser returns articles or refuses with 400/413; and files written by the csv and json
modules read back exactly, however their texts are quoted and broken into lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.api.errors import ApiError
from lagebild.api.ingest import parse_body
from lagebild.io.fields import MAX_ID_CHARS, PUBLISHED_YEARS
from lagebild.io.readers import read_located
from lagebild.model import Article, ReadProblem
from lagebild.settings import Settings

# No example database: the suite leaves no files behind, and every run starts afresh.
EXAMPLES = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
SMALL = Settings(max_document_bytes=4000)

# Text as it may come from anywhere: any character but lone surrogates (not encodable) and NUL.
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1).filter(
    lambda t: t.strip() != ""
)
ids = st.text(string.ascii_letters + string.digits + "-_.:/äöü", min_size=1, max_size=40).filter(
    lambda t: t.strip() == t
)
dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))
records = st.lists(st.tuples(ids, texts, dates), min_size=1, max_size=6, unique_by=lambda r: r[0])


def read(path: Path, reading: Settings = SMALL) -> list[Article | ReadProblem]:
    """Everything read from ``path``; checks the invariants every outcome keeps."""
    outcomes = []
    for where, outcome in read_located([path], reading):
        assert isinstance(where, str) and where.startswith(str(path))
        if isinstance(outcome, Article):
            assert outcome.text.strip() and "\x00" not in outcome.text
            assert 0 < len(outcome.id) <= MAX_ID_CHARS
            if outcome.published is not None and outcome.published.earliest is not None:
                assert PUBLISHED_YEARS[0] <= outcome.published.earliest.year <= PUBLISHED_YEARS[1]
        else:
            assert isinstance(outcome, ReadProblem) and outcome.reason
        outcomes.append(outcome)
    return outcomes


@EXAMPLES
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".html"]))
def test_any_bytes_are_read_without_an_exception(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        read(path)


@EXAMPLES
@given(
    head=st.sampled_from([b"id,text\n", b"id;published;text\n", b'"id","text"\n', b""]),
    lines=st.lists(
        st.lists(
            st.sampled_from(['"', ",", ";", "a", "Nato ", "\n", "\r", '""', "2023", " "]), max_size=12
        ).map("".join),
        max_size=8,
    ),
)
def test_broken_quoting_never_raises_and_never_merges_more_than_it_reports(
    head: bytes, lines: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(head + "\n".join(lines).encode())
        outcomes = read(path)
        # Every article's text is one field of the file: nothing merged across rows.
        content = path.read_bytes().decode("utf-8").replace('"', "")
        for outcome in outcomes:
            if isinstance(outcome, Article):
                assert outcome.text.replace('"', "") in content


@EXAMPLES
@given(rows=records)
def test_jsonl_written_by_json_reads_back_exactly(rows: list[tuple[str, str, dt.date]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        lines = [json.dumps({"id": i, "text": t, "published": d.isoformat()}) for i, t, d in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        articles = [o for o in read(path, Settings()) if isinstance(o, Article)]
        assert [(a.id, a.text, a.published and a.published.value) for a in articles] == [
            (i, t, d.isoformat()) for i, t, d in rows
        ]


@EXAMPLES
@given(
    rows=records,
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    quotechar=st.sampled_from(['"', "'"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    terminator=st.sampled_from(["\n", "\r\n"]),
)
def test_csv_written_by_the_csv_module_reads_back_exactly(
    rows: list[tuple[str, str, dt.date]], delimiter: str, quotechar: str, quoting: int, terminator: str
) -> None:
    # The csv module leaves a lone "\r" unquoted when the line end is "\n"; no reader could
    # tell it from a line end, so such files are not generated.
    if terminator == "\n" and quoting == csv.QUOTE_MINIMAL:
        rows = [(i, t.replace("\r", " "), d) for i, t, d in rows]
    out = io.StringIO(newline="")
    writer = csv.writer(
        out, delimiter=delimiter, quotechar=quotechar, quoting=quoting, lineterminator=terminator
    )
    writer.writerow(["id", "published", "text"])
    writer.writerows([(i, d.isoformat(), t) for i, t, d in rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(out.getvalue().encode("utf-8"))
        outcomes = read(path, Settings(csv_quotechar=quotechar))
        assert [p for p in outcomes if isinstance(p, ReadProblem) and p.fatal] == []
        articles = [o for o in outcomes if isinstance(o, Article)]
        assert [(a.id, a.text) for a in articles] == [(i, t) for i, t, _ in rows]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
article_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.none(), ids, st.integers(), st.text(max_size=5)),
        "text": st.one_of(texts, st.text(max_size=5), st.integers(), st.none()),
        "published": st.one_of(
            st.none(), st.text(max_size=12), dates.map(lambda d: d.isoformat()), st.integers()
        ),
        "language": st.one_of(st.none(), st.sampled_from(["de", "EN", "de-AT", "xx-yy", "German"])),
        "title": json_values,
        "date": json_values,
    },
)


@EXAMPLES
@given(payload=st.one_of(json_values, article_like, st.lists(article_like, max_size=5)))
def test_the_body_parser_returns_articles_or_refuses_with_400_or_413(payload: object) -> None:
    body = json.dumps(payload).encode()
    try:
        articles, warnings = parse_body(body, SMALL)
    except ApiError as exc:
        assert exc.status in (400, 413) and exc.body()["error"]
        return
    posted = payload if isinstance(payload, list) else [payload]
    assert len(articles) == len(posted)
    assert all(isinstance(a, Article) and a.text.strip() for a in articles)
    assert all(isinstance(w, str) for w in warnings)


@EXAMPLES
@given(body=st.binary(max_size=400))
def test_the_body_parser_refuses_any_bytes_cleanly(body: bytes) -> None:
    try:
        parse_body(body, SMALL)
    except ApiError as exc:
        assert exc.status in (400, 413)
