"""Phone-policy commands on a term of data: how long each one takes.

    python -m bench.policy [--pupils 210] [--repeat 5] [--dir PATH]

Builds a roster (a one-form-entry primary by default) and a term of phones through the
real services (tests/policy/term_data.py: autumn 2026, about 3 phones handed in and 0.8
confiscated a school day, 1.5 visitors), then times each command in-process (median of
--repeat runs, milliseconds) and once as a fresh `kiosk` process (wall clock, including
Python's start-up, which is what the office waits for over SSH). Also the touchscreen's
writes with the roster and the term in the store, and what the roster's size costs a
sign-in (nothing, since issue 22: bench/store.py has the store's own figures). Nothing
is asserted; the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from kiosk.cli.main import main
from kiosk.config import load_config
from kiosk.domain.clock import FakeClock
from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.visitors.sign_in import sign_in
from kiosk.store import RecordStore
from tests.policy.term_data import (
    STAFF_ID,
    QuietHardware,
    load_roster,
    primary_roster,
    roster_csv,
    seed_term,
)

NOW = "2026-11-25T15:30:00"
RULES = make_rules("Phones in the foyer only.", "bench")
VISITOR = VisitorDetails("visitor", "Bench Visitor", "Bench Ltd", "Mrs Khan", "")


def context_for(folder: Path, now: str) -> KioskContext:
    config = load_config()
    config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
    return KioskContext(config, RecordStore.open(folder, config.tz), FakeClock(now))


def build(folder: Path, pupils: int) -> dict[str, int]:
    context = context_for(folder, "2026-09-01T09:00:00")
    original = os.fsync
    os.fsync = lambda fd: None  # building the data is not what is measured
    try:
        load_roster(context, size=pupils)
        scale = pupils / 210  # a bigger school hands in proportionally more phones
        return seed_term(context, arrivals_per_day=3.0 * scale, confiscations_per_day=0.8 * scale)
    finally:
        os.fsync = original


def timed(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cli(folder: Path, *args: str) -> Callable[[], None]:
    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main([*args, "--data-dir", str(folder)])
        if code != 0:
            raise SystemExit(f"kiosk {' '.join(args)} failed with {code}")

    return run


def process(folder: Path, *args: str) -> float:
    env = {**os.environ, "KIOSK_FAKE_NOW": NOW}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kiosk", *args, "--data-dir", str(folder)],
        check=True, capture_output=True, env=env,
    )  # fmt: skip
    return (time.perf_counter() - start) * 1000


def commands(base: Path, csv_path: Path) -> list[tuple[str, tuple[str, ...]]]:
    out = base / "out"
    out.mkdir(exist_ok=True)
    return [
        ("re-import, no changes", ("pupils", "import", str(csv_path))),
        ("", ("pupils", "list")),
        ("current term, text", ("report", "phones")),
        ("current term, csv", ("report", "phones", "--format", "csv")),
        ("the term, csv", ("export", "incidents", "--since", "2026-09-01")),
        ("one day", ("letters", "--date", "2026-11-24", "--output", str(out / "letters.html"),
                     "--force")),
        ("current term", ("evidence", "--output", str(out / "evidence.html"), "--force")),
    ]  # fmt: skip


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pupils", type=int, default=210)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(dir=args.dir))
    folder = base / "data"
    folder.mkdir()
    try:
        counts = build(folder, args.pupils)
        csv_path = base / "roster.csv"
        csv_path.write_text(roster_csv(primary_roster(size=args.pupils)))
        os.environ["KIOSK_FAKE_NOW"] = NOW
        roster_kb = sum(p.stat().st_size for p in (folder / "tables").glob("pupils-*.json")) / 1024
        print(f"# Phone policy commands on a term of data (Python {platform.python_version()})")
        print(
            f"roster {args.pupils} pupils; term: {counts['days']} school days, "
            f"{counts['arrivals']} phones handed in, {counts['confiscations']} confiscated, "
            f"{counts['visits']} visits, {counts['openings']} store openings; "
            f"roster table {roster_kb:.0f} KB\n"
        )
        print("| command | what | in-process median ms | fresh `kiosk` process ms |")
        print("|---|---|---:|---:|")
        for label, command in commands(base, csv_path):
            inner = timed(cli(folder, *command), args.repeat)
            outer = process(folder, *command)
            words = [w for w in command[:2] if not w.startswith("-")]
            print(f"| `kiosk {' '.join(words)}` | {label} | {inner:.1f} | {outer:.0f} |")

        # The touchscreen's writes, with the roster and the term in the store.
        context = context_for(folder, "2026-11-25T10:00:00")
        sign_in_ms = timed(lambda: sign_in(context, VISITOR, RULES), args.repeat)
        pupil = primary_roster(size=args.pupils)[-1]
        bags = iter(range(1, 10_000))

        def store() -> None:
            form = check_phone_form(pupil.name, pupil.class_name, "phone", f"BAG-{next(bags)}",
                                    "confiscated", False, pupil_id=pupil.id)  # fmt: skip
            store_phone(context, QuietHardware(), form, STAFF_ID)

        store_ms = timed(store, args.repeat)
        print("\n| touchscreen write | median ms |")
        print("|---|---:|")
        print(f"| sign-in, with this roster and term in the store | {sign_in_ms:.1f} |")
        print(f"| store a confiscated phone (rule counted, record, audit) | {store_ms:.1f} |")

        # The roster has a file of its own, which no touchscreen write touches (issue 22;
        # before, it lived in live.json, which every write rewrote): what its size costs.
        print("\n| pupils on the roster | roster table KB | sign-in median ms |")
        print("|---:|---:|---:|")
        for size in (0, 210, 1000):
            sized = base / f"roster-{size}"
            sized.mkdir()
            bare = context_for(sized, "2026-11-25T10:00:00")
            if size:
                load_roster(bare, size=size)
            ms = timed(lambda bare=bare: sign_in(bare, VISITOR, RULES), max(args.repeat, 21))
            kb = sum(p.stat().st_size for p in sized.glob("tables/pupils-*.json")) / 1024
            print(f"| {size} | {kb:.0f} | {ms:.1f} |")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main_bench()
