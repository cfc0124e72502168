"""Harness for the concurrency test: a writer adding records, or a reader reading in a loop."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.domain.ids import new_id
from kiosk.store import RecordStore

TZ = ZoneInfo("Europe/London")


def write(store: RecordStore, count: int, name: str) -> None:
    ids = []
    for n in range(count):
        record_id = new_id("V")
        with store.transaction() as tx:
            tx.insert(
                "visits",
                {
                    "id": record_id,
                    "name": f"{name} {n}",
                    "signed_in_at": "2026-11-25T09:00:00+00:00",
                },
            )
        if n % 2:  # half of them sign out again, moving to the history file
            with store.transaction() as tx:
                tx.close("visits", record_id, {"signed_out_at": "2026-11-25T10:00:00+00:00"})
        ids.append(record_id)
    print(json.dumps(ids))


def read(store: RecordStore, stop_file: Path) -> None:
    reads = failures = shrank = 0
    seen = 0
    errors: list[str] = []
    while not stop_file.exists():
        try:
            count = len(store.records("visits"))
        except Exception as exc:  # the test asserts there were none
            failures += 1
            errors.append(repr(exc))
            continue
        reads += 1
        if count < seen:  # records are never deleted: a reader must never see fewer
            shrank += 1
        seen = max(seen, count)
    print(
        json.dumps({"reads": reads, "failures": failures, "shrank": shrank, "errors": errors[:3]})
    )


if __name__ == "__main__":
    store = RecordStore.open(Path(sys.argv[2]), TZ)
    if sys.argv[1] == "write":
        write(store, int(sys.argv[3]), sys.argv[4])
    else:
        read(store, Path(sys.argv[3]))
