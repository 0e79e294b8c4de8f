"""Sources read from the clause analysis, where a language turns it on (roles_from_analysis)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lagebild.dates import parse_calendar_date
from lagebild.events.coder import EventCoder
from lagebild.events.codes import load_event_codes
from lagebild.events.dependencies import Dependencies
from lagebild.events.lexicon import load_event_lexicon
from lagebild.model import Article
from lagebild.pipeline import Processor
from lagebild.syntax.conllu import Word


def _coder_with_analysis(language: str) -> EventCoder:
    lexicon = load_event_lexicon(language)
    lexicon = replace(lexicon, grammar=replace(lexicon.grammar, roles_from_analysis=True))
    return EventCoder(lexicon, load_event_codes())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia wants to expel Ukrainian diplomats.", ("SANCTION", "RUS")),
        ("The ceasefire was violated by Russia on Sunday.", None),
        (
            "Turkey attacked Kurdish positions and accused the United States of arming them.",
            ("ACCUSE", "TUR"),
        ),
    ],
)
def test_sources_from_the_analysis(text: str, expected: tuple[str, str] | None) -> None:
    processor = Processor()
    article = Article(id="a", text=text, published=parse_calendar_date("2018-01-20"), language="en")
    doc = processor.process(article)
    coded = _coder_with_analysis("en").code(doc)
    sources = {(e.type, e.source.root if e.source else "") for e in coded}
    if expected is not None:
        assert expected in sources
    assert all(e.source is None or e.source.root for e in coded)


def test_dependencies_share_a_subject_and_find_passive_agents() -> None:
    words = [
        Word(1, "Russia", head=2, deprel="nsubj"),
        Word(2, "wants", head=0, deprel="root"),
        Word(3, "to", head=4, deprel="mark"),
        Word(4, "punish", head=2, deprel="xcomp"),
        Word(5, "Ukraine", head=4, deprel="obj"),
    ]
    deps = Dependencies.from_words(words)
    assert deps.subjects(3) == [0]  # "punish" shares the subject of "wants"
    passive = [
        Word(1, "Kyiv", head=3, deprel="nsubj:pass"),
        Word(2, "was", head=3, deprel="aux:pass"),
        Word(3, "shelled", head=0, deprel="root"),
        Word(4, "by", head=5, deprel="case"),
        Word(5, "Russia", head=3, deprel="obl:agent"),
    ]
    deps = Dependencies.from_words(passive)
    assert deps.is_passive(2)
    assert deps.passive_subjects(2) == [0]
    assert deps.obliques(2, frozenset({"by"})) == [4]
