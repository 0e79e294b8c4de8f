"""Tokens keep offsets; morphology gives lemma, part of speech and verb form from shipped models."""

from __future__ import annotations

import pytest

from lagebild.lang import UnsupportedLanguage, load_text_rules, supported_languages
from lagebild.model import Sentence
from lagebild.nlp.langid import LanguageIdentifier
from lagebild.nlp.morphology import Morphology
from lagebild.nlp.tokens import tokenize


def test_tokens_keep_compounds_and_offsets() -> None:
    text = 'Der Nato-Russland-Rat tagt; "Iskander"-Raketen und US- sowie EU-Botschafter.'
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    assert "Nato-Russland-Rat" in words
    assert "US-" in words
    assert "EU-Botschafter" in words
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.fixture(scope="module")
def german_morphology() -> Morphology:
    return Morphology(load_text_rules("de"))


@pytest.mark.parametrize(
    ("word", "lemma", "pos"),
    [
        ("verlangt", "verlangen", "VVFIN"),
        ("warf", "werfen", "VVFIN"),
        ("vereinbart", "vereinbaren", "VVPP"),
        ("Russlands", "Russland", "NE"),
        ("russischen", "russisch", "ADJA"),
        ("Stellungnahme", "Stellungnahme", "NN"),
        ("solle", "sollen", "VMFIN"),
    ],
)
def test_german_precise_analysis(german_morphology: Morphology, word: str, lemma: str, pos: str) -> None:
    got_lemma, got_pos, _ = german_morphology.precise(word)
    assert got_lemma == lemma
    assert got_pos == pos


@pytest.mark.parametrize(
    ("word", "lemma", "pos"),
    [
        ("Waffenlieferungen", "Waffenlieferung", "NN"),  # unknown to the word list: a noun by its capital
        ("forderte", "fordern", "VVFIN"),  # an event verb: analysed exactly
        ("eingestellt", "einstellen", "VVPP"),
        ("des", "der", "ART"),
    ],
)
def test_german_fast_analysis(word: str, lemma: str, pos: str) -> None:
    morphology = Morphology(load_text_rules("de"), precise_lemmas=frozenset({"fordern", "einstellen"}))
    got_lemma, got_pos, _ = morphology.analyse_word(word)
    assert (got_lemma, got_pos) == (lemma, pos)


def test_analysis_is_cached_by_word_form(german_morphology: Morphology) -> None:
    text = "Die Nato warnt. Die Nato warnt."
    sentence = Sentence(0, 0, len(text), text, tokenize(text))
    analysed = german_morphology.analyse_sentence(sentence)
    assert [t.lemma for t in analysed.tokens[:3]] == ["der", "Nato", "warnen"]
    size = german_morphology.cache_size
    german_morphology.analyse_sentence(sentence)
    assert german_morphology.cache_size == size


def test_english_analysis() -> None:
    morphology = Morphology(load_text_rules("en"))
    assert morphology.analyse_word("demanded")[0] == "demand"


def test_supported_languages_are_german_and_english() -> None:
    assert set(supported_languages()) >= {"de", "en"}
    with pytest.raises(UnsupportedLanguage):
        load_text_rules("fr")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen.", "de"),
        ("The government announced new sanctions against Russia on Tuesday.", "en"),
        ("Le gouvernement a annoncé mardi de nouvelles sanctions contre la Russie.", "fr"),
        ("El gobierno anunció el martes nuevas sanciones contra Rusia.", "es"),
        ("Il governo ha annunciato martedì nuove sanzioni contro la Russia.", "it"),
        ("Правительство во вторник объявило о новых санкциях против России.", "ru"),
        ("De regering heeft dinsdag nieuwe sancties tegen Rusland aangekondigd.", "nl"),
    ],
)
def test_language_identification(text: str, code: str) -> None:
    assert LanguageIdentifier.from_data().identify(text) == code


def _tags(morphology: Morphology, text: str) -> dict[str, str | None]:
    """Each word's part of speech when analysed in its sentence."""
    sentence = Sentence(index=0, start=0, end=len(text), text=text, tokens=tokenize(text))
    return {t.text: t.pos for t in morphology.analyse_sentence(sentence).tokens}


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        # A capitalised preposition at a sentence start is no name.
        ("Von einer Einigung war keine Rede.", "Von", "APPR"),
        # After "zu", an unknown word with an infinitive ending is the infinitive.
        ("Er warf Russland vor, die Taliban mit Waffen zu beliefern.", "beliefern", "VVINF"),
        # ... also when the word list reads the form as a finite plural.
        ("Die Partei droht in der Versenkung zu verschwinden.", "verschwinden", "VVINF"),
        # A participle form before a future auxiliary in reported speech is the infinitive.
        ("Er sagte, dass Putin die Delegation empfangen werde.", "empfangen", "VVINF"),
        # An inverted report after a comma: the participle form is the finite verb.
        ("Das sei ein Fehler, kritisiert Manahl die Regierung.", "kritisiert", "VVFIN"),
        # no attributive adjective right after a name: the finite verb
        ("Die Regierung in Wien erntete heftige Kritik.", "erntete", "VVFIN"),
        # An "attributive adjective" that no noun follows, ending in -iert, is the participle.
        ("Die russische Armee ist in die Ukraine einmarschiert.", "einmarschiert", "VVPP"),
        # Before its noun it stays an adjective.
        ("Die dort stationierten Truppen bleiben.", "stationierten", "ADJA"),
        # A past-tense form before a noun, after another finite verb, is an attributive participle.
        ("Österreich will entführte Staatsbürger aus dem Jemen heimholen.", "entführte", "ADJA"),
        # Before a determiner it is no attributive adjective: the past tense of a verb without "ge-".
        ("Unbekannte entführten einen Diplomaten Japans.", "entführten", "VVFIN"),
        # A participle form before an object, with no auxiliary around it, is the finite verb.
        ("Richterin Raufer verurteilt ihn zu einem Jahr Haft.", "verurteilt", "VVFIN"),
    ],
)
def test_tags_in_context(german_morphology: Morphology, text: str, word: str, pos: str) -> None:
    assert _tags(german_morphology, text)[word] == pos


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        # A name after a preposition keeps its tag; a participle with its auxiliary stays one.
        ("Sie sprach mit Von der Leyen.", "Von", "NE"),
        ("Das sei ein Fehler, kritisiert wurde die Regierung.", "kritisiert", "VVPP"),
        ("Der Angeklagte wurde verurteilt, sein Anwalt legte Berufung ein.", "verurteilt", "VVPP"),
        ("Er hat verurteilt den Angriff.", "verurteilt", "VVPP"),
        # The only finite verb of its clause stays the verb.
        ("Russland kritisierte Pläne der Nato.", "kritisierte", "VVFIN"),
        # An extended attribute ends in its participle, after a name or noun.
        ("Laut dem von der Hamas kontrollierten Ministerium starben zwölf.", "kontrollierten", "ADJA"),
        ("Er will die von Studenten und Gewerkschaftern bekämpfte Reform.", "bekämpfte", "ADJA"),
    ],
)
def test_tags_that_context_leaves_alone(
    german_morphology: Morphology, text: str, word: str, pos: str
) -> None:
    assert _tags(german_morphology, text)[word] == pos


@pytest.mark.parametrize(
    ("word", "lemma", "pos"),
    [
        # The word list knows these only in the spelling before the 1996 reform ("muß", "läßt").
        ("muss", "müssen", "VMFIN"),
        ("lässt", "lassen", "VVFIN"),
        ("musste", "müssen", "VMFIN"),
        # Lemmas found through the older spelling are written in the newer one.
        ("Ausschüssen", "Ausschuss", "NN"),
        ("Beschluss", "Beschluss", "NN"),
        # only after a short vowel: the long "ie" of "beschließen" keeps its letter
        ("beschloss", "beschließen", "VVFIN"),
        # forms the word list lacks, of verbs it does not know either: analysed in full
        ("angeschossen", "anschießen", "VVPP"),
        ("mitgegangen", "mitgehen", "VVPP"),
        ("einzubringen", "einbringen", "VVIZU"),
    ],
)
def test_words_the_word_list_lacks(
    german_morphology: Morphology, word: str, lemma: str, pos: str
) -> None:
    analysed_lemma, analysed_pos, _ = german_morphology.analyse_word(word)
    assert (analysed_lemma, analysed_pos) == (lemma, pos)


@pytest.mark.parametrize(
    ("word", "lemma", "pos"),
    [
        # words the English word list lacks, read by the ending the lemmatiser strips
        ("airstrikes", "airstrike", "NN2"),
        ("tasked", "task", "VVN"),
        ("beheading", "behead", "VVG"),
        # an ending that is no inflection keeps the default tag, except one the data names
        ("populism", "populism", "AJ0"),
        ("definitively", "definitively", "AV0"),
    ],
)
def test_unknown_english_words_by_their_ending(word: str, lemma: str, pos: str) -> None:
    assert Morphology(load_text_rules("en")).analyse_word(word)[:2] == (lemma, pos)


def test_a_participle_after_have() -> None:
    # "negotiated" alone reads best as an adjective; after "had" it is the participle of its verb
    morphology = Morphology(load_text_rules("en"))
    assert morphology.analyse_word("negotiated")[1] == "AJ0"
    text = "Russia had not negotiated a ceasefire."
    sentence = Sentence(index=0, start=0, end=len(text), text=text, tokens=tokenize(text))
    tokens = morphology.analyse_sentence(sentence).tokens
    found = [(t.text, t.lemma, t.pos) for t in tokens if t.text == "negotiated"]
    assert found == [("negotiated", "negotiate", "VVN")]



@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        # after an article a word that can be a singular noun is one, unless it modifies a noun
        ("Turkey sees the YPG as key in the fight against Isis.", "fight", "NN1"),
        ("The official said the yen had risen.", "official", "NN1"),
        ("Russia is lodging an official challenge.", "official", "AJ0"),
        # ... and a participle before a noun is an adjective
        ("Aid reached the besieged enclave.", "besieged", "AJ0"),
    ],
)
def test_english_words_after_an_article(text: str, word: str, pos: str) -> None:
    assert _tags(Morphology(load_text_rules("en")), text)[word] == pos
