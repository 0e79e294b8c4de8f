"""How extract cost grows with the size of one document.

Builds three documents from the German news in ../shared/corpora/gnad10k_test.csv
(semicolon-separated ``label;text`` with ``'`` as quote character):

- ``news-small``: whole articles joined by blank lines into one article of about 0.1 MB;
- ``news-large``: the same, about 4 MB (the corpus is repeated when it runs out);
- ``unpunctuated``: about 1 MB of the same articles' words with every sentence mark (. ! ? …)
  and every line break removed, so no sentence boundary is left (a legal text without stops).

Each document is processed by the whole pipeline (language identification to event coding,
no time budget) in a fresh process, several times. That process first builds and exercises the
pipeline on a short article, so what is measured is the cost that grows with the document, not
start-up. Printed: medians of CPU seconds per MB (UTF-8 bytes), peak memory of the process
(largest run) and its growth over the warmed-up process, and the ratios measured in this run.

    python benchmarks/cost_scaling.py [--runs 3] [--large-mb 4] [--small-mb 0.1] [--unpunctuated-mb 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "gnad10k_test.csv"
PUBLISHED = "2016-05-12"  # gives relative time words ("gestern", "im März") something to resolve against
_SENTENCE_MARKS = re.compile(r"[.!?…]+")
_SPACE = re.compile(r"\s+")


def articles(corpus: Path) -> Iterator[str]:
    """The corpus's article texts, in file order, repeated without end."""
    texts: list[str] = []
    with corpus.open(encoding="utf-8", newline="") as source:
        for row in csv.reader(source, delimiter=";", quotechar="'"):
            if len(row) >= 2 and row[1].strip():
                texts.append(row[1].strip())
    if not texts:
        raise SystemExit(f"no articles in {corpus}")
    while True:
        yield from texts


def news_text(corpus: Path, megabytes: float) -> str:
    """Whole articles joined by blank lines until the text holds ``megabytes`` MB."""
    target, size, parts = int(megabytes * 1_000_000), 0, []
    for text in articles(corpus):
        if size >= target:
            break
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    return "\n\n".join(parts)


def unpunctuated_text(corpus: Path, megabytes: float) -> str:
    """Real words with every sentence mark and line break removed: one sentence of ``megabytes`` MB."""
    target, size, parts = int(megabytes * 1_000_000), 0, []
    for text in articles(corpus):
        if size >= target:
            break
        words = _SPACE.sub(" ", _SENTENCE_MARKS.sub(" ", text)).strip()
        parts.append(words)
        size += len(words.encode("utf-8")) + 1
    return " ".join(parts)


def build(kind: str, megabytes: float, corpus: Path) -> str:
    """The document of one kind and size."""
    return unpunctuated_text(corpus, megabytes) if kind == "unpunctuated" else news_text(corpus, megabytes)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, megabytes: float, corpus: Path) -> None:
    """Process one document in this process and print the measurement as one JSON line."""
    sys.path.insert(0, str(REPO / "src"))
    from lagebild.dates import parse_calendar_date
    from lagebild.model import Article
    from lagebild.pipeline import WARM_UP_TEXTS, Processor
    from lagebild.settings import Settings

    text = build(kind, megabytes, corpus)
    processor = Processor(Settings(time_budget=0))
    processor.process(Article(id="warm-up", text=WARM_UP_TEXTS["de"], language="de"))
    warm_rss = peak_rss_mb()
    article = Article(id=kind, text=text, published=parse_calendar_date(PUBLISHED))
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    doc = processor.process(article)
    cpu, wall = time.process_time() - cpu_started, time.perf_counter() - wall_started
    longest = max((s.end - s.start for s in doc.sentences), default=0)
    result = {
        "bytes": len(text.encode("utf-8")),
        "cpu": cpu,
        "wall": wall,
        "peak_mb": peak_rss_mb(),
        "warm_mb": warm_rss,
        "sentences": len(doc.sentences),
        "longest_sentence": longest,
        "events": len(doc.events),
        "language": doc.language,
    }
    print(json.dumps(result))


def measure(kind: str, megabytes: float, corpus: Path) -> dict[str, float]:
    """Run one worker process and return its measurement."""
    command = [sys.executable, __file__, "--worker", kind, str(megabytes), "--corpus", str(corpus)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def summary(label: str, runs: list[dict[str, float]]) -> dict[str, float]:
    """Medians of one document's runs, printed as one line."""
    megabytes = runs[0]["bytes"] / 1_000_000
    cpu = statistics.median(r["cpu"] for r in runs)
    peak = max(r["peak_mb"] for r in runs)
    growth = max(r["peak_mb"] - r["warm_mb"] for r in runs)
    first = runs[0]
    print(
        f"{label:<14} {megabytes:6.2f} MB  CPU {cpu:8.2f} s  {cpu / megabytes:6.2f} s/MB  "
        f"peak {peak:6.0f} MB (+{growth:.0f} MB over warm)  sentences {first['sentences']:.0f}  "
        f"longest {first['longest_sentence']:.0f} chars  events {first['events']:.0f}"
    )
    return {"cpu": cpu, "per_mb": cpu / megabytes, "peak": peak}


def main() -> None:
    """Parse arguments, run the measurements interleaved, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small-mb", type=float, default=0.1)
    parser.add_argument("--large-mb", type=float, default=4.0)
    parser.add_argument("--unpunctuated-mb", type=float, default=1.0, help="0 skips this document")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    if args.worker:
        worker(args.worker[0], float(args.worker[1]), args.corpus)
        return
    plan = [("news-small", args.small_mb), ("news-large", args.large_mb)]
    if args.unpunctuated_mb > 0:
        plan.append(("unpunctuated", args.unpunctuated_mb))
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind, _ in plan}
    for _ in range(args.runs):  # interleaved, so every document sees the same machine load
        for kind, megabytes in plan:
            runs[kind].append(measure(kind, megabytes, args.corpus))
    print(f"{args.runs} runs each, medians of CPU seconds in the processing of one document")
    results = {kind: summary(kind, runs[kind]) for kind, _ in plan}
    small, large = results["news-small"], results["news-large"]
    print(f"ratio CPU s/MB large/small: {large['per_mb'] / small['per_mb']:.2f} (goal: at most 1.5)")
    if "unpunctuated" in results:
        print(f"unpunctuated document: {results['unpunctuated']['cpu']:.2f} CPU s (goal: under 10 s)")


if __name__ == "__main__":
    main()
