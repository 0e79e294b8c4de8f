"""The event scorer follows the rules in docs/EVALUATION.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.evaluation.events import EventScores, GoldDocument, load_gold, score_document


def _gold_line(line_id: str, events: list[dict[str, object]], sentence: str = "Satz.") -> str:
    return json.dumps({"id": line_id, "date": "2020-05", "sentence": sentence, "events": events})


def _party(country: str | None = None, org: str | None = None) -> dict[str, object]:
    return {"text": "x", "code": {"country": country, "org": org, "sector": None}}


def _system(type_: str, source: str, target: str = "") -> dict[str, object]:
    return {
        "type": type_,
        "source": {"org": None, "country": source} if source else None,
        "target": {"org": None, "country": target} if target else None,
        "modality": "asserted",
        "date_source": "published",
        "attribution": None,
    }


@pytest.fixture()
def gold(tmp_path: Path) -> GoldDocument:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "\n".join(
            [
                _gold_line("doc-00", [{"type": "CONSULT", "source": _party("DEU"), "target": _party("FRA")}]),
                _gold_line(
                    "doc-01",
                    [
                        {
                            "type": "ACCUSE",
                            "types": ["ACCUSE", "THREATEN"],
                            "source": _party("RUS"),
                            "target": _party("UKR"),
                        },
                        {"type": "MOBILIZE", "source": _party("RUS"), "target": None, "optional": True},
                    ],
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    documents = load_gold(path)
    assert len(documents) == 1 and documents[0].text == "Satz. Satz."
    return documents[0]


def test_swapped_consult_matches_and_optional_is_not_penalised(gold: GoldDocument) -> None:
    scores = EventScores()
    system = [_system("CONSULT", "FRA", "DEU"), _system("THREATEN", "RUS", "UKR"), _system("MOBILIZE", "RUS")]
    score_document(system, gold, scores, "2020-05")
    full = scores.levels["full"]
    assert (full.tp, full.fp, full.fn) == (2, 0, 0)
    assert full.f1 == 1.0


def test_false_alarms_and_misses(gold: GoldDocument) -> None:
    scores = EventScores()
    system = [_system("CONSULT", "DEU", "POL"), _system("ASSAULT", "RUS", "UKR")]
    score_document(system, gold, scores, "2020-05")
    assert (scores.levels["type"].tp, scores.levels["type"].fp) == (1, 1)
    assert (scores.levels["type+source"].tp, scores.levels["full"].tp) == (1, 0)
    full = scores.levels["full"]
    assert (full.fp, full.fn) == (2, 2)
    report = scores.format()
    assert "MISS" in report and "FALSE" in report


def test_matching_is_one_to_one(gold: GoldDocument) -> None:
    scores = EventScores()
    system = [_system("CONSULT", "DEU", "FRA"), _system("CONSULT", "DEU", "FRA")]
    score_document(system, gold, scores, "2020-05")
    assert (scores.levels["full"].tp, scores.levels["full"].fp) == (1, 1)


def test_must_not_events_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    record = {
        "id": "x-1",
        "doc": "x-1",
        "date": "2022-02",
        "sentence": "Kiew wirft Moskau vor, Zivilisten anzugreifen.",
        "events": [{"type": "ACCUSE", "source": _party("UKR"), "target": _party("RUS")}],
        "must_not": [{"type": "ASSAULT", "source": _party("RUS"), "modality": "asserted"}],
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    document = load_gold(path)[0]
    scores = EventScores()
    in_sentence = {"evidence": {"start": 0, "text": record["sentence"]}}
    assault = {**_system("ASSAULT", "RUS"), **in_sentence, "modality": "hypothetical"}
    score_document([_system("ACCUSE", "UKR", "RUS"), assault], document, scores, "2022-02")
    assert scores.violations == 0  # the alleged attack, coded as hypothetical, is allowed
    score_document([{**_system("ASSAULT", "RUS"), **in_sentence}], document, scores, "2022-02")
    assert scores.violations == 1
    assert "MUST-NOT" in scores.format()
