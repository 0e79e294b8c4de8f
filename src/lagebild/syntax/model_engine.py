"""Clause analysis by a spaCy pipeline from PyPI, converted from ClearNLP labels to UD v2.

The pipeline parses the given words (no re-tokenising, one sentence per call). Its ClearNLP
analysis differs from UD in structure, not only in labels, so four rewrites follow the label
map: prepositions hand their head to their object (``case``), a copula hands its head to its
predicate (``cop``), conjuncts hang on the first conjunct with ``cc`` on the following one, and
chains of names become ``flat``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from lagebild.syntax.conllu import EMPTY, Word
from lagebild.syntax.rules import ModelRules


@dataclass
class Arcs:
    """Heads (0-based, -1 for the root) and labels of one sentence, changed in place."""

    heads: list[int]
    labels: list[str]
    upos: list[str]
    tags: list[str]
    lemmas: list[str]
    in_name: list[bool]

    def children(self, head: int) -> list[int]:
        """The dependents of ``head`` in order."""
        return [i for i, h in enumerate(self.heads) if h == head]

    def move_children(self, old: int, new: int) -> None:
        """Re-attach every dependent of ``old`` except ``new`` itself to ``new``."""
        for i, h in enumerate(self.heads):
            if h == old and i != new:
                self.heads[i] = new


class ModelAnalyser:
    """Parses with the pipeline named in the language's syntax data."""

    def __init__(self, rules: ModelRules) -> None:
        self.rules = rules
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            module = importlib.import_module(self.rules.package)
            excluded = [name for name in ("ner", "senter") if name not in self.rules.components]
            self._nlp = module.load(exclude=excluded)
        return self._nlp

    def analyse(self, words: list[Word]) -> list[Word]:
        """Return the words with lemma, tags, features, head and UD relation."""
        return self.analyse_many([words])[0]

    def analyse_many(self, sentences: list[list[Word]]) -> list[list[Word]]:
        """Analyse many sentences at once (the pipeline runs in batches, which is much faster)."""
        from spacy.tokens import Doc

        docs = []
        for words in sentences:
            doc = Doc(self.nlp.vocab, words=[w.form for w in words], spaces=[w.space_after for w in words])
            for token in doc:
                token.is_sent_start = token.i == 0
            docs.append(doc)
        for name, component in self.nlp.pipeline:
            if name in self.rules.components:
                docs = list(component.pipe(docs, batch_size=256))
        return [self._words(words, doc) for words, doc in zip(sentences, docs, strict=True)]

    def _words(self, words: list[Word], doc: Any) -> list[Word]:
        """The analysed words of one parsed sentence, in UD."""
        arcs = Arcs(
            [t.head.i if t.head.i != t.i else -1 for t in doc],
            [t.dep_ for t in doc],
            [t.pos_ for t in doc],
            [t.tag_ for t in doc],
            [t.lemma_ for t in doc],
            [t.ent_type_ in self.rules.flat_entity_labels for t in doc],
        )
        convert(arcs, self.rules)
        return [
            Word(
                w.id,
                w.form,
                t.lemma_ or EMPTY,
                t.pos_ or EMPTY,
                t.tag_ or EMPTY,
                str(t.morph) or EMPTY,
                arcs.heads[i] + 1,
                arcs.labels[i],
                w.misc,
            )
            for i, (w, t) in enumerate(zip(words, doc, strict=True))
        ]


def convert(arcs: Arcs, rules: ModelRules) -> None:
    """Rewrite a ClearNLP-style analysis into UD v2, in place."""
    original = list(arcs.labels)
    _prepositions(arcs, rules, original)
    _copulas(arcs, rules, original)
    _small_clauses(arcs, rules)
    _reported_speech(arcs, rules)
    _expletives(arcs, rules)
    _double_objects(arcs)
    _coordination(arcs)
    _names(arcs, rules)
    _labels(arcs, rules, original)


def _prepositions(arcs: Arcs, rules: ModelRules, original: list[str]) -> None:
    """``went -prep-> to -pobj-> Berlin`` becomes ``went -obl-> Berlin -case-> to``."""
    for p, label in enumerate(original):
        if label not in rules.preposition_labels:
            continue
        kids = arcs.children(p)
        objects = [k for k in kids if original[k] in rules.preposition_object_labels]
        clauses = [k for k in kids if original[k] in rules.preposition_clause_labels]
        target = objects[0] if objects else clauses[0] if clauses else None
        if target is None:
            continue
        head = arcs.heads[p]
        arcs.heads[target] = head
        arcs.move_children(p, target)
        arcs.heads[p] = target
        arcs.labels[p] = "case" if objects else "mark"
        nominal_head = head >= 0 and arcs.upos[head] in rules.nominal_upos
        if objects:
            agent = label in rules.agent_labels
            arcs.labels[target] = "obl:agent" if agent else "nmod" if nominal_head else "obl"
        else:
            arcs.labels[target] = "acl" if nominal_head else "advcl"


def _copulas(arcs: Arcs, rules: ModelRules, original: list[str]) -> None:
    """``she -nsubj-> is -attr-> doctor`` becomes ``doctor -nsubj-> she, -cop-> is``."""
    for v, lemma in enumerate(arcs.lemmas):
        if lemma not in rules.copula_lemmas or original[v] in ("aux", "auxpass"):
            continue
        kids = arcs.children(v)
        if any(original[k] in rules.expletive_labels for k in kids):
            for k in kids:
                if original[k] in rules.predicate_labels:
                    arcs.labels[k] = "nsubj"
            continue
        predicate = _predicate(arcs, rules, original, kids)
        if predicate is None:
            continue
        arcs.heads[predicate] = arcs.heads[v]
        arcs.labels[predicate] = arcs.labels[v]
        arcs.move_children(v, predicate)
        arcs.heads[v] = predicate
        arcs.labels[v] = "cop"


def _predicate(arcs: Arcs, rules: ModelRules, original: list[str], kids: list[int]) -> int | None:
    """The nominal, adjectival or prepositional predicate of a copula, if it has one."""
    for k in kids:
        if original[k] in rules.predicate_labels:
            return k
    if any(original[k] in ("dobj", "xcomp", "acomp", "oprd") for k in kids):
        return None
    if not any(original[k] in ("nsubj", "csubj", "expl") for k in kids):
        return None
    clauses = [k for k in kids if original[k] == "ccomp" and k > kids[0]]
    if (
        clauses
        and any(original[k] in ("nsubj", "csubj") for k in kids)
        and not any(original[k] == "expl" for k in kids)
    ):
        return clauses[0]  # "The problem is that …": the clause is the predicate
    if clauses:
        return None
    obliques = [k for k in kids if arcs.labels[k] == "obl" and original[k] in rules.preposition_object_labels]
    return obliques[0] if obliques else None


def _small_clauses(arcs: Arcs, rules: ModelRules) -> None:
    """A non-finite complement clause is xcomp, its subject the verb's object: "makes him look"."""
    for c, label in enumerate(arcs.labels):
        if label != "ccomp" or arcs.tags[c] in rules.finite_tags:
            continue
        kids = arcs.children(c)
        if any(arcs.labels[k] == "mark" or arcs.tags[k] in rules.finite_tags for k in kids):
            continue
        arcs.labels[c] = "xcomp"
        for k in kids:
            if arcs.labels[k] == "nsubj" and k < c:
                arcs.heads[k] = arcs.heads[c]
                arcs.labels[k] = "dobj"


def _reported_speech(arcs: Arcs, rules: ModelRules) -> None:
    """A quotation before "he said" is the root; the report is its parataxis."""
    root = arcs.heads.index(-1) if -1 in arcs.heads else None
    if root is None or (rules.report_lemmas and arcs.lemmas[root] not in rules.report_lemmas):
        return
    for c in arcs.children(root):
        if arcs.labels[c] != "ccomp" or c > root:
            continue
        if any(arcs.labels[k] == "mark" for k in arcs.children(c)):
            continue
        if not any(arcs.upos[i] == "PUNCT" for i in range(c + 1, root)):
            continue
        arcs.heads[c] = -1
        arcs.labels[c] = arcs.labels[root]
        arcs.heads[root] = c
        arcs.labels[root] = "parataxis"
        return


def _expletives(arcs: Arcs, rules: ModelRules) -> None:
    """ "It is easy to see that …": "it" is an expletive and the clause the subject (csubj)."""
    for i, lemma in enumerate(arcs.lemmas):
        if lemma not in rules.expletive_lemmas or arcs.labels[i] != "nsubj":
            continue
        head = arcs.heads[i]
        if head < 0:
            continue
        kids = arcs.children(head)
        clauses = [k for k in kids if k > head and arcs.labels[k] in ("ccomp", "xcomp")]
        copula = any(arcs.labels[k] == "cop" for k in kids)
        if not clauses or not (copula or arcs.lemmas[head] in rules.raising_lemmas):
            continue
        arcs.labels[i] = "expl"
        if copula:
            arcs.labels[clauses[0]] = "csubj"


def _double_objects(arcs: Arcs) -> None:
    """Of two objects of one verb ("gave it a name"), the first is the indirect object."""
    for head in set(arcs.heads):
        objects = [k for k in arcs.children(head) if arcs.labels[k] == "dobj"] if head >= 0 else []
        if len(objects) == 2:
            arcs.labels[objects[0]] = "dative"


def _coordination(arcs: Arcs) -> None:
    """Conjuncts hang on the first conjunct; a coordinator on the conjunct that follows it."""
    for c, label in enumerate(arcs.labels):
        if label != "conj":
            continue
        head = arcs.heads[c]
        while head >= 0 and arcs.labels[head] == "conj" and arcs.heads[head] >= 0:
            head = arcs.heads[head]
        arcs.heads[c] = head
    for k, label in enumerate(arcs.labels):
        if label not in ("cc", "preconj"):
            continue
        first = arcs.heads[k]
        following = [c for c in arcs.children(first) if arcs.labels[c] == "conj" and c > k]
        if following and label == "cc":
            arcs.heads[k] = following[0]


def _names(arcs: Arcs, rules: ModelRules) -> None:
    """``Barack -compound-> Obama`` becomes ``Barack -flat-> Obama`` inside a person's name."""
    for i in range(len(arcs.heads) - 1, -1, -1):
        head = arcs.heads[i]
        if arcs.labels[i] == "compound" and head == i + 1 and arcs.in_name[i] and arcs.in_name[head]:
            first = i
            arcs.heads[first] = arcs.heads[head]
            arcs.labels[first] = arcs.labels[head]
            arcs.move_children(head, first)
            arcs.heads[head] = first
            arcs.labels[head] = "flat"


def _labels(arcs: Arcs, rules: ModelRules, original: list[str]) -> None:
    """Map the labels the rewrites left alone."""
    for i, label in enumerate(arcs.labels):
        if label != original[i]:
            continue
        if label == "aux" and arcs.tags[i] in rules.infinitive_marker_tags:
            arcs.labels[i] = "mark"
        elif label == "npadvmod" and arcs.heads[i] >= 0 and arcs.upos[arcs.heads[i]] in rules.nominal_upos:
            arcs.labels[i] = "nmod:unmarked"
        elif label == "dative" and arcs.tags[i] == "IN":
            arcs.labels[i] = "case"
    for i, label in enumerate(arcs.labels):
        arcs.labels[i] = rules.labels.get(label, label)
