"""Training the learned parts of the German analysis on a UD treebank, and cross-validating them.

Three averaged perceptrons over hashed features are trained, in this order:

1. the **tag model** (``learned_tags.py``) learns the treebank's STTS tags from the word list's
   tags and the words around them;
2. the grammar analyses every sentence from its words and the tag model's tags, where each
   sentence's tags come from a tag model trained without it (a jackknife over folds), so
   that the next models see tags exactly as wrong as at run time;
3. the **head model** and the **relation model** (``learned.py``) learn the gold heads and
   relations from the grammar's analysis.

``cross_validate`` repeats this with each fold of sentences held out in turn and scores the
held-out folds. Only numbers are kept in a model: hashes of features and their weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from lagebild.syntax.conllu import ConlluSentence, Word, input_words
from lagebild.syntax.evaluate import Scores
from lagebild.syntax.learned import (
    F32,
    I64,
    TABLE_BITS,
    U64,
    Batch,
    Featuriser,
    Reviser,
    Sentence,
    Table,
    Weights,
    fold,
)
from lagebild.syntax.learned_tags import Retagger, TagFeatures, TagWeights
from lagebild.syntax.tagged import TaggingAnalyser

_PUNCT = "punct"
TAG_EPOCHS = 5  # passes of the tag model; the head and relation models take ``epochs``
Bonus = tuple[Mapping[str, float], Mapping[str, float]]
_PUNCT_TAG = "PUNCT"


def gold_tag(xpos: str) -> str:
    """The treebank's STTS tag in the word list's tag set (punctuation ``$.`` is ``PUNCT``)."""
    return _PUNCT_TAG if xpos.startswith("$") else xpos


@dataclass
class Corpus:
    """Gold sentences with their words and the word list's tags."""

    sentences: list[ConlluSentence]
    words: list[list[Word]]
    tagged: list[list[tuple[str, str]]]
    known: list[list[bool]]

    @classmethod
    def read(cls, sentences: Sequence[ConlluSentence], analyser: TaggingAnalyser) -> Corpus:
        """Tag the words of the gold sentences with the word list (as the pipeline does)."""
        words = [input_words(s) for s in sentences]
        tags = [analyser.word_list_tags(w) for w in words]
        return cls(list(sentences), words, [t for t, _ in tags], [k for _, k in tags])

    def part(self, indices: Sequence[int]) -> Corpus:
        """The sentences at these positions."""
        return Corpus(
            [self.sentences[i] for i in indices],
            [self.words[i] for i in indices],
            [self.tagged[i] for i in indices],
            [self.known[i] for i in indices],
        )

    def __len__(self) -> int:
        return len(self.sentences)


# Averaged perceptrons -----------------------------------------------------------------------


class Averaged:
    """An averaged-perceptron weight table (running weights and their time-weighted updates)."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.weights = np.zeros(shape, dtype=np.float64)
        self.updates = np.zeros(shape, dtype=np.float64)
        self.clock = 1

    def update(self, index: tuple[np.ndarray, ...] | np.ndarray, delta: np.ndarray | float) -> None:
        """Add ``delta`` at the (possibly repeated) indices."""
        np.add.at(self.weights, index, delta)
        np.add.at(self.updates, index, np.multiply(delta, self.clock))

    def averaged(self) -> F32:
        """The weights averaged over every step so far."""
        return (self.weights - self.updates / self.clock).astype(np.float32)


def _vocabulary(features: Sequence[U64], bits: int = TABLE_BITS) -> tuple[U64, list[I64]]:
    """The sorted distinct table slots of the features, and each item's features as positions
    among them."""
    folded = [fold(f, bits) for f in features]
    vocabulary = np.unique(np.concatenate([f.ravel() for f in folded])) if folded else np.zeros(0, np.uint64)
    return vocabulary, [np.searchsorted(vocabulary, f).astype(np.int64) for f in folded]


def train_classifier(
    features: Sequence[U64],
    gold: Sequence[I64],
    classes: int,
    epochs: int,
    seed: int = 0,
    bits: int = TABLE_BITS,
) -> Table:
    """A multi-class averaged perceptron: items (rows of ``features``) → class; gold ``-1`` is
    skipped."""
    vocabulary, compact = _vocabulary(features, bits)
    model = Averaged((len(vocabulary), classes))
    order = np.random.default_rng(seed)
    for _ in range(epochs):
        for k in order.permutation(len(compact)):
            rows, answers = compact[k], gold[k]
            if len(rows) == 0:
                continue
            predicted = model.weights[rows].sum(axis=1).argmax(axis=1)
            wrong = np.flatnonzero((predicted != answers) & (answers >= 0))
            if len(wrong):
                width = rows.shape[1]
                index = rows[wrong].ravel()
                model.update((index, np.repeat(answers[wrong], width)), 1.0)
                model.update((index, np.repeat(predicted[wrong], width)), -1.0)
            model.clock += 1
    return Table.from_dense(vocabulary, model.averaged(), bits)


def train_heads(
    features: Sequence[U64],
    gold: Sequence[I64],
    widths: Sequence[int],
    itself: Sequence[I64],
    epochs: int,
    seed: int = 0,
    bits: int = TABLE_BITS,
) -> Table:
    """The head model: for each word, a perceptron choice among its sentence's candidate heads.

    ``features[k]`` holds the pairs of sentence ``k`` as ``Featuriser.arc_features`` gives them
    (dependent by dependent, each with the ``widths[k]`` candidates); ``gold[k]`` and
    ``itself[k]`` give, per dependent, the column of its gold head and of itself (``-1``: none).
    """
    vocabulary, compact = _vocabulary(list(features), bits)
    model = Averaged((len(vocabulary),))
    order = np.random.default_rng(seed)
    for _ in range(epochs):
        for k in order.permutation(len(compact)):
            rows, answers, width = compact[k], gold[k], widths[k]
            m = len(answers)
            if m == 0:
                continue
            table = model.weights[rows].sum(axis=1).reshape(m, width)
            own = np.flatnonzero(itself[k] >= 0)
            table[own, itself[k][own]] = -np.inf
            predicted = table.argmax(axis=1)
            wrong = np.flatnonzero((predicted != answers) & (answers >= 0))
            if len(wrong):
                model.update(rows[wrong * width + answers[wrong]].ravel(), 1.0)
                model.update(rows[wrong * width + predicted[wrong]].ravel(), -1.0)
            model.clock += 1
    return Table.from_dense(vocabulary, model.averaged()[:, None], bits)


# The tag model ------------------------------------------------------------------------------


def train_tagger(corpus: Corpus, epochs: int = 5) -> TagWeights:
    """The tag model, trained on the corpus's gold tags."""
    extractor = TagFeatures()
    tags = sorted({gold_tag(w.xpos) for s in corpus.sentences for w in s.words})
    number = {t: k for k, t in enumerate(tags)}
    features = [
        extractor.features([w.form for w in words], tagged, known)
        for words, tagged, known in zip(corpus.words, corpus.tagged, corpus.known, strict=True)
    ]
    gold = [np.array([number[gold_tag(w.xpos)] for w in s.words], dtype=np.int64) for s in corpus.sentences]
    seen = sorted({tag for tagged in corpus.tagged for _, tag in tagged})
    return TagWeights(train_classifier(features, gold, len(tags), epochs), tags, seen)


def jackknife_tags(corpus: Corpus, folds: int = 10, epochs: int = 5) -> list[list[tuple[str, str]]]:
    """Each sentence's tags from a tag model trained on the other folds."""
    out: list[list[tuple[str, str]]] = [[] for _ in range(len(corpus))]
    for held, rest in _folds(len(corpus), folds):
        retagger = Retagger(train_tagger(corpus.part(rest), epochs))
        for i in held:
            forms = [w.form for w in corpus.words[i]]
            out[i] = retagger.retag(forms, corpus.tagged[i], corpus.known[i])
    return out


def _folds(size: int, folds: int) -> list[tuple[list[int], list[int]]]:
    """(held-out, rest) positions for contiguous folds."""
    bounds = np.linspace(0, size, folds + 1).astype(int)
    return [
        (list(range(bounds[f], bounds[f + 1])), [*range(bounds[f]), *range(bounds[f + 1], size)])
        for f in range(folds)
    ]


# The head and relation models ---------------------------------------------------------------


@dataclass
class Example:
    """One gold sentence: the grammar's analysis as arrays, gold heads and relations."""

    gold: ConlluSentence
    grammar_words: list[Word]
    sentence: Sentence
    heads: I64
    labels: list[str]


def examples(
    corpus: Corpus, tagged: Sequence[list[tuple[str, str]]], analyser: TaggingAnalyser, featuriser: Featuriser
) -> list[Example]:
    """The grammar's analysis of each gold sentence (from its words and these tags), with the
    gold heads over the words the models decide (``-1`` where the gold head is punctuation or
    the gold relation is ``punct``)."""
    out = []
    for gold, words, tags in zip(corpus.sentences, corpus.words, tagged, strict=True):
        nodes, clauses = analyser.grammar.analyse_nodes(words, tags)
        grammar_words = [analyser.grammar.word(w, n) for w, n in zip(words, nodes, strict=True)]
        sentence = featuriser.sentence(nodes, clauses)
        compact = {i: k for k, i in enumerate(sentence.words)}
        m = len(sentence.words)
        heads, labels = [], []
        for i in sentence.words:
            g = gold.words[i]
            head = m if g.head == 0 else compact.get(g.head - 1, -1)
            heads.append(-1 if g.deprel == _PUNCT else head)
            labels.append(g.deprel)
        out.append(Example(gold, grammar_words, sentence, np.array(heads, dtype=np.int64), labels))
    return out


def relations_of(data: Sequence[Example]) -> list[str]:
    """The gold relations that occur, sorted (the relation model's classes)."""
    return sorted({label for example in data for label in example.labels if label != _PUNCT} - {"root"})


def train_reviser(data: Sequence[Example], featuriser: Featuriser, epochs: int = 12) -> Weights:
    """The head and relation models, trained on the examples."""
    relations = relations_of(data)
    number = {r: k for k, r in enumerate(relations)}
    arc_features, label_features, columns, widths, itself, labels = [], [], [], [], [], []
    for example in data:
        sentence = example.sentence
        m = len(sentence.words)
        batch = Batch([sentence])
        arc_features.append(featuriser.arc_features(batch))
        candidates = {c: k for k, c in enumerate([*sentence.candidates, m])}
        columns.append(np.array([candidates.get(int(h), -1) for h in example.heads], dtype=np.int64))
        itself.append(np.array([candidates.get(d, -1) for d in range(m)], dtype=np.int64))
        widths.append(len(candidates))
        safe = np.where(
            example.heads >= 0, example.heads, np.array(sentence.grammar_head[:m], dtype=np.int64)
        )
        label_features.append(featuriser.label_features(batch, safe))
        labels.append(
            np.array(
                [
                    number.get(label, -1) if example.heads[k] >= 0 else -1
                    for k, label in enumerate(example.labels)
                ],
                dtype=np.int64,
            )
        )
    return Weights(
        train_heads(arc_features, columns, widths, itself, epochs),
        train_classifier(label_features, labels, len(relations), epochs),
        relations,
        featuriser.arc_templates,
        featuriser.label_templates,
    )


def predict(example: Example, reviser: Reviser) -> list[Word]:
    """The revised analysis of a gold sentence, as words (punctuation keeps the grammar's arcs)."""
    sentence = example.sentence
    m = len(sentence.words)
    words = list(example.grammar_words)
    if m == 0:
        return words
    heads, labels = reviser.decide([sentence])[0]
    for k, i in enumerate(sentence.words):
        h = int(heads[k])
        old = words[i]
        head = 0 if h == m else sentence.words[h] + 1
        words[i] = Word(old.id, old.form, old.lemma, old.upos, old.xpos, old.feats, head, labels[k], old.misc)
    return words


def score(data: Sequence[Example], reviser: Reviser | None) -> Scores:
    """Scores of the revised (or, with ``None``, the grammar's) analysis against gold."""
    scores = Scores()
    for example in data:
        predicted = predict(example, reviser) if reviser is not None else example.grammar_words
        scores.add(example.gold.words, predicted)
    return scores


@dataclass
class CrossValidation:
    """Scores on held-out folds: the grammar alone (word-list tags), with learned tags, and with
    learned tags, heads and relations for each pair of grammar bonuses tried."""

    grammar: Scores
    tagged: Scores
    revised: list[tuple[Bonus, Scores]]
    tag_accuracy: float


def cross_validate(
    corpus: Corpus,
    analyser: TaggingAnalyser,
    featuriser: Featuriser,
    folds: int = 10,
    epochs: int = 12,
    bonuses: Sequence[Bonus] = (({}, {}),),
    tags: Sequence[list[tuple[str, str]]] | None = None,
) -> CrossValidation:
    """Train on all folds but one and score that one, in turn (contiguous folds of sentences).

    The tags of every sentence come from a tag model that did not see it (``tags``, if given,
    must be such a jackknife); within the training folds the same holds, as in ``train_all``.
    Each (head bonus, relation bonuses) setting is scored with the same trained models.
    """
    jackknifed = list(tags) if tags is not None else jackknife_tags(corpus, folds, TAG_EPOCHS)
    data = examples(corpus, jackknifed, analyser, featuriser)
    plain = examples(corpus, corpus.tagged, analyser, featuriser)
    revised = [(bonus, Scores()) for bonus in bonuses]
    for held, rest in _folds(len(corpus), folds):
        weights = train_reviser([data[i] for i in rest], featuriser, epochs)
        for bonus, scores in revised:
            reviser = Reviser(featuriser, weights, *bonus)
            for i in held:
                scores.add(data[i].gold.words, predict(data[i], reviser))
    right = total = 0
    for sentence, tagged in zip(corpus.sentences, jackknifed, strict=True):
        for word, (_, tag) in zip(sentence.words, tagged, strict=True):
            total += 1
            right += gold_tag(word.xpos) == tag
    return CrossValidation(score(plain, None), score(data, None), revised, right / total if total else 0.0)


def train_all(
    corpus: Corpus, analyser: TaggingAnalyser, featuriser: Featuriser, folds: int = 10, epochs: int = 12
) -> tuple[TagWeights, Weights]:
    """The tag model on the whole corpus; the head and relation models (``epochs`` passes) on the
    grammar's analyses with jackknifed tags."""
    tagger = train_tagger(corpus, TAG_EPOCHS)
    data = examples(corpus, jackknife_tags(corpus, folds, TAG_EPOCHS), analyser, featuriser)
    return tagger, train_reviser(data, featuriser, epochs)
