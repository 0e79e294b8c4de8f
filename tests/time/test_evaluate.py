"""TempEval-3 style scoring on a tiny hand-made gold file, and the score floors on the dev corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.time import TimeTagger
from lagebild.time.evaluate import evaluate_times, guess_language, in_part


def _gold_file(tmp_path: Path) -> Path:
    text = "Am Montag traf der Minister ein. Seit drei Jahren verhandeln beide Seiten über den Vertrag."
    documents = [
        {
            "id": "doc1",
            "dct": "2017-03-16",
            "text": text,
            "timex": [
                {"start": 3, "end": 9, "type": "DATE", "value": "2017-03-13", "text": "Montag"},
                # Same span as the system but another value, and a longer span than the system's.
                {"start": 38, "end": 49, "type": "DURATION", "value": "P4Y", "text": "drei Jahren"},
                {"start": 85, "end": 92, "type": "DATE", "value": "PRESENT_REF", "text": "Vertrag"},
            ],
        }
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
    return path


def test_scores_of_a_tiny_gold_file(tmp_path: Path, tagger_de: TimeTagger) -> None:
    scores = evaluate_times(_gold_file(tmp_path), tagger=tagger_de)
    assert (scores.gold, scores.system) == (3, 2)
    assert (scores.strict, scores.relaxed, scores.value) == (2, 2, 1)
    assert scores.value_prf == pytest.approx((0.5, 1 / 3, 0.4))
    assert scores.type_accuracy == 1.0
    report = scores.format()
    assert "strict extent" in report and "value" in report
    misses = scores.misses()
    assert any(line.startswith("value") and "gold=P4Y system=P3Y" in line for line in misses)
    assert any(line.startswith("miss") and "Vertrag" in line for line in misses)


def test_language_is_guessed_from_the_text(tmp_path: Path) -> None:
    path = _gold_file(tmp_path)
    assert evaluate_times(path).language == "de"
    english = [
        {"id": "e", "dct": "2017-03-16", "text": "The minister and the envoy met on Monday.", "timex": []}
    ]
    path.write_text(json.dumps(english), encoding="utf-8")
    assert evaluate_times(path).language == "en"


# Floors: achieved value F1 and relaxed extent F1 minus about 0.01 (the English files: the
# achieved figures rounded down), and at least the 0.80 value F1 that issue 10 asks for where it
# is reached. Floors only go up.
FLOORS = {
    "krauts_dol100.json": ("de", 0.800, 0.897),
    "wikiwars_de.json": ("de", 0.825, 0.923),
    "te3_timebank.json": ("en", 0.810, 0.926),
    "te3_aquaint.json": ("en", 0.790, 0.941),
}

# The held-out part of each file (every 4th document, docs/TIME.md "Scores"), whose
# disagreements are never read when rules are written: value F1 and relaxed extent F1, the
# achieved figures rounded down.
HELD_OUT_FLOORS = {
    "krauts_dol100.json": (0.815, 0.891),
    "wikiwars_de.json": (0.889, 0.953),
    "te3_timebank.json": (0.767, 0.904),
    "te3_aquaint.json": (0.730, 0.916),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_score_floor_on_development_corpus(
    shared_dir: Path, name: str, tagger_de: TimeTagger, tagger_en: TimeTagger
) -> None:
    language, value_floor, relaxed_floor = FLOORS[name]
    path = shared_dir / "eval" / "time" / name
    assert path.is_file(), f"missing {path}"
    scores = evaluate_times(path, tagger=tagger_de if language == "de" else tagger_en)
    assert scores.value_f1 >= value_floor, scores.format()
    assert scores.relaxed_f1 >= relaxed_floor, scores.format()


@pytest.mark.parametrize("name", sorted(HELD_OUT_FLOORS))
def test_score_floor_on_held_out_part(
    shared_dir: Path, name: str, tagger_de: TimeTagger, tagger_en: TimeTagger
) -> None:
    language = FLOORS[name][0]
    value_floor, relaxed_floor = HELD_OUT_FLOORS[name]
    tagger = tagger_de if language == "de" else tagger_en
    scores = evaluate_times(shared_dir / "eval" / "time" / name, tagger=tagger, part="held-out")
    assert scores.value_f1 >= value_floor, scores.format()
    assert scores.relaxed_f1 >= relaxed_floor, scores.format()


def test_held_out_part_is_every_fourth_document() -> None:
    assert [i for i in range(12) if in_part(i, "held-out")] == [3, 7, 11]
    assert [i for i in range(8) if in_part(i, "dev")] == [0, 1, 2, 4, 5, 6]
    assert all(in_part(i, "all") for i in range(8))


def test_guess_language_needs_no_gold_annotations() -> None:
    from lagebild.time.evaluate import GoldDocument

    assert (
        guess_language(
            [GoldDocument("x", None, "Die Regierung und das Parlament sind sich nicht einig.", ())]
        )
        == "de"
    )
