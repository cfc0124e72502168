"""A CPU quota for benchmark processes: a stand-in for a slower machine such as a Pi 4.

A quota of 0.25 lets the processes in a cgroup run 2.5 ms in every 10 ms period, a quarter
of one core, however many cores the machine has. It needs root and a cgroup hierarchy with
the cpu controller: cgroup v1 (`/sys/fs/cgroup/cpu/`, cpu.cfs_period_us and
cpu.cfs_quota_us) or cgroup v2 (`cpu.max`, "2500 10000"). Where neither can be set up,
`cpu_quota` yields the reason instead, so the benchmark can say so and carry on.

Only the processes the benchmark spawns into the group are limited (each child writes its
own pid into the group before it runs Python), not the benchmark's parent process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

PERIOD_US = 10_000  # 10 ms: short enough that a 2.5 ms slice shows up as latency, as on a Pi
V1_CPU = Path("/sys/fs/cgroup/cpu")
V2_ROOTS = (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified"))


@dataclass
class Quota:
    """A cgroup with a CPU quota; `enter` puts the calling process in it (a preexec_fn)."""

    fraction: float
    folder: Path
    kind: str  # "cgroup v1" or "cgroup v2"

    def enter(self) -> None:
        (self.folder / "cgroup.procs").write_text(str(os.getpid()))

    def throttled(self) -> int:
        """Periods in which the group used up its quota and waited: proof the quota bit."""
        with suppress(OSError):
            for line in (self.folder / "cpu.stat").read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "nr_throttled":
                    return int(value)
        return 0

    def describe(self) -> str:
        quota_us = round(self.fraction * PERIOD_US)
        return f"{self.kind} CPU quota {quota_us} us per {PERIOD_US} us ({self.fraction:g} core)"


def _v1(fraction: float, name: str) -> Quota:
    folder = V1_CPU / name
    folder.mkdir()
    (folder / "cpu.cfs_period_us").write_text(str(PERIOD_US))
    (folder / "cpu.cfs_quota_us").write_text(str(round(fraction * PERIOD_US)))
    return Quota(fraction, folder, "cgroup v1")


def _v2_root() -> Path | None:
    for root in V2_ROOTS:
        controllers = root / "cgroup.controllers"
        if controllers.exists() and "cpu" in controllers.read_text().split():
            return root
    return None


def _v2(fraction: float, name: str, root: Path) -> Quota:
    control = root / "cgroup.subtree_control"
    if "cpu" not in control.read_text().split():
        control.write_text("+cpu")
    folder = root / name
    folder.mkdir()
    (folder / "cpu.max").write_text(f"{round(fraction * PERIOD_US)} {PERIOD_US}")
    return Quota(fraction, folder, "cgroup v2")


def why_not(reason: str, error: OSError | None = None) -> str:
    return f"{reason}: {error.strerror or error}" if error else reason


@contextmanager
def cpu_quota(fraction: float) -> Iterator[Quota | str]:
    """A Quota to spawn processes into, or a sentence saying why there is none here."""
    if not 0 < fraction <= os.cpu_count():  # type: ignore[operator]
        yield f"a CPU quota must be above 0 and at most {os.cpu_count()} cores"
        return
    if os.geteuid() != 0:
        yield "a CPU quota needs root (it creates a cgroup); run as root to measure at quota"
        return
    name = f"kiosk-bench-{os.getpid()}"
    quota: Quota | str
    v2_root = _v2_root()
    try:
        if (V1_CPU / "cpu.cfs_quota_us").exists():
            quota = _v1(fraction, name)
        elif v2_root is not None:
            quota = _v2(fraction, name, v2_root)
        else:
            quota = "no cgroup hierarchy with the cpu controller (cgroup v1 cpu or v2 cpu.max)"
    except OSError as error:
        quota = why_not("could not set up a cgroup CPU quota", error)
    try:
        yield quota
    finally:
        if isinstance(quota, Quota):
            # Every process spawned into it has exited by now; an empty cgroup can be removed.
            with suppress(OSError):
                quota.folder.rmdir()


def preexec_for(quota: Quota | None) -> Callable[[], None] | None:
    return quota.enter if quota is not None else None
