"""A throwaway PostgreSQL server for the store tests, or the one ``LAGEBILD_TEST_POSTGRES`` names.

Without that variable the binaries are looked for on PATH and in /usr/lib/postgresql/*/bin; the
cluster is created in a temporary folder, listens on 127.0.0.1 on a free port (its socket in the
same folder) and is stopped and removed at the end of the session. PostgreSQL refuses to run as
root: as root, initdb and pg_ctl run as the ``postgres`` user, which then owns the folder.

Each test gets a schema of its own (dropped afterwards) and an address whose ``search_path``
points there, so tests neither see nor wait for each other's tables.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from glob import glob
from itertools import count
from pathlib import Path

ENV_URL = "LAGEBILD_TEST_POSTGRES"
SERVICE_USER = "postgres"
SUPERUSER = "lagebild"


@dataclass
class PostgresServer:
    """Where the tests' server listens, and the folder to remove when it is ours."""

    url: str
    data_dir: Path | None = None
    pg_ctl: Path | None = None
    run_as: str | None = None

    def __post_init__(self) -> None:
        self._schemas = count()

    @contextmanager
    def schema_url(self) -> Iterator[str]:
        """An address whose tables go into a new, empty schema (dropped afterwards)."""
        import psycopg

        name = f"test_{os.getpid()}_{next(self._schemas)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"'.encode())
        separator = "&" if "?" in self.url else "?"
        try:
            yield f"{self.url}{separator}options=-csearch_path%3D{name}"
        finally:
            with psycopg.connect(self.url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{name}" CASCADE'.encode())

    def stop(self) -> None:
        """Stop a server this module started and remove its folder."""
        if self.data_dir is None or self.pg_ctl is None:
            return
        _run([str(self.pg_ctl), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"], self.run_as)
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    candidates += [Path(p) for p in sorted(glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def unavailable_reason() -> str | None:
    """Why no server can be had here (None when one can)."""
    if importlib.util.find_spec("psycopg") is None:
        return "psycopg (pip install 'lagebild[postgresql]')"
    if os.environ.get(ENV_URL):
        return None
    if find_binaries() is None:
        return "PostgreSQL (initdb and pg_ctl, or LAGEBILD_TEST_POSTGRES)"
    if os.geteuid() == 0 and _service_user() is None:
        return f"a '{SERVICE_USER}' user to run PostgreSQL as (it refuses to run as root)"
    return None


def start() -> PostgresServer:
    """The server of ``LAGEBILD_TEST_POSTGRES``, or a new one in a temporary folder."""
    url = os.environ.get(ENV_URL)
    if url:
        return PostgresServer(url)
    binaries = find_binaries()
    assert binaries is not None
    run_as = SERVICE_USER if os.geteuid() == 0 else None
    home = Path(tempfile.mkdtemp(prefix="lagebild-pg-"))
    data_dir = home / "data"
    if run_as is not None:
        user = _service_user()
        assert user is not None
        os.chown(home, user.pw_uid, user.pw_gid)
    port = _free_port()
    initdb = [str(binaries / "initdb"), "-D", str(data_dir), "-U", SUPERUSER, "--auth=trust"]
    _run([*initdb, "--encoding=UTF8", f"--locale={_locale()}", "--no-sync"], run_as)
    # Speed over durability: the data is thrown away at the end anyway.
    options = (
        f"-k {home} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    pg_ctl = binaries / "pg_ctl"
    _run([str(pg_ctl), "-D", str(data_dir), "-l", str(home / "log"), "-o", options, "-w", "start"], run_as)
    server = PostgresServer(f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres", data_dir, pg_ctl, run_as)
    return server


def _service_user() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        return None


def _locale() -> str:
    """C.UTF-8 where the system has it (code-point order with Unicode case folding), else C."""
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.split()
    return "C.UTF-8" if {"C.UTF-8", "C.utf8"} & set(listed) else "C"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], run_as: str | None) -> None:
    """Run a PostgreSQL command, as ``run_as`` when given; fail with its output."""
    if run_as is not None and shutil.which("runuser"):
        command = ["runuser", "-u", run_as, "--", *command]
    elif run_as is not None:
        command = ["su", run_as, "-s", "/bin/sh", "-c", shlex.join(command)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
