"""The ``lagebild times`` line processor: one JSON result per line, bad lines do not stop the run."""

from __future__ import annotations

import json
from pathlib import Path

from lagebild.time import run_times


def test_run_times_on_a_small_file(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "text": "Gestern traf der Minister in Wien ein.", "published": "2017-03-15"},
        {
            "id": "a2",
            "text": "Talks resume next week in Geneva.",
            "published": "2017-03-15",
            "language": "en",
        },
        {"id": "a3", "text": "Im Frühjahr 2016 begann der Streit.", "published": "2017-03"},
        {"id": "a4", "text": "Am 30. März wird abgestimmt.", "published": None},
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n", encoding="utf-8"
    )
    with source.open(encoding="utf-8") as handle:
        results = [json.loads(line) for line in run_times(handle)]
    assert [r["id"] for r in results] == ["a1", "a2", "a3", "a4"]
    first = results[0]["timex"][0]
    assert first == {
        "start": 0,
        "end": 7,
        "text": "Gestern",
        "type": "DATE",
        "value": "2017-03-14",
        "granularity": "day",
        "earliest": "2017-03-14",
        "latest": "2017-03-14",
    }
    assert results[1]["timex"][0]["value"] == "2017-W12"
    assert results[2]["timex"][0]["value"] == "2016-SP"
    assert results[3]["timex"][0]["value"] == "XXXX-03-30"


def test_bad_lines_yield_errors_and_the_rest_goes_on() -> None:
    lines = [
        "{not json",
        json.dumps({"id": "b2", "text": "Heute wird gewählt.", "published": "2017-02-30"}),
        json.dumps({"id": "b3", "text": 42, "published": "2017-03-01"}),
        json.dumps({"id": "b4", "text": "Heute wird gewählt.", "published": "2017-03-01", "language": "xx"}),
        json.dumps({"id": "b5", "text": "Heute wird gewählt.", "published": "2017-03-01"}),
    ]
    results = [json.loads(line) for line in run_times(lines)]
    assert [r["id"] for r in results] == [None, "b2", "b3", "b4", "b5"]
    assert all("error" in r for r in results[:4])
    assert "xx" in results[3]["error"]
    assert results[4]["timex"][0]["value"] == "2017-03-01"


def test_language_parameter_is_the_default_for_lines_without_one() -> None:
    line = json.dumps({"id": "c1", "text": "The vote was held yesterday.", "published": "2017-03-15"})
    result = json.loads(next(run_times([line], language="en")))
    assert result["timex"][0]["value"] == "2017-03-14"


def test_lines_without_language_are_tagged_in_the_language_of_their_text() -> None:
    lines = [
        json.dumps({"id": "en", "text": "The vote was held yesterday in Geneva.", "published": "2017-03-15"}),
        json.dumps(
            {"id": "de", "text": "Die Abstimmung fand gestern in Genf statt.", "published": "2017-03-15"}
        ),
        json.dumps({"id": "fr", "text": "Le vote a eu lieu hier à Genève.", "published": "2017-03-15"}),
    ]
    english, german, french = (json.loads(line) for line in run_times(lines))
    assert [e["text"] for e in english["timex"]] == ["yesterday"]
    assert [e["text"] for e in german["timex"]] == ["gestern"]
    assert "fr" in french["error"]
