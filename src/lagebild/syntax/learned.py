"""A learned second pass over the grammar's analysis: heads and relations re-decided by two
linear models whose features are the grammar's own analysis.

The grammar (``grammar_engine``) gives every word a head, a relation, its phrase's cases and
preposition, its clause and the clause's type. Two averaged-perceptron models, trained on a
treebank (``training.py``), read that analysis:

- the **head model** scores every word of the sentence (and the root) as the head of each
  word; the features pair the grammar's opinion (is this the grammar's head, its head's head,
  a sibling?) with tags, lemmas, cases, prepositions, clause types, distance and the verbs and
  punctuation between the two words;
- the **relation model** labels the word given its chosen head, from the same kind of features
  (the grammar's relation, case, preposition, the head's lemma and voice, word order).

Each word takes its best-scoring head; heads that would close a cycle fall back to the
grammar's. A head keeps at most one subject and one object (the weaker gets its next-best
relation). Punctuation keeps the grammar's attachment.

Features are hashed (64-bit, stable across processes) into fixed-size weight tables, so the
model file holds only numbers: no word of the training treebank is stored in it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lagebild.syntax.grammar_engine import MAIN

if TYPE_CHECKING:
    from lagebild.syntax.grammar_engine import Clause, GrammarAnalyser, Node

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
F32 = npt.NDArray[np.float32]

_ROOT = "<root>"
_NONE = "-"
_HASHES: dict[str, int] = {}

# What the features are made of: attributes of a word (the dependent "d" or the head "h") and of
# a pair ("p"). A template is a set of "side.attribute" names; its feature is their combination.
WORD_ATTRIBUTES = (
    "tag",
    "pos",
    "lemma",
    "form",
    "rel",
    "case",
    "prep",
    "clause",
    "field",
    "suffix",
    "before",
    "after",
    "voice",
    "valency",
    "number",
)
ARC_PAIR_ATTRIBUTES = ("link", "distance", "between")
LABEL_PAIR_ATTRIBUTES = ("same", "distance", "direction", "order")

ARC_TEMPLATES = (
    "p.link",
    "p.link d.rel",
    "p.link d.rel h.rel",
    "p.link p.distance",
    "h.tag d.tag p.distance",
    "h.pos d.pos p.distance p.link",
    "h.lemma d.tag",
    "h.tag d.lemma",
    "h.lemma d.prep",
    "h.lemma d.prep p.link",
    "h.tag d.case p.link",
    "h.lemma d.case",
    "h.tag d.tag p.between",
    "h.pos d.pos p.between p.link",
    "p.link d.rel p.between",
    "h.clause d.clause h.tag d.tag p.link",
    "d.form h.tag",
    "h.tag d.tag h.after d.before",
    "h.tag d.tag h.before d.after",
    "h.lemma d.lemma",
    "d.suffix h.tag",
    "h.valency d.case d.prep p.link",
    "h.voice d.case p.link",
    "h.number d.number d.case p.link",
)
LABEL_TEMPLATES = (
    "p.same",
    "d.rel",
    "d.rel p.same",
    "d.rel p.same h.tag d.tag",
    "h.tag d.tag",
    "h.tag d.tag p.direction",
    "h.tag d.tag p.distance",
    "h.lemma d.case",
    "h.lemma d.prep",
    "d.prep",
    "d.prep h.tag",
    "d.case d.field p.direction h.tag",
    "d.form",
    "d.lemma",
    "h.lemma d.tag",
    "d.clause d.tag",
    "h.clause d.clause p.same",
    "d.suffix d.tag",
    "h.voice d.case d.tag",
    "h.voice d.rel",
    "h.rel d.rel",
    "d.tag d.before d.after",
    "p.order d.case d.field",
    "p.order h.voice d.rel",
    "h.valency d.case d.prep",
    "h.valency d.rel",
    "h.lemma d.rel",
    "h.form d.tag",
    "h.number d.number d.case",
    "h.number d.number d.case h.voice p.order",
)


def stable_hash(text: str) -> int:
    """A 64-bit hash of a string that is the same in every process (Python's is salted)."""
    value = _HASHES.get(text)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
        if len(_HASHES) < 500_000:
            _HASHES[text] = value
    return value


def _multipliers(templates: Sequence[str], side: str, names: Sequence[str]) -> U64:
    """Random odd multipliers (attributes × templates), zero where a template leaves one out.

    A feature's hash is the sum over its attributes of the attribute's hash times its multiplier,
    modulo 2**64; its top bits index the weight table.
    """
    table = np.zeros((len(names), len(templates)), dtype=np.uint64)
    for t, template in enumerate(templates):
        for part in template.split():
            where, name = part.split(".")
            if where != side:
                continue
            if name not in names:
                raise ValueError(f"feature template {template!r}: unknown attribute {part!r}")
            table[names.index(name), t] = stable_hash(f"{template}|{part}") | 1
    return table


@dataclass
class Sentence:
    """The grammar's analysis of one sentence, as plain lists over its non-punctuation words
    (``Batch`` turns the lists of many sentences into arrays at once).

    ``words`` are the node indices of the words the models decide (punctuation left out);
    ``rows`` holds one tuple of attribute hashes (``WORD_ATTRIBUTES``) per word and one more for
    the root; heads are positions in ``words``, ``len(words)`` for the root. ``candidates`` are
    the positions of the words that may head others (the root always may); ``closed`` pairs,
    per main clause, the words after its finite verb with the words of its Vorfeld, which they
    may not hang on (the Vorfeld holds one closed constituent).
    """

    words: list[int]
    rows: list[tuple[int, ...]]
    grammar_head: list[int]
    clause: list[int]
    nominal: list[bool]
    grammar_relation: list[str]
    verbs_before: list[int]
    punct_before: list[int]
    candidates: list[int]
    closed: list[tuple[list[int], list[int]]]


_CLASS_LISTS = (
    "dative_verbs",
    "report_lemmas",
    "predicative_verbs",
    "infinitive_verbs",
    "copula_lemmas",
    "auxiliary_lemmas",
    "modal_lemmas",
    "time_nouns",
    "title_nouns",
)


def lexical_classes(words: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Each listed lemma's classes from the grammar's word lists ("dative_verbs+report_lemmas")."""
    classes: dict[str, list[str]] = {}
    for name in _CLASS_LISTS:
        for lemma in sorted(words.get(name, ())):
            classes.setdefault(lemma, []).append(name)
    return {lemma: "+".join(names) for lemma, names in classes.items()}


def _bucket(distance: I64) -> I64:
    """Signed distance in buckets: exact up to 5, then 6–9, 10 and more."""
    magnitude = np.abs(distance)
    bucketed = np.where(magnitude <= 5, magnitude, np.where(magnitude < 10, 6, 7))
    return np.sign(distance) * bucketed


class Featuriser:
    """Turns the grammar's nodes into attribute arrays and hashed feature indices."""

    def __init__(
        self,
        grammar: GrammarAnalyser,
        valency: dict[str, str] | None = None,
        arc_templates: Sequence[str] = ARC_TEMPLATES,
        label_templates: Sequence[str] = LABEL_TEMPLATES,
    ) -> None:
        self.grammar = grammar
        learned = grammar.rules.learned
        self.non_heads = learned.non_head_tags if learned is not None else frozenset()
        self.valency = valency if valency is not None else lexical_classes(grammar.rules.words)
        self.arc_templates = tuple(arc_templates)
        self.label_templates = tuple(label_templates)
        # Head-side and dependent-side multipliers side by side: one product per sentence.
        self._arc_word = np.hstack(
            [_multipliers(arc_templates, side, WORD_ATTRIBUTES) for side in ("h", "d")]
        )
        self._arc_pair = _multipliers(arc_templates, "p", ARC_PAIR_ATTRIBUTES)
        links, distances, betweens = np.meshgrid(np.arange(5), np.arange(16), np.arange(37), indexing="ij")
        self._arc_pair_table = (
            np.stack([links.ravel(), distances.ravel(), betweens.ravel()], axis=1).astype(np.uint64)
            @ self._arc_pair
        )
        self._label_word = np.hstack(
            [_multipliers(label_templates, side, WORD_ATTRIBUTES) for side in ("h", "d")]
        )
        self._label_pair = _multipliers(label_templates, "p", LABEL_PAIR_ATTRIBUTES)
        self._arc_constant = np.array([stable_hash(t) for t in arc_templates], dtype=np.uint64)
        self._label_constant = np.array([stable_hash(t) for t in label_templates], dtype=np.uint64)
        rules = grammar.rules
        self._punctuation = rules.tags["punctuation"]
        self._clause_punctuation = rules.words["clause_punctuation"]
        self._root_row = (stable_hash(_ROOT),) * len(WORD_ATTRIBUTES)
        self._none = stable_hash(_NONE)
        self._lexical: dict[tuple[str, str, str], tuple[int, ...]] = {}
        self._phrasal: dict[tuple[str, str, str, str], tuple[int, int, int]] = {}
        self._placed: dict[tuple[str, str, str, str], tuple[int, ...]] = {}
        self._start, self._end = stable_hash("<s>"), stable_hash("</s>")

    def sentence(self, nodes: Sequence[Node], clauses: Sequence[Clause]) -> Sentence:
        """The attribute hashes and grammar arcs of the non-punctuation words of a sentence.

        Each word's row holds its attributes in the order of ``WORD_ATTRIBUTES``.
        """
        get = _HASHES.get
        punctuation = [n.tag in self._punctuation or n.form in self._clause_punctuation for n in nodes]
        words = [n.i for n in nodes if not punctuation[n.i]]
        compact = {i: k for k, i in enumerate(words)}
        root = len(words)
        voice = self._voices(nodes)
        tags = [get(n.tag) or stable_hash(n.tag) for n in nodes]
        tags_before = [self._start, *tags]
        tags_after = [*tags[1:], self._end]
        lexical, phrasal, placed = self._lexical, self._phrasal, self._placed
        if len(placed) > 100_000:
            placed.clear()
        rows: list[tuple[int, ...]] = []
        for i in words:
            node = nodes[i]
            clause = clauses[node.clause] if node.clause >= 0 else None
            key = (node.form, node.lemma, node.tag)
            known = lexical.get(key)
            if known is None:
                known = self._lexical_row(node, key)
            phrase_key = (node.rel, node.phrase, node.cases, node.prep)
            phrase = phrasal.get(phrase_key)
            if phrase is None:
                phrase = self._phrasal_row(phrase_key)
            if clause is None:
                place_key = (_NONE, "nofin", voice.get(i, _NONE), node.number or _NONE)
            else:
                finite, head = clause.finite, clause.head
                is_head = head == i
                if finite is None:
                    field = "nofin"
                elif i == finite:
                    field = "fin"
                elif head is not None and i > head and head != finite:
                    field = "nf"
                else:
                    field = "vf" if i < finite else "mf"
                place_key = (
                    f"{clause.kind}:head:{clause.relation}" if is_head else clause.kind,
                    field,
                    voice.get(i, _NONE),
                    "v" + nodes[finite].number if is_head and finite is not None else node.number or _NONE,
                )
            place = placed.get(place_key)
            if place is None:
                place = placed[place_key] = tuple(stable_hash(v) for v in place_key)
            tag, pos, lemma, form, suffix, valency = known
            rel, case, prep = phrase
            kind, placed_field, voiced, number = place
            rows.append(
                (
                    tag,
                    pos,
                    lemma,
                    form,
                    rel,
                    case,
                    prep,
                    kind,
                    placed_field,
                    suffix,
                    tags_before[i],
                    tags_after[i],
                    voiced,
                    valency,
                    number,
                )
            )
        rows.append(self._root_row)
        heads = [nodes[i].head for i in words]
        verbs, commas = [0], [0]
        for node, mark in zip(nodes, punctuation, strict=True):
            verbs.append(verbs[-1] + (node.tag[:1] == "V"))
            commas.append(commas[-1] + mark)
        candidates = [k for k, i in enumerate(words) if nodes[i].tag not in self.non_heads]
        fields: dict[int, tuple[list[int], list[int]]] = {}
        for k, i in enumerate(words):
            node = nodes[i]
            clause = clauses[node.clause] if node.clause >= 0 else None
            if clause is None or clause.kind != MAIN or clause.finite is None or i == clause.finite:
                continue
            before, after = fields.setdefault(node.clause, ([], []))
            (before if i < clause.finite else after).append(k)
        closed = [(after, before) for before, after in fields.values() if before and after]
        return Sentence(
            words,
            rows,
            [compact.get(h, root) if h is not None and h >= 0 else root for h in heads] + [root],
            [nodes[i].clause for i in words] + [-2],
            [bool(nodes[i].phrase) for i in words] + [False],
            [nodes[i].rel for i in words],
            verbs,
            commas,
            candidates if candidates else list(range(root)),
            closed,
        )

    def _phrasal_row(self, key: tuple[str, str, str, str]) -> tuple[int, int, int]:
        """Hashes of the grammar's relation, phrase type with cases, and preposition (cached)."""
        if len(self._phrasal) > 200_000:
            self._phrasal.clear()
        rel, phrase, cases, prep = key
        row = (
            stable_hash(rel),
            stable_hash(f"{phrase}:{cases}" if phrase else _NONE),
            stable_hash(prep or _NONE),
        )
        self._phrasal[key] = row
        return row

    def _lexical_row(self, node: Node, key: tuple[str, str, str]) -> tuple[int, ...]:
        """Hashes of the attributes a word has by itself: tag, part of speech, lemma, form,
        suffix, lexical class (cached per form, lemma and tag)."""
        if len(self._lexical) > 200_000:
            self._lexical.clear()
        values = (
            node.tag,
            self.grammar.rules.upos.get(node.tag, "X"),
            node.lemma.lower(),
            node.lower,
            node.lower[-3:],
            self.valency.get(node.lemma, _NONE),
        )
        row = self._lexical[key] = tuple(stable_hash(v) for v in values)
        return row

    def _voices(self, nodes: Sequence[Node]) -> dict[int, str]:
        """Per verb: "pass" with a passive auxiliary, "cop" with a copula, the auxiliary else."""
        voice: dict[int, str] = {}
        for node in nodes:
            if node.head is None or node.head < 0:
                continue
            if node.rel == "aux:pass":
                voice[node.head] = "pass"
            elif node.rel == "cop":
                voice[node.head] = "cop"
            elif node.rel == "aux" and node.head not in voice:
                voice[node.head] = "aux:" + node.lemma
        return voice

    # Arcs ---------------------------------------------------------------------------------

    def arc_features(self, batch: Batch) -> U64:
        """Hashed features of every (dependent, candidate head) pair of every sentence: an array
        (pairs × templates), the pairs in ``Batch.pairs`` order."""
        dependents, heads, is_root = batch.pairs()
        gh = batch.grammar_head
        link = np.zeros(len(heads), dtype=np.uint64)
        link[gh[heads] == gh[dependents]] = 4
        link[gh[heads] == dependents] = 3
        link[gh[gh[dependents]] == heads] = 2
        link[gh[dependents] == heads] = 1
        ph, pd = batch.position[heads], batch.position[dependents]
        low, high = np.minimum(ph, pd), np.maximum(ph, pd)
        verbs = np.minimum(batch.verbs_before[high] - batch.verbs_before[low + 1], 2)
        commas = np.minimum(batch.punct_before[high] - batch.punct_before[low + 1], 2)
        same = batch.clause[heads] == batch.clause[dependents]
        # Pair attributes as one code into a table of their hash contributions: link (5 values),
        # signed distance bucket (15, plus the root), verbs, punctuation and same clause (36,
        # plus the root).
        distance = np.where(is_root, 15, _bucket(ph - pd) + 7)
        between = np.where(is_root, 36, verbs * 12 + commas * 4 + same * 2)
        code = (link.astype(np.int64) * 16 + distance) * 37 + between
        parts = batch.attributes @ self._arc_word
        t = len(self.arc_templates)
        dependent = parts[:, t:] + self._arc_constant
        hashed: U64 = dependent[dependents] + parts[heads, :t] + self._arc_pair_table[code]
        return hashed

    # Relations ----------------------------------------------------------------------------

    def label_features(self, batch: Batch, heads: I64) -> U64:
        """Hashed features of each word given its head (rows of the batch): an array (words ×
        templates), the words in ``Batch.word_rows`` order."""
        dependents = batch.word_rows
        is_root = batch.is_root[heads]
        same = batch.grammar_head[dependents] == heads
        ph, pd = batch.position[heads], batch.position[dependents]
        distance = np.where(is_root, 99, _bucket(ph - pd))
        direction = np.where(is_root, 2, ph > pd)
        order = self._order(batch, heads)
        pair = np.stack([same, distance, direction, order], axis=1).astype(np.uint64)
        parts = batch.attributes @ self._label_word
        t = len(self.label_templates)
        hashed: U64 = (
            parts[heads, :t] + parts[dependents, t:] + pair @ self._label_pair + self._label_constant
        )
        return hashed

    def _order(self, batch: Batch, heads: I64) -> I64:
        """How many phrases under the same head stand before the word (1, 2, 3+; 0: no phrase)."""
        order = np.zeros(len(heads), dtype=np.int64)
        seen: dict[int, int] = {}
        for k in np.flatnonzero(batch.nominal[batch.word_rows]):
            h = int(heads[k])
            count = seen.get(h, 0)
            order[k] = min(count, 2) + 1
            seen[h] = count + 1
        return order


class Batch:
    """Several analysed sentences stacked: the rows of every sentence's words, then its root.

    Row ``start[b] + k`` is word ``k`` of sentence ``b``, row ``start[b] + sizes[b]`` its root;
    heads and grammar heads are rows. Token positions are offset per sentence so that counts of
    verbs and punctuation between two words of one sentence read from one stacked array.
    """

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = list(sentences)
        rows: list[tuple[int, ...]] = []
        heads: list[int] = []
        positions: list[int] = []
        clauses: list[int] = []
        nominal: list[bool] = []
        verbs: list[int] = []
        commas: list[int] = []
        starts: list[int] = []
        sizes: list[int] = []
        candidates: list[int] = []
        widths: list[int] = []
        for s in sentences:
            start, token = len(rows), len(verbs)
            starts.append(start)
            sizes.append(len(s.words))
            candidates.extend(c + start for c in s.candidates)
            candidates.append(start + len(s.words))
            widths.append(len(s.candidates) + 1)
            rows.extend(s.rows)
            heads.extend(h + start for h in s.grammar_head)
            positions.extend(i + token for i in s.words)
            positions.append(token)
            clauses.extend(c + start if c >= 0 else c - 2 * start for c in s.clause)
            nominal.extend(s.nominal)
            verbs.extend(s.verbs_before)
            commas.extend(s.punct_before)
        self.start = np.array(starts, dtype=np.int64)
        self.sizes = np.array(sizes, dtype=np.int64)
        self.candidates = np.array(candidates, dtype=np.int64)
        self.widths = np.array(widths, dtype=np.int64)
        self.attributes = np.array(rows, dtype=np.uint64).reshape(len(rows), len(WORD_ATTRIBUTES))
        self.grammar_head = np.array(heads, dtype=np.int64)
        self.position = np.array(positions, dtype=np.int64)
        self.clause = np.array(clauses, dtype=np.int64)
        self.nominal = np.array(nominal, dtype=bool)
        self.verbs_before = np.array(verbs, dtype=np.int64)
        self.punct_before = np.array(commas, dtype=np.int64)
        self.roots = self.start + self.sizes
        self.is_root = np.zeros(len(rows), dtype=bool)
        self.is_root[self.roots] = True
        self.word_rows = np.flatnonzero(~self.is_root)

    def pairs(self) -> tuple[I64, I64, npt.NDArray[np.bool_]]:
        """Dependent rows, candidate head rows and whether the candidate is the root, for every
        pair of every sentence: sentence by sentence, dependent by dependent, each with its
        sentence's candidates in order, the root last (the word itself may be among them; it is
        never chosen)."""
        m, width = self.sizes, self.widths
        count = m * width
        sentence = np.repeat(np.arange(len(m)), count)
        local = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        w = width[sentence]
        dependent, column = local // w, local % w
        first = np.cumsum(width) - width
        return self.start[sentence] + dependent, self.candidates[first[sentence] + column], column == w - 1


TABLE_BITS = 18


def fold(hashes: U64, bits: int = TABLE_BITS) -> U64:
    """The top ``bits`` bits of 64-bit feature hashes: the feature's slot in a weight table."""
    folded: U64 = hashes >> np.uint64(64 - bits)
    return folded


class Table:
    """A weight table over hashed features: the slots (folded hashes) that hold weights, and
    their rows; a slot without a row (a feature never updated in training) adds nothing.

    ``scores`` sums the rows of a matrix of feature hashes (items × templates).
    """

    def __init__(self, keys: npt.NDArray[np.integer], values: F32, bits: int = TABLE_BITS) -> None:
        self.keys = np.asarray(keys, dtype=np.uint32)
        self.bits = bits
        self.values = np.vstack([values, np.zeros((1, values.shape[1]), dtype=np.float32)])
        self.vector: F32 | None = None
        if values.shape[1] == 1:
            self.vector = np.zeros(1 << bits, dtype=np.float32)
            self.vector[self.keys] = values[:, 0]
            self.slots = np.zeros(0, dtype=np.int32)
        else:
            self.slots = np.full(1 << bits, len(self.keys), dtype=np.int32)
            self.slots[self.keys] = np.arange(len(self.keys), dtype=np.int32)

    @classmethod
    def from_dense(cls, keys: npt.NDArray[np.integer], dense: F32, bits: int = TABLE_BITS) -> Table:
        """Keep the rows of ``dense`` (one per slot in ``keys``) that hold a weight."""
        table = dense.reshape(len(keys), -1)
        used = np.flatnonzero(np.abs(table).sum(axis=1))
        return cls(np.asarray(keys)[used], table[used].astype(np.float32), bits)

    def scores(self, hashes: U64) -> F32:
        """Summed rows over the last axis of ``hashes``: items (any shape) × columns, or just
        the items' scores for a one-column table."""
        slots = fold(hashes, self.bits)
        if self.vector is not None:
            summed: F32 = self.vector[slots].sum(axis=-1)
            return summed
        rows = self.slots[np.moveaxis(slots, -1, 0)]
        total: F32 = self.values[rows].sum(axis=0)
        return total

    def arrays(self, name: str) -> dict[str, npt.NDArray[np.generic]]:
        """The table as named arrays for a model file (weights as float16)."""
        return {
            f"{name}_keys": self.keys,
            f"{name}_values": self.values[:-1].astype(np.float16),
            f"{name}_bits": np.array(self.bits),
        }

    @classmethod
    def read(cls, data: Mapping[str, npt.NDArray[np.generic]], name: str) -> Table:
        """The table ``arrays`` wrote."""
        return cls(
            np.asarray(data[f"{name}_keys"]),
            np.asarray(data[f"{name}_values"], dtype=np.float32),
            int(data[f"{name}_bits"]),
        )


@dataclass
class Weights:
    """The tables of the head and relation models, the relation names and the templates."""

    arcs: Table
    labels: Table
    relations: list[str]
    arc_templates: tuple[str, ...] = ARC_TEMPLATES
    label_templates: tuple[str, ...] = LABEL_TEMPLATES

    def arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        """Everything as named arrays for a model file."""
        return {
            **self.arcs.arrays("arc"),
            **self.labels.arrays("label"),
            "relations": np.array(self.relations),
            "arc_templates": np.array(self.arc_templates),
            "label_templates": np.array(self.label_templates),
        }

    @classmethod
    def read(cls, data: Mapping[str, npt.NDArray[np.generic]]) -> Weights:
        """The weights ``arrays`` wrote."""
        return cls(
            Table.read(data, "arc"),
            Table.read(data, "label"),
            [str(r) for r in data["relations"]],
            tuple(str(t) for t in data["arc_templates"]),
            tuple(str(t) for t in data["label_templates"]),
        )


def save_model(path: Path, arrays: Mapping[str, npt.NDArray[np.generic]], about: Mapping[str, str]) -> None:
    """Write a model file: named arrays plus ``about`` (training data, licence) as text arrays."""
    contents: dict[str, Any] = {**arrays, **{f"about_{key}": np.array(value) for key, value in about.items()}}
    save: Any = np.savez_compressed  # numpy's stub types the keywords as its own options
    save(path, **contents)


def load_model(path: Path) -> dict[str, npt.NDArray[np.generic]]:
    """Read a model file's arrays (no Python objects: ``allow_pickle`` stays off)."""
    with np.load(path, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


MAX_WORDS = 150


class Reviser:
    """Re-decides the grammar's heads and relations with the learned weights."""

    def __init__(
        self,
        featuriser: Featuriser,
        weights: Weights,
        head_bonus: Mapping[str, float] | None = None,
        relation_bonus: Mapping[str, float] | None = None,
    ) -> None:
        self.featuriser = featuriser
        self.weights = weights
        self.head_bonus = dict(head_bonus or {})
        number = {r: k for k, r in enumerate(weights.relations)}
        given = dict(relation_bonus or {})
        default = given.pop("*", None)
        if default is not None:
            given = {**{r: default for r in weights.relations}, **given}
        self.relation_bonus = {
            relation: (number[relation], bonus) for relation, bonus in given.items() if relation in number
        }
        families = (("nsubj", "csubj"), ("obj",))
        self.families = [
            [k for k, r in enumerate(weights.relations) if r.split(":")[0] in family] for family in families
        ]

    def revise(self, analyses: Sequence[tuple[list[Node], Sequence[Clause]]]) -> None:
        """Set new heads and relations on the nodes of each analysed sentence; punctuation hangs
        on the (new) root. A sentence of more than ``MAX_WORDS`` words keeps the grammar's
        analysis (the head model's work grows with the square of the length)."""
        kept = [(nodes, clauses) for nodes, clauses in analyses if len(nodes) <= MAX_WORDS]
        sentences = [self.featuriser.sentence(nodes, clauses) for nodes, clauses in kept]
        for (nodes, _), sentence, (heads, labels) in zip(
            kept, sentences, self.decide(sentences), strict=True
        ):
            m = len(sentence.words)
            if m == 0:
                continue
            words = sentence.words
            root = words[int(np.flatnonzero(heads == m)[0])]
            for k, i in enumerate(words):
                node = nodes[i]
                node.head = -1 if heads[k] == m else words[int(heads[k])]
                node.rel = labels[k]
            decided = set(words)
            for node in nodes:
                if node.i not in decided:
                    node.head, node.rel = root, "punct"

    def decide(self, sentences: Sequence[Sentence]) -> list[tuple[I64, list[str]]]:
        """For each sentence, the head of each word (``len(words)`` for the root) and its relation."""
        if not sentences:
            return []
        batch = Batch(sentences)
        heads = self.heads(batch)
        rows = np.concatenate([h + o for h, o in zip(heads, batch.start, strict=True)]).astype(np.int64)
        scores = self.label_scores(batch, rows)
        relations = self.weights.relations
        out = []
        for b in range(len(sentences)):
            m = int(batch.sizes[b])
            first = int(batch.start[b]) - b
            labels = self._labels(scores[first : first + m], heads[b])
            out.append((heads[b], ["root" if heads[b][k] == m else relations[labels[k]] for k in range(m)]))
        return out

    def heads(self, batch: Batch) -> list[I64]:
        """Per sentence, the best head of each word such that the heads form a tree (``tree``);
        the grammar's head of a word gets the ``head_bonus`` of its grammar relation (if any)."""
        scores = self.weights.arcs.scores(self.featuriser.arc_features(batch))
        out = []
        offset = 0
        for b, sentence in enumerate(batch.sentences):
            m = int(batch.sizes[b])
            width = len(sentence.candidates) + 1
            block = scores[offset : offset + m * width].reshape(m, width)
            offset += m * width
            if width == m + 1:
                table = block
            else:
                table = np.full((m, m + 1), -np.inf, dtype=np.float32)
                table[:, [*sentence.candidates, m]] = block
            if m == 0:
                out.append(np.zeros(0, dtype=np.int64))
                continue
            for dependents, vorfeld in sentence.closed:
                table[np.ix_(dependents, vorfeld)] = -np.inf
            if self.head_bonus:
                bonus, default = self.head_bonus, self.head_bonus.get("*", 0.0)
                for k, relation in enumerate(sentence.grammar_relation):
                    table[k, sentence.grammar_head[k]] += bonus.get(relation, default)
            table[np.arange(m), np.arange(m)] = -np.inf
            out.append(tree(table))
        return out

    def label_scores(self, batch: Batch, heads: I64) -> F32:
        """Scores of every relation for each word under its head (words × relations); under the
        grammar's head, the grammar's relation gets its ``relation_bonus`` (if any) on top."""
        scores = self.weights.labels.scores(self.featuriser.label_features(batch, heads))
        if self.relation_bonus:
            bonus = self.relation_bonus
            relations = [r for s in batch.sentences for r in s.grammar_relation]
            same = batch.grammar_head[batch.word_rows] == heads
            for k, relation in enumerate(relations):
                if relation in bonus and same[k]:
                    column, value = bonus[relation]
                    scores[k, column] += value
        return scores

    def _labels(self, scores: F32, heads: I64) -> list[int]:
        """The best relation per word; at most one subject and one object per head (the weaker
        takes its best relation outside the family)."""
        labels = [int(k) for k in scores.argmax(axis=1)]
        for family in self.families:
            members = set(family)
            by_head: dict[int, list[int]] = {}
            for k, label in enumerate(labels):
                if label in members:
                    by_head.setdefault(int(heads[k]), []).append(k)
            for group in by_head.values():
                if len(group) < 2:
                    continue
                best = max(group, key=lambda k: scores[k, labels[k]])
                for k in group:
                    if k != best:
                        scores[k, family] = -np.inf
                        labels[k] = int(scores[k].argmax())
        return labels


def tree(table: F32) -> I64:
    """Heads from a score table (dependents × heads, the last column the root) that form a tree
    with one root.

    Each word takes its best head. If that gives no single root, the word the root suits best
    becomes the only root. A cycle is broken by the cheapest change of one of its words to a
    head outside it, until none is left; should that not end, the maximum spanning tree
    (Chu–Liu–Edmonds) decides.
    """
    m = table.shape[0]
    heads: I64 = table.argmax(axis=1).astype(np.int64)
    if _is_tree(heads.tolist(), m):
        return heads
    roots = np.flatnonzero(heads == m)
    inner = table[:, :m]
    if len(roots) == 0:
        root = int(np.argmax(table[:, m] - table.max(axis=1)))
    else:
        root = int(roots[np.argmax(table[roots, m])])
        heads[roots] = inner[roots].argmax(axis=1)
    heads[root] = m
    for _ in range(m):
        chain = [0] + [0 if h == m else int(h) + 1 for h in heads]
        cycle = [k - 1 for k in _cycle_of(chain)]
        if not cycle:
            return heads
        options = inner[cycle] - table[cycle, heads[cycle]][:, None]
        options[:, cycle] = -np.inf
        best = int(np.argmax(options))
        heads[cycle[best // m]] = best % m
    return _maximum_tree(table)


def _maximum_tree(table: F32) -> I64:
    """The maximum spanning tree with one root (every root arc made dearer, so only one is taken)."""
    m = table.shape[0]
    scores = np.full((m + 1, m + 1), -np.inf)
    scores[1:, 1:] = table[:, :m].T
    scores[0, 1:] = table[:, m] - _ROOT_PENALTY
    chosen = _spanning_tree(scores)
    return np.array([m if h == 0 else h - 1 for h in chosen[1:]], dtype=np.int64)


_ROOT_PENALTY = 1e4


def _spanning_tree(scores: npt.NDArray[np.float64]) -> list[int]:
    """Chu–Liu–Edmonds: the best head of each node (``scores[head, dependent]``, node 0 the root)."""
    n = scores.shape[0]
    scores = scores.copy()
    scores[np.arange(n), np.arange(n)] = -np.inf
    scores[:, 0] = -np.inf
    best = scores.argmax(axis=0)
    heads = [int(h) for h in best]
    heads[0] = 0
    cycle = _cycle_of(heads)
    if not cycle:
        return heads
    inside = np.zeros(n, dtype=bool)
    inside[cycle] = True
    members = np.flatnonzero(inside)
    outside = np.flatnonzero(~inside)
    c = len(outside)
    reduced = np.full((c + 1, c + 1), -np.inf)
    reduced[:c, :c] = scores[outside][:, outside]
    gain = scores[outside][:, members] - scores[best[members], members]
    enter = gain.argmax(axis=1)
    reduced[:c, c] = gain.max(axis=1)
    leaving = scores[members][:, outside]
    leave = leaving.argmax(axis=0)
    reduced[c, :c] = leaving.max(axis=0)
    reduced_heads = _spanning_tree(reduced)
    result = list(heads)
    for b in range(1, c):
        h = reduced_heads[b]
        result[int(outside[b])] = int(members[leave[b]]) if h == c else int(outside[h])
    entry = reduced_heads[c]
    result[int(members[enter[entry]])] = int(outside[entry])
    result[0] = 0
    return result


def _is_tree(heads: list[int], root: int) -> bool:
    """Whether exactly one word hangs on the root and following heads from every word ends there."""
    if heads.count(root) != 1:
        return False
    done = [False] * (root + 1)
    done[root] = True
    for start in range(root):
        path: list[int] = []
        k = start
        while not done[k]:
            if len(path) > root:
                return False
            path.append(k)
            k = heads[k]
        for p in path:
            done[p] = True
    return True


def _reaches_root(heads: I64, root: int) -> bool:
    """Whether following heads from every word ends at the root (no cycle), by pointer jumping."""
    jump = np.append(heads, root)
    for _ in range(max(1, int(root).bit_length())):
        jump = jump[jump]
    return bool((jump == root).all())


def _cycle_of(heads: list[int]) -> list[int]:
    """The nodes of one cycle among heads (node 0 the root), or []."""
    state = [0] * len(heads)
    state[0] = 2
    for start in range(1, len(heads)):
        path: list[int] = []
        k = start
        while state[k] == 0:
            state[k] = 1
            path.append(k)
            k = heads[k]
        if state[k] == 1:
            return path[path.index(k) :]
        for p in path:
            state[p] = 2
    return []
