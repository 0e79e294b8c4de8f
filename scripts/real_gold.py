"""Agreement of two blind codings and the assembly of the real-text event gold.

    python scripts/real_gold.py agreement A.jsonl B.jsonl --disagreements OUT.jsonl
    python scripts/real_gold.py build LOCATORS.jsonl A.jsonl --adjudicated ADJ.jsonl ... --out GOLD.jsonl

``agreement`` scores coder B against coder A and A against B with the project's own event
scoring (docs/EVALUATION.md) and writes the units on which the two differ, with both codings,
for adjudication. ``build`` joins the final events (the adjudicated coding where the coders
differed, else coder A's, which then agrees with B's on every event key) to the locators
(corpus, article, offsets, split), so that the gold in the repository holds no corpus text.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lagebild.evaluation.events import EventScores, GoldDocument, _gold_event, score_document


def read_lines(path: Path) -> dict[str, dict[str, Any]]:
    """A JSONL file of coded units, by unit id."""
    with path.open(encoding="utf-8") as handle:
        return {str(line["id"]): line for line in map(json.loads, handle) if line}


def as_system(event: dict[str, Any]) -> dict[str, Any]:
    """A coder's event in the flat form the scorer reads from the system side."""
    flat: dict[str, Any] = {"type": (event.get("types") or [event["type"]])[0]}
    for role in ("source", "target"):
        code = (event.get(role) or {}).get("code") or {}
        flat[f"{role}.country"], flat[f"{role}.org"] = code.get("country"), code.get("org")
    return flat


def score_pair(gold: dict[str, dict[str, Any]], system: dict[str, dict[str, Any]]) -> EventScores:
    """Score one coder's units as the system against the other's as gold."""
    scores = EventScores()
    for unit_id, line in gold.items():
        events = tuple(_gold_event(e, (0, 0)) for e in line.get("events", []))
        document = GoldDocument(unit_id, "", None, events, (unit_id,))
        coded = [as_system(e) for e in system.get(unit_id, {}).get("events", []) if not e.get("optional")]
        score_document(coded, document, scores, None)
    return scores


def _keys(line: dict[str, Any]) -> set[tuple[str, str, str, bool]]:
    keys = set()
    for event in line.get("events", []):
        flat = as_system(event)
        source = flat["source.org"] or flat["source.country"] or ""
        target = flat["target.org"] or flat["target.country"] or ""
        keys.add((flat["type"], source, target, bool(event.get("optional"))))
    return keys


def agreement(args: argparse.Namespace) -> None:
    """Print how far the two coders agree and write the units they differ on."""
    first, second = read_lines(args.first), read_lines(args.second)
    if set(first) != set(second):
        raise SystemExit("the two codings cover different units")
    b_against_a, a_against_b = score_pair(first, second), score_pair(second, first)
    for level in ("type", "full"):
        f1 = (b_against_a.levels[level].f1 + a_against_b.levels[level].f1) / 2
        print(f"inter-coder F1, {level}: {f1:.3f}")
    same = sum(1 for unit in first if _keys(first[unit]) == _keys(second[unit]))
    print(
        f"units coded alike (type, source, target, optional): {same}/{len(first)} = {same / len(first):.3f}"
    )
    if args.disagreements:
        with args.disagreements.open("w", encoding="utf-8") as out:
            for unit in first:
                if _keys(first[unit]) != _keys(second[unit]):
                    row = {"id": unit, "coder_A": first[unit]["events"], "coder_B": second[unit]["events"]}
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def build(args: argparse.Namespace) -> None:
    """Join locators and final events into the gold file the repository keeps."""
    final = read_lines(args.coded)
    adjudicated: set[str] = set()
    for path in args.adjudicated:
        decided = read_lines(path)
        final.update(decided)
        adjudicated.update(decided)
    with args.locators.open(encoding="utf-8") as handle:
        locators = [json.loads(line) for line in handle if line.strip()]
    missing = [loc["id"] for loc in locators if loc["id"] not in final]
    if missing:
        raise SystemExit(f"{len(missing)} units have no adjudicated coding, e.g. {missing[:3]}")
    with args.out.open("w", encoding="utf-8") as out:
        for locator in locators:
            record = {
                **locator,
                "adjudicated": locator["id"] in adjudicated,
                "events": final[locator["id"]]["events"],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Run one of the subcommands."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True)
    pair = commands.add_parser("agreement")
    pair.add_argument("first", type=Path)
    pair.add_argument("second", type=Path)
    pair.add_argument("--disagreements", type=Path)
    pair.set_defaults(run=agreement)
    joined = commands.add_parser("build")
    joined.add_argument("locators", type=Path)
    joined.add_argument("coded", type=Path, help="the first coder's coding of all units")
    joined.add_argument("--adjudicated", type=Path, nargs="*", default=[])
    joined.add_argument("--out", type=Path, required=True)
    joined.set_defaults(run=build)
    args = parser.parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()
