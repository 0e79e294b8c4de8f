"""Scoring coded events against gold events (rules in docs/EVALUATION.md).

An event's key is (type, source root, target root); root = org if set, else country. Matching
is one-to-one; CONSULT, AGREE and COOPERATE also match with source and target swapped. Optional
gold events are neither required nor penalised. Scores are reported at three levels: type,
type + source, and the full key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagebild.dates import DateError, parse_calendar_date
from lagebild.evaluation.corpora import CorpusTexts
from lagebild.model import Article, Event

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
LEVELS = ("type", "type+source", "full")


@dataclass(frozen=True)
class GoldEvent:
    """One gold event with the types it may take and its parties' roots."""

    types: frozenset[str]
    source: str
    target: str
    optional: bool
    record: dict[str, Any]
    span: tuple[int, int] = (0, 0)  # the gold sentence's offsets in the document text


@dataclass(frozen=True)
class GoldDocument:
    """A gold document: its text (its sentences joined), date and events."""

    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    sentence_ids: tuple[str, ...]
    must_not: tuple[GoldEvent, ...] = ()
    scored_from: int = 0  # events read from the context before this offset are not scored
    outlet: str | None = None
    language: str | None = None


@dataclass
class LevelScore:
    """Counts and measures at one matching level."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of system events that match gold."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of required gold events the system found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventScores:
    """Scores at each level, attribute agreement on matched events, and the differences."""

    levels: dict[str, LevelScore] = field(default_factory=lambda: {name: LevelScore() for name in LEVELS})
    agreement: dict[str, list[bool]] = field(
        default_factory=lambda: {"modality": [], "date": [], "attribution": []}
    )
    violations: int = 0
    differences: list[str] = field(default_factory=list)

    def agreement_rate(self, name: str) -> float:
        """Share of matched events whose ``name`` (modality, date, attribution) agrees with gold."""
        values = self.agreement[name]
        return sum(values) / len(values) if values else 0.0

    def format(self, show_differences: bool = True) -> str:
        """A readable report: one line per level, agreement rates, then one line per difference."""
        lines = [f"{'level':<12} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
        for name, score in self.levels.items():
            lines.append(
                f"{name:<12} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}  "
                f"{score.tp:3d} {score.fp:3d} {score.fn:3d}"
            )
        for name, values in self.agreement.items():
            rate = self.agreement_rate(name)
            lines.append(f"agreement on matched events, {name}: {rate:.3f} ({sum(values)}/{len(values)})")
        lines.append(f"must-not events produced: {self.violations}")
        if show_differences:
            lines.extend(self.differences)
        return "\n".join(lines)


def root(code: dict[str, Any] | None) -> str:
    """An actor's root: its organisation if set, else its country, else empty."""
    if not code:
        return ""
    return str(code.get("org") or code.get("country") or "")


def load_gold(path: Path, shared: Path | None = None, split: str | None = None) -> list[GoldDocument]:
    """Read gold JSONL; consecutive lines with the same document id form one document.

    A line's document is its ``doc`` field, else its ``id`` without the final ``-NN`` part
    (``seed-07`` belongs to ``seed``). A line that points into a shared corpus instead of holding
    its sentence (``corpus``, ``article``, offsets) is a document of its own, read from the
    corpora under ``shared``; with ``split``, only lines of that part (``dev``, ``test``) count.
    """
    texts = CorpusTexts(shared) if shared is not None else None
    documents: list[GoldDocument] = []
    lines: list[dict[str, Any]] = []
    current: str | None = None
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
            if split is not None and line.get("split") != split:
                continue
            if "corpus" in line:
                documents.append(_located_document(line, texts, f"{path}:{number}"))
                continue
            document = str(line.get("doc") or str(line["id"]).rsplit("-", 1)[0])
            if current is not None and document != current:
                documents.append(_document(current, lines))
                lines = []
            current = document
            lines.append(line)
    if current is not None:
        documents.append(_document(current, lines))
    return documents


def _document(doc_id: str, lines: list[dict[str, Any]]) -> GoldDocument:
    """Join a document's gold sentences into its text and collect its events with their sentence spans."""
    events: list[GoldEvent] = []
    must_not: list[GoldEvent] = []
    start = 0
    for line in lines:
        span = (start, start + len(line["sentence"]))
        events.extend(_gold_event(e, span) for e in line.get("events", []))
        must_not.extend(_gold_event(e, span) for e in line.get("must_not", []))
        start = span[1] + 1
    text = " ".join(line["sentence"] for line in lines)
    sentence_ids = tuple(str(line["id"]) for line in lines)
    return GoldDocument(doc_id, text, lines[0].get("date"), tuple(events), sentence_ids, tuple(must_not))


def _located_document(line: dict[str, Any], texts: CorpusTexts | None, where: str) -> GoldDocument:
    """A gold unit read from its corpus: the context before the sentence, then the sentence."""
    if texts is None:
        raise ValueError(f"{where}: the unit points into a shared corpus; give the shared folder")
    article = texts.article(line["corpus"], str(line["article"]))
    start, end, context_start = line["start"], line["end"], line["context_start"]
    sentence = article.text[start:end]
    if line.get("digest") and sentence_digest(sentence) != line["digest"]:
        raise ValueError(f"{where}: the corpus text under {line['corpus']} {line['article']} has changed")
    span = (start - context_start, end - context_start)
    return GoldDocument(
        id=str(line["id"]),
        text=article.text[context_start:end],
        published=line.get("date"),
        events=tuple(_gold_event(e, span) for e in line.get("events", [])),
        sentence_ids=(str(line["id"]),),
        must_not=tuple(_gold_event(e, span) for e in line.get("must_not", [])),
        scored_from=span[0],
        outlet=article.outlet,
        language=article.language,
    )


def sentence_digest(text: str) -> str:
    """A short digest of a gold sentence, to notice when a corpus changed under a locator."""
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _gold_event(record: dict[str, Any], span: tuple[int, int]) -> GoldEvent:
    types = frozenset(record.get("types") or [record["type"]])
    types = frozenset("REQUEST" if t == "DEMAND" else t for t in types)
    return GoldEvent(
        types=types,
        source=root((record.get("source") or {}).get("code")),
        target=root((record.get("target") or {}).get("code")),
        optional=bool(record.get("optional", False)),
        record=record,
        span=span,
    )


def system_root(event: dict[str, Any], role: str) -> str:
    """The root of a system event's party, from nested or flat fields."""
    nested = event.get(role)
    if isinstance(nested, dict):
        return root(nested)
    return str(event.get(f"{role}.org") or event.get(f"{role}.country") or "")


def _matches(system: dict[str, Any], gold: GoldEvent, level: str) -> bool:
    """Whether a system event matches a gold event at a level."""
    if system.get("type") not in gold.types:
        return False
    if level == "type":
        return True
    source, target = system_root(system, "source"), system_root(system, "target")
    symmetric = bool(gold.types & SYMMETRIC_TYPES)
    if level == "type+source":
        return source == gold.source or (symmetric and source == gold.target)
    straight = source == gold.source and target == gold.target
    return straight or (symmetric and source == gold.target and target == gold.source)


def score_document(
    system: list[dict[str, Any]], gold: GoldDocument, scores: EventScores, published: str | None
) -> None:
    """Match one document's events at every level and add them to ``scores``."""
    for level in LEVELS:
        matched = _match(system, gold.events, level)
        score = scores.levels[level]
        required = [g for g in gold.events if not g.optional]
        hits = {id(g) for g in matched.values()}
        score.tp += sum(1 for g in required if id(g) in hits)
        score.fn += sum(1 for g in required if id(g) not in hits)
        score.fp += sum(1 for i in range(len(system)) if i not in matched)
        if level == "full":
            _record_agreement(system, _match(system, gold.events, level, True), scores, published)
            _record_differences(system, gold, matched, scores)
            _record_violations(system, gold, scores)


def _match(
    system: list[dict[str, Any]], gold: tuple[GoldEvent, ...], level: str, same_sentence_first: bool = False
) -> dict[int, GoldEvent]:
    """One-to-one matching by maximum bipartite matching, required gold events first.

    Scores use the document-wide matching the rules define. With ``same_sentence_first``, pairs
    within one sentence are matched first, so modality, date and attribution are compared with
    the gold event of the sentence the system read the event from.
    """
    order = sorted(gold, key=lambda g: g.optional)
    owner: dict[int, int] = {}  # gold position -> system index

    def augment(i: int, seen: set[int], same_sentence: bool) -> bool:
        for position, candidate in enumerate(order):
            if position in seen or not _matches(system[i], candidate, level):
                continue
            if same_sentence and not _in_span(system[i], candidate.span):
                continue
            seen.add(position)
            if position not in owner or augment(owner[position], seen, same_sentence):
                owner[position] = i
                return True
        return False

    for same_sentence in (True, False) if same_sentence_first else (False,):
        matched = set(owner.values())
        for i in range(len(system)):
            if i not in matched:
                augment(i, set(), same_sentence)
    return {i: order[position] for position, i in owner.items()}


def _in_span(event: dict[str, Any], span: tuple[int, int]) -> bool:
    """Whether a system event's evidence sentence starts inside a gold sentence's span."""
    evidence = event.get("evidence") or {}
    start = evidence.get("start", event.get("evidence.start"))
    return isinstance(start, int) and span[0] <= start < span[1]


def _record_agreement(
    system: list[dict[str, Any]], matched: dict[int, GoldEvent], scores: EventScores, published: str | None
) -> None:
    for i, gold in matched.items():
        event = system[i]
        scores.agreement["modality"].append(event.get("modality") == gold.record.get("modality", "asserted"))
        scores.agreement["date"].append(_dates_agree(event, gold.record.get("date"), published))
        scores.agreement["attribution"].append(
            _attributions_agree(event.get("attribution"), gold.record.get("attribution"))
        )


def _dates_agree(event: dict[str, Any], gold_date: str | None, published: str | None) -> bool:
    """A null gold date means "dated by publication"; otherwise the value or bounds must fall in it."""
    date = event.get("date") or {}
    if gold_date is None:
        return event.get("date_source") in ("published", "none")
    if date.get("value") == gold_date:
        return True
    try:
        gold = parse_calendar_date(gold_date)
    except DateError:
        return False
    earliest, latest = date.get("earliest"), date.get("latest")
    return bool(
        earliest
        and latest
        and gold.earliest
        and gold.latest
        and gold.earliest.isoformat() <= earliest
        and latest <= gold.latest.isoformat()
    )


def _attributions_agree(system: str | None, gold: str | None) -> bool:
    """Attributions agree when both are empty or one text contains the other."""
    if not system or not gold:
        return not system and not gold
    a, b = system.lower(), gold.lower()
    return a in b or b in a


def _record_differences(
    system: list[dict[str, Any]], gold: GoldDocument, matched: dict[int, GoldEvent], scores: EventScores
) -> None:
    hits = {id(g) for g in matched.values()}
    for event in gold.events:
        if not event.optional and id(event) not in hits:
            scores.differences.append(
                f"MISS  {gold.id}: {'/'.join(sorted(event.types))} "
                f"{event.source or '-'} -> {event.target or '-'}  trigger={event.record.get('trigger')!r}"
            )
    for i, record in enumerate(system):
        if i not in matched:
            scores.differences.append(
                f"FALSE {gold.id}: {record.get('type')} {system_root(record, 'source') or '-'} -> "
                f"{system_root(record, 'target') or '-'}  trigger={record.get('trigger')!r}  "
                f"evidence={str((record.get('evidence') or {}).get('text', ''))[:90]!r}"
            )


def _record_violations(system: list[dict[str, Any]], gold: GoldDocument, scores: EventScores) -> None:
    """Count and list system events that a gold record says must not be produced.

    A must-not entry matches like a gold event at the full-key level, read from the same
    sentence; if it names a modality, only an event with that modality violates it ("this attack
    must not be asserted").
    """
    for record in system:
        for forbidden in gold.must_not:
            modality = forbidden.record.get("modality")
            if (
                _matches(record, forbidden, "full")
                and modality in (None, record.get("modality"))
                and _in_span(record, forbidden.span)
            ):
                scores.violations += 1
                scores.differences.append(
                    f"MUST-NOT {gold.id}: {record.get('type')} {system_root(record, 'source') or '-'} -> "
                    f"{system_root(record, 'target') or '-'} ({record.get('modality')})  "
                    f"trigger={record.get('trigger')!r}"
                )
                break


def evaluate_events(
    gold_path: Path,
    extract: Callable[[Article], Iterable[Event]],
    shared: Path | None = None,
    split: str | None = None,
) -> EventScores:
    """Run ``extract`` on every gold document and score its events.

    ``shared`` is the folder of the shared corpora that real-text gold units point into;
    ``split`` keeps only the units of one part (``dev`` or ``test``).
    """
    scores = EventScores()
    for document in load_gold(gold_path, shared, split):
        published = parse_calendar_date(document.published) if document.published else None
        article = Article(
            id=document.id,
            text=document.text,
            published=published,
            outlet=document.outlet,
            language=document.language,
        )
        # Plain statements (CAMEO 01) have no PLOVER type and are outside what the gold codes;
        # events read from a unit's context sentences are not scored.
        system = [
            event.to_dict()
            for event in extract(article)
            if event.type and event.evidence.start >= document.scored_from
        ]
        score_document(system, document, scores, document.published)
    return scores
