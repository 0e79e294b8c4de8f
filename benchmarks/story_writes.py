"""What keeping stories up to date costs a batch write (``Store.write_batch``), on DuckDB.

A few thousand synthetic articles (``scripts/synthetic_corpus.py``), published over one quarter
so that reports of the same lanes meet, are coded once by the real pipeline (kept in a pickle in
``--data``) and written in batches of the ingest's size into a fresh store (with
``--stored-copies N``, one first filled with N copies of the articles moved 1, 2, ... years on,
and their stories), once per variant and run: with the story update (``stories``), without it
(``none``: the store's ``_add_to_stories`` replaced by a step that does nothing) and, given
``--baseline``, with the story update of another version of ``store/stories.py``
(``baseline``). The variants take turns within each run, so all see the same load of a shared
machine; the figures to compare are their ratios to ``none`` within a run. After each write with
stories, the stories are compared with those ``rebuild_stories`` makes from the same events.

    git show HEAD:src/lagebild/store/stories.py > /tmp/stories_before.py
    python benchmarks/story_writes.py --articles 3000 --runs 3 --baseline /tmp/stories_before.py

Per variant: median wall seconds and CPU seconds per 1,000 articles, the wall seconds of those
spent in the story update itself, and how far the resident memory of the process rose during the
write above what it held before (the coded documents): the peak is reset before each write
through ``/proc/self/clear_refs`` where Linux allows it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import pickle
import statistics
import tempfile
import time
import types
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from lagebild.model import Doc, Event
from lagebild.store import open_store
from lagebild.store.sql_store import SQLStore
from scale_store import copy_document, load_generator, load_module

REPO = Path(__file__).resolve().parents[1]
SINCE, UNTIL = dt.date(2022, 1, 1), dt.date(2022, 3, 31)
Item = tuple[Doc, list[Event]]
_STORY_COLUMNS = (
    "id, lane, type, cameo_root, source_root, target_root, event_date, event_date_first, "
    "event_date_last, mentions, articles, outlets, first_seen, last_seen, first_event_id"
)


@dataclass(frozen=True)
class Measure:
    """One write of every document: wall and CPU seconds, wall seconds spent in the story
    update itself, and how far the resident memory rose above what the process held before the
    write (MB)."""

    wall: float
    cpu: float
    story_step: float
    peak_mb: float


def coded_documents(data_dir: Path, shared: Path, articles: int, seed: int) -> list[Doc]:
    """The synthetic articles coded by the pipeline, from the pickle when it was made before."""
    cache = data_dir / f"story-docs-{articles}-{seed}.pickle"
    if cache.exists():
        with cache.open("rb") as handle:
            docs: list[Doc] = pickle.load(handle)
        return docs
    from lagebild.io import read_documents
    from lagebild.model import Article
    from lagebild.pipeline import Processor
    from lagebild.settings import Settings

    generator = load_generator()
    corpus = data_dir / f"story-corpus-{articles}-{seed}.jsonl"
    with corpus.open("w", encoding="utf-8") as sink:
        records = generator.synthetic_articles(
            generator.load_pools(shared), articles, seed, since=SINCE, until=UNTIL
        )
        generator.write_jsonl(records, sink)
    settings = Settings()
    processor = Processor(settings)
    docs = [
        processor.process(outcome)
        for outcome in read_documents([corpus], settings)
        if isinstance(outcome, Article)
    ]
    with cache.open("wb") as handle:
        pickle.dump(docs, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return docs


def reset_peak() -> None:
    """Reset the process's peak resident memory (Linux; elsewhere the peak is the process's)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def memory_mb(field: str) -> float:
    """A memory figure of the process from ``/proc/self/status`` (``VmRSS``, ``VmHWM``), in MB;
    where there is none, the peak resident memory of the whole process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_all(
    path: Path, docs: Sequence[Doc], later: Sequence[Item], batch: int, variant: str, baseline: Any
) -> Measure:
    """Write the documents in batches into a store holding ``later`` (with their stories) with
    the story update of ``variant`` (``stories``: this version's; ``baseline``: that of the
    module ``baseline``; ``none``: no story update); unless ``none``, fail when the stories
    differ from a rebuild's."""
    items = [(doc, list(doc.events)) for doc in docs]
    with open_store(path) as store:
        assert isinstance(store, SQLStore)
        if later:
            prefill(store, later, batch)
        if variant == "none":
            store._add_to_stories = lambda cur, items: None  # type: ignore[method-assign]
        elif variant == "baseline":
            use_story_update(store, baseline)
        step = timed_story_update(store)
        reset_peak()
        resident = memory_mb("VmRSS")
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(items), batch):
            store.write_batch(items[start : start + batch])
        measure = Measure(
            time.perf_counter() - wall, time.process_time() - cpu, step[0], memory_mb("VmHWM") - resident
        )
        if variant != "none":
            check_against_rebuild(store)
    return measure


def timed_story_update(store: SQLStore) -> list[float]:
    """Time the store's story update from now on: the seconds are added up in the list returned."""
    spent = [0.0]
    update = store._add_to_stories

    def timed(cur: Any, items: Sequence[Item]) -> None:
        started = time.perf_counter()
        update(cur, items)
        spent[0] += time.perf_counter() - started

    store._add_to_stories = timed  # type: ignore[method-assign]
    return spent


def prefill(store: SQLStore, items: Sequence[Item], batch: int) -> None:
    """Write items without the story update, then build their stories in one rebuild."""
    add = store._add_to_stories
    store._add_to_stories = lambda cur, items: None  # type: ignore[method-assign]
    for start in range(0, len(items), batch):
        store.write_batch(items[start : start + batch])
    store._add_to_stories = add  # type: ignore[method-assign]
    store.rebuild_stories()


def later_copies(docs: Sequence[Doc], copies: int) -> list[Item]:
    """Copies of the documents with new ids, moved 1, 2, ... years on (``scale_store`` copies)."""
    return [copy_document(doc, copy, copy, {}) for copy in range(1, copies + 1) for doc in docs]


def use_story_update(store: SQLStore, module: ModuleType) -> None:
    """Give the store the story update (the private methods of ``StoriesMixin``) of another
    version of ``store/stories.py``."""
    for name, value in vars(module.StoriesMixin).items():
        if name.startswith("_") and not name.startswith("__") and callable(value):
            setattr(store, name, types.MethodType(value, store))


def story_rows(store: SQLStore) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every story and every mention's story, sorted."""
    with store._cursor() as cur:
        stories = cur.execute(f"SELECT {_STORY_COLUMNS} FROM stories ORDER BY id").fetchall()
        members = cur.execute("SELECT event_id, story_id FROM story_mentions ORDER BY event_id").fetchall()
    return [tuple(row) for row in stories], [tuple(row) for row in members]


def check_against_rebuild(store: SQLStore) -> None:
    """Fail unless the stories written batch by batch are those a rebuild makes."""
    written = story_rows(store)
    store.rebuild_stories()
    if story_rows(store) != written:
        raise SystemExit("the stories written batch by batch differ from a rebuild")


def per_thousand(seconds: float, articles: int) -> float:
    return seconds * 1000 / articles


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--batch", type=int, default=200, help="articles per write_batch (ingest default)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "lagebild-story-bench")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--stored-copies",
        type=int,
        default=0,
        help="first fill the store with this many copies of the articles moved 1, 2, ... years on",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another version of store/stories.py (e.g. from git show) whose story update is timed too",
    )
    args = parser.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    docs = coded_documents(args.data, args.shared, args.articles, args.seed)
    baseline = load_module(args.baseline, "baseline_stories") if args.baseline else None
    variants = ["none", "stories", *(["baseline"] if baseline else [])]
    later = later_copies(docs, args.stored_copies)
    print(
        f"{len(docs)} articles, {sum(len(d.events) for d in docs)} events, batches of {args.batch}, "
        f"into a store holding {len(later)} later articles"
    )
    results: dict[str, list[Measure]] = {variant: [] for variant in variants}
    for run in range(args.runs):
        order = variants[run % len(variants) :] + variants[: run % len(variants)]
        with tempfile.TemporaryDirectory(dir=args.data) as scratch:
            for variant in order:
                path = Path(scratch) / f"{variant}.duckdb"
                measure = write_all(path, docs, later, args.batch, variant, baseline)
                results[variant].append(measure)
                print(f"run {run + 1}, {variant}: {measure}", flush=True)
    report(results, len(docs))


def report(results: dict[str, list[Measure]], articles: int) -> None:
    """Print the medians per variant and the ratios to the write without stories, run by run."""
    print(
        "| story update | wall s / 1,000 articles | CPU s / 1,000 articles | of which story update, s "
        "| peak MB above the start | wall ratio to none (per run) |"
    )
    print("|---|---|---|---|---|---|")
    for variant, runs in results.items():
        wall = per_thousand(statistics.median(m.wall for m in runs), articles)
        cpu = per_thousand(statistics.median(m.cpu for m in runs), articles)
        step = per_thousand(statistics.median(m.story_step for m in runs), articles)
        peak = statistics.median(m.peak_mb for m in runs)
        ratios = [m.wall / none.wall for m, none in zip(runs, results["none"], strict=True)]
        shown = f"{', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})"
        print(f"| {variant} | {wall:.2f} | {cpu:.2f} | {step:.2f} | {peak:.0f} | {shown} |")


if __name__ == "__main__":
    main()
