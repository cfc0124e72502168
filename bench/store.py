"""Record store benchmark: our store against stock TinyDB and SQLite, at three history sizes.

    python -m bench.store [--sizes 1000,10000,60000] [--repeat 21] [--dir PATH]

For each history size it builds the same visits in three stores, then times (median ms):
a durable sign-in, a sign-out, the on-site query and an export of every visit. History is
spread at about 1,000 visits a month (50 a school day), the way a real foyer fills it, with
30 visitors on site. It also prints the bytes handed to write() per sign-in. Nothing here
is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage

from kiosk.config import load_config
from kiosk.domain.clock import FakeClock, month_key, to_iso
from kiosk.domain.ids import new_id
from kiosk.domain.records import VISIT_FIELDS, Visit
from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit
from kiosk.store import RecordStore, record_store
from kiosk.store.atomic_json import atomic_write_bytes, encode
from kiosk.store.record_store import ARCHIVE_BATCH
from kiosk.store.schema import META_TABLE, meta_document

NOW = "2026-11-25T10:00:00"
ON_SITE = 30
PER_DAY = 50
DETAILS = VisitorDetails("visitor", "Benchmark Visitor", "Bench Ltd", "Mrs Khan", "AB12 CDE")
RULES = make_rules("Phones in the foyer only.", "bench")


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


def make_history(count: int, clock: FakeClock) -> list[dict[str, Any]]:
    """`count` closed visits going back from today at PER_DAY a weekday, plus ON_SITE open."""
    records: list[dict[str, Any]] = []
    day = clock.now().replace(hour=9, minute=0, second=0) - timedelta(days=1)
    while len(records) < count:
        if day.weekday() < 5:
            for n in range(min(PER_DAY, count - len(records))):
                signed_in = day + timedelta(minutes=5 * n)
                records.append(closed_visit(signed_in, clock))
        day -= timedelta(days=1)
    return records


def closed_visit(signed_in: datetime, clock: FakeClock) -> dict[str, Any]:
    visit = Visit(
        id=new_id("V"), visitor_type="visitor", name="Past Visitor", organisation="Somewhere Ltd",
        host="Mr Patel", car_reg="", signed_in_at=to_iso(signed_in, clock.tz),
        rules_version=RULES.version, rules_agreed_at=to_iso(signed_in, clock.tz), pass_token="",
        signed_out_at=to_iso(signed_in + timedelta(hours=2), clock.tz), signed_out_by="name",
    )  # fmt: skip
    return visit.to_record()


def open_visit(clock: FakeClock) -> dict[str, Any]:
    record = closed_visit(clock.now() - timedelta(hours=1), clock)
    record.update(signed_out_at="", signed_out_by="", pass_token="PASS-0000000000000000")
    return record


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action: Callable[[], Any]) -> tuple[float, int]:
    before = written_bytes()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start, written_bytes() - before


# --- the three stores ----------------------------------------------------------------------


class OurStore:
    name = "ours (TinyDB, atomic, monthly)"

    def __init__(self, folder: Path, history: list[dict[str, Any]], clock: FakeClock) -> None:
        config = load_config()
        self.clock = clock
        self.store = RecordStore.open(folder, clock.tz)
        self.context = KioskContext(config=config, store=self.store, clock=clock)
        by_month: dict[str, list[dict[str, Any]]] = {}
        for record in history:
            by_month.setdefault(month_key(record["signed_in_at"], clock.tz), []).append(record)
        self.store.history_dir.mkdir(exist_ok=True)
        for month, records in by_month.items():
            atomic_write_bytes(
                self.store.history_path("visits", month),
                encode({META_TABLE: {"1": meta_document("visits")},
                        "visits": {str(i): r for i, r in enumerate(records, 1)}}),
            )  # fmt: skip
        with self.store.transaction() as tx:
            for _ in range(ON_SITE):
                tx.insert("visits", open_visit(clock))

    def sign_in(self) -> str:
        return sign_in(self.context, DETAILS, RULES).id

    def sign_out(self, visit_id: str) -> None:
        sign_out_visit(self.context, visit_id, by="name")

    def on_site(self) -> int:
        return len(self.store.live("visits"))

    def archive_batch(self) -> float:
        """Seconds for the 1-in-ARCHIVE_BATCH sign-out that moves closed records to history."""
        record_store.ARCHIVE_BATCH = 10**9  # gather a batch without it moving on its own
        try:
            with self.store.transaction() as tx:
                tx.archive()
                for _ in range(ARCHIVE_BATCH):
                    record = tx.insert("visits", open_visit(self.clock))
                    tx.close("visits", record["id"], {"signed_out_at": record["signed_in_at"]})
        finally:
            record_store.ARCHIVE_BATCH = ARCHIVE_BATCH
        start = time.perf_counter()
        with self.store.transaction() as tx:
            tx.archive()
        return time.perf_counter() - start

    def export_all(self) -> int:
        return len(self.store.records("visits"))


class StockTinyDB:
    name = "stock TinyDB JSONStorage"

    def __init__(self, folder: Path, history: list[dict[str, Any]], clock: FakeClock) -> None:
        self.clock = clock
        self.db = TinyDB(folder / "db.json", storage=JSONStorage)
        table = self.db.table("visits")
        table.insert_multiple(history)
        table.insert_multiple(open_visit(clock) for _ in range(ON_SITE))

    def sign_in(self) -> str:
        record = open_visit(self.clock)
        self.db.table("visits").insert(record)
        return str(record["id"])

    def sign_out(self, visit_id: str) -> None:
        self.db.table("visits").update(
            {"signed_out_at": to_iso(self.clock.now(), self.clock.tz)}, Query().id == visit_id
        )

    def on_site(self) -> int:
        return len(self.db.table("visits").search(Query().signed_out_at == ""))

    def export_all(self) -> int:
        return len(self.db.table("visits").all())


class SQLiteStore:
    name = "sqlite3 (WAL, synchronous=FULL)"

    def __init__(self, folder: Path, history: list[dict[str, Any]], clock: FakeClock) -> None:
        self.clock = clock
        self.db = sqlite3.connect(folder / "kiosk.sqlite3", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        columns = ", ".join(f"{f} TEXT" for f in VISIT_FIELDS if f != "id")
        self.db.execute(f"CREATE TABLE visits (id TEXT PRIMARY KEY, {columns}, pass_token TEXT)")
        self.db.execute("CREATE INDEX open_visits ON visits(signed_out_at)")
        self.db.execute("BEGIN")
        for record in [*history, *(open_visit(clock) for _ in range(ON_SITE))]:
            self._insert(record)
        self.db.execute("COMMIT")

    def _insert(self, record: dict[str, Any]) -> None:
        names = [*VISIT_FIELDS, "pass_token"]
        self.db.execute(
            f"INSERT INTO visits ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [record[n] for n in names],
        )

    def sign_in(self) -> str:
        record = open_visit(self.clock)
        with self.db:
            self._insert(record)
        return str(record["id"])

    def sign_out(self, visit_id: str) -> None:
        with self.db:
            self.db.execute(
                "UPDATE visits SET signed_out_at = ?, signed_out_by = 'name', pass_token = '' "
                "WHERE id = ?",
                (to_iso(self.clock.now(), self.clock.tz), visit_id),
            )

    def on_site(self) -> int:
        return len(self.db.execute("SELECT * FROM visits WHERE signed_out_at = ''").fetchall())

    def export_all(self) -> int:
        return len(self.db.execute("SELECT * FROM visits ORDER BY signed_in_at").fetchall())


STORES = (OurStore, StockTinyDB, SQLiteStore)
OPERATIONS = ("sign-in", "sign-out", "on-site", "export all")


def measure(kind: type, size: int, repeat: int, root: Path) -> dict[str, float]:
    clock = FakeClock(NOW)
    history = make_history(size, clock)
    folder = root / f"{kind.__name__}-{size}"
    folder.mkdir()
    store = kind(folder, history, clock)
    results: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    wrote: list[int] = []
    ids = []
    for _ in range(repeat):
        clock.advance(seconds=30)
        seconds, written = timed(lambda: ids.append(store.sign_in()))
        results["sign-in"].append(seconds)
        wrote.append(written)
    for visit_id in ids:
        clock.advance(seconds=30)
        results["sign-out"].append(timed(lambda v=visit_id: store.sign_out(v))[0])
    for _ in range(repeat):
        results["on-site"].append(timed(store.on_site)[0])
    for _ in range(max(3, repeat // 4)):
        results["export all"].append(timed(store.export_all)[0])
    summary = {op: median_ms(samples) for op, samples in results.items()}
    summary["sign-out max"] = max(results["sign-out"]) * 1000
    if isinstance(store, OurStore):
        summary["archive"] = median_ms([store.archive_batch() for _ in range(3)])
    summary["bytes/sign-in"] = statistics.median(wrote)
    shutil.rmtree(folder)
    return summary


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,60000")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--dir", help="folder on the disk to measure (default: a temp folder)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    root = Path(tempfile.mkdtemp(prefix="kiosk-bench-", dir=args.dir))
    print(f"machine: {machine()}")
    print(f"folder:  {root}  (repeat {args.repeat}; median milliseconds)\n")
    table: dict[tuple[str, int], dict[str, float]] = {}
    for size in sizes:
        for kind in STORES:
            table[(kind.name, size)] = measure(kind, size, args.repeat, root)
    header = f"| {'store':34} | {'history':>7} | " + " | ".join(f"{op:>10}" for op in OPERATIONS)
    print(header + " | bytes/sign-in |")
    print(
        "|"
        + "-" * 36
        + "|---------:|"
        + "|".join("-----------:" for _ in OPERATIONS)
        + "|--------------:|"
    )
    for (name, size), row in table.items():
        cells = " | ".join(f"{row[op]:10.2f}" for op in OPERATIONS)
        print(f"| {name:34} | {size:>7} | {cells} | {row['bytes/sign-in']:>13,.0f} |")
    print(
        f"\nours: moving {ARCHIVE_BATCH} closed visits to history"
        f" (once per {ARCHIVE_BATCH} sign-outs):"
    )
    for size in sizes:
        row = table[(OurStore.name, size)]
        print(
            f"  history {size:>6}: {row['archive']:7.2f} ms;"
            f"  slowest single sign-out measured: {row['sign-out max']:6.2f} ms"
        )
    ours, sqlite = OurStore.name, SQLiteStore.name
    small, large = min(sizes), max(sizes)
    print("\ngoals:")
    for op, limit_growth, limit_sqlite in (("sign-in", 1.5, 3.0), ("sign-out", 1.5, 5.0)):
        growth = table[(ours, large)][op] / table[(ours, small)][op]
        versus = table[(ours, large)][op] / table[(sqlite, large)][op]
        print(
            f"  {op:9} ours at {large} / ours at {small}: {growth:4.2f}x (goal <= {limit_growth}x)"
            f"   ours / sqlite at {large}: {versus:4.2f}x (goal <= {limit_sqlite}x)"
        )
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
