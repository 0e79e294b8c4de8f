"""Hand-written German and English sentences with the subject, objects and obliques expected.

Each case lists arcs ``dependent -relation-> head`` (word forms; a form that occurs twice is
given as ``form#n``, its n-th occurrence) that the analysis must produce, and arcs it must not.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from lagebild.syntax import analyser
from lagebild.syntax.conllu import Word
from lagebild.syntax.rules import grammar_rules, load_syntax_data
from lagebild.syntax.tagged import TaggingAnalyser

Arc = tuple[str, str, str]

GERMAN: list[tuple[str, list[Arc], list[Arc]]] = [
    (
        "Die Nato verlangt von Moskau einen Bericht .",
        [("Nato", "nsubj", "verlangt"), ("Bericht", "obj", "verlangt"), ("Moskau", "obl", "verlangt")],
        [],
    ),
    (
        "Der Minister wurde von Demonstranten angegriffen .",
        [
            ("Minister", "nsubj:pass", "angegriffen"),
            ("Demonstranten", "obl:agent", "angegriffen"),
            ("wurde", "aux:pass", "angegriffen"),
        ],
        [],
    ),
    (
        "Russland hat der Ukraine Waffen angeboten .",
        [
            ("Russland", "nsubj", "angeboten"),
            ("Ukraine", "obl:arg", "angeboten"),
            ("Waffen", "obj", "angeboten"),
        ],
        [("Ukraine", "nsubj", "angeboten")],
    ),
    (
        "Den Vertrag unterzeichnete der Präsident am Montag in Berlin .",
        [
            ("Vertrag", "obj", "unterzeichnete"),
            ("Präsident", "nsubj", "unterzeichnete"),
            ("Berlin", "obl", "unterzeichnete"),
        ],
        [("Vertrag", "nsubj", "unterzeichnete")],
    ),
    (
        "Die Regierung kündigte an , die Sanktionen zu verlängern .",
        [
            ("Regierung", "nsubj", "kündigte"),
            ("an", "compound:prt", "kündigte"),
            ("verlängern", "xcomp", "kündigte"),
            ("Sanktionen", "obj", "verlängern"),
        ],
        [("Sanktionen", "obj", "kündigte")],
    ),
    (
        "Der Sprecher sagte , dass die Armee die Stadt angegriffen habe .",
        [
            ("Sprecher", "nsubj", "sagte"),
            ("angegriffen", "ccomp", "sagte"),
            ("Armee", "nsubj", "angegriffen"),
            ("Stadt", "obj", "angegriffen"),
        ],
        [("Armee", "nsubj", "sagte")],
    ),
    (
        "Der Botschafter , der gestern in Berlin war , traf den Kanzler .",
        [("Botschafter", "nsubj", "traf"), ("Kanzler", "obj", "traf"), ("war", "acl", "Botschafter")],
        [],
    ),
    (
        "Merkel und Macron trafen sich in Paris .",
        [("Merkel", "nsubj", "trafen"), ("Macron", "conj", "Merkel"), ("Paris", "obl", "trafen")],
        [],
    ),
    (
        "Der Außenminister Russlands , Sergej Lawrow , kritisierte die Entscheidung der EU .",
        [
            ("Außenminister", "nsubj", "kritisierte"),
            ("Sergej", "appos", "Außenminister"),
            ("Entscheidung", "obj", "kritisierte"),
            ("EU", "nmod", "Entscheidung"),
        ],
        [("EU", "obj", "kritisierte")],
    ),
    (
        "Die Polizei nahm den Verdächtigen am Abend fest .",
        [("Polizei", "nsubj", "nahm"), ("Verdächtigen", "obj", "nahm"), ("fest", "compound:prt", "nahm")],
        [],
    ),
    (
        '" Wir werden nicht nachgeben " , sagte der Präsident .',
        [("Präsident", "nsubj", "sagte"), ("nachgeben", "ccomp", "sagte"), ("Wir", "nsubj", "nachgeben")],
        [],
    ),
    (
        "Russland , China und Iran lehnen die Resolution ab .",
        [
            ("Russland", "nsubj", "lehnen"),
            ("China", "conj", "Russland"),
            ("Iran", "conj", "Russland"),
            ("Resolution", "obj", "lehnen"),
        ],
        [("China", "nsubj", "lehnen")],
    ),
]

ENGLISH: list[tuple[str, list[Arc], list[Arc]]] = [
    (
        "The minister was attacked by protesters on Monday .",
        [
            ("minister", "nsubj:pass", "attacked"),
            ("protesters", "obl:agent", "attacked"),
            ("Monday", "obl", "attacked"),
        ],
        [],
    ),
    (
        "The government announced that it would extend the sanctions .",
        [
            ("government", "nsubj", "announced"),
            ("extend", "ccomp", "announced"),
            ("sanctions", "obj", "extend"),
        ],
        [("sanctions", "obj", "announced")],
    ),
    (
        "The president wants to meet the chancellor in Berlin .",
        [
            ("president", "nsubj", "wants"),
            ("meet", "xcomp", "wants"),
            ("chancellor", "obj", "meet"),
            ("Berlin", "obl", "meet"),
        ],
        [],
    ),
    (
        "Putin , the Russian president , met Macron in Paris .",
        [
            ("Putin", "nsubj", "met"),
            ("president", "appos", "Putin"),
            ("Macron", "obj", "met"),
            ("Paris", "obl", "met"),
        ],
        [("president", "nsubj", "met")],
    ),
    (
        "The police arrested two suspects who had attacked the embassy .",
        [
            ("police", "nsubj", "arrested"),
            ("suspects", "obj", "arrested"),
            ("attacked", "acl:relcl", "suspects"),
            ("embassy", "obj", "attacked"),
        ],
        [("embassy", "obj", "arrested")],
    ),
    (
        "She is a doctor and he is in London .",
        [
            ("She", "nsubj", "doctor"),
            ("is#1", "cop", "doctor"),
            ("London", "conj", "doctor"),
            ("he", "nsubj", "London"),
        ],
        [],
    ),
]


# Sentences the grammar gets right but the learned second pass (trained on the reviews and web
# text of UD German GSD) currently gets wrong: a dative object ("der Ukraine") and an object in
# the Vorfeld ("Den Vertrag"). Strict: they fail loudly once the learned pass gets them right.
LEARNED_REGRESSIONS = {
    "Russland hat der Ukraine Waffen angeboten .": "learned pass: the dative becomes a subject of the object",
    "Den Vertrag unterzeichnete der Präsident am Montag in Berlin .": "learned pass: fronted object as obl",
}


@lru_cache(maxsize=1)
def _grammar_alone() -> TaggingAnalyser:
    _, data, path = load_syntax_data("de")
    return TaggingAnalyser("de", grammar_rules(data, path), learned=False)


def _arcs(sentence: str, language: str, grammar_alone: bool = False) -> set[Arc]:
    forms = sentence.split()
    engine = _grammar_alone() if grammar_alone else analyser(language)
    words = engine.analyse([Word(k + 1, form) for k, form in enumerate(forms)])
    names = []
    for k, form in enumerate(forms):
        count = forms[:k].count(form)
        names.append(form if forms.count(form) == 1 else f"{form}#{count + 1}")
    return {(names[w.id - 1], w.deprel, names[w.head - 1] if w.head else "ROOT") for w in words}


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        pytest.param(
            *case,
            marks=[pytest.mark.xfail(strict=True, reason=LEARNED_REGRESSIONS[case[0]])]
            if case[0] in LEARNED_REGRESSIONS
            else [],
        )
        for case in GERMAN
    ],
    ids=[s for s, _, _ in GERMAN],
)
def test_german_roles(sentence: str, expected: list[Arc], absent: list[Arc]) -> None:
    arcs = _arcs(sentence, "de")
    assert set(expected) <= arcs, sorted(set(expected) - arcs)
    assert not set(absent) & arcs


@pytest.mark.parametrize(("sentence", "expected", "absent"), GERMAN, ids=[s for s, _, _ in GERMAN])
def test_german_roles_of_the_grammar_alone(sentence: str, expected: list[Arc], absent: list[Arc]) -> None:
    arcs = _arcs(sentence, "de", grammar_alone=True)
    assert set(expected) <= arcs, sorted(set(expected) - arcs)
    assert not set(absent) & arcs


@pytest.mark.parametrize(("sentence", "expected", "absent"), ENGLISH, ids=[s for s, _, _ in ENGLISH])
def test_english_roles(sentence: str, expected: list[Arc], absent: list[Arc]) -> None:
    arcs = _arcs(sentence, "en")
    assert set(expected) <= arcs, sorted(set(expected) - arcs)
    assert not set(absent) & arcs


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_word_gets_one_head_in_a_tree(language: str) -> None:
    forms = "Die , und der zu , dass " if language == "de" else "the , and of to , that "
    words = analyser(language).analyse([Word(k + 1, f) for k, f in enumerate(forms.split())])
    assert sum(w.head == 0 for w in words) == 1
    for word in words:
        seen, current = set(), word
        while current.head:
            assert current.id not in seen
            seen.add(current.id)
            current = words[current.head - 1]
