"""Archive and audit crash benchmark: how many kills leave a lie behind (issue 9.1 and 9.2).

    python -m bench.archive_crash [--children 200] [--seed 5] [--modes after-journal,...]

For each kill point (tests/store/archive_crash_writer.py: just before or after a journal
line, after a history or audit month append, inside a checkpoint, after a random number of
writes) it runs that many writer processes, each SIGKILLing itself at that point, into one
data folder, then counts what issue 9 counted: acknowledged changes lost or replaced,
records open in live.json and closed in a history file, audit entries for records that do
not exist, and whether `kiosk audit verify` and `kiosk check` are clean. Nothing is
asserted: the table goes in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.store import RecordStore

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "tests" / "store" / "archive_crash_writer.py"
MODES = (
    "before-journal",
    "after-journal",
    "after-history",
    "after-audit",
    "in-checkpoint",
    "random",
)  # the harness's kill points (tests/store/archive_crash_writer.py)
CLOSING = {"visits": "signed_out_at", "phones": "returned_at"}
TZ = ZoneInfo("Europe/London")


def run(folder: Path, children: int, seed: int, mode: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(HARNESS), str(folder), str(children), str(seed), mode],
        capture_output=True, text=True, cwd=ROOT, check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return json.loads(result.stdout)


def count(folder: Path, report: dict) -> dict[str, int | str]:
    store = RecordStore(folder, TZ)
    lost = replaced = both = acknowledged = 0
    every_id: set[str] = set()
    pupils = {r["id"]: r for r in store.live("pupils")}
    for pupil_id, surname in report["state"].pop("pupils", {}).items():
        if surname != "maybe":
            acknowledged += 1
            lost += pupil_id not in pupils
            replaced += pupil_id in pupils and pupils[pupil_id]["surname"] != surname
    every_id |= set(pupils)
    for kind, states in report["state"].items():
        seen = {r["id"]: r for r in store.records(kind)}
        every_id |= set(seen)
        open_now = {r["id"] for r in store.live(kind)}
        in_history = {r["id"] for m in store.months(kind) for r in store.history(kind, m)}
        both += len(open_now & in_history)
        for record_id, state in states.items():
            if state == "maybe":
                continue
            acknowledged += 1
            if record_id not in seen:
                lost += 1
                continue
            now = "open" if record_id in open_now else seen[record_id].get(CLOSING[kind])
            replaced += now != state
    phantoms = sum(1 for e in store.audit_entries() if e["record_id"] not in every_id)
    return {
        "acknowledged": acknowledged,
        "lost": lost,
        "replaced": replaced,
        "open+closed": both,
        "phantom audit": phantoms,
        "verify": "intact" if store.verify_audit().intact else "BROKEN",
        "check": "ok" if not store.check() else "PROBLEMS",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--modes", default=",".join(MODES))
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}")
    header = ("kill point", "kills", "acknowledged", "lost", "replaced", "open+closed",
              "phantom audit", "verify", "check", "seconds")  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for mode in args.modes.split(","):
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
            started = time.perf_counter()
            report = run(Path(folder), args.children, args.seed, mode)
            seconds = time.perf_counter() - started
            counts = count(Path(folder), report)
        row = [mode, report["kills"], *counts.values(), f"{seconds:.0f}"]
        print("| " + " | ".join(str(cell) for cell in row) + " |", flush=True)


if __name__ == "__main__":
    main()
