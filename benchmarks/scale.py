"""Scale: ingest throughput and memory as the corpus grows, store size, query latency and the
memory of ``events``/``export`` on a store of a million events and more.

The corpora are synthetic (``scripts/synthetic_corpus.py``: real sentences recombined into
articles, marked synthetic, for benchmarks only) and kept in ``--data-dir``, outside the
repository. Four parts, run one by one or all together:

- ``ingest``: ``lagebild ingest`` of 10k and 100k generated articles (``--sizes``) into a new
  DuckDB store, in each mode the installed lagebild offers (one process; ``--workers 1`` and
  ``--workers 2``; ``--engine ray`` with 2 local workers): CPU seconds per MB of text, articles
  per second (wall), peak memory of the whole process tree and of its largest process, and the
  store's size per MB of text. Medians of ``--runs`` runs (peak memory: the largest).
- ``store``: fills a store (a DuckDB file or ``postgresql://...``) with at least ``--events``
  events by copying a few thousand coded synthetic articles (see ``scale_store``).
- ``query``: starts ``lagebild serve`` on that store and times every API route and dashboard
  page over HTTP (p50 and p99 of up to ``--requests`` requests; a slow route stops after
  ``--budget`` seconds with at least five), with the server's resident memory.
- ``memory``: peak memory of ``lagebild events`` (no limit; JSON lines and CSV to /dev/null) and
  ``lagebild export --format jsonl`` on that store.

    python benchmarks/scale.py ingest --sizes 10000 100000 --runs 3
    python benchmarks/scale.py store --db /work/scale_data/million.duckdb --events 1000000
    python benchmarks/scale.py query --db /work/scale_data/million.duckdb
    python benchmarks/scale.py memory --db /work/scale_data/million.duckdb
    python benchmarks/scale.py all --db /work/scale_data/million.duckdb --json scale.json

Every part prints a table (and the machine's load, since the figures depend on it) and, with
``--json FILE``, merges its figures into that file under its own key.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scale_measure import machine_load, median, run_measured
from scale_routes import measure_routes, slow
from scale_store import coded_seed_documents, fill_store, load_generator

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "scale_data"
DEFAULT_SHARED = REPO.parent / "shared"
CORPUS_SEED = 1
STORE_SEED = 7
LATENCY_LIMIT_MS = 300.0
MEMORY_LIMIT_MB = 500.0


@dataclass(frozen=True)
class Mode:
    """One way of running ingest: a name for the table and the options that select it."""

    name: str
    options: tuple[str, ...]


def lagebild_command(*args: str) -> list[str]:
    """The lagebild CLI of this checkout, run by this interpreter."""
    return [sys.executable, "-m", "lagebild.cli", *args]


def child_env() -> dict[str, str]:
    """The environment of the measured commands: this checkout's sources first."""
    return {**os.environ, "PYTHONPATH": str(REPO / "src")}


def ingest_modes(wanted: Sequence[str] | None) -> tuple[list[Mode], list[str]]:
    """The ingest modes the installed lagebild offers, and the names of those it does not."""
    help_text = subprocess.run(
        lagebild_command("ingest", "--help"), capture_output=True, text=True, env=child_env(), check=True
    ).stdout
    has_workers, has_engine = "--workers" in help_text, "--engine" in help_text
    offered = [
        Mode("workers=1", ("--workers", "1")) if has_workers else Mode("one process", ()),
    ]
    skipped = []
    if has_workers:
        offered.append(Mode("workers=2", ("--workers", "2")))
    else:
        skipped.append("workers=2 (ingest has no --workers)")
    if has_engine:
        offered.append(Mode("ray, 2 workers", ("--engine", "ray", "--workers", "2")))
    else:
        skipped.append("ray (ingest has no --engine)")
    if wanted:
        skipped += [f"{m.name} (not asked for)" for m in offered if m.name not in wanted]
        offered = [m for m in offered if m.name in wanted]
    return offered, skipped


# -- corpora ---------------------------------------------------------------------------------


def corpus_of(size: int, data_dir: Path, shared: Path) -> tuple[Path, dict[str, int]]:
    """The synthetic corpus of ``size`` articles (generated once) and its articles and text bytes."""
    path = data_dir / f"synthetic-{size}.jsonl"
    meta = data_dir / f"synthetic-{size}.meta.json"
    if path.exists() and meta.exists():
        return path, json.loads(meta.read_text())
    generator = load_generator()
    pools = generator.load_pools(shared)
    with path.open("w", encoding="utf-8") as sink:
        articles, size_bytes = generator.write_jsonl(
            generator.synthetic_articles(pools, size, CORPUS_SEED), sink
        )
    figures = {"articles": articles, "text_bytes": size_bytes}
    meta.write_text(json.dumps(figures))
    return path, figures


# -- ingest ----------------------------------------------------------------------------------


def store_bytes(db: Path) -> int:
    """The size of a DuckDB store on disk, with its write-ahead log."""
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())


def remove_store(db: Path) -> None:
    """Delete a DuckDB store and its write-ahead log."""
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)


def stored_counts(db: Path) -> tuple[int, int]:
    """Articles and events in a store (opened writable, so a store of an older schema is migrated)."""
    from lagebild.store import open_store

    with open_store(db) as store:
        stats = store.stats()
    return int(stats["articles"]), int(stats["events"])


def ingest_once(corpus: Path, db: Path, mode: Mode) -> dict[str, Any]:
    """Ingest the corpus into a new store once; return the measurement and the store's figures."""
    remove_store(db)
    command = lagebild_command("ingest", str(corpus), "--db", str(db), *mode.options)
    measured = run_measured(command, env=child_env())
    if measured.returncode != 0:
        raise SystemExit(f"ingest failed ({mode.name}): {measured.stderr_tail}")
    articles, events = stored_counts(db)
    return {
        "cpu": measured.cpu,
        "wall": measured.wall,
        "peak_tree_mb": measured.peak_tree_mb,
        "peak_process_mb": measured.peak_process_mb,
        "store_bytes": store_bytes(db),
        "articles": articles,
        "events": events,
    }


def ingest_part(args: argparse.Namespace) -> dict[str, Any]:
    """Measure ingest for every corpus size and mode; print the table."""
    modes, skipped = ingest_modes(args.modes)
    rows = []
    for size in args.sizes:
        corpus, figures = corpus_of(size, args.data_dir, args.shared)
        megabytes = figures["text_bytes"] / 1e6
        for mode in modes:
            runs = []
            for _ in range(args.runs if size <= args.repeat_up_to else 1):
                load_before = machine_load()
                runs.append(ingest_once(corpus, args.data_dir / f"ingest-{size}.duckdb", mode))
                print(f"  {size} {mode.name}: {runs[-1]} ({load_before})", file=sys.stderr)
            rows.append(ingest_row(size, megabytes, mode, runs, load_before))
        if not args.keep:
            remove_store(args.data_dir / f"ingest-{size}.duckdb")
    print_ingest(rows, skipped)
    return {"rows": rows, "skipped": skipped}


def ingest_row(
    size: int, megabytes: float, mode: Mode, runs: list[dict[str, Any]], load: str
) -> dict[str, Any]:
    """The medians of one size and mode."""
    cpu, wall = median([r["cpu"] for r in runs]), median([r["wall"] for r in runs])
    return {
        "articles": size,
        "text_mb": megabytes,
        "mode": mode.name,
        "runs": len(runs),
        "cpu_s": cpu,
        "wall_s": wall,
        "cpu_s_per_mb": cpu / megabytes,
        "articles_per_s": size / wall,
        "peak_tree_mb": max(r["peak_tree_mb"] for r in runs),
        "peak_process_mb": max(r["peak_process_mb"] for r in runs),
        "store_mb": median([r["store_bytes"] for r in runs]) / 1e6,
        "store_mb_per_text_mb": median([r["store_bytes"] for r in runs]) / 1e6 / megabytes,
        "events": runs[-1]["events"],
        "load": load,
    }


def print_ingest(rows: list[dict[str, Any]], skipped: list[str]) -> None:
    """The ingest table."""
    print("\n## Ingest into DuckDB")
    print(
        "| articles | MB text | mode | runs | CPU s/MB | articles/s (wall) | peak MB (all processes) "
        "| peak MB (largest process) | store MB per MB text | events | load before the last run |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['articles']} | {r['text_mb']:.1f} | {r['mode']} | {r['runs']} | {r['cpu_s_per_mb']:.2f} "
            f"| {r['articles_per_s']:.1f} | {r['peak_tree_mb']:.0f} | {r['peak_process_mb']:.0f} "
            f"| {r['store_mb_per_text_mb']:.2f} | {r['events']} | {r['load']} |"
        )
    for reason in skipped:
        print(f"skipped: {reason}")


# -- the large store -------------------------------------------------------------------------


def is_url(db: str) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than a DuckDB file."""
    return db.startswith(("postgresql://", "postgres://"))


def postgres_offered() -> bool:
    """Whether the installed lagebild opens ``postgresql://`` stores."""
    from lagebild import store

    return "postgres" in inspect.getsource(store.open_store).lower()


def open_for_writing(db: str) -> Any:
    """The store named by ``--db``, writable (a DuckDB file or a PostgreSQL database)."""
    from lagebild.store import open_store

    return open_store(db)


def database_bytes(url: str) -> int | None:
    """The size of a PostgreSQL database on disk (tables, indexes, TOAST), or None without psycopg."""
    try:
        import psycopg
    except ImportError:
        return None
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else None


def store_part(args: argparse.Namespace) -> dict[str, Any]:
    """Fill the store named by ``--db`` up to ``--events`` events; print what it holds."""
    docs = coded_seed_documents(args.data_dir, args.shared, args.seed_articles, STORE_SEED)
    with open_for_writing(args.db) as store:
        before = int(store.stats()["events"])
        written = fill_store(store, docs, args.events, STORE_SEED) if before < args.events else {}
        stats = store.stats()
    size = store_bytes(Path(args.db)) if not is_url(args.db) else database_bytes(args.db)
    result = {
        "db": args.db,
        "seed_articles": len(docs),
        "seed_events": sum(len(d.events) for d in docs),
        "articles": stats["articles"],
        "sentences": stats["sentences"],
        "mentions": stats["mentions"],
        "events": stats["events"],
        "store_mb": size / 1e6 if size else None,
        **written,
    }
    print("\n## Large store")
    for key, value in result.items():
        print(f"- {key}: {value}")
    return result


# -- query latency and command memory ---------------------------------------------------------


def query_part(args: argparse.Namespace) -> dict[str, Any]:
    """Time every route on a served store; print the table and the routes over the limit."""
    load = machine_load()
    log = args.data_dir / "serve.log"
    rows, startup_rss = measure_routes(args.db, args.requests, args.budget, log)
    print(f"\n## Query latency on {args.db} ({load} at the start, {machine_load()} at the end)")
    print(f"server resident memory after start-up: {startup_rss:.0f} MB")
    print("| route | requests | first ms | p50 ms | p99 ms | server RSS after, MB | server peak MB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['route']} | {r['requests']} | {r['first_ms']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {r['server_rss_mb']:.0f} | {r['server_peak_mb']:.0f} |"
        )
    over = slow(rows, LATENCY_LIMIT_MS)
    print(f"over {LATENCY_LIMIT_MS:.0f} ms at p99: {', '.join(r['route'] for r in over) or 'none'}")
    failed = [r["route"] for r in rows if r["status"] >= 400]
    if failed:
        print(f"answered with an error: {', '.join(failed)}")
    return {"db": args.db, "load_start": load, "startup_rss_mb": startup_rss, "rows": rows}


def memory_commands(db: str) -> list[tuple[str, list[str]]]:
    """The commands whose memory is measured, each writing every event to /dev/null."""
    return [
        ("events --format jsonl", lagebild_command("events", "--db", db, "--format", "jsonl")),
        ("events --format csv", lagebild_command("events", "--db", db, "--format", "csv")),
        ("export --format jsonl", lagebild_command("export", "--db", db, "--format", "jsonl")),
    ]


def memory_part(args: argparse.Namespace) -> dict[str, Any]:
    """Peak memory of the commands that write every event; print the table."""
    rows: list[dict[str, Any]] = []
    for name, command in memory_commands(args.db):
        load = machine_load()
        measured = run_measured(command, env=child_env())
        rows.append(
            {
                "command": name,
                "returncode": measured.returncode,
                "wall_s": measured.wall,
                "cpu_s": measured.cpu,
                "peak_process_mb": measured.peak_process_mb,
                "peak_tree_mb": measured.peak_tree_mb,
                "load": load,
            }
        )
        print(f"  {rows[-1]}", file=sys.stderr)
        if measured.returncode != 0:
            print(f"  {name} failed: {measured.stderr_tail[-500:]}", file=sys.stderr)
    print(f"\n## Memory of commands on {args.db}")
    print("| command | exit | wall s | CPU s | peak MB | load before |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['command']} | {r['returncode']} | {r['wall_s']:.0f} | {r['cpu_s']:.0f} "
            f"| {r['peak_process_mb']:.0f} | {r['load']} |"
        )
    over = [r["command"] for r in rows if r["peak_process_mb"] > MEMORY_LIMIT_MB]
    print(f"over {MEMORY_LIMIT_MB:.0f} MB: {', '.join(over) or 'none'}")
    return {"db": args.db, "rows": rows}


# -- command line ----------------------------------------------------------------------------


def save(path: Path | None, key: str, figures: dict[str, Any]) -> None:
    """Merge one part's figures into the JSON file (other parts' figures are kept)."""
    if path is None:
        return
    everything = json.loads(path.read_text()) if path.exists() else {}
    everything[key] = figures
    path.write_text(json.dumps(everything, indent=2, ensure_ascii=False) + "\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["ingest", "store", "query", "memory", "all"])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help="where corpora and stores go")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder holding corpora/")
    parser.add_argument("--json", type=Path, help="merge the figures into this JSON file")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="corpus sizes")
    parser.add_argument("--modes", nargs="+", help="only these ingest modes (names as in the table)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size and mode (medians)")
    parser.add_argument("--repeat-up-to", type=int, default=10_000, help="larger corpora are run once")
    parser.add_argument("--keep", action="store_true", help="keep the ingested stores")
    parser.add_argument("--db", help="the large store: a DuckDB file or postgresql://...")
    parser.add_argument("--events", type=int, default=1_000_000, help="events the large store holds at least")
    parser.add_argument("--seed-articles", type=int, default=3000, help="coded articles copied into it")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per route")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds of timed requests per route")
    args = parser.parse_args(argv)
    if args.part in ("store", "query", "memory", "all") and not args.db:
        parser.error(f"{args.part} needs --db")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    """Run the chosen parts."""
    args = parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    if args.db and is_url(args.db) and not postgres_offered():
        sys.exit("this lagebild opens no PostgreSQL stores: nothing measured on PostgreSQL")
    sys.path.insert(0, str(REPO / "src"))
    print(f"machine: {machine_load()}")
    parts = ["ingest", "store", "query", "memory"] if args.part == "all" else [args.part]
    runners = {"ingest": ingest_part, "store": store_part, "query": query_part, "memory": memory_part}
    for part in parts:
        key = part if part == "ingest" else f"{part} {args.db}"
        save(args.json, key, runners[part](args))


if __name__ == "__main__":
    main()
