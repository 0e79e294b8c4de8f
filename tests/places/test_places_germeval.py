"""Quality gate: place detection against the LOC spans of the GermEval 2014 news sentences.

A predicted place counts as correct when it overlaps a gold LOC span; a gold span counts as
found when a predicted place overlaps it. Celestial bodies (Sonne, Erde), streets and
buildings are LOC in the gold data but not gazetteer places, so recall has a ceiling well
below 1; metonymic uses (FC "Bayern", "Polen" as a team) lower precision. Floors only go up.
"""

from __future__ import annotations

import json
from pathlib import Path

from lagebild.places import load_gazetteer

CORPUS = "corpora/germeval2014_news_sentences.jsonl"
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.69


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the space-separated tokens the gold offsets count."""
    spans, position = [], 0
    for token in text.split(" "):
        spans.append((position, position + len(token)))
        position += len(token) + 1
    return spans


def test_place_detection_floor(shared_dir: Path) -> None:
    path = shared_dir / CORPUS
    assert path.is_file(), f"{path} is missing from the shared material"
    gazetteer = load_gazetteer("de")
    correct = predicted = found = gold_total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        spans = token_spans(record["text"])
        gold = [
            (spans[e["start"]][0], spans[e["end"] - 1][1]) for e in record["entities"] if e["type"] == "LOC"
        ]
        guesses = [(m.start, m.end) for m in gazetteer.find(record["text"], [])]
        predicted += len(guesses)
        correct += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in guesses)
        gold_total += len(gold)
        found += sum(any(s < ge and gs < e for s, e in guesses) for gs, ge in gold)
    precision, recall = correct / predicted, found / gold_total
    assert gold_total > 1000
    assert precision >= PRECISION_FLOOR, f"precision {precision:.3f} ({correct}/{predicted})"
    assert recall >= RECALL_FLOOR, f"recall {recall:.3f} ({found}/{gold_total})"
