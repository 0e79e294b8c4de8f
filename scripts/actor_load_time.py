"""Measure how long building the actor recognizer of each language takes (the start-up cost).

Usage: python scripts/actor_load_time.py [RUNS] [--without-lists]

Each run builds the recognizer in a fresh interpreter (no cached modules or data), so the figure
includes reading every data file and compiling the automaton. Prints, per language, the median
and minimum wall and CPU seconds and the number of lexicon entries. ``--without-lists`` leaves
out the long actor lists (data/organisations.tsv, parties.tsv, armed_groups.tsv) to show what
they cost. CPU time is the steadier figure on a shared machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

_CHILD = """
import time
import lagebild.actors.lexicon as lexicon
if {without}:
    lexicon.ACTOR_LISTS = ()
from lagebild.actors import load_actor_recognizer
wall, cpu = time.perf_counter(), time.process_time()
recognizer = load_actor_recognizer({language!r})
print(time.perf_counter() - wall, time.process_time() - cpu, len(recognizer.lexicon.entries))
"""


def measure(language: str, runs: int, without: bool) -> tuple[list[float], list[float], int]:
    """Return the wall and CPU load times of ``runs`` fresh interpreters and the lexicon size."""
    walls: list[float] = []
    cpus: list[float] = []
    size = 0
    for _ in range(runs):
        child = _CHILD.format(language=language, without=without)
        out = subprocess.run([sys.executable, "-c", child], check=True, capture_output=True, text=True)
        wall, cpu, entries = out.stdout.split()
        walls.append(float(wall))
        cpus.append(float(cpu))
        size = int(entries)
    return walls, cpus, size


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 5
    without = "--without-lists" in sys.argv
    for language in ("de", "en"):
        walls, cpus, size = measure(language, runs, without)
        print(f"{language}: wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}), "
              f"CPU median {statistics.median(cpus):.3f} s (min {min(cpus):.3f}), "
              f"{size} entries, {runs} runs")


if __name__ == "__main__":
    main()
