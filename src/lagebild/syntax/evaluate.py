"""Attachment scores and core-argument F1 of an analysis against a gold treebank.

- UAS: share of words with the gold head; LAS: with the gold head and the gold relation,
  relations compared without their subtype (``nsubj:pass`` counts as ``nsubj``), as in the
  CoNLL 2018 shared task.
- Core-argument F1: precision and recall of the arcs (dependent, head, relation without
  subtype) whose relation is one of ``CORE_RELATIONS``, overall and per relation.
- Punctuation is excluded everywhere: a word whose gold relation is ``punct`` is not counted,
  neither as a gold arc nor as a predicted one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from lagebild.syntax.conllu import Word

CORE_RELATIONS = ("nsubj", "obj", "iobj", "obl", "ccomp", "xcomp", "csubj")


def universal(relation: str) -> str:
    """The relation without its subtype: ``obl:agent`` → ``obl``."""
    return relation.split(":", 1)[0]


@dataclass
class Scores:
    """Counts from which the measures are computed; add sentences with ``add``."""

    words: int = 0
    heads: int = 0
    labelled: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    sentences: int = 0

    def add(self, gold: list[Word], predicted: list[Word]) -> None:
        """Count one sentence; both lists hold the same words in the same order."""
        if [w.id for w in gold] != [w.id for w in predicted]:
            raise ValueError("gold and predicted sentences have different words")
        self.sentences += 1
        for g, p in zip(gold, predicted, strict=True):
            if universal(g.deprel) == "punct":
                continue
            self.words += 1
            same_head = g.head == p.head
            same_label = universal(g.deprel) == universal(p.deprel)
            self.heads += same_head
            self.labelled += same_head and same_label
            self._count_core(g, p, same_head and same_label)

    def _count_core(self, g: Word, p: Word, correct: bool) -> None:
        gold_rel, predicted_rel = universal(g.deprel), universal(p.deprel)
        if gold_rel in CORE_RELATIONS:
            self.gold[gold_rel] += 1
        if predicted_rel in CORE_RELATIONS:
            self.predicted[predicted_rel] += 1
            self.correct[predicted_rel] += correct

    @property
    def uas(self) -> float:
        """Unlabelled attachment score."""
        return self.heads / self.words if self.words else 0.0

    @property
    def las(self) -> float:
        """Labelled attachment score."""
        return self.labelled / self.words if self.words else 0.0

    def prf(self, relations: Iterable[str] = CORE_RELATIONS) -> tuple[float, float, float]:
        """Precision, recall and F1 of the arcs with these relations."""
        wanted = list(relations)
        correct = sum(self.correct[r] for r in wanted)
        predicted = sum(self.predicted[r] for r in wanted)
        gold = sum(self.gold[r] for r in wanted)
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def core_f1(self) -> float:
        """F1 of all core-argument arcs together."""
        return self.prf()[2]

    def report(self) -> str:
        """The measures as a small plain-text table."""
        lines = [
            f"sentences {self.sentences}, words {self.words} (punctuation excluded)",
            f"UAS {self.uas:.4f}",
            f"LAS {self.las:.4f}",
            "relation   gold  predicted  correct  precision  recall  F1",
        ]
        for relation in (*CORE_RELATIONS, "core"):
            wanted = CORE_RELATIONS if relation == "core" else (relation,)
            precision, recall, f1 = self.prf(wanted)
            counts = [sum(c[r] for r in wanted) for c in (self.gold, self.predicted, self.correct)]
            lines.append(
                f"{relation:<9} {counts[0]:>5} {counts[1]:>10} {counts[2]:>8}"
                f"  {precision:>9.4f} {recall:>7.4f}  {f1:.4f}"
            )
        return "\n".join(lines) + "\n"
