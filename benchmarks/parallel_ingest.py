"""Throughput of ``lagebild ingest`` with one worker, two workers and Ray on two local workers.

Builds a JSONL corpus of real news: the German articles of ../shared/corpora/gnad10k_test.csv
(converted as benchmarks/throughput.py does) and the English articles of
../shared/corpora/guardian_sample.csv, the whole repeated ``--repeat`` times under new ids.
Each configuration ingests it into a fresh store in a new process, several times, interleaved
with runs over the first ``SMALL_RUN`` articles (enough to start the workers), so that the cost
that grows with the text can be told from start-up. Printed per configuration, as medians:
CPU seconds per MB (whole run, and after start-up), wall-clock seconds, articles per second,
peak memory of the process and all its descendants (workers, Ray's processes), and the speed-up
over one worker in this same run.

CPU time and memory of the process tree are sampled from /proc every ``SAMPLE_SECONDS``: CPU is
the last value seen for each process (a process's last fraction of a sample interval is
missed); memory is the sum of the processes' proportional set sizes (shared pages counted
once), at its largest.

    python benchmarks/parallel_ingest.py [--runs 3] [--repeat 2] [--configs w1 w2 ray2]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import convert

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
SMALL_RUN = 64
SAMPLE_SECONDS = 0.25
TICKS = os.sysconf("SC_CLK_TCK")
CONFIGS = {
    "w1": ["--workers", "1"],
    "w2": ["--workers", "2"],
    "ray2": ["--engine", "ray", "--workers", "2"],
}


def english_articles(corpus: Path) -> list[dict[str, str]]:
    """The Guardian sample (columns: number, date, text, source) as records with ids and dates."""
    with corpus.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    return [
        {"id": f"guardian-{row['']}", "text": row["text"], "published": row["date"]}
        for row in rows
        if row.get("text", "").strip()
    ]


def build_corpus(folder: Path, repeat: int, limit: int | None = None) -> tuple[Path, int, int]:
    """Write the corpus as JSONL; return (path, articles, bytes of text)."""
    german = folder / "gnad.jsonl"
    convert(CORPORA / "gnad10k_test.csv", german, None)
    records = [json.loads(line) for line in german.read_text(encoding="utf-8").splitlines()]
    records += english_articles(CORPORA / "guardian_sample.csv")
    out = folder / (f"small-{limit}.jsonl" if limit else f"corpus-x{repeat}.jsonl")
    articles = size = 0
    with out.open("w", encoding="utf-8") as sink:
        for copy in range(repeat):
            for record in records:
                if limit is not None and articles >= limit:
                    break
                renamed = {**record, "id": f"{record['id']}-{copy}"}
                sink.write(json.dumps(renamed, ensure_ascii=False) + "\n")
                articles += 1
                size += len(record["text"].encode("utf-8"))
    return out, articles, size


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of one process so far (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def pss_mb(pid: int) -> float:
    """Proportional set size of one process in MB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Run:
    """One measured run."""

    wall: float
    cpu: float
    peak_mb: float
    processes: int
    output: str


def run_once(jsonl: Path, options: list[str], folder: Path) -> Run:
    """Ingest ``jsonl`` into a fresh store in a child process, sampling its process tree."""
    db = folder / f"store-{time.monotonic_ns()}.duckdb"
    command = [sys.executable, "-m", "lagebild.cli", "ingest", str(jsonl), "--db", str(db), *options]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "RAY_USAGE_STATS_ENABLED": "0"}
    log = folder / "stderr.txt"
    started = time.perf_counter()
    # The problems go to a file: a pipe read only at the end would fill up and stop the child.
    with log.open("w", encoding="utf-8") as errors_out:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors_out, env=env)
        cpu, peak = sample_tree(child)
    wall = time.perf_counter() - started
    errors = log.read_text(encoding="utf-8")
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{errors}")
    for path in folder.glob(f"{db.name}*"):
        path.unlink()
    summary = next((line for line in errors.splitlines() if line.startswith("read ")), "")
    return Run(wall, sum(cpu.values()), peak, len(cpu), summary)


def sample_tree(child: subprocess.Popen[bytes]) -> tuple[dict[int, float], float]:
    """Until the child ends: the CPU seconds of each process of its tree, and the largest PSS sum."""
    cpu: dict[int, float] = {}
    peak = 0.0
    while child.poll() is None:
        tree = descendants(child.pid)
        for pid in tree:
            seconds = cpu_seconds(pid)
            if seconds is not None:
                cpu[pid] = max(seconds, cpu.get(pid, 0.0))
        peak = max(peak, sum(pss_mb(pid) for pid in tree))
        time.sleep(SAMPLE_SECONDS)
    return cpu, peak


def report(name: str, runs: list[Run], small: list[Run], size: tuple[int, int, int, int]) -> dict[str, float]:
    """Print the medians of one configuration; return them."""
    articles, text_bytes, small_articles, small_bytes = size
    megabytes = text_bytes / 1e6
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    small_wall = statistics.median(r.wall for r in small)
    small_cpu = statistics.median(r.cpu for r in small)
    grown_mb = (text_bytes - small_bytes) / 1e6
    figures = {
        "cpu_per_mb": cpu / megabytes,
        "cpu_per_mb_after_start": (cpu - small_cpu) / grown_mb,
        "wall": wall,
        "wall_after_start": wall - small_wall,
        "articles_per_s": articles / wall,
        "articles_per_s_after_start": (articles - small_articles) / (wall - small_wall),
        "peak_mb": max(r.peak_mb for r in runs),
        "start_cpu": small_cpu,
        "start_wall": small_wall,
    }
    print(
        f"{name:5} CPU s/MB {figures['cpu_per_mb']:.2f} "
        f"(after start-up {figures['cpu_per_mb_after_start']:.2f}); "
        f"wall {wall:.1f} s (after start-up {figures['wall_after_start']:.1f} s); "
        f"{figures['articles_per_s']:.1f} articles/s "
        f"({figures['articles_per_s_after_start']:.1f} after start-up); "
        f"peak {figures['peak_mb']:.0f} MB over {max(r.processes for r in runs)} processes; "
        f"start-up run: {small_cpu:.1f} CPU s, {small_wall:.1f} s"
    )
    print(f"      {runs[0].output}")
    return figures


def main() -> None:
    """Parse arguments, run every configuration interleaved, print medians and speed-ups."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=2, help="copies of the corpus, under new ids")
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=list(CONFIGS))
    args = parser.parse_args()
    if not (CORPORA / "gnad10k_test.csv").exists():
        sys.exit(f"corpora not found in {CORPORA}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        corpus, articles, size = build_corpus(folder, args.repeat)
        small, small_articles, small_size = build_corpus(folder, 1, SMALL_RUN)
        print(
            f"corpus: {articles} articles, {size / 1e6:.2f} MB of text; {args.runs} runs; load {load()}",
            flush=True,
        )
        runs: dict[str, list[Run]] = {name: [] for name in args.configs}
        small_runs: dict[str, list[Run]] = {name: [] for name in args.configs}
        for _ in range(args.runs):  # interleaved, so that every configuration sees the same load
            for config in args.configs:
                runs[config].append(run_once(corpus, CONFIGS[config], folder))
                small_runs[config].append(run_once(small, CONFIGS[config], folder))
                full, start = runs[config][-1], small_runs[config][-1]
                print(
                    f"  {config}: {full.wall:.1f} s, {full.cpu:.1f} CPU s, {full.peak_mb:.0f} MB; "
                    f"start-up run {start.wall:.1f} s, {start.cpu:.1f} CPU s; load {load()}; "
                    f"{full.output.split(' in ')[0]}",
                    flush=True,
                )
    sizes = (articles, size, small_articles, small_size)
    figures = {config: report(config, runs[config], small_runs[config], sizes) for config in args.configs}
    print(f"load after the runs: {load()}")
    if "w1" in figures:
        base = figures["w1"]
        for config, values in figures.items():
            if config != "w1":
                print(
                    f"speed-up {config} over w1: {base['wall'] / values['wall']:.2f}x whole run, "
                    f"{base['wall_after_start'] / values['wall_after_start']:.2f}x after start-up"
                )


def load() -> str:
    """The system's load averages (the machine may be shared)."""
    return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])


if __name__ == "__main__":
    main()
