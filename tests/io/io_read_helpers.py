"""Small helpers for the reader tests: settings and splitting a read into articles and problems."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lagebild.io import read_documents
from lagebild.model import Article, ReadProblem
from lagebild.settings import Settings


def read_all(
    paths: Iterable[str | Path], settings: Settings | None = None
) -> tuple[list[Article], list[ReadProblem]]:
    """Read everything and return the articles and the problems, each in reading order."""
    articles: list[Article] = []
    problems: list[ReadProblem] = []
    for outcome in read_documents(list(paths), settings or Settings()):
        if isinstance(outcome, Article):
            articles.append(outcome)
        else:
            problems.append(outcome)
    return articles, problems


def fatal(problems: list[ReadProblem]) -> list[ReadProblem]:
    """Only the problems that made a document be skipped."""
    return [p for p in problems if p.fatal]


def warnings(problems: list[ReadProblem]) -> list[ReadProblem]:
    """Only the warnings."""
    return [p for p in problems if not p.fatal]
