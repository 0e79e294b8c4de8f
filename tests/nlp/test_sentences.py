"""Sentence splitting keeps abbreviations, ordinals and quotations intact."""

from __future__ import annotations

import pytest

from lagebild.lang import load_text_rules
from lagebild.nlp.sentences import SentenceSplitter


@pytest.fixture(scope="module")
def german() -> SentenceSplitter:
    return SentenceSplitter(load_text_rules("de"))


@pytest.fixture(scope="module")
def english() -> SentenceSplitter:
    return SentenceSplitter(load_text_rules("en"))


@pytest.mark.parametrize(
    "text",
    [
        "Der Nato-Russland-Rat soll am 30. März in Brüssel tagen.",
        "Die Außenminister wollen z. B. über Sanktionen sprechen.",
        "Resolution Nr. 5 wurde am Dienstag angenommen.",
        "Gen. Wolfgang Richter leitete die Übung in Litauen.",
        "Die 3. Armee rückte nach Angaben der Regierung vor.",
        "„Wir werden nicht nachgeben. Niemals“, sagte der Minister in Kiew.",
        "Das Treffen fand am 1. Jan. 2016 statt.",
        "Der Vorschlag von Prof. Dr. Anna Weber wurde bzw. wird geprüft.",
    ],
)
def test_german_sentence_stays_whole(german: SentenceSplitter, text: str) -> None:
    sentences = german.split(text)
    assert [s.text for s in sentences] == [text]


def test_german_sentences_are_split_with_offsets(german: SentenceSplitter) -> None:
    text = "Die Nato warnt Moskau. Russland weist die Vorwürfe zurück!  Gespräche sind geplant."
    sentences = german.split(text)
    assert [s.text for s in sentences] == [
        "Die Nato warnt Moskau.",
        "Russland weist die Vorwürfe zurück!",
        "Gespräche sind geplant.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_year_at_end_of_sentence_splits(german: SentenceSplitter) -> None:
    sentences = german.split(
        "Die Krim wurde 2014 annektiert. Das war im März 2014. Danach folgten Sanktionen."
    )
    assert len(sentences) == 3


def test_quotation_closing_mark_ends_sentence(german: SentenceSplitter) -> None:
    sentences = german.split("Er sagte: „Wir bleiben.“ Dann reiste er nach Ankara.")
    assert [s.text for s in sentences] == ["Er sagte: „Wir bleiben.“", "Dann reiste er nach Ankara."]


def test_paragraph_break_ends_sentence_without_punctuation(german: SentenceSplitter) -> None:
    sentences = german.split("Nato und Russland im Gespräch\n\nDie Botschafter trafen sich in Brüssel.")
    assert [s.text for s in sentences] == [
        "Nato und Russland im Gespräch",
        "Die Botschafter trafen sich in Brüssel.",
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Gen. Mark Milley met Mr. Shoigu in Geneva. They talked for an hour.", 2),
        ("The U.S. ambassador left on Jan. 5. Talks resumed in March.", 2),
        ("NATO said on Tuesday that it would respond. Russia denied the claims.", 2),
    ],
)
def test_english_sentences(english: SentenceSplitter, text: str, count: int) -> None:
    assert len(english.split(text)) == count


def test_seed_article_has_twenty_sentences(german: SentenceSplitter, shared_dir) -> None:  # type: ignore[no-untyped-def]
    raw = (shared_dir / "seed" / "seed_article.txt").read_text(encoding="utf-8")
    text = raw.split(" ", 3)[3] if raw.startswith(" date ") else raw
    sentences = german.split(text)
    assert len(sentences) == 20
    assert "am am 30. März tagen soll." in sentences[1].text
