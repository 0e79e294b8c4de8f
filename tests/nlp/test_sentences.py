"""Sentence splitting keeps abbreviations, ordinals and quotations intact."""

from __future__ import annotations

import pytest

from lagebild.lang import load_text_rules
from lagebild.model import Sentence
from lagebild.nlp.sentences import MAX_SENTENCE_CHARS, SentenceSplitter


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


# Over-long runs are cut into pieces of at most MAX_SENTENCE_CHARS characters.

WORDS = "die Regierung hat am Montag in Berlin neue Gesetze zum Schutz der Grenze vorgestellt"


def _assert_pieces_cover(text: str, sentences: tuple[Sentence, ...]) -> None:
    """Every piece is bounded, indexed in order, indexes the text, and nothing but space is lost."""
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        assert 0 < len(sentence.text) <= MAX_SENTENCE_CHARS
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())


def test_run_without_punctuation_is_cut_at_white_space(german: SentenceSplitter) -> None:
    text = " ".join([WORDS] * 300)  # about 25,000 characters, not one sentence mark
    sentences = german.split(text)
    _assert_pieces_cover(text, sentences)
    assert len(sentences) >= len(text) // MAX_SENTENCE_CHARS
    assert all(len(s.text) >= MAX_SENTENCE_CHARS // 2 for s in sentences[:-1])  # no needless crumbs
    assert all(text[s.end] == " " for s in sentences[:-1])  # never inside a word


@pytest.mark.parametrize(
    ("mark", "weaker"), [("; ", ": "), (": ", " – "), (" – ", ", "), (", ", " "), ("; ", ", ")]
)
def test_cut_prefers_the_stronger_break_to_a_later_weaker_one(
    german: SentenceSplitter, mark: str, weaker: str
) -> None:
    filler = " ".join([WORDS] * 20)  # about 1,700 characters: both breaks lie in the window
    text = f"{filler}{mark}Gegenstand eins{weaker}{filler}{weaker}{filler}"
    first = german.split(text)[0]
    assert first.text.endswith(mark.strip())
    assert first.end == len(filler) + len(mark.rstrip())


def test_cut_falls_on_no_number_with_a_colon_or_comma(german: SentenceSplitter) -> None:
    filler = " ".join([WORDS] * 23)  # about 1,950 characters
    text = f"{filler} um 10:30 Uhr mit 3,5 Prozent {filler}"
    for sentence in german.split(text):
        assert not sentence.text.endswith(("10:", "3,"))


def test_run_without_white_space_is_cut_at_the_bound(german: SentenceSplitter) -> None:
    text = "x" * (3 * MAX_SENTENCE_CHARS + 7)
    sentences = german.split(text)
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_CHARS] * 3 + [7]
    assert "".join(s.text for s in sentences) == text


def test_long_quotation_and_abbreviations_stay_bounded(german: SentenceSplitter) -> None:
    # Boundaries inside quotations and after abbreviations are rejected again and again.
    # The sentence they leave is still cut, and each candidate is judged without reading the
    # sentence again from its start (that took minutes for a few hundred KB of this).
    text = " ".join(["„Wir kommen. Sie gehen“ sagte Dr. Weber"] * 5000)
    sentences = german.split(text)
    _assert_pieces_cover(text, sentences)
    assert len(sentences) >= len(text) // MAX_SENTENCE_CHARS


def test_long_word_before_a_period_is_no_abbreviation(german: SentenceSplitter) -> None:
    long_word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"
    text = f"Er sprach über das {long_word}. Dann ging er."
    assert len(german.split(text)) == 2
    assert len(german.split("Er traf Gen. Müller in Berlin.")) == 1


def test_news_sentences_are_never_cut(german: SentenceSplitter) -> None:
    # A long but real sentence (about 700 characters) stays whole: the bound is far above news.
    sentence = (
        "Die Außenminister der Europäischen Union, die am Montag in Brüssel zusammenkamen, "
        "verständigten sich nach stundenlangen Beratungen, in denen vor allem Ungarn, Polen "
        "und die Slowakei Bedenken gegen weitere Sanktionen geltend gemacht hatten, auf ein "
        "Paket von Maßnahmen, das neben Einreiseverboten für mehr als 40 Vertreter der "
        "Regierung in Minsk auch das Einfrieren von Vermögen mehrerer Staatsbetriebe, ein "
        "Verbot neuer Kredite der Europäischen Investitionsbank und eine Überprüfung aller "
        "Abkommen über die Zusammenarbeit im Grenzschutz vorsieht, wie ein Sprecher des "
        "Auswärtigen Dienstes am Abend mitteilte, der zugleich betonte, dass die Tür zu "
        "Gesprächen offen bleibe, sofern die Führung in Minsk die inhaftierten Oppositionellen "
        "freilasse und unabhängige Beobachter ins Land lasse."
    )
    assert 600 < len(sentence) < MAX_SENTENCE_CHARS
    assert [s.text for s in german.split(sentence)] == [sentence]


def test_long_run_of_sentence_marks_without_space_is_no_boundary(german: SentenceSplitter) -> None:
    # Marks followed by a letter are no boundary; the run is read once, not again from each mark.
    text = "Die Nato tagt " + "!" * 100_000 + "Ende. Russland schweigt."
    sentences = german.split(text)
    assert sentences[-1].text == "Russland schweigt."
    _assert_pieces_cover(text, sentences)
