"""Measuring a child process and everything it starts: wall time, CPU time and resident memory.

A command may start worker processes (``ingest --workers``, a local Ray instance), so memory is
sampled over the whole process tree from ``/proc`` several times a second: the peak of the sum
(what the machine has to hold) and the peak of the largest single process. CPU time is that of
the children this process waited for (``getrusage``, which includes their own waited-for
children) or, when larger, the sum over every process of the tree seen while sampling (a
process that is never waited for, such as a detached Ray worker, is counted up to its last
sample). Linux only.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.25


@dataclass
class Measured:
    """What one run of a command cost."""

    wall: float
    cpu: float
    peak_tree_mb: float
    peak_process_mb: float
    returncode: int
    stderr_tail: str = ""


@dataclass
class TreeSampler:
    """Samples the memory and CPU of a process and its descendants in a background thread."""

    root: int
    peak_tree: int = 0
    peak_process: int = 0
    cpu_ticks: dict[int, int] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin sampling."""
        self._thread = threading.Thread(target=self._loop, name="tree-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End sampling and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_SECONDS)

    def sample(self) -> None:
        """Take one sample of the tree's resident memory and CPU ticks."""
        total = 0
        for pid in descendants(self.root):
            rss, ticks = process_rss_and_ticks(pid)
            total += rss
            self.peak_process = max(self.peak_process, rss)
            if ticks:
                self.cpu_ticks[pid] = max(ticks, self.cpu_ticks.get(pid, 0))
        self.peak_tree = max(self.peak_tree, total)

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds of every process seen, up to its last sample."""
        return sum(self.cpu_ticks.values()) / TICKS


def children_of(pid: int) -> list[int]:
    """The direct children of a process (every thread's children), empty when it is gone."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            found.extend(int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split())
        except OSError:
            continue
    return found


def descendants(root: int) -> list[int]:
    """A process and all its descendants that are alive now."""
    seen, todo = [], [root]
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo.extend(children_of(pid))
    return seen


def process_rss_and_ticks(pid: int) -> tuple[int, int]:
    """Resident bytes and CPU clock ticks (user + system) of a process; zeros when it is gone."""
    try:
        resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, IndexError, ValueError):
        return 0, 0
    # The command name may hold spaces: the fields that follow start after its closing bracket.
    fields = stat[stat.rfind(")") + 2 :].split()
    return resident, int(fields[11]) + int(fields[12])


def run_measured(
    command: Sequence[str],
    env: dict[str, str] | None = None,
    stdout: int | IO[bytes] | None = subprocess.DEVNULL,
    cwd: Path | None = None,
) -> Measured:
    """Run ``command`` to its end while sampling its process tree; stderr's tail is kept."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd) as child:
        sampler = TreeSampler(child.pid)
        sampler.start()
        tail = _drain_tail(child.stderr)
        returncode = child.wait()
        sampler.stop()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(
        wall=wall,
        cpu=max(waited, sampler.cpu_seconds),
        peak_tree_mb=sampler.peak_tree / 1e6,
        peak_process_mb=sampler.peak_process / 1e6,
        returncode=returncode,
        stderr_tail=tail,
    )


def _drain_tail(stream: IO[bytes] | None, keep: int = 4000) -> str:
    """Read a stream to its end (so the child never blocks on it), keeping its last characters."""
    if stream is None:
        return ""
    tail = b""
    for chunk in iter(lambda: stream.read(65536), b""):
        tail = (tail + chunk)[-keep:]
    return tail.decode("utf-8", "replace")


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile (0..1) by linear interpolation; the maximum for ``share`` = 1."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


def rss_of(pid: int) -> tuple[float, float]:
    """Current and peak resident memory of one process in MB (``VmRSS``, ``VmHWM``)."""
    found = {"VmRSS": 0.0, "VmHWM": 0.0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in found:
                found[key] = int(value.split()[0]) * 1024 / 1e6
    except OSError:
        pass
    return found["VmRSS"], found["VmHWM"]


def machine_load() -> str:
    """The load averages over 1, 5 and 15 minutes and the number of cores, as text."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
