"""Quality floors on gold sets, enforced in CI. Floors only go up: raise one when a change raises it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.evaluation.events import EventScores, evaluate_events
from lagebild.pipeline import Processor

GOLD = Path(__file__).resolve().parent / "gold"

# Full-key, type + source and type F1 on the seed article's gold events (one document).
SEED_FLOORS = {"full": 0.97, "type+source": 0.99, "type": 0.99}

# The project's own golden records (tests/gold/README.md): F1 per level, agreement of modality,
# date and attribution on matched events, and the most must-not events tolerated.
GOLD_FLOORS = {
    # Held-out records: written independently and never used to tune rules; they measure how the
    # coder does on sentences nobody tuned it to.
    "holdout_de.jsonl": {
        "full": 0.61,
        "type+source": 0.76,
        "type": 0.77,
        "modality": 0.98,
        "date": 0.95,
        "attribution": 0.90,
        "must_not_max": 2,
    },
    "holdout_en.jsonl": {
        "full": 0.59,
        "type+source": 0.65,
        "type": 0.67,
        "modality": 0.84,
        "date": 0.96,
        "attribution": 0.93,
        "must_not_max": 1,
    },
    "events_de.jsonl": {
        "full": 0.73,
        "type+source": 0.87,
        "type": 0.89,
        "modality": 0.97,
        "date": 0.98,
        "attribution": 0.94,
        "must_not_max": 1,
    },
    "events_en.jsonl": {
        "full": 0.64,
        "type+source": 0.78,
        "type": 0.81,
        "modality": 0.94,
        "date": 0.98,
        "attribution": 0.97,
        "must_not_max": 2,
    },
}



# Real-text gold (tests/gold/README.md): sentences drawn at random from real news, coded blind by
# two coders and adjudicated; the units point into the shared corpora. The test parts are never
# used to tune rules. Full-key, type + source and type F1 per part.
REAL_FLOORS = {
    ("real_de.jsonl", "dev"): {"full": 0.36, "type+source": 0.45, "type": 0.52},
    ("real_de.jsonl", "test"): {"full": 0.08, "type+source": 0.11, "type": 0.20},
    ("real_en.jsonl", "dev"): {"full": 0.13, "type+source": 0.32, "type": 0.34},
    ("real_en.jsonl", "test"): {"full": 0.16, "type+source": 0.28, "type": 0.32},
}


@pytest.fixture(scope="module")
def processor() -> Processor:
    return Processor()


def _check(scores: EventScores, floors: dict[str, float], held_out: bool = False) -> None:
    # A held-out set's failure shows its scores only: its errors are never read while building.
    report = scores.format(show_differences=not held_out)
    for level in ("full", "type+source", "type"):
        assert scores.levels[level].f1 >= floors[level], f"{level} F1 fell below {floors[level]}:\n{report}"
    for name in ("modality", "date", "attribution"):
        if name in floors:
            rate = scores.agreement_rate(name)
            assert rate >= floors[name], f"{name} agreement fell below {floors[name]}:\n{report}"
    if "must_not_max" in floors:
        assert scores.violations <= floors["must_not_max"], report


def test_seed_gold_floors(shared_dir: Path, processor: Processor) -> None:
    _check(evaluate_events(shared_dir / "eval" / "seed_gold.jsonl", processor.events), SEED_FLOORS)


@pytest.mark.parametrize("name", sorted(GOLD_FLOORS))
def test_golden_record_floors(name: str, processor: Processor) -> None:
    _check(evaluate_events(GOLD / name, processor.events), GOLD_FLOORS[name], name.startswith("holdout"))


@pytest.mark.parametrize(("name", "split"), sorted(REAL_FLOORS))
def test_real_text_floors(name: str, split: str, shared_dir: Path, processor: Processor) -> None:
    scores = evaluate_events(GOLD / name, processor.events, shared_dir, split)
    _check(scores, REAL_FLOORS[(name, split)], split == "test")


def test_a_held_out_failure_shows_scores_but_no_errors() -> None:
    scores = EventScores(differences=["MISS  hen-001: ACCUSE RUS -> UKR  trigger='warf vor'"])
    scores.levels["full"].fn = 1
    with pytest.raises(AssertionError) as raised:
        _check(scores, {"full": 0.5, "type+source": 0.0, "type": 0.0}, held_out=True)
    assert "full" in str(raised.value) and "MISS" not in str(raised.value)
    with pytest.raises(AssertionError) as raised:
        _check(scores, {"full": 0.5, "type+source": 0.0, "type": 0.0})
    assert "MISS" in str(raised.value)
