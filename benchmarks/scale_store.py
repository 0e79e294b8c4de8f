"""Building a store of a million events and more without coding a million articles.

Coding enough articles for a million events takes hours on a small machine. Instead a few
thousand synthetic articles (``scripts/synthetic_corpus.py``) are read and coded once by the
real pipeline and written once; then the coded documents with events are written again and
again through the public ``Store.write_batch`` (so any backend can be filled): each copy gets
new article and event ids, dates moved by whole years (different for each document and copy)
and, in every other copy, actor countries exchanged for others of the same set, so that the
network, the map, the timelines and the facets see many more distinct values than the seed
articles hold.

The coded seed documents are kept in a pickle beside the corpora, so a second store (another
backend) is built from the same documents without coding them again. Delete the pickle after a
change of the coder to copy freshly coded documents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.util
import pickle
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from lagebild.model import Actor, Article, Doc, Event, TimeValue

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "scripts" / "synthetic_corpus.py"
# Copies keep their dates within these years (the seed articles lie in 2010-2024).
FIRST_YEAR, LAST_YEAR = 2000, 2025
BATCH_DOCUMENTS = 2000
_LEADING_YEAR = re.compile(r"^\d{4}")


def load_module(path: Path, name: str) -> ModuleType:
    """A Python file as a module of its own (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_generator() -> ModuleType:
    """The synthetic-corpus script as a module."""
    return load_module(GENERATOR, "synthetic_corpus")


def coded_seed_documents(data_dir: Path, shared: Path, articles: int, seed: int) -> list[Doc]:
    """The seed articles coded by the real pipeline, from the pickle when it was made before."""
    cache = data_dir / f"seed-docs-{articles}-{seed}.pickle"
    if cache.exists():
        try:
            with cache.open("rb") as handle:
                docs: list[Doc] = pickle.load(handle)
            return docs
        except (pickle.UnpicklingError, AttributeError, TypeError, EOFError):
            pass  # written by a version whose records differ: code the articles again
    corpus = data_dir / f"seed-{articles}-{seed}.jsonl"
    generator = load_generator()
    with corpus.open("w", encoding="utf-8") as sink:
        pools = generator.load_pools(shared)
        generator.write_jsonl(generator.synthetic_articles(pools, articles, seed), sink)
    docs = code_documents(corpus)
    with cache.open("wb") as handle:
        pickle.dump(docs, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return docs


def code_documents(corpus: Path) -> list[Doc]:
    """Read a JSONL corpus with the project's reader and code every article with the pipeline."""
    from lagebild.io import read_documents
    from lagebild.pipeline import Processor
    from lagebild.settings import Settings

    settings = Settings()
    processor = Processor(settings)
    docs = []
    started = time.perf_counter()
    for outcome in read_documents([corpus], settings):
        if isinstance(outcome, Article):
            docs.append(processor.process(outcome))
    events = sum(len(d.events) for d in docs)
    print(
        f"coded {len(docs)} seed articles ({events} events) in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return docs


def shift_day(day: dt.date | None, years: int) -> dt.date | None:
    """The same day ``years`` later (29 February becomes the 28th in common years)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def shift_time(value: TimeValue | None, years: int) -> TimeValue | None:
    """A TIMEX value moved by whole years: its leading year and both bounds."""
    if value is None or years == 0:
        return value
    text = value.value
    if _LEADING_YEAR.match(text):
        text = f"{int(text[:4]) + years:04d}{text[4:]}"
    return dataclasses.replace(
        value, value=text, earliest=shift_day(value.earliest, years), latest=shift_day(value.latest, years)
    )


def shift_published(published: str | None, years: int) -> str | None:
    """An event's publication date (ISO text) moved by whole years."""
    if not published or years == 0 or not _LEADING_YEAR.match(published):
        return published
    return f"{int(published[:4]) + years:04d}{published[4:]}"


def swap_country(actor: Actor | None, countries: dict[str, str]) -> Actor | None:
    """The actor with its country exchanged by ``countries`` (organisations keep theirs)."""
    if actor is None or actor.country is None or actor.country not in countries:
        return actor
    return dataclasses.replace(actor, country=countries[actor.country])


def country_mapping(countries: Sequence[str], copy: int) -> dict[str, str]:
    """For odd copies, every country moved along the sorted list by a step that depends on the copy."""
    if copy % 2 == 0 or len(countries) < 2:
        return {}
    step = 1 + (copy // 2) % (len(countries) - 1)
    return {c: countries[(i + step) % len(countries)] for i, c in enumerate(countries)}


def copy_document(doc: Doc, copy: int, years: int, countries: dict[str, str]) -> tuple[Doc, list[Event]]:
    """Copy number ``copy`` of a coded document, with new ids, moved dates and exchanged countries."""
    article_id = f"{doc.article.id}-copy{copy}"
    article = dataclasses.replace(
        doc.article, id=article_id, published=shift_time(doc.article.published, years)
    )
    events = [
        dataclasses.replace(
            event,
            id=hashlib.sha1(f"{event.id}:{copy}".encode()).hexdigest()[:20],
            doc_id=article_id,
            date=shift_time(event.date, years),
            published=shift_published(event.published, years),
            source=swap_country(event.source, countries),
            target=swap_country(event.target, countries),
        )
        for event in doc.events
    ]
    return dataclasses.replace(doc, article=article, events=tuple(events)), events


def year_shift(doc: Doc, rng: random.Random) -> int:
    """A random shift that keeps the article's publication year within the copies' years."""
    published = doc.article.published
    year = published.earliest.year if published is not None and published.earliest is not None else 2015
    return rng.randint(FIRST_YEAR - year, LAST_YEAR - year)


def seed_countries(docs: Sequence[Doc]) -> list[str]:
    """Every actor country of the seed events, sorted."""
    found = {
        actor.country
        for doc in docs
        for event in doc.events
        for actor in (event.source, event.target)
        if actor is not None and actor.country
    }
    return sorted(found)


def copies(docs: Sequence[Doc], target_events: int, seed: int) -> Iterator[tuple[Doc, list[Event]]]:
    """Copies of the seed documents, copy after copy, until they hold ``target_events`` events.

    Only documents with events are copied: an article without events costs the store its text,
    sentences and mentions and adds nothing the event queries read, and leaving them out halves
    the time to fill the store. The seed articles themselves are all written once (copy 0).
    """
    per_copy = sum(len(d.events) for d in docs)
    if per_copy == 0:
        raise SystemExit("the seed articles hold no events")
    countries = seed_countries(docs)
    rng = random.Random(seed)
    written = copy = 0
    with_events = [doc for doc in docs if doc.events]
    while written < target_events:
        mapping = country_mapping(countries, copy)
        for doc in docs if copy == 0 else with_events:
            yield copy_document(doc, copy, year_shift(doc, rng), mapping)
        written += per_copy
        copy += 1


def batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """The items in lists of ``size`` (the last may be shorter)."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def fill_store(store: Any, docs: Sequence[Doc], target_events: int, seed: int) -> dict[str, float]:
    """Write copies of ``docs`` into ``store`` until it holds at least ``target_events`` events.

    Copies the store already holds (from an interrupted earlier run) are skipped by the store.
    """
    started = time.perf_counter()
    articles = events = 0
    for number, batch in enumerate(batches(copies(docs, target_events, seed), BATCH_DOCUMENTS)):
        result = store.write_batch(batch)
        articles += result.articles_new
        events += result.events_written
        if number % 25 == 0:
            print(f"  … {articles} articles, {events} events written", file=sys.stderr)
    return {"articles_written": articles, "events_written": events, "seconds": time.perf_counter() - started}
