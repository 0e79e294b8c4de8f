"""Score the time tagger against TIMEX3 gold files with the TempEval-3 measures.

A gold file is a JSON list of documents ``{"did"|"id", "dct", "text", "timex": [{"start",
"end", "type", "value", "text"}]}``.  Measures:

- strict extent P/R/F1: a system expression matches a gold one with exactly the same span;
- relaxed extent P/R/F1: spans overlap; matching is one-to-one (largest overlap first);
- value P/R/F1: relaxed matches whose values are equal, over all system / all gold expressions;
  values are compared in one spelling (``canonical_value``): the gold files write the same
  value in more than one way (``2000-W2`` and ``2000-W02``, ``199X`` and ``199`` for the 1990s);
- type accuracy: share of relaxed matches with the gold type (gold without type is skipped).

Each corpus is split by document into a development part and a *held-out* part: every
``HELD_OUT_EVERY``-th document (the 4th, 8th, ... in file order) is held out.  Rules are
developed by reading the disagreements of the development part only; the held-out figure tells
how the rules do on text nobody tuned them to.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lagebild.dates import DateError, parse_calendar_date
from lagebild.model import TimeExpression
from lagebild.time.lexicon import available_languages, load_lexicon
from lagebild.time.tagger import TimeTagger, load_time_tagger

_WORD = re.compile(r"\w+")
_SHORT_WEEK = re.compile(r"^(\d{4})-W(\d)(?=$|-)")
_UNKNOWN_TAIL = re.compile(r"^(\d{2,3})X+$")

HELD_OUT_EVERY = 4
"""Every 4th document of a gold file (index 3, 7, 11 ... counting from 0) is held out."""
Part = Literal["all", "dev", "held-out"]


@dataclass(frozen=True)
class GoldTimex:
    """One gold expression."""

    start: int
    end: int
    type: str | None
    value: str
    text: str


@dataclass(frozen=True)
class GoldDocument:
    """One gold document."""

    id: str
    dct: str | None
    text: str
    timex: tuple[GoldTimex, ...]


@dataclass(frozen=True)
class Miss:
    """A disagreement: a gold expression not found, a false alarm, or a wrong value/type/extent."""

    doc_id: str
    kind: str
    start: int
    end: int
    text: str
    gold: str | None
    system: str | None
    context: str

    def format(self) -> str:
        """One line for the misses listing."""
        where = f"{self.doc_id}@{self.start}"
        return f"{self.kind:<7} {where}: {self.text!r} gold={self.gold} system={self.system} | {self.context}"


@dataclass
class TimeScores:
    """Counts and measures of one evaluation run."""

    name: str
    language: str
    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    typed: int = 0
    type_correct: int = 0
    misses_found: list[Miss] = field(default_factory=list)

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def _prf(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.system if self.system else 0.0
        recall = hits / self.gold if self.gold else 0.0
        return precision, recall, self._f1(precision, recall)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        """Strict extent precision, recall, F1."""
        return self._prf(self.strict)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        """Relaxed extent precision, recall, F1."""
        return self._prf(self.relaxed)

    @property
    def value_prf(self) -> tuple[float, float, float]:
        """Value precision, recall, F1 (relaxed match and same value)."""
        return self._prf(self.value)

    @property
    def value_f1(self) -> float:
        """Value F1, the headline measure."""
        return self.value_prf[2]

    @property
    def relaxed_f1(self) -> float:
        """Relaxed extent F1."""
        return self.relaxed_prf[2]

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches (with a gold type) whose type agrees."""
        return self.type_correct / self.typed if self.typed else 0.0

    def format(self) -> str:
        """A readable multi-line report."""
        lines = [
            f"{self.name} ({self.language}): {self.documents} documents, "
            f"{self.gold} gold, {self.system} system",
            f"{'':16}{'P':>7}{'R':>7}{'F1':>7}",
        ]
        measures = (
            ("strict extent", self.strict_prf),
            ("relaxed extent", self.relaxed_prf),
            ("value", self.value_prf),
        )
        for label, (p, r, f) in measures:
            lines.append(f"{label:16}{p:7.3f}{r:7.3f}{f:7.3f}")
        if self.typed:
            lines.append(f"{'type accuracy':16}{self.type_accuracy:7.3f}  ({self.typed} typed matches)")
        else:
            lines.append(f"{'type accuracy':16}    n/a  (the gold has no types)")
        return "\n".join(lines)

    def misses(self, kinds: Iterable[str] | None = None) -> list[str]:
        """One line per miss, false alarm, wrong value, wrong type or different extent."""
        wanted = set(kinds) if kinds is not None else None
        return [m.format() for m in self.misses_found if wanted is None or m.kind in wanted]


def read_gold(path: Path) -> list[GoldDocument]:
    """Read a gold file; offsets are checked against the text."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a JSON list of documents")
    return [_read_document(item, number) for number, item in enumerate(raw)]


def _read_document(item: dict[str, Any], number: int) -> GoldDocument:
    doc_id = str(item.get("did") or item.get("id") or number)
    text = str(item["text"])
    timex = tuple(
        GoldTimex(
            int(t["start"]),
            int(t["end"]),
            t.get("type"),
            str(t.get("value") or "").strip(),
            text[int(t["start"]) : int(t["end"])],
        )
        for t in item.get("timex", [])
    )
    return GoldDocument(doc_id, item.get("dct"), text, timex)


def guess_language(documents: Sequence[GoldDocument]) -> str:
    """Guess the language of gold documents from each language's frequent words."""
    sample = " ".join(d.text[:2000] for d in documents[:20]).lower()
    words = _WORD.findall(sample)
    best, best_hits = "de", -1
    for language in available_languages():
        frequent = {w.lower() for w in load_lexicon(language).lists.get("detect_words", ())}
        hits = sum(1 for w in words if w in frequent)
        if hits > best_hits:
            best, best_hits = language, hits
    return best


def in_part(index: int, part: Part) -> bool:
    """Whether the document at ``index`` (from 0, in file order) belongs to ``part``."""
    held_out = index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1
    return part == "all" or held_out == (part == "held-out")


def evaluate_times(
    gold_path: Path, language: str | None = None, tagger: TimeTagger | None = None, part: Part = "all"
) -> TimeScores:
    """Tag every gold document (of ``part``) against its creation date and score the result.

    The language is taken from ``tagger``, else ``language``, else guessed from the text.
    """
    documents = read_gold(gold_path)
    language = tagger.language if tagger else (language or guess_language(documents))
    tagger = tagger or load_time_tagger(language)
    suffix = "" if part == "all" else f" [{part}]"
    scores = TimeScores(name=gold_path.name + suffix, language=language)
    chosen = [d for i, d in enumerate(documents) if in_part(i, part)]
    for document in chosen:
        anchor = _anchor(document.dct)
        score_document(scores, document, tagger.tag(document.text, anchor))
    return scores


def _anchor(dct: str | None) -> Any:
    if not dct:
        return None
    try:
        return parse_calendar_date(dct)
    except DateError:
        return None


def score_document(scores: TimeScores, document: GoldDocument, system: Sequence[TimeExpression]) -> None:
    """Add one document's counts (and its disagreements) to ``scores``."""
    scores.documents += 1
    scores.gold += len(document.timex)
    scores.system += len(system)
    gold_spans = {(g.start, g.end) for g in document.timex}
    scores.strict += sum(1 for s in system if (s.start, s.end) in gold_spans)
    pairs = _relaxed_pairs(document.timex, system)
    scores.relaxed += len(pairs)
    for gold, found in pairs:
        _score_pair(scores, document, gold, found)
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    notes = scores.misses_found
    for gold in document.timex:
        if id(gold) not in matched_gold:
            notes.append(_miss(document, "miss", gold.start, gold.end, gold.value, None, gold.text))
    for found in system:
        if id(found) not in matched_system:
            value = found.value.value
            notes.append(_miss(document, "false", found.start, found.end, None, value, found.text))


def canonical_value(value: str) -> str:
    """One spelling of a TIMEX3 value: two-digit ISO weeks, decades and centuries without ``X``.

    ``2000-W2`` is week 2 of 2000 as ``2000-W02`` is; a four-character year whose last digits
    are unknown names its decade or century, which TIMEX3 writes without them (``199X`` = the
    1990s = ``199``; ``19XX`` = ``19``).  Values of different granularity stay different
    (``1949`` is not ``1949-XX``).
    """
    value = _SHORT_WEEK.sub(r"\1-W0\2", value)
    tail = _UNKNOWN_TAIL.match(value)
    return tail.group(1) if tail and len(value) == 4 else value


def _score_pair(scores: TimeScores, document: GoldDocument, gold: GoldTimex, found: TimeExpression) -> None:
    """Count value and type agreement of one relaxed match; note the disagreements."""
    notes = scores.misses_found
    if canonical_value(gold.value) == canonical_value(found.value.value):
        scores.value += 1
    else:
        value = found.value.value
        notes.append(_miss(document, "value", found.start, found.end, gold.value, value, gold.text))
    if gold.type:
        scores.typed += 1
        scores.type_correct += gold.type == found.type
    if (gold.start, gold.end) != (found.start, found.end):
        notes.append(_miss(document, "extent", found.start, found.end, gold.text, found.text, ""))


def _relaxed_pairs(
    gold: Sequence[GoldTimex], system: Sequence[TimeExpression]
) -> list[tuple[GoldTimex, TimeExpression]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    candidates = []
    for g in gold:
        for s in system:
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                candidates.append((overlap, g, s))
    candidates.sort(key=lambda c: -c[0])
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, g, s in candidates:
        if id(g) in used_gold or id(s) in used_system:
            continue
        used_gold.add(id(g))
        used_system.add(id(s))
        pairs.append((g, s))
    return pairs


def _miss(
    document: GoldDocument, kind: str, start: int, end: int, gold: str | None, system: str | None, text: str
) -> Miss:
    context = document.text[max(0, start - 40) : end + 30].replace("\n", " ")
    shown = text or document.text[start:end]
    return Miss(document.id, kind, start, end, shown, gold, system, context)
