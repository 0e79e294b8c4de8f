"""The Python API and the processor's handling of languages it does not code."""

from __future__ import annotations

import lagebild
from lagebild.model import Article
from lagebild.pipeline import Processor


def test_extract_codes_german_text_with_a_month_date() -> None:
    text = (
        "Die Nato verlangt von Moskau einen Bericht über das Manöver. "
        "Der Kreml wies die Forderung am Dienstag zurück."
    )
    events = lagebild.extract(text, published="2021-09")
    keys = {(e.type, e.source.root if e.source else "", e.target.root if e.target else "") for e in events}
    assert ("REQUEST", "NATO", "RUS") in keys
    assert all(e.published == "2021-09" and e.language == "de" for e in events)
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.text for e in events)
    assert all(text[e.trigger_start : e.trigger_end] in e.trigger for e in events)


def test_extract_codes_english_text() -> None:
    events = lagebild.extract("NATO demanded a report from Moscow on Tuesday.", published="2021-09-15")
    assert [(e.type, e.source.root if e.source else "") for e in events] == [("REQUEST", "NATO")]


def test_unsupported_language_is_reported_not_coded() -> None:
    processor = Processor()
    text = "Le gouvernement français a condamné mardi l'attaque contre l'ambassade à Kiev."
    doc = processor.process(Article("fr-1", text))
    assert doc.language == "fr"
    assert doc.events == ()
    assert doc.warnings and "not supported" in doc.warnings[0]
