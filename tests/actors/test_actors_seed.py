"""The seed article (read from ../shared): every coded actor of the gold is found with its code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actor_helpers import split_sentences

from lagebild.actors import ActorRecognizer
from lagebild.dates import parse_calendar_date

# Gold actors whose code this stage cannot give by design: the event coder decides them.
NOT_OURS = {"der Krim"}  # a place: the places stage codes it


def gold_actors(shared: Path) -> list[tuple[str, str, str | None]]:
    """Return (text, root, sector) of every source and target in the seed gold."""
    actors = []
    for line in (shared / "eval" / "seed_gold.jsonl").read_text(encoding="utf-8").splitlines():
        for event in json.loads(line)["events"]:
            for side in ("source", "target"):
                actor = event.get(side)
                if actor:
                    code = actor["code"]
                    actors.append((actor["text"], code["org"] or code["country"] or "", code["sector"]))
    return actors


def test_seed_actors_are_found_with_their_roots(shared_dir: Path, de: ActorRecognizer) -> None:
    text = (shared_dir / "seed" / "seed_article.txt").read_text(encoding="utf-8")
    mentions = de.find(text, split_sentences(text), parse_calendar_date("2017-03"))
    found = {(m.text.lower(), m.actor.root) for m in mentions if m.actor}
    misses = []
    for phrase, root, _ in gold_actors(shared_dir):
        if phrase in NOT_OURS:
            continue
        if not any(phrase.lower() in text or text in phrase.lower() for text, r in found if r == root):
            misses.append((phrase, root))
    # The gold reads "die Botschafter" as NATO's; this stage leaves them rootless (two candidates).
    assert sorted(set(misses)) == [("der Botschafter", "NATO"), ("die Botschafter", "NATO")]


@pytest.mark.parametrize(
    ("phrase", "root", "sector"),
    [
        ("der ranghöchste General des Bündnisses", "NATO", "MIL"),
        ("dem russischen Generalstabschef", "RUS", "MIL"),
        ("Moskaus Generalmajor Sergej Orlow", "RUS", "MIL"),
        ("Generalsekretär Jens Stoltenberg", "NATO", "IGO"),
        ("Präsident Wladimir Putin", "RUS", "GOV"),
        ("ein ranghoher Nato-General", "NATO", "MIL"),
        ("die Taliban", "TALIBAN", "REB"),
        ("die Bundeswehr", "DEU", "MIL"),
        ("Diese Einheiten", "NATO", "MIL"),
    ],
)
def test_seed_phrases_have_exact_spans_and_codes(
    shared_dir: Path, de: ActorRecognizer, phrase: str, root: str, sector: str
) -> None:
    text = (shared_dir / "seed" / "seed_article.txt").read_text(encoding="utf-8")
    mentions = de.find(text, split_sentences(text), parse_calendar_date("2017-03"))
    assert (phrase, root, sector) in [(m.text, m.actor.root, m.actor.sector) for m in mentions if m.actor]
