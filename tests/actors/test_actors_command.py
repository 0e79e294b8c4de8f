"""`lagebild actors`: the actor mentions of each JSONL line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lagebild.cli import app


def test_actor_mentions_per_line_with_codes_and_errors(tmp_path: Path) -> None:
    lines = [
        {
            "id": "a1",
            "text": "Der Bundeskanzler traf Wladimir Putin in Moskau.",
            "published": "2015-03-01",
            "outlet": "derStandard.at",
        },
        {
            "id": "a2",
            "text": "Die Taliban griffen einen Posten der afghanischen Armee an.",
            "published": "2019-05-02",
        },
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["actors", str(source)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    first = {m["text"]: (m["country"], m["org"], m["sector"]) for m in rows[0]["mentions"]}
    # An Austrian paper's "Bundeskanzler" is Austria's chancellor; Putin is coded by his office term.
    assert first["Der Bundeskanzler"] == ("AUT", None, "GOV")
    assert first["Wladimir Putin"] == ("RUS", None, "GOV")
    second = {m["text"]: (m["country"], m["org"], m["sector"]) for m in rows[1]["mentions"]}
    assert second["Die Taliban"][1] == "TALIBAN"
    assert all(
        set(m) == {"start", "end", "text", "name", "country", "org", "sector"} for m in rows[0]["mentions"]
    )
    assert rows[2]["id"] == "3" and "error" in rows[2]
