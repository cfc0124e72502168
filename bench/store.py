"""Record store benchmark: our store beside SQLite, at the end of the busiest month of a term.

    python -m bench.store [--pupils 1500] [--flat 210,5000] [--ops 400] [--dir PATH] [--quick]

Builds a school's autumn term through the real services (bench/policy.py's `build`: the
roster, then every school day's phones handed in and confiscated, visitors signed in and out,
close-day), up to the last school day of November, with 100 regular visitors and 120 staff,
and copies the same records into SQLite (WAL, synchronous=FULL, the indexes each action
needs). Then, in the same run, --ops of each touchscreen action in each store:

- sign-in: a visitor's record (ours: the service, as the kiosk calls it);
- sign-out: the visit closed;
- phone stored: a confiscated phone, counted against the pupil's term (the rule), the record
  and its hash-chained audit entry.

The stores take turns action by action, so a busy machine weighs on both alike. Times are
median milliseconds; bytes are what the process handed to write() (Linux /proc/self/io), as
the mean over all --ops actions so that checkpoints are counted (SQLite's every 1,000 WAL
pages, inside an action; ours every 256 KB of journal, which the kiosk makes from its
heartbeat, shared out over the actions); flushes are ours, counted at os.fsync and
os.fdatasync. Then the same actions with --flat roster sizes (times and bytes must not
grow), and `kiosk pupils import` of 5,000 rows: its time, how long it holds the store's lock,
and how long a sign-in in another process waits meanwhile. Nothing is asserted: the figures
go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.policy import context_for
from kiosk.config import load_config
from kiosk.domain.audit_chain import make_entry
from kiosk.domain.clock import month_key
from kiosk.domain.escalation import pupil_key
from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import for_touchscreen
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.regulars.regular_visitors import add_regular
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit
from kiosk.store import RecordStore
from kiosk.store import file_lock as file_lock_module
from tests.policy.term_data import (
    STAFF_ID,
    QuietHardware,
    load_roster,
    primary_roster,
    roster_csv,
    seed_term,
)

LAST_DAY = date(2026, 11, 30)  # the last school day of November, the term's busiest month
NOW = "2026-11-30T10:00:00"
END_OF_DAY = "2026-11-30T17:30:00"
RULES = make_rules("Phones in the foyer only.", "bench")
VISITOR = VisitorDetails("visitor", "Bench Visitor", "Bench Ltd", "Mrs Khan", "AB12 CDE")
STAFF = 120
REGULARS = 100
PHONES_PER_PUPIL_DAY = 40 / 1500  # the developers' guide: 40 phones a day at 1,500 pupils
VISITORS_PER_PUPIL_DAY = 200 / 1500  # and 200 visitors


def written_bytes() -> int:
    """Bytes this process has handed to write() so far (Linux /proc/self/io wchar)."""
    try:
        with open("/proc/self/io") as handle:
            for line in handle:
                if line.startswith("wchar:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Flushes:
    """fsync and fdatasync calls, counted while installed."""

    def __init__(self) -> None:
        self.count = 0
        self._real = (os.fsync, getattr(os, "fdatasync", os.fsync))

    @contextlib.contextmanager
    def counting(self) -> Iterator[None]:
        real_fsync, real_fdatasync = self._real

        def fsync(fd: int) -> None:
            self.count += 1
            real_fsync(fd)

        def fdatasync(fd: int) -> None:
            self.count += 1
            real_fdatasync(fd)

        os.fsync, os.fdatasync = fsync, fdatasync
        try:
            yield
        finally:
            os.fsync, os.fdatasync = real_fsync, real_fdatasync


@dataclass
class Samples:
    times: list[float] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)
    flushes: list[int] = field(default_factory=list)

    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    def mean_bytes(self) -> float:
        return statistics.mean(self.bytes)


def timed(samples: Samples, action: Callable[[], Any], flushes: Flushes | None = None) -> Any:
    """Run `action`, adding its time, bytes written and (ours) flushes to `samples`."""
    before_flushes = flushes.count if flushes else 0
    before = written_bytes()
    start = time.perf_counter()
    result = action()
    samples.times.append(time.perf_counter() - start)
    samples.bytes.append(written_bytes() - before)
    if flushes is not None:
        samples.flushes.append(flushes.count - before_flushes)
    return result


# --- building a term ----------------------------------------------------------------------


def build(
    folder: Path, pupils: int, first_day: date = date(2026, 9, 3), activity: int | None = None
) -> dict[str, int]:
    """A term of a school with `pupils` on the roster, through the services (flushes off:
    building is not what is measured). Phones and visitors a day as at a school of
    `activity` pupils (default: this one)."""
    activity = activity or pupils
    context = context_for(folder, "2026-09-01T08:00:00")
    original = os.fsync, os.fdatasync
    os.fsync = os.fdatasync = lambda fd: None
    try:
        load_roster(context, size=pupils)
        with context.store.transaction() as tx:  # staff: records as `kiosk staff add` writes
            for n in range(STAFF):
                tx.insert("staff", {
                    "id": f"S-BENCH{n:07d}", "name": f"Staff Member {n}", "is_admin": n == 0,
                    "pin_hash": "scrypt-hmac$16384$8$1$" + "k" * 22 + "$" + "h" * 44,
                    "active": True, "created_at": "2026-09-01T08:00:00+01:00", "pin_weak": "",
                })  # fmt: skip
        for n in range(REGULARS):
            name = f"Regular {chr(65 + n // 26)}{chr(97 + n % 26)}"  # letters only
            add_regular(context, name, "contractor", "Cleaning Co", "Office")
        counts = seed_term(
            context,
            first_day=first_day,
            last_day=LAST_DAY - timedelta(days=1),
            arrivals_per_day=activity * PHONES_PER_PUPIL_DAY * 0.8,
            confiscations_per_day=activity * PHONES_PER_PUPIL_DAY * 0.2,
            visitors_per_day=activity * VISITORS_PER_PUPIL_DAY,
        )
        context.store.checkpoint()
    finally:
        os.fsync, os.fdatasync = original
    return counts


# --- the two stores -----------------------------------------------------------------------


class Ours:
    name = "ours (journal + month files)"

    def __init__(self, folder: Path, pupils: int) -> None:
        self.roster = primary_roster(size=pupils)
        self.context = for_touchscreen(context_for(folder, NOW))
        self.clock = self.context.clock
        self.hardware = QuietHardware()
        self.bags = iter(range(10_000, 100_000))

    def pupil(self, n: int) -> Any:
        return self.roster[n % len(self.roster)]

    def sign_in(self) -> str:
        return sign_in(self.context, VISITOR, RULES).id

    def sign_out(self, visit_id: str) -> None:
        sign_out_visit(self.context, visit_id, "name")

    def store_phone(self, pupil: Any) -> None:
        form = check_phone_form(
            pupil.name, pupil.class_name, "black phone", f"BAG-{next(self.bags)}",
            "confiscated", False, pupil_id=pupil.id,
        )  # fmt: skip
        store_phone(self.context, self.hardware, form, STAFF_ID)


class SQLite:
    name = "sqlite3 (WAL, synchronous=FULL)"

    def __init__(self, folder: Path, source: RecordStore, pupils: int) -> None:
        self.roster = primary_roster(size=pupils)
        self.tz = source.tz
        self.db = sqlite3.connect(folder / "kiosk.sqlite3", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        for statement in (
            "CREATE TABLE visits (id TEXT PRIMARY KEY, month TEXT, open INTEGER, data TEXT)",
            "CREATE INDEX open_visits ON visits(open)",
            "CREATE TABLE phones (id TEXT PRIMARY KEY, month TEXT, open INTEGER, bag TEXT,"
            " pupil TEXT, term TEXT, reason TEXT, data TEXT)",
            "CREATE INDEX held_bags ON phones(open, bag)",
            "CREATE INDEX counted ON phones(pupil, term, reason)",
            "CREATE TABLE audit (seq INTEGER PRIMARY KEY, month TEXT, data TEXT)",
            "CREATE TABLE ref (kind TEXT, id TEXT, data TEXT, PRIMARY KEY (kind, id))",
        ):
            self.db.execute(statement)
        self.db.execute("BEGIN")
        for record in source.records("visits"):
            self._visit(record)
        for record in source.records("phones"):
            self._phone(record)
        for entry in source.audit_entries():
            self._audit(entry)
        for kind in ("pupils", "staff", "regulars", "letters"):
            for record in source.live(kind):
                self.db.execute(
                    "INSERT INTO ref VALUES (?, ?, ?)", (kind, record["id"], json.dumps(record))
                )
        self.db.execute("COMMIT")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.template = source.records("visits")[-1]
        self.n = 0

    def _visit(self, record: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO visits VALUES (?, ?, ?, ?)",
            (record["id"], month_key(record["signed_in_at"], self.tz),
             int(not record.get("signed_out_at")), json.dumps(record)),
        )  # fmt: skip

    def _phone(self, record: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO phones VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (record["id"], month_key(record["stored_at"], self.tz),
             int(not record.get("returned_at")), record.get("bag_label", ""),
             pupil_key(record.get("pupil_id", ""), record.get("pupil_name", "")),
             record.get("term", ""), record.get("reason", ""), json.dumps(record)),
        )  # fmt: skip

    def _audit(self, entry: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT INTO audit VALUES (?, ?, ?)",
            (entry["seq"], month_key(entry["at"], self.tz), json.dumps(entry)),
        )

    def pupil(self, n: int) -> Any:
        return self.roster[n % len(self.roster)]

    def sign_in(self) -> str:
        self.n += 1
        record = dict(self.template, id=f"V-SQL{self.n:08d}", signed_out_at="", name="B V")
        record["signed_in_at"] = datetime.fromisoformat(NOW).astimezone(self.tz).isoformat()
        with self.db:
            self._visit(record)
        return record["id"]

    def sign_out(self, visit_id: str) -> None:
        with self.db:
            (data,) = self.db.execute(
                "SELECT data FROM visits WHERE id = ?", (visit_id,)
            ).fetchone()
            record = json.loads(data)
            record.update(signed_out_at=record["signed_in_at"], signed_out_by="name")
            self._visit(record)

    def store_phone(self, pupil: Any) -> None:
        self.n += 1
        at = datetime.fromisoformat(NOW).astimezone(self.tz).isoformat()
        key = pupil_key(pupil.id, pupil.name)
        with self.db:
            bag = f"BAG-S{self.n}"
            if self.db.execute(
                "SELECT 1 FROM phones WHERE open = 1 AND bag = ?", (bag,)
            ).fetchone():
                raise ValueError("bag in use")
            (count,) = self.db.execute(
                "SELECT count(*) FROM phones WHERE pupil = ? AND term = ? AND reason = ?",
                (key, "2026-1", "confiscated"),
            ).fetchone()
            record = {
                "id": f"P-SQL{self.n:08d}", "pupil_name": pupil.name, "pupil_id": pupil.id,
                "class_name": pupil.class_name, "description": "black phone", "bag_label": bag,
                "reason": "confiscated", "stored_at": at, "stored_by": STAFF_ID, "term": "2026-1",
                "count_in_term": count + 1, "returned_at": "",
            }  # fmt: skip
            self._phone(record)
            (last,) = self.db.execute("SELECT data FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            self._audit(make_entry(json.loads(last), at, STAFF_ID, "phone-stored", record["id"],
                                   "confiscated; bag " + bag))  # fmt: skip


# --- measuring ----------------------------------------------------------------------------

ACTIONS = ("sign-in", "sign-out", "phone stored")


def run_actions(stores: dict[str, Any], ops: int) -> dict[str, Any]:
    """Each action `ops` times in every store, taking turns (one of each store's, then the
    next...) so that whatever else the machine does weighs on all alike. Our stores'
    checkpoints (made by the kiosk's heartbeat, not by a tap) are counted apart."""
    flushes = Flushes()
    samples = {name: {action: Samples() for action in ACTIONS} for name in stores}
    upkeep = {name: Samples() for name, store in stores.items() if isinstance(store, Ours)}
    ids: dict[str, list[str]] = {name: [] for name in stores}

    def each(action: str, run: Callable[[str, Any, int], Any]) -> None:
        for n in range(ops):
            for name, store in stores.items():
                ours = isinstance(store, Ours)
                if ours:
                    store.clock.advance(seconds=1)
                step = lambda name=name, store=store, n=n: run(name, store, n)  # noqa: E731
                result = timed(samples[name][action], step, flushes if ours else None)
                if action == "sign-in":
                    ids[name].append(result)
                if ours and store.context.store.checkpoint_due():
                    timed(upkeep[name], store.context.store.checkpoint, flushes)

    with flushes.counting():
        each("sign-in", lambda name, store, n: store.sign_in())
        each("sign-out", lambda name, store, n: store.sign_out(ids[name][n]))
        each("phone stored", lambda name, store, n: store.store_phone(store.pupil(n)))
    return {"samples": samples, "upkeep": upkeep, "ops": ops}


def prepare_school(root: Path, pupils: int, activity: int | None = None) -> dict[str, Any]:
    folder = root / (f"school-{pupils}" + ("-flat" if activity else ""))
    folder.mkdir()
    started = time.perf_counter()
    counts = build(folder, pupils, activity=activity)
    built_s = time.perf_counter() - started
    sizes = {
        "tables (pupils, staff, regulars, letters)": sum(
            p.stat().st_size for p in (folder / "tables").glob("*.json")
        ),
        "live.json": (folder / "live.json").stat().st_size,
        "history, November": sum(p.stat().st_size for p in folder.glob("history/*-2026-11.jsonl")),
        "audit, November": (folder / "audit" / "audit-2026-11.jsonl").stat().st_size,
    }
    return {"folder": folder, "counts": counts, "built_s": built_s, "pupils": pupils,
            "sizes": sizes}  # fmt: skip


# --- how long commands hold the store's lock -----------------------------------------------


@contextlib.contextmanager
def lock_holds() -> Iterator[list[float]]:
    """Every hold of the store's lock in this process, in seconds, while active."""
    import kiosk.store.conversion as conversion
    import kiosk.store.record_store as record_store

    holds: list[float] = []
    real = file_lock_module.exclusive_lock

    @contextlib.contextmanager
    def timed_lock(path: Path, wait: float = 30.0) -> Iterator[None]:
        with real(path, wait):
            start = time.perf_counter()
            try:
                yield
            finally:
                holds.append(time.perf_counter() - start)

    record_store.exclusive_lock = conversion.exclusive_lock = timed_lock
    try:
        yield holds
    finally:
        record_store.exclusive_lock = conversion.exclusive_lock = real


def measure_commands(root: Path, school: Path) -> dict[str, tuple[int, float]]:
    """Admin commands run in-process on a copy of the term: (lock holds, longest hold s)."""
    from kiosk.cli.main import main as kiosk_main

    folder = root / "commands"
    shutil.copytree(school, folder)
    layout1 = root / "layout1"
    shutil.copytree(Path(__file__).resolve().parent.parent / "tests/store/layout1/data", layout1)
    commands = {
        # At the end of the school day: the actions measured above signed visitors in after
        # NOW, and close-day refuses a clock before the newest sign-in (issue 21).
        "close-day --now": (END_OF_DAY, ["close-day", "--now"]),
        "letters (a day's letters home, logged)": (
            NOW,
            ["letters", "--date", "2026-11-27", "--output", str(root / "letters.html"), "--force"],
        ),
        "export visits (reads only)": (NOW, ["export", "visits", "--output", str(root / "v.csv")]),
        "purge, three years on (--force)": ("2029-12-01T10:00:00", ["purge", "--force"]),
        "migrate (tests/store/layout1)": (NOW, ["migrate", "--data-dir", str(layout1)]),
    }
    results = {}
    for label, (now, command) in commands.items():
        os.environ["KIOSK_FAKE_NOW"] = now
        args = command if "--data-dir" in command else [*command, "--data-dir", str(folder)]
        with (
            lock_holds() as holds,
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()) as err,
        ):
            code = kiosk_main(args)
        if code != 0:
            raise SystemExit(f"kiosk {' '.join(command)} failed: {err.getvalue()}")
        results[label] = (len(holds), max(holds, default=0.0))
    os.environ.pop("KIOSK_FAKE_NOW", None)
    return results


# --- the import ---------------------------------------------------------------------------


def measure_import(root: Path, rows: int) -> dict[str, float]:
    """A first import of `rows` pupils, then one that changes every pupil's class, timed in
    this process with the lock's hold times; then the second kind run by a `kiosk` process
    while this one signs visitors in, timing each sign-in (the wait for the lock included)."""
    from kiosk.domain.roster_csv import read_roster
    from kiosk.services.pupils.roster_import import import_roster

    folder = root / "import"
    folder.mkdir()
    context = context_for(folder, NOW)
    pupils = primary_roster(size=rows)
    result: dict[str, float] = {}
    with lock_holds() as holds:
        start = time.perf_counter()
        import_roster(context, read_roster(roster_csv(pupils)), actor="bench")
        result["first import s"] = time.perf_counter() - start
        for pupil in pupils:
            pupil.class_name = pupil.class_name + "X"
        text = roster_csv(pupils)
        start = time.perf_counter()
        import_roster(context, read_roster(text), actor="bench")
        result["re-import, every class changed s"] = time.perf_counter() - start
    result["longest lock hold s"] = max(holds)
    # The same re-import as a command beside the kiosk, while the kiosk signs visitors in.
    for pupil in pupils:
        pupil.class_name = pupil.class_name.removesuffix("X")
    csv_path = root / "roster.csv"
    csv_path.write_text(roster_csv(pupils))
    kiosk = for_touchscreen(context_for(folder, NOW))
    env = {**os.environ, "KIOSK_FAKE_NOW": NOW}
    command = [sys.executable, "-m", "kiosk", "pupils", "import", str(csv_path),
               "--data-dir", str(folder)]  # fmt: skip
    waits: list[float] = []
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    while process.poll() is None:
        start = time.perf_counter()
        sign_in(kiosk, VISITOR, RULES)
        waits.append(time.perf_counter() - start)
        time.sleep(0.005)
    result["import command s (fresh process)"] = time.perf_counter() - started
    result["sign-ins during it"] = len(waits)
    result["slowest sign-in during it s"] = max(waits) if waits else 0.0
    return result


# --- the report ---------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


def print_school(school: dict[str, Any]) -> None:
    counts = school["counts"]
    print(
        f"\n## {school['pupils']} pupils on the roster, {STAFF} staff, "
        f"{REGULARS} regular visitors: "
        f"{counts['days']} school days, {counts['arrivals']} phones handed in, "
        f"{counts['confiscations']} confiscated, {counts['visits']} visits "
        f"(built in {school['built_s']:.0f} s)"
    )
    print("file sizes: " + "; ".join(f"{k} {v / 1024:,.0f} KB" for k, v in school["sizes"].items()))


def upkeep_per_action(run: dict[str, Any], name: str) -> float:
    """Our checkpoints' bytes, shared out over the actions (SQLite's are inside them)."""
    upkeep = run["upkeep"].get(name)
    if upkeep is None:
        return 0.0
    return sum(upkeep.bytes) / (run["ops"] * len(ACTIONS))


def print_run(run: dict[str, Any], labels: dict[str, str]) -> None:
    for name, upkeep in run["upkeep"].items():
        print(
            f"{labels[name]}: {len(upkeep.times)} checkpoint(s) (from the heartbeat, never in "
            f"a tap) in {run['ops'] * len(ACTIONS)} actions: {sum(upkeep.bytes):,} bytes, "
            f"{sum(upkeep.flushes)} flushes, {max(upkeep.times, default=0) * 1000:.0f} ms at "
            f"most; {upkeep_per_action(run, name):,.0f} bytes per action, in 'bytes, mean'"
        )
    print("\n| action | store | median ms | max ms | bytes, mean | bytes, median | flushes |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for action in ACTIONS:
        for name, label in labels.items():
            s = run["samples"][name][action]
            flushes = f"{statistics.mean(s.flushes):.2f}" if s.flushes else "n/a"
            mean = s.mean_bytes() + upkeep_per_action(run, name)
            print(
                f"| {action} | {label} | {s.median_ms():.2f} | {max(s.times) * 1000:.1f} | "
                f"{mean:,.0f} | {statistics.median(s.bytes):,.0f} | {flushes} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=1500)
    parser.add_argument("--flat", default="210,5000")
    parser.add_argument("--ops", type=int, default=400)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--dir", help="folder on the disk to measure (default: a temp folder)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kiosk-bench-", dir=args.dir))
    print(f"machine: {machine()}")
    print(f"folder:  {root}; {args.ops} of each action, at {NOW}")
    try:
        school = prepare_school(root, args.pupils)
        print_school(school)
        sql_folder = root / "sqlite"
        sql_folder.mkdir()
        stores = {
            "ours": Ours(school["folder"], args.pupils),
            "sqlite": SQLite(sql_folder, RecordStore(school["folder"], load_config().tz),
                             args.pupils),
        }  # fmt: skip
        run = run_actions(stores, args.ops)
        print_run(run, {"ours": Ours.name, "sqlite": SQLite.name})
        ours, sql = run["samples"]["ours"], run["samples"]["sqlite"]
        extra = upkeep_per_action(run, "ours")
        print("\ngoals:")
        for action in ("sign-in", "sign-out"):
            ratio = ours[action].median_ms() / sql[action].median_ms()
            b_ours, b_sql = ours[action].mean_bytes() + extra, sql[action].mean_bytes()
            print(f"  {action}: {ratio:.2f}x SQLite's time (goal <= 2x); bytes {b_ours:,.0f} "
                  f"vs SQLite's {b_sql:,.0f} (goal: no more)")  # fmt: skip
        phone = ours["phone stored"]
        print(f"  phone stored: {phone.median_ms():.1f} ms (goal <= 20 ms), "
              f"{phone.mean_bytes() + extra:,.0f} bytes (goal <= 16 KB)")  # fmt: skip
        for action in ACTIONS:
            counted = ours[action].flushes
            print(f"  {action}: flushes per action: mean {statistics.mean(counted):.2f}, "
                  f"max {max(counted)} (goal <= 2)")  # fmt: skip
        # The same term (this school's phones and visitors) with each roster size: only the
        # roster differs, and the two take turns.
        sizes = [int(n) for n in args.flat.split(",")]
        flat = [prepare_school(root, n, activity=args.pupils) for n in sizes]
        for each in flat:
            print_school(each)
        labels = {f"{n} pupils": f"ours, {n} pupils" for n in sizes}
        run = run_actions(
            {f"{n} pupils": Ours(each["folder"], n) for n, each in zip(sizes, flat, strict=True)},
            args.ops // 2,
        )
        print_run(run, labels)
        small, large = (run["samples"][f"{n} pupils"] for n in (sizes[0], sizes[-1]))
        print(f"\nflat ({sizes[0]} vs {sizes[-1]} pupils):")
        for action in ACTIONS:
            ratio = large[action].median_ms() / small[action].median_ms()
            print(f"  {action}: {ratio:.2f}x (goal <= 1.2x); median bytes "
                  f"{statistics.median(small[action].bytes):,.0f} vs "
                  f"{statistics.median(large[action].bytes):,.0f}")  # fmt: skip
        print("\n## How long commands hold the store's lock (on a copy of this term)")
        print("| command | lock holds | longest hold ms |")
        print("|---|---:|---:|")
        for label, (count, longest) in measure_commands(root, school["folder"]).items():
            print(f"| `kiosk {label}` | {count} | {longest * 1000:.0f} |")
        print(f"\n## `kiosk pupils import` of {args.rows} rows")
        for name, value in measure_import(root, args.rows).items():
            print(f"  {name}: {value:.3f}" if isinstance(value, float) else f"  {name}: {value}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
