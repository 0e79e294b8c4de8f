"""The Ray engine on a local Ray instance of 2 CPUs stores and writes exactly what a serial run
gives: the same store contents, the same problems, and Parquet parts holding the rows that
``extract`` prints."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from scale_helpers import SerialRun, news_records, problem_lines, store_contents, write_jsonl
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.store.export import json_row
from support import require

# Ray Data's own configuration object warns about its deprecated fields when it is copied.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    """One local Ray instance for the module (2 CPUs, no dashboard, no usage reports)."""
    require(importlib.util.find_spec("ray") is not None, "ray (pip install 'lagebild[ray]')")
    import ray

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        object_store_memory=128 * 1024 * 1024,
        logging_level="ERROR",
    )
    yield ray
    ray.shutdown()


def test_ray_stores_and_writes_what_a_serial_run_gives(
    local_ray: Any, serial_run: SerialRun, tmp_path: Path
) -> None:
    db, parts = tmp_path / "ray.duckdb", tmp_path / "parts"
    command = ["ingest", str(serial_run.corpus), "--db", str(db), "--engine", "ray", "--workers", "2"]
    result = CliRunner().invoke(app, [*command, "--parquet-dir", str(parts)])
    assert result.exit_code == 0, result.output
    assert problem_lines(result.stderr) == serial_run.ingest_problems
    assert store_contents(db) == store_contents(serial_run.db)

    expected = [json.loads(line) for line in serial_run.extract_output.splitlines()]
    files = sorted(parts.glob("part-*.parquet"))
    assert len(files) == 3  # blocks of 16, 32 and the remaining 13 articles
    rows = [row for path in files for row in pq.read_table(path).to_pylist()]
    assert [json.loads(json.dumps(json_row(row), ensure_ascii=False)) for row in rows] == expected
    assert len(expected) > 30


def test_a_used_parquet_folder_is_refused(local_ray: Any, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", news_records(1))
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "part-00000.parquet").write_bytes(b"earlier run")
    command = ["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"), "--engine", "ray"]
    result = CliRunner().invoke(app, [*command, "--parquet-dir", str(tmp_path / "parts")])
    assert result.exit_code == 1
    assert "holds Parquet parts of an earlier run" in result.stderr


def test_without_ray_the_engine_names_the_extra_and_lagebild_still_imports(tmp_path: Path) -> None:
    # A stand-in for an environment without the extra: importing ray fails.
    script = (
        "import sys\n"
        "sys.modules['ray'] = None\n"
        "from typer.testing import CliRunner\n"
        "from lagebild.cli import app\n"
        "import lagebild.scale.ray_engine\n"
        f"result = CliRunner().invoke(app, ['ingest', {str(tmp_path / 'none.jsonl')!r}, "
        f"'--db', {str(tmp_path / 's.duckdb')!r}, '--engine', 'ray'])\n"
        "print(result.exit_code)\n"
        "print(result.stderr)\n"
    )
    (tmp_path / "none.jsonl").write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    status, message = done.stdout.split("\n", 1)
    assert status == "1"
    assert "pip install 'lagebild[ray]'" in message
