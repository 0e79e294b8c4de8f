"""The warm pipeline: a language is identified once per article, before the time budget runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.model import Article
from lagebild.nlp.langid import LanguageIdentifier
from lagebild.pipeline import Processor, budgeted_pipeline


@dataclass
class CountingIdentifier:
    """Identifies as the real identifier does, and counts the texts it was asked about."""

    real: LanguageIdentifier
    texts: list[str] = field(default_factory=list)

    def identify(self, text: str) -> str | None:
        self.texts.append(text)
        return self.real.identify(text)


def test_an_article_without_a_language_is_identified_once() -> None:
    processor = Processor()
    counting = CountingIdentifier(processor.identifier)
    processor.identifier = counting  # type: ignore[assignment]
    process = budgeted_pipeline(processor, per_unit=30.0)
    text = "Die Nato verlangte am Montag in Brüssel von Moskau einen Bericht über die Raketen."
    doc = process(Article(id="a", text=text))
    assert doc.language == "de"
    assert [t for t in counting.texts if t == text] == [text]
    assert any(e.source is not None and e.source.root == "NATO" for e in doc.events)
