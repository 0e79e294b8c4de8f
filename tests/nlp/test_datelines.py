"""Datelines are places, never actors: on real articles that open with one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lagebild.evaluation.corpora import CorpusArticle, read_corpus
from lagebild.model import Article, Doc
from lagebild.pipeline import Processor

# Wire datelines of capitals that are also actors ("Moskau" stands for the Russian government).
_CAPITAL_DATELINE = re.compile(r"^(WASHINGTON|MOSCOW|LONDON|TOKYO|PARIS|BONN|BEIJING|PEKING|BRUSSELS),")


@pytest.fixture(scope="module")
def processor() -> Processor:
    return Processor()


def _dateline_actors(doc: Doc) -> list[str]:
    """Actor mentions that lie inside a detected dateline."""
    return [
        m.text
        for m in doc.mentions_of("actor")
        if any(start <= m.start < end for start, end in doc.datelines)
    ]


def _wire_articles(shared: Path, count: int) -> list[CorpusArticle]:
    found = []
    for article in read_corpus(shared, "reuters21578"):
        if article.dateline and _CAPITAL_DATELINE.match(article.dateline):
            found.append(article)
            if len(found) == count:
                break
    return found


def test_wire_datelines_of_capitals_are_no_actors(shared_dir: Path, processor: Processor) -> None:
    articles = _wire_articles(shared_dir, 40)
    assert len(articles) == 40
    for article in articles:
        assert article.dateline is not None
        text = article.dateline + article.text
        doc = processor.process(Article(id=article.key, text=text, language="en", outlet="Reuters"))
        assert doc.datelines and doc.datelines[0][0] == 0, article.dateline
        assert _dateline_actors(doc) == [], article.dateline
        city = article.dateline.split(",")[0]
        assert not [m for m in doc.mentions_of("actor") if m.start < len(article.dateline)], city


def test_vienna_datelines_of_an_austrian_paper_are_no_actors(shared_dir: Path, processor: Processor) -> None:
    articles = [a for a in read_corpus(shared_dir, "gnad10k") if ". Wien – " in a.text][:40]
    assert len(articles) == 40
    for article in articles:
        doc = processor.process(
            Article(id=article.key, text=article.text, language="de", outlet=article.outlet)
        )
        dateline = article.text.index(". Wien – ") + 2
        assert any(start == dateline for start, _ in doc.datelines), article.text[:120]
        assert not [m for m in doc.mentions_of("actor") if m.start == dateline], article.text[:120]


def test_a_dateline_city_is_still_a_place(processor: Processor) -> None:
    doc = processor.process(
        Article(
            id="d", text="Kabul – Die Taliban haben einen Anschlag auf das Parlament verübt.", language="de"
        )
    )
    assert doc.datelines == ((0, 8),)
    assert [m.text for m in doc.mentions_of("place")][:1] == ["Kabul"]
    assert "Kabul" not in [m.text for m in doc.mentions_of("actor")]


def test_the_agency_in_a_dateline_is_no_source(processor: Processor) -> None:
    # GermEval wording (2009): the agency in brackets named no actor but was taken for an unknown
    # name and made the source of the demand
    text = (
        "Berlin ( Reuters ) - Der Bundesverband deutscher Banken ( BdB ) hat die Tarifparteien zu einer "
        "moderaten Lohnpolitik aufgefordert ."
    )
    events = processor.events(Article(id="d", text=text, language="de"))
    assert [e.source.text for e in events if e.source] in ([], ["deutscher"])
