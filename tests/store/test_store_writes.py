"""Writing: counts, idempotent re-ingest, atomic batches, hostile text, threads, readers during a
write, and each backend's own rules (DuckDB: extension policy, memory cap, one writing process;
PostgreSQL: no table locks, writers taking turns)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest
from store_samples import (
    HOSTILE,
    english_denial,
    hostile_article,
    kaliningrad_missiles,
    nato_request,
    sample_corpus,
)

from lagebild.store import BatchResult, DuckDBStore, EventFilter, StoreError, open_store
from lagebild.store.sql_store import SQLStore


def _row_counts(store: SQLStore) -> dict[str, int]:
    stats = store.stats()
    return {k: stats[k] for k in ("articles", "sentences", "mentions", "events")}


def test_batch_result_counts_new_articles_and_events(store: SQLStore) -> None:
    result = store.write_batch(sample_corpus())
    assert result == BatchResult(articles_new=4, articles_skipped_existing=0, events_written=8)
    assert _row_counts(store) == {"articles": 4, "sentences": 9, "mentions": 3, "events": 8}


def test_reingesting_the_corpus_adds_nothing(store: SQLStore) -> None:
    store.write_batch(sample_corpus())
    before = _row_counts(store)
    again = store.write_batch(sample_corpus())
    assert again == BatchResult(articles_new=0, articles_skipped_existing=4, events_written=0)
    assert _row_counts(store) == before


def test_partly_known_batch_stores_only_the_new_articles(store: SQLStore) -> None:
    store.write_batch([nato_request()])
    result = store.write_batch([nato_request(), kaliningrad_missiles()])
    assert result == BatchResult(articles_new=1, articles_skipped_existing=1, events_written=3)


def test_article_repeated_within_a_batch_is_stored_once(store: SQLStore) -> None:
    result = store.write_batch([nato_request(), nato_request()])
    assert result == BatchResult(articles_new=1, articles_skipped_existing=1, events_written=2)


def test_repeated_event_id_is_written_once(store: SQLStore) -> None:
    doc, events = nato_request()
    result = store.write_batch([(doc, [*events, events[0]])])
    assert result.events_written == 2


def test_has_article_and_known_article_ids(store: SQLStore) -> None:
    store.write_batch([nato_request(), english_denial()])
    assert store.has_article("a-nato-request")
    assert not store.has_article("b-kaliningrad")
    wanted = ["a-nato-request", "b-kaliningrad", "c-denial", "a-nato-request"]
    assert store.known_article_ids(wanted) == {"a-nato-request", "c-denial"}
    assert store.known_article_ids([]) == set()


def test_event_paired_with_another_article_is_refused(store: SQLStore) -> None:
    doc, _ = nato_request()
    _, foreign_events = kaliningrad_missiles()
    with pytest.raises(ValueError, match="paired with article"):
        store.write_batch([(doc, foreign_events)])
    assert not store.has_article("a-nato-request")


def test_failure_mid_batch_rolls_back_only_that_batch(
    store: SQLStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_batch([nato_request()])
    real_insert = store._insert

    def insert_then_fail_on_events(cur: Any, table: str, *args: Any, **kw: Any) -> int:
        if table == "events":
            # Articles, sentences and mentions of this batch are already inserted by now.
            raise RuntimeError("disk full while writing events")
        return real_insert(cur, table, *args, **kw)

    monkeypatch.setattr(store, "_insert", insert_then_fail_on_events)
    with pytest.raises(RuntimeError, match="disk full"):
        store.write_batch([kaliningrad_missiles(), english_denial()])

    assert store.known_article_ids(["a-nato-request", "b-kaliningrad", "c-denial"]) == {"a-nato-request"}
    assert _row_counts(store) == {"articles": 1, "sentences": 3, "mentions": 3, "events": 2}

    monkeypatch.setattr(store, "_insert", real_insert)
    rerun = store.write_batch([kaliningrad_missiles(), english_denial()])
    assert rerun == BatchResult(articles_new=2, articles_skipped_existing=0, events_written=5)
    assert store.stats()["events"] == 7


def test_committed_batches_survive_reopening(location: Path | str) -> None:
    with open_store(location) as store:
        store.write_batch([nato_request()])
    with open_store(location) as store:
        assert store.count_events(EventFilter()) == 2


def test_hostile_text_is_stored_and_read_back_verbatim(store: SQLStore) -> None:
    doc, events = hostile_article()
    store.write_batch([(doc, events)])

    article = store.get_article("d-hostile")
    assert article is not None
    assert article["text"] == doc.article.text
    assert HOSTILE in article["text"]
    assert article["title"] == f"Leserbrief {HOSTILE}"
    assert article["sentences"][0]["text"] == doc.sentences[0].text
    event = store.get_event("d-hostile-e1")
    assert event is not None
    assert event.pop("article")["title"] == f"Leserbrief {HOSTILE}"
    assert event == events[0].to_dict()
    # The events table is still there, and a search for the text itself is a plain substring search.
    assert [e["id"] for e in store.query_events(EventFilter(text=HOSTILE))] == ["d-hostile-e1"]
    assert store.count_events(EventFilter()) == 1


def test_text_with_control_characters_round_trips(store: SQLStore, backend: str) -> None:
    doc, _ = nato_request()
    odd = doc.article.text + "\x00\u202e\\' \"; --"
    doc = replace(doc, article=replace(doc.article, text=odd))
    store.write_batch([(doc, [])])
    article = store.get_article(doc.article.id)
    assert article is not None
    # PostgreSQL text cannot hold U+0000: it becomes U+FFFD, one character for one.
    expected = odd.replace("\x00", "\ufffd") if backend == "postgresql" else odd
    assert article["text"] == expected
    assert len(article["text"]) == len(odd)


def test_extension_autoinstall_and_autoload_are_off(db_path: Path) -> None:
    with DuckDBStore(db_path) as store, store._cursor() as cur:
        settings = cur.execute(
            "SELECT current_setting('autoinstall_known_extensions'), "
            "current_setting('autoload_known_extensions')"
        ).fetchone()
        assert settings == (False, False)
        # fts is not built in: with autoloading off, using it fails at once instead of downloading.
        with pytest.raises(duckdb.CatalogException, match="fts"):
            cur.execute("PRAGMA create_fts_index('articles', 'id', 'text')")


def test_threads_share_one_store(store: SQLStore) -> None:
    docs = sample_corpus()
    errors: list[BaseException] = []
    counts: list[int] = []

    def write(item: Any) -> None:
        try:
            store.write_batch([item])
        except BaseException as exc:
            errors.append(exc)

    def read() -> None:
        try:
            for _ in range(20):
                counts.append(store.count_events(EventFilter(actor="NATO")))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(item,)) for item in docs]
    threads += [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.stats()["events"] == 8
    assert all(0 <= c <= 4 for c in counts)


def test_closed_store_refuses_work(location: Path | str) -> None:
    store = open_store(location)
    with store:
        store.write_batch([nato_request()])
    with pytest.raises(StoreError, match="closed"):
        store.has_article("a-nato-request")
    store.close()  # closing twice is harmless


def test_second_writer_process_is_a_clear_error(db_path: Path) -> None:
    with open_store(db_path):
        code = (
            "import sys\n"
            "from lagebild.store import open_store, StoreLockedError\n"
            "try:\n"
            f"    open_store({str(db_path)!r})\n"
            "except StoreLockedError as exc:\n"
            "    print('refused:', exc.pid, exc)\n"
            "    sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 3, done.stderr
    # One line naming the file and the process that holds it (this test's own process).
    assert done.stdout.count("\n") == 1
    assert f"refused: {os.getpid()} the store {db_path} is in use by process {os.getpid()} (" in done.stdout


def _reads_while_blocked(reader: SQLStore) -> dict[str, Any]:
    """What an analyst sees: counts, a page, an export, the stats and a lookup."""
    out = io.StringIO()
    return {
        "count": reader.count_events(EventFilter()),
        "page": [row["event_id"] for row in reader.query_rows(EventFilter(limit=10))],
        "exported": reader.export("jsonl", out),
        "articles": reader.stats()["articles"],
        "has_new_article": reader.has_article("b-kaliningrad"),
        "facet_types": reader.facets(EventFilter())["type"]["with_value"],
    }


def _table_locks_of_others(url: str) -> set[str]:
    """The lock modes other sessions hold on the store's tables (PostgreSQL)."""
    import psycopg

    sql = (
        "SELECT DISTINCT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE l.pid <> pg_backend_pid() AND l.granted "
        "AND c.relname IN ('articles', 'sentences', 'mentions', 'events')"
    )
    with psycopg.connect(url, autocommit=True) as conn:
        return {row[0] for row in conn.execute(sql.encode()).fetchall()}


def test_readers_go_on_while_a_batch_is_being_written(
    store: SQLStore, location: Path | str, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_batch([nato_request()])
    inside, release = threading.Event(), threading.Event()
    real_insert = store._insert

    def pause_before_events(cur: Any, table: str, *args: Any, **kw: Any) -> int:
        if table == "events":
            inside.set()  # articles, sentences and mentions of the batch are written, uncommitted
            release.wait(timeout=120)
        return real_insert(cur, table, *args, **kw)

    monkeypatch.setattr(store, "_insert", pause_before_events)
    writer = threading.Thread(target=store.write_batch, args=([kaliningrad_missiles()],))
    writer.start()
    try:
        assert inside.wait(timeout=60), "the batch did not start"
        # PostgreSQL: another analyst's connection; DuckDB allows one process, so the same
        # store object read from another thread (its own cursor).
        reader = open_store(location, read_only=True) if backend == "postgresql" else store
        seen: dict[str, Any] = {}
        reading = threading.Thread(target=lambda: seen.update(_reads_while_blocked(reader)))
        reading.start()
        reading.join(timeout=60)
        assert not reading.is_alive(), "a reader waited for the writer"
        if backend == "postgresql":
            # The writer holds the locks of plain reads and inserts, none that blocks a reader.
            locks = _table_locks_of_others(str(location))
            assert "RowExclusiveLock" in locks
            assert locks <= {"AccessShareLock", "RowExclusiveLock"}
            reader.close()
    finally:
        release.set()
        writer.join(timeout=60)
    # Only what was committed before: the first article and its two events.
    assert seen == {
        "count": 2,
        "page": ["a-nato-request-e1", "a-nato-request-e2"],
        "exported": 2,
        "articles": 1,
        "has_new_article": False,
        "facet_types": 2,
    }
    assert store.count_events(EventFilter()) == 5


def test_duckdb_memory_is_capped_by_the_setting(db_path: Path) -> None:
    def limit(store: DuckDBStore) -> str:
        with store._cursor() as cur:
            row = cur.execute("SELECT current_setting('memory_limit')").fetchone()
        assert row is not None
        return str(row[0])

    with duckdb.connect(config={"memory_limit": "256MB"}) as plain:
        wanted = plain.execute("SELECT current_setting('memory_limit')").fetchone()
    with DuckDBStore(db_path, memory_limit="256MB") as capped:
        capped_limit = limit(capped)
    assert (capped_limit,) == wanted
    with DuckDBStore(db_path) as default:
        assert limit(default) != capped_limit
    with pytest.raises(StoreError, match="memory limit 'lots'"):
        DuckDBStore(db_path, memory_limit="lots")


def test_postgresql_writers_take_turns(postgres_url: str) -> None:
    # Two processes ingesting the same corpus at once (two store objects, two connections):
    # each article is stored once, and neither batch fails on the other's rows.
    first, second = open_store(postgres_url), open_store(postgres_url)
    results: list[BatchResult] = []
    errors: list[BaseException] = []

    def ingest(store: Any) -> None:
        try:
            results.append(store.write_batch(sample_corpus()))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    first.close()
    assert errors == []
    assert sum(results, BatchResult(0, 0, 0)) == BatchResult(4, 4, 8)
    assert _row_counts(second) == {"articles": 4, "sentences": 9, "mentions": 3, "events": 8}
    second.close()
