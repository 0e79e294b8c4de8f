"""Reads keep working while the server's ingest queue writes: a real server, real threads."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from api_samples import KeywordCoder
from live import live_server

from lagebild.api import create_app
from lagebild.settings import Settings

ARTICLES = 240
TEXTS = [
    "Die Nato forderte Russland auf, die Manöver an der Grenze zu beenden. Beobachter sahen Entspannung.",
    "Polen lieferte Litauen weitere Ausrüstung. Moskau kritisierte die Lieferung scharf.",
    "Frankreich traf Polen in Warschau zu Beratungen über die Lage.",
]
EVENTS_PER_TEXT = [1, 2, 1]


def test_reads_succeed_during_a_large_ingest(tmp_path: Path) -> None:
    settings = Settings(api_token="t0k", batch_size=8)
    auth = {"Authorization": "Bearer t0k"}
    coder = KeywordCoder()

    def slow_process(article):  # a little work per article so reads overlap many write batches
        time.sleep(0.002)
        return coder.process(article)

    app = create_app(tmp_path / "busy.duckdb", settings, process=slow_process)
    articles = [
        {"id": f"art-{i:04d}", "published": f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": TEXTS[i % 3]}
        for i in range(ARTICLES)
    ]
    expected_events = sum(EVENTS_PER_TEXT[i % 3] for i in range(ARTICLES))
    failures: list[str] = []
    reads = 0
    counts: list[int] = []
    stop = threading.Event()
    lock = threading.Lock()

    with live_server(app) as base:

        def hammer(path: str) -> None:
            nonlocal reads
            with httpx.Client(base_url=base, timeout=30) as http:
                while not stop.is_set():
                    response = http.get(path)
                    with lock:
                        reads += 1
                        if response.status_code != 200:
                            failures.append(f"{path}: {response.status_code} {response.text[:200]}")
                        elif path == "/stats":
                            counts.append(response.json()["events"])

        readers = [
            threading.Thread(target=hammer, args=(path,))
            for path in ("/events?actor=RUS&limit=20", "/stats", "/actors", "/events?text=Lieferung")
        ]
        for reader in readers:
            reader.start()
        with httpx.Client(base_url=base, timeout=60) as http:
            # Two requests: one waits for its job, one is polled, as clients do.
            first = http.post("/articles", json=articles[: ARTICLES // 2], headers=auth)
            second = http.post("/articles?wait=true", json=articles[ARTICLES // 2 :], headers=auth)
            assert first.status_code == 202 and second.status_code == 200, second.text
            deadline = time.monotonic() + 60
            while http.get(f"/jobs/{first.json()['id']}").json()["status"] != "done":
                assert time.monotonic() < deadline
                time.sleep(0.05)
            stop.set()
            for reader in readers:
                reader.join(30)
            final = http.get("/stats").json()

    assert failures == []
    assert reads > 20
    assert final["articles"] == ARTICLES
    assert final["events"] == expected_events
    # Readers saw the store grow batch by batch, never a half-written batch going backwards.
    assert counts == sorted(counts)
    assert len(set(counts)) > 2
