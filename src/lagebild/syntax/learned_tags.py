"""A learned correction of the word list's part-of-speech tags, before the grammar runs.

The morphology stage tags each word form alone, from a word list (about 88 % of the STTS tags
of a German treebank's words right); the grammar needs the tags its neighbours decide ("die"
as article or relative pronoun, "zu" as preposition or infinitive marker, an adjective form as
participle or finite verb). This model reads the word list's tag and lemma, the word's form,
suffixes and shape, and the same of up to two words either side, and gives the tag; it is an
averaged perceptron over hashed features (``training.py``), so its file holds only numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lagebild.syntax.learned import F32, U64, Table, stable_hash

TAG_ATTRIBUTES = (
    "tag",
    "form",
    "lower",
    "suffix2",
    "suffix3",
    "suffix4",
    "prefix2",
    "shape",
    "lemma",
    "known",
)
OFFSETS = (-2, -1, 0, 1, 2)
TAG_TEMPLATES = (
    "0.tag",
    "0.lower",
    "0.form",
    "0.suffix2",
    "0.suffix3",
    "0.suffix4",
    "0.prefix2",
    "0.lemma",
    "0.shape 0.tag",
    "0.known 0.tag 0.shape",
    "0.suffix3 0.tag",
    "-1.tag 0.tag",
    "0.tag 1.tag",
    "-1.tag 0.tag 1.tag",
    "-2.tag -1.tag 0.tag",
    "0.tag 1.tag 2.tag",
    "-1.lower 0.tag",
    "0.tag 1.lower",
    "-1.lower",
    "1.lower",
    "-1.lower 0.lower",
    "0.lower 1.lower",
    "0.lower 1.tag",
    "-1.tag 0.lower",
    "-1.shape 0.shape 1.shape",
    "-1.tag 0.suffix3",
    "0.suffix3 1.tag",
    "-2.lower -1.tag 0.tag",
    "-1.shape 0.lower",
)
_PAD = ("<pad>",) * len(TAG_ATTRIBUTES)


def _shape(form: str) -> str:
    """A word's shape: capitalised, lower, upper, digits, punctuation, with a hyphen or a dot."""
    if not form:
        return "empty"
    if form[0].isdigit():
        kind = "digit"
    elif not form[0].isalpha():
        kind = "punct"
    elif form.isupper() and len(form) > 1:
        kind = "upper"
    elif form[0].isupper():
        kind = "cap"
    else:
        kind = "lower"
    return kind + ("-" if "-" in form[1:] else "") + ("." if form.endswith(".") and len(form) > 1 else "")


def _offset_multipliers(templates: Sequence[str]) -> dict[int, U64]:
    """Per offset, random odd multipliers (attributes × templates), zero where unused."""
    tables = {o: np.zeros((len(TAG_ATTRIBUTES), len(templates)), dtype=np.uint64) for o in OFFSETS}
    for t, template in enumerate(templates):
        for part in template.split():
            where, name = part.split(".")
            offset = int(where)
            if offset not in tables or name not in TAG_ATTRIBUTES:
                raise ValueError(f"tag template {template!r}: unknown part {part!r}")
            tables[offset][TAG_ATTRIBUTES.index(name), t] = stable_hash(f"{template}|{part}") | 1
    return tables


@dataclass
class TagWeights:
    """The tag model: its table, the tags (columns) and the templates."""

    table: Table
    tags: list[str]
    input_tags: list[str]
    templates: tuple[str, ...] = TAG_TEMPLATES

    def arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        """Everything as named arrays for a model file."""
        return {
            **self.table.arrays("tag"),
            "tags": np.array(self.tags),
            "input_tags": np.array(self.input_tags),
            "tag_templates": np.array(self.templates),
        }

    @classmethod
    def read(cls, data: Mapping[str, npt.NDArray[np.generic]]) -> TagWeights:
        """The weights ``arrays`` wrote."""
        return cls(
            Table.read(data, "tag"),
            [str(t) for t in data["tags"]],
            [str(t) for t in data["input_tags"]],
            tuple(str(t) for t in data["tag_templates"]),
        )


class TagFeatures:
    """Hashed features of each word of a sentence for the tag model."""

    def __init__(self, templates: Sequence[str] = TAG_TEMPLATES) -> None:
        self.templates = tuple(templates)
        tables = _offset_multipliers(self.templates)
        # The five positions' multipliers stacked: one product per sentence.
        self._multipliers = np.vstack([tables[o] for o in OFFSETS])
        self._constant = np.array([stable_hash(t) for t in self.templates], dtype=np.uint64)
        self._pad = tuple(stable_hash(v) for v in _PAD)
        self._rows: dict[tuple[str, str, str, bool], tuple[int, ...]] = {}

    def features(self, forms: Sequence[str], tagged: Sequence[tuple[str, str]], known: Sequence[bool]) -> U64:
        """An array (words × templates) of feature hashes for one sentence."""
        return self.features_many([forms], [tagged], [known])

    def features_many(
        self,
        forms: Sequence[Sequence[str]],
        tagged: Sequence[Sequence[tuple[str, str]]],
        known: Sequence[Sequence[bool]],
    ) -> U64:
        """An array (words of all sentences × templates); each sentence padded on both sides."""
        cache = self._rows
        pad = self._pad
        rows: list[tuple[int, ...]] = [pad, pad]
        keep: list[int] = []
        for sentence_forms, sentence_tags, sentence_known in zip(forms, tagged, known, strict=True):
            keep.extend(range(len(rows), len(rows) + len(sentence_forms)))
            for form, (lemma, tag), is_known in zip(
                sentence_forms, sentence_tags, sentence_known, strict=True
            ):
                key = (form, lemma, tag, is_known)
                row = cache.get(key)
                rows.append(row if row is not None else self._row(*key))
            rows += [pad, pad]
        matrix = np.array(rows, dtype=np.uint64)
        n = len(rows) - 4
        window = np.hstack([matrix[2 + offset : 2 + offset + n] for offset in OFFSETS])
        hashed: U64 = (window @ self._multipliers + self._constant)[np.array(keep, dtype=np.int64) - 2]
        return hashed

    def _row(self, form: str, lemma: str, tag: str, known: bool) -> tuple[int, ...]:
        """The attribute hashes of one word (cached)."""
        if len(self._rows) > 200_000:
            self._rows.clear()
        lower = form.lower()
        values = (
            tag,
            form,
            lower,
            lower[-2:],
            lower[-3:],
            lower[-4:],
            lower[:2],
            _shape(form),
            lemma,
            "known" if known else "unknown",
        )
        row = self._rows[(form, lemma, tag, known)] = tuple(stable_hash(v) for v in values)
        return row


class Retagger:
    """Replaces the word list's tags by the tag model's."""

    def __init__(self, weights: TagWeights) -> None:
        self.weights = weights
        # Templates of the word alone score the same wherever the word stands: their sum is kept
        # per word (form, lemma, tag, known); only the templates with neighbours run per sentence.
        alone = [t for t in weights.templates if all(part.startswith("0.") for part in t.split())]
        self.features = TagFeatures([t for t in weights.templates if t not in alone])
        self.alone = TagFeatures(alone) if alone else None
        self.seen = frozenset(weights.input_tags)
        self._alone_scores: dict[tuple[str, str, str, bool], F32] = {}

    def _word_scores(self, form: str, lemma: str, tag: str, known: bool) -> F32:
        """The summed scores of the templates of the word alone (cached per word)."""
        key = (form, lemma, tag, known)
        cached = self._alone_scores.get(key)
        if cached is None:
            if len(self._alone_scores) > 100_000:
                self._alone_scores.clear()
            assert self.alone is not None
            hashes = self.alone.features([form], [(lemma, tag)], [known])
            cached = self._alone_scores[key] = self.weights.table.scores(hashes)[0]
        return cached

    def retag(
        self, forms: Sequence[str], tagged: Sequence[tuple[str, str]], known: Sequence[bool]
    ) -> list[tuple[str, str]]:
        """(lemma, tag) per word of one sentence (see ``retag_many``)."""
        return self.retag_many([forms], [tagged], [known])[0]

    def retag_many(
        self,
        forms: Sequence[Sequence[str]],
        tagged: Sequence[Sequence[tuple[str, str]]],
        known: Sequence[Sequence[bool]],
    ) -> list[list[tuple[str, str]]]:
        """(lemma, tag) per word of each sentence, the tag from the model; a word whose word-list
        tag never occurred in training ("APPRART": the treebank splits "im" into "in dem") keeps it."""
        sizes = [len(f) for f in forms]
        if not sum(sizes):
            return [[] for _ in forms]
        scores = self.weights.table.scores(self.features.features_many(forms, tagged, known))
        if self.alone is not None:
            scores += np.array(
                [
                    self._word_scores(form, lemma, tag, is_known)
                    for sentence in zip(forms, tagged, known, strict=True)
                    for form, (lemma, tag), is_known in zip(*sentence, strict=True)
                ]
            )
        best = scores.argmax(axis=1)
        tags, seen = self.weights.tags, self.seen
        out, position = [], 0
        for sentence in tagged:
            out.append(
                [
                    (lemma, tags[int(best[position + k])] if tag in seen else tag)
                    for k, (lemma, tag) in enumerate(sentence)
                ]
            )
            position += len(sentence)
        return out
