"""Opening a store: a file path is DuckDB, a postgresql:// address PostgreSQL; the address keeps
its slashes from the environment to the store; psycopg is needed only for PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lagebild.settings import DEFAULT_STORE_MEMORY, Settings, store_location
from lagebild.store import DuckDBStore, StoreError, open_store
from lagebild.store.sql_store import SQLStore


def test_a_path_opens_duckdb_and_an_address_postgresql(db_path: Path, postgres_url: str) -> None:
    from lagebild.store.postgres_store import PostgresStore

    with open_store(str(db_path)) as by_text, open_store(postgres_url) as by_address:
        assert isinstance(by_text, DuckDBStore)
        assert isinstance(by_address, PostgresStore)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lagebild.duckdb", Path("lagebild.duckdb")),
        ("/srv/data/events.duckdb", Path("/srv/data/events.duckdb")),
        ("postgresql://analyst@db.example:5432/lagebild", "postgresql://analyst@db.example:5432/lagebild"),
        (" postgres://db/lagebild ", "postgres://db/lagebild"),
    ],
)
def test_store_location_keeps_addresses_as_text(typed: str, expected: Path | str) -> None:
    assert store_location(typed) == expected


def test_settings_read_the_address_and_the_memory_cap_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LAGEBILD_DB", "postgresql://analyst@db.example:5432/lagebild")
    monkeypatch.setenv("LAGEBILD_STORE_MEMORY", "512MiB")
    settings = Settings.from_env()
    assert settings.db == "postgresql://analyst@db.example:5432/lagebild"
    assert settings.store_memory_limit == "512MiB"
    assert Settings().store_memory_limit == DEFAULT_STORE_MEMORY
    assert Settings().db == Path("lagebild.duckdb")


@pytest.mark.parametrize("limit", ["lots", "", "1 GB of it", "-1GB"])
def test_a_memory_cap_that_is_no_size_is_refused(limit: str) -> None:
    with pytest.raises(ValueError, match="store_memory_limit"):
        Settings(store_memory_limit=limit)


def test_an_address_folded_into_a_path_is_refused() -> None:
    with pytest.raises(StoreError, match="pass it as text"):
        open_store(Path("postgresql://db.example/lagebild"))


def test_without_psycopg_lagebild_imports_and_an_address_names_the_extra(tmp_path: Path) -> None:
    # A fresh interpreter in which psycopg cannot be imported.
    code = (
        "import sys\n"
        "sys.modules['psycopg'] = None\n"
        "import lagebild.store, lagebild.api.app\n"
        "from lagebild.store import StoreError, open_store\n"
        f"open_store({str(tmp_path / 'plain.duckdb')!r}).close()\n"
        "try:\n"
        "    open_store('postgresql://analyst@127.0.0.1:1/lagebild')\n"
        "except StoreError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "pip install 'lagebild[postgresql]'" in done.stdout


def test_the_cli_and_the_api_read_a_store_by_its_address(filled: SQLStore, location: Path | str) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from lagebild.api import create_app
    from lagebild.cli import app

    filled.close()  # DuckDB: one process opens a file in one mode at a time
    address = str(location)
    done = CliRunner().invoke(app, ["events", "--db", address, "--format", "jsonl", "--actor", "NATO"])
    assert done.exit_code == 0, done.output
    ids = [json.loads(line)["event_id"] for line in done.stdout.splitlines()]
    assert ids == ["c-denial-e1", "a-nato-request-e1", "b-kaliningrad-e1", "b-kaliningrad-e2"]

    settings = Settings(db=address)
    with TestClient(create_app(settings.db, settings, process=lambda *_: None)) as client:  # type: ignore[arg-type]
        stats = client.get("/stats").json()
        page = client.get("/events", params={"actor": "NATO", "limit": 2}).json()
    assert (stats["events"], stats["articles"]) == (8, 4)
    assert [event["event_id"] for event in page["events"]] == ids[:2]
