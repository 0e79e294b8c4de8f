"""Throughput and memory of the whole pipeline on German news text.

Converts ../shared/corpora/gnad10k_test.csv (semicolon-separated ``label;text`` with ``'`` as
quote character, no ids, no dates) into JSONL, then runs ``lagebild extract`` on it in a fresh
process several times and prints medians of CPU seconds per MB, articles per second and peak
memory. Each run is a new process, so every run pays start-up and cold caches, as a user would.
A run over the first few articles, interleaved with the full runs, separates the start-up cost
(loading models and dictionaries) from the cost that grows with the text.

    python benchmarks/throughput.py [--runs 3] [--limit N] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "gnad10k_test.csv"
# A run this small measures what every process pays before its work scales with the text.
SMALL_RUN = 10


def convert(corpus: Path, out: Path, limit: int | None) -> tuple[int, int]:
    """Write the corpus as JSONL; return (articles, bytes of text)."""
    articles = size = 0
    with corpus.open(encoding="utf-8", newline="") as source, out.open("w", encoding="utf-8") as sink:
        for number, row in enumerate(csv.reader(source, delimiter=";", quotechar="'"), start=1):
            if limit is not None and articles >= limit:
                break
            if len(row) < 2 or not row[1].strip():
                continue
            text = row[1]
            sink.write(
                json.dumps({"id": f"gnad-{number}", "text": text}, ensure_ascii=False)
                + "\n"
            )
            articles += 1
            size += len(text.encode("utf-8"))
    return articles, size


def run_once(jsonl: Path) -> tuple[float, float, float, int]:
    """Run extract once in a child process; return (cpu s, wall s, peak MB, events)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # One worker: the cost per core (worker processes of a pool are not children of this one).
    command = [sys.executable, "-m", "lagebild.cli", "extract", "--workers", "1", str(jsonl)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest child so far, in KiB on Linux.
    return cpu, wall, after.ru_maxrss / 1024, result.stdout.count("\n")


def main() -> None:
    """Parse arguments, run the benchmark and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory() as folder:
        jsonl, small = Path(folder) / "corpus.jsonl", Path(folder) / "small.jsonl"
        articles, size = convert(args.corpus, jsonl, args.limit)
        small_articles, small_size = convert(args.corpus, small, SMALL_RUN)
        megabytes = size / 1_000_000
        runs, small_runs = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            runs.append(run_once(jsonl))
            small_runs.append(run_once(small))
    cpu = statistics.median(r[0] for r in runs)
    small_cpu = statistics.median(r[0] for r in small_runs)
    wall = statistics.median(r[1] for r in runs)
    peak = max(r[2] for r in runs)
    print(f"corpus: {articles} articles, {megabytes:.2f} MB of text, {args.runs} runs")
    print(f"events per run: {runs[0][3]}")
    print(f"CPU seconds per MB, whole process (median): {cpu / megabytes:.2f}")
    marginal = (cpu - small_cpu) / ((size - small_size) / 1_000_000)
    print(f"CPU seconds per MB after start-up (median, against {small_articles} articles): {marginal:.2f}")
    print(f"start-up and first articles (median CPU s of the {small_articles}-article run): {small_cpu:.2f}")
    print(f"articles per second (median wall): {articles / wall:.1f}")
    print(f"peak memory (largest run): {peak:.0f} MB")


if __name__ == "__main__":
    main()
