"""The clause analysis through the command line: `lagebild parse` and `lagebild eval parse`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lagebild.cli import app

CONLLU = """# sent_id = t1
# text = Die Nato verlangt von Moskau einen Bericht.
1	Die	_	_	_	_	_	_	_	_
2	Nato	_	_	_	_	_	_	_	_
3	verlangt	_	_	_	_	_	_	_	_
4	von	_	_	_	_	_	_	_	_
5	Moskau	_	_	_	_	_	_	_	_
6	einen	_	_	_	_	_	_	_	_
7	Bericht	_	_	_	_	_	_	_	SpaceAfter=No
8	.	_	_	_	_	_	_	_	_

"""


def _columns(output: str) -> list[list[str]]:
    return [line.split("\t") for line in output.splitlines() if line and not line.startswith("#")]


def test_parse_fills_heads_and_relations_of_conllu(tmp_path: Path) -> None:
    source = tmp_path / "in.conllu"
    source.write_text(CONLLU, encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(source), "--language", "de"])
    assert result.exit_code == 0, result.output
    rows = {row[1]: row for row in _columns(result.output)}
    assert [row[1] for row in _columns(result.output)] == [
        "Die",
        "Nato",
        "verlangt",
        "von",
        "Moskau",
        "einen",
        "Bericht",
        ".",
    ]
    assert (rows["Nato"][6], rows["Nato"][7]) == ("3", "nsubj")
    assert (rows["Bericht"][6], rows["Bericht"][7]) == ("3", "obj")
    assert rows["Bericht"][9] == "SpaceAfter=No"


def test_parse_text_and_eval_parse(tmp_path: Path) -> None:
    text = tmp_path / "in.txt"
    text.write_text("The alliance demanded a report from Moscow.", encoding="utf-8")
    parsed = CliRunner().invoke(app, ["parse", "--text", str(text), "--language", "en"])
    assert parsed.exit_code == 0, parsed.output
    relations = {row[1]: row[7] for row in _columns(parsed.output)}
    assert relations["alliance"] == "nsubj" and relations["report"] == "obj"
    gold = tmp_path / "gold.conllu"
    gold.write_text(parsed.output, encoding="utf-8")
    scored = CliRunner().invoke(app, ["eval", "parse", str(gold), "--language", "en"])
    assert scored.exit_code == 0, scored.output
    assert "UAS 1.0000" in scored.output  # its own analysis as gold


def test_parse_needs_a_source() -> None:
    result = CliRunner().invoke(app, ["parse"])
    assert result.exit_code != 0
