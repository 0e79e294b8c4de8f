"""The learned second pass of the German analysis: tree decoding, weight tables, the model file
and its licence record, training on a tiny hand-written treebank, and the batch interface."""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from lagebild.model import Token
from lagebild.nlp.tokens import tokenize
from lagebild.syntax import analyse_token_sentences, analyse_tokens, analyser
from lagebild.syntax.conllu import Word, read_conllu
from lagebild.syntax.evaluate import Scores
from lagebild.syntax.learned import (
    MAX_WORDS,
    Featuriser,
    Reviser,
    Table,
    Weights,
    _cycle_of,
    _spanning_tree,
    load_model,
    save_model,
    stable_hash,
    tree,
)
from lagebild.syntax.learned_tags import Retagger, TagWeights
from lagebild.syntax.rules import grammar_rules, load_syntax_data
from lagebild.syntax.tagged import TaggingAnalyser
from lagebild.syntax.training import Corpus, examples, predict, train_all

# Four news sentences annotated by hand in the style of UD German GSD (not from any treebank).
TREEBANK = """# sent_id = h1
1	Die	_	_	ART	_	2	det	_	_
2	Nato	_	_	NE	_	3	nsubj	_	_
3	verlangt	_	_	VVFIN	_	0	root	_	_
4	von	_	_	APPR	_	5	case	_	_
5	Moskau	_	_	NE	_	3	obl	_	_
6	einen	_	_	ART	_	7	det	_	_
7	Bericht	_	_	NN	_	3	obj	_	SpaceAfter=No
8	.	_	_	$.	_	3	punct	_	_

# sent_id = h2
1	Der	_	_	ART	_	2	det	_	_
2	Minister	_	_	NN	_	6	nsubj:pass	_	_
3	wurde	_	_	VAFIN	_	6	aux:pass	_	_
4	von	_	_	APPR	_	5	case	_	_
5	Demonstranten	_	_	NN	_	6	obl:agent	_	_
6	angegriffen	_	_	VVPP	_	0	root	_	SpaceAfter=No
7	.	_	_	$.	_	6	punct	_	_

# sent_id = h3
1	Russland	_	_	NE	_	6	nsubj	_	_
2	hat	_	_	VAFIN	_	6	aux	_	_
3	der	_	_	ART	_	4	det	_	_
4	Ukraine	_	_	NE	_	6	obl:arg	_	_
5	Waffen	_	_	NN	_	6	obj	_	_
6	angeboten	_	_	VVPP	_	0	root	_	SpaceAfter=No
7	.	_	_	$.	_	6	punct	_	_

# sent_id = h4
1	Die	_	_	ART	_	2	det	_	_
2	Regierung	_	_	NN	_	3	nsubj	_	_
3	kündigte	_	_	VVFIN	_	0	root	_	_
4	an	_	_	PTKVZ	_	3	compound:prt	_	SpaceAfter=No
5	,	_	_	$,	_	9	punct	_	_
6	die	_	_	ART	_	7	det	_	_
7	Sanktionen	_	_	NN	_	9	obj	_	_
8	zu	_	_	PTKZU	_	9	mark	_	_
9	verlängern	_	_	VVINF	_	3	xcomp	_	SpaceAfter=No
10	.	_	_	$.	_	3	punct	_	_

"""


@lru_cache(maxsize=1)
def _grammar_alone() -> TaggingAnalyser:
    _, data, path = load_syntax_data("de")
    return TaggingAnalyser("de", grammar_rules(data, path), learned=False)


def _is_tree(heads: np.ndarray, m: int) -> bool:
    return int((heads == m).sum()) == 1 and not _cycle_of([0] + [0 if h == m else int(h) + 1 for h in heads])


def test_tree_gives_one_root_and_no_cycle_for_any_scores() -> None:
    rng = np.random.default_rng(7)
    for _ in range(300):
        m = int(rng.integers(1, 12))
        table = rng.normal(size=(m, m + 1)).astype(np.float32)
        table[np.arange(m), np.arange(m)] = -np.inf
        assert _is_tree(tree(table), m)


def test_tree_keeps_the_best_heads_when_they_form_a_tree() -> None:
    table = np.full((3, 4), -5.0, dtype=np.float32)
    table[0, 1] = table[1, 3] = table[2, 1] = 1.0  # 0 → 1, 1 → root, 2 → 1
    assert tree(table).tolist() == [1, 3, 1]


def test_spanning_tree_is_the_best_tree() -> None:
    rng = np.random.default_rng(3)
    for _ in range(60):
        n = int(rng.integers(2, 6))
        scores = rng.normal(size=(n, n))
        heads = _spanning_tree(scores)
        assert not _cycle_of(heads)
        best = max(
            sum(scores[h[d - 1], d] for d in range(1, n))
            for h in itertools.product(range(n), repeat=n - 1)
            if all(h[d - 1] != d for d in range(1, n)) and not _cycle_of([0, *h])
        )
        assert sum(scores[heads[d], d] for d in range(1, n)) == pytest.approx(best)


def test_stable_hash_is_the_same_in_every_process() -> None:
    assert stable_hash("nsubj") == 13456916594020685338


def test_a_feature_never_seen_adds_nothing_and_tables_survive_a_file(tmp_path: Path) -> None:
    keys = np.array([3, 9], dtype=np.uint32)
    table = Table(keys, np.array([[1.0, 2.0], [4.0, 8.0]], dtype=np.float32), bits=4)
    hashes = np.array([[3 << 60, 9 << 60], [5 << 60, 3 << 60]], dtype=np.uint64)
    assert table.scores(hashes).tolist() == [[5.0, 10.0], [1.0, 2.0]]
    save_model(tmp_path / "m.npz", table.arrays("x"), {"licence": "test"})
    arrays = load_model(tmp_path / "m.npz")
    assert Table.read(arrays, "x").scores(hashes).tolist() == [[5.0, 10.0], [1.0, 2.0]]
    assert str(arrays["about_licence"]) == "test"


def test_an_unknown_template_attribute_is_an_error() -> None:
    with pytest.raises(ValueError, match="no_such"):
        Featuriser(_grammar_alone().grammar, None, ("h.no_such d.tag",))


def test_the_shipped_model_records_its_training_data_and_licence() -> None:
    _, data, path = load_syntax_data("de")
    learned = grammar_rules(data, path).learned
    assert learned is not None
    assert learned.licence == "CC BY-SA 4.0" and "GSD" in learned.attribution
    assert "dev" in learned.trained_on and "test" not in learned.trained_on
    arrays = load_model(learned.path)
    assert "CC BY-SA 4.0" in str(arrays["about_licence"])
    assert "de_gsd-ud-dev.conllu" in str(arrays["about_trained_on"])
    weights, tags = Weights.read(arrays), TagWeights.read(arrays)
    Featuriser(_grammar_alone().grammar, None, weights.arc_templates, weights.label_templates)
    assert "NN" in tags.tags and "root" not in weights.relations
    assert learned.path.stat().st_size < 2_000_000


def test_a_word_list_tag_the_training_data_never_had_is_kept() -> None:
    retagger = analyser("de").retagger  # type: ignore[attr-defined]
    assert isinstance(retagger, Retagger) and "APPRART" not in retagger.seen
    words = analyser("de").analyse([Word(k + 1, f) for k, f in enumerate(["Er", "kam", "am", "Montag", "."])])
    assert words[2].xpos == "APPRART"


def test_training_on_a_tiny_treebank_learns_it_and_survives_the_model_file(tmp_path: Path) -> None:
    grammar = _grammar_alone()
    featuriser = Featuriser(grammar.grammar)
    corpus = Corpus.read(list(read_conllu(TREEBANK.splitlines())), grammar)
    tagger, weights = train_all(corpus, grammar, featuriser, folds=2, epochs=10)
    reviser = Reviser(featuriser, weights)
    forms = [[w.form for w in words] for words in corpus.words]
    data = examples(
        corpus, Retagger(tagger).retag_many(forms, corpus.tagged, corpus.known), grammar, featuriser
    )
    fitted = [predict(example, reviser) for example in data]
    scores = Scores()
    for example, words in zip(data, fitted, strict=True):
        scores.add(example.gold.words, words)
    assert scores.core_f1 == 1.0 and scores.uas >= 0.9, scores.report()
    save_model(tmp_path / "tiny.npz", {**tagger.arrays(), **weights.arrays()}, {"licence": "test"})
    arrays = load_model(tmp_path / "tiny.npz")
    again = Reviser(featuriser, Weights.read(arrays))
    assert [predict(example, again) for example in data] == fitted


def test_sentences_analysed_together_are_analysed_as_one_by_one() -> None:
    text = "Die Nato verlangt von Moskau einen Bericht. Der Minister wurde angegriffen."
    morphology = analyser("de").morphology  # type: ignore[attr-defined]
    tokens = list(tokenize(text))
    first, second = tokens[:8], tokens[8:]
    tagged = [
        [Token(t.start, t.end, t.text, *morphology.analyse_word(t.text)) for t in part]
        for part in (first, second)
    ]
    together = analyse_token_sentences(tagged, "de")
    assert together == [analyse_tokens(part, "de") for part in tagged]
    assert len(together[0]) == 8 and len(together[1]) == len(second)


def test_a_very_long_sentence_keeps_the_grammars_analysis() -> None:
    words = [Word(k + 1, f) for k, f in enumerate(("Der Mann kam und " * (MAX_WORDS // 4 + 1)).split())]
    assert len(words) > MAX_WORDS
    engine = analyser("de")
    forms = [w.form for w in words]
    tagged, known = engine.word_list_tags(words)  # type: ignore[attr-defined]
    learned_tags = engine.retagger.retag(forms, tagged, known)  # type: ignore[attr-defined]
    assert engine.analyse(words) == engine.grammar.analyse_tagged(words, learned_tags)  # type: ignore[attr-defined]
