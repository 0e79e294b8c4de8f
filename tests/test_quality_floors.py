"""Quality floors on gold sets, enforced in CI. Floors only go up: raise one when a change raises it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.evaluation.events import evaluate_events
from lagebild.pipeline import Processor

# Full-key, type + source and type F1 on the seed article's gold events (one document).
SEED_FLOORS = {"full": 0.97, "type+source": 0.99, "type": 0.99}


@pytest.fixture(scope="module")
def processor() -> Processor:
    return Processor()


def test_seed_gold_floors(shared_dir: Path, processor: Processor) -> None:
    scores = evaluate_events(shared_dir / "eval" / "seed_gold.jsonl", processor.events)
    report = scores.format()
    for level, floor in SEED_FLOORS.items():
        assert scores.levels[level].f1 >= floor, f"{level} F1 fell below {floor}:\n{report}"
