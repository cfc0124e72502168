"""Harness for the crash test: fork a writer, SIGKILL it at a random moment, repeat.

Run as a script (a real process, not a mock). Each child opens the store and commits
transactions in a loop, reporting each commit on a pipe only after `transaction()` has
returned; the parent kills it after a random delay and starts the next. At the end the
parent prints JSON: kills, and the ids the children reported as committed / closed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.domain.ids import new_id
from kiosk.store import RecordStore

TZ = ZoneInfo("Europe/London")


def child(data_dir: Path, out_fd: int, seed: int) -> None:
    rng = random.Random(seed)
    store = RecordStore.open(data_dir, TZ)
    while True:
        record_id = new_id("V")
        month = rng.choice(["2026-10", "2026-11"])
        with store.transaction() as tx:
            tx.insert(
                "visits",
                {
                    "id": record_id,
                    "name": "Crash Test",
                    "signed_in_at": f"{month}-20T09:00:00+01:00",
                },
            )
            tx.audit(f"{month}-20T09:00:00+01:00", "crash-test", "insert", record_id)
        os.write(out_fd, f"C {record_id}\n".encode())
        open_ids = [r["id"] for r in store.live("visits")]
        if len(open_ids) > 5:
            victim = rng.choice(open_ids)
            with store.transaction() as tx:
                tx.close("visits", victim, {"signed_out_at": "2026-11-25T15:00:00+00:00"})
            os.write(out_fd, f"X {victim}\n".encode())


def main() -> None:
    data_dir, kills, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    max_delay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.02
    rng = random.Random(seed)
    committed: list[str] = []
    closed: list[str] = []
    # The folder's first write (its journal and live.json) is made before the kills start:
    # on a loaded machine it can take longer than the kill delay, and then no child would
    # ever get past it. Kills inside a first write: tests/store/test_first_write_crash.py.
    store = RecordStore.open(data_dir, TZ)
    with store.transaction() as tx:
        tx.set_state("crash-test", "started")
    for n in range(kills):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                child(data_dir, write_fd, seed * 100_000 + n)
            finally:
                os._exit(0)
        os.close(write_fd)
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_fd, "rb") as pipe:
            for line in pipe.read().decode().splitlines():
                kind, _, record_id = line.partition(" ")
                (committed if kind == "C" else closed).append(record_id)
    print(json.dumps({"kills": kills, "committed": committed, "closed": closed}))


if __name__ == "__main__":
    main()
