"""The synthetic benchmark corpus: reproducible, marked synthetic, readable, made of real sentences."""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lagebild.evaluation.corpora import read_corpus
from lagebild.io import read_documents
from lagebild.model import Article
from lagebild.settings import Settings
from support import REPO

ARTICLES = 12


def load_script() -> ModuleType:
    """scripts/synthetic_corpus.py as a module (scripts/ is not a package)."""
    path = REPO / "scripts" / "synthetic_corpus.py"
    spec = importlib.util.spec_from_file_location("synthetic_corpus_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return load_script()


@pytest.fixture(scope="module")
def pools(generator: ModuleType, shared_dir: Path) -> dict[str, Any]:
    """The German news pool only: one corpus keeps the test fast."""
    return {"gnad10k": generator.load_pool(shared_dir, "gnad10k", "de")}


def draw(generator: ModuleType, pools: dict[str, Any], seed: int) -> list[dict[str, Any]]:
    return list(generator.synthetic_articles(pools, ARTICLES, seed))


def test_the_same_seed_gives_the_same_corpus(generator: ModuleType, pools: dict[str, Any]) -> None:
    first, again, other = draw(generator, pools, 3), draw(generator, pools, 3), draw(generator, pools, 4)
    assert first == again
    assert [a["text"] for a in first] != [a["text"] for a in other]
    assert len({a["id"] for a in first}) == ARTICLES


def test_every_article_is_marked_synthetic(generator: ModuleType, pools: dict[str, Any]) -> None:
    for article in draw(generator, pools, 3):
        assert article["id"].startswith("synthetic-")
        assert article["outlet"] == "synthetic-gnad10k"
        assert article["title"].startswith("[synthetic] ")
        assert article["synthetic"] is True


def test_the_jsonl_reader_accepts_every_line(
    generator: ModuleType, pools: dict[str, Any], tmp_path: Path
) -> None:
    articles = draw(generator, pools, 3)
    corpus = tmp_path / "synthetic.jsonl"
    with corpus.open("w", encoding="utf-8") as sink:
        written = generator.write_jsonl(iter(articles), sink)
    assert written == (ARTICLES, sum(len(a["text"].encode("utf-8")) for a in articles))
    outcomes = list(read_documents([corpus], Settings()))
    assert all(isinstance(o, Article) for o in outcomes), outcomes
    read = [o for o in outcomes if isinstance(o, Article)]
    assert [a.id for a in read] == [a["id"] for a in articles]
    for article, line in zip(read, articles, strict=True):
        assert article.outlet == line["outlet"] and article.language == "de"
        assert article.published is not None and article.published.value == line["published"]
        assert article.text == line["text"]


def test_dates_spread_over_the_period(generator: ModuleType, pools: dict[str, Any]) -> None:
    years = {a["published"][:4] for a in generator.synthetic_articles(pools, 200, 3)}
    assert len(years) >= 10 and min(years) >= "2010" and max(years) <= "2024"


def split_into_pool_sentences(text: str, sentences: set[str], by_start: dict[str, list[str]]) -> list[str]:
    """The pool sentences that, joined by spaces, make up ``text`` (empty when none do)."""

    def rest(position: int) -> list[str] | None:
        if position == len(text):
            return []
        for sentence in by_start.get(text[position : position + 20], []):
            end = position + len(sentence)
            if text.startswith(sentence, position) and (end == len(text) or text[end] == " "):
                tail = rest(end + 1 if end < len(text) else end)
                if tail is not None:
                    return [sentence, *tail]
        return None

    return rest(0) or []


def test_sentences_come_from_the_real_corpus(
    generator: ModuleType, pools: dict[str, Any], shared_dir: Path
) -> None:
    pool = pools["gnad10k"]
    sentences = {*pool.leads, *pool.body}
    by_start: dict[str, list[str]] = defaultdict(list)
    for sentence in sentences:
        by_start[sentence[:20]].append(sentence)
    real = "\n".join(a.text for a in read_corpus(shared_dir, "gnad10k"))
    for article in draw(generator, pools, 3):
        parts = split_into_pool_sentences(article["text"], sentences, by_start)
        assert parts, f"{article['id']} is not made of corpus sentences"
        assert parts[0] in pool.leads  # every article opens like a real one
        assert all(part in real for part in parts)
        assert article["title"].removeprefix("[synthetic] ").split()[0] == parts[0].split()[0]

