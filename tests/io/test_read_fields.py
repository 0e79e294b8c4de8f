"""The checks all readers share, one case at a time."""

from __future__ import annotations

import pytest

from lagebild.io.fields import RawDocument, build_article, is_oversized, located, pick_fields, record_id
from lagebild.model import Article, ReadProblem
from lagebild.settings import Settings

TEXT = "Der Sicherheitsrat der Vereinten Nationen tagte am Freitag in New York."


def outcomes(**fields: object) -> list[Article | ReadProblem]:
    raw = RawDocument(where="feed.jsonl:1 (id=x)", source_path="feed.jsonl", id="x", **fields)
    return list(build_article(raw, Settings(max_document_bytes=1000)))


def test_published_wins_over_its_alias() -> None:
    picked = pick_fields({"date": "2023-01", "published": "2023-02-03", "section": "x"})
    assert picked == {"published": "2023-02-03"}
    assert pick_fields({"date": "2023-01", "published": ""}) == {"published": "2023-01"}
    assert pick_fields({"text": ""}) == {"text": ""}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a7", ("a7", None)),
        (17, ("17", None)),
        (None, ("f-3", "no id; using 'f-3'")),
        ("  ", ("f-3", "no id; using 'f-3'")),
        ([1], ("f-3", "id of type list is not usable; using 'f-3'")),
    ],
)
def test_record_id(value: object, expected: tuple[str, str | None]) -> None:
    assert record_id(value, "f-3") == expected


def test_oversize_counts_utf8_bytes() -> None:
    assert not is_oversized("ä" * 500, 1000)
    assert is_oversized("ä" * 501, 1000)
    assert is_oversized("€" * 334, 1000)
    assert not is_oversized("x" * 1000, 1000)


@pytest.mark.parametrize(
    ("language", "expected", "warned"),
    [
        ("de", "de", False),
        ("EN", "en", False),
        ("de-AT", "de", False),
        ("", None, False),
        (None, None, False),
        ("German", None, True),
        ("deu", None, True),
    ],
)
def test_language_is_kept_as_iso_639_1(language: object, expected: str | None, warned: bool) -> None:
    *problems, article = outcomes(text=TEXT, published="2023-03-10", language=language)
    assert isinstance(article, Article)
    assert article.language == expected
    assert bool(problems) == warned


@pytest.mark.parametrize(
    ("published", "value"),
    [
        ("2023", "2023"),
        ("2023-03", "2023-03"),
        ("2023-03-10T14:00:00Z", "2023-03-10"),
        ("2023-03-10 14:00", "2023-03-10"),
        (2023, "2023"),
    ],
)
def test_published_forms(published: object, value: str) -> None:
    [article] = outcomes(text=TEXT, published=published)
    assert isinstance(article, Article) and article.published is not None
    assert article.published.value == value


@pytest.mark.parametrize("published", ["2023-02-29", "2023-00", "10.03.2023", "März 2023", 20.5])
def test_bad_published_is_fatal(published: object) -> None:
    [problem] = outcomes(text=TEXT, published=published)
    assert isinstance(problem, ReadProblem) and problem.fatal
    assert problem.where == "feed.jsonl:1 (id=x)"


def test_lone_surrogate_in_text_is_fatal() -> None:
    [problem] = outcomes(text=TEXT + "\udcfc", published="2023")
    assert isinstance(problem, ReadProblem)
    assert problem.reason == "text holds bytes that are not UTF-8"


def test_located_keeps_undecodable_ids_printable() -> None:
    assert located("a.csv:4", "M\udcfcller") == "a.csv:4 (id=M\ufffdller)"
    assert located("a.txt", None) == "a.txt"
