"""Harness for the archive crash tests: a writer that SIGKILLs itself inside a commit.

Run as a script (real processes, not mocks). The child wraps the atomic writer, so it can
kill itself at an exact point of a commit:

    after-history   just after a history file is written, before live.json (the archive step)
    before-history  just before a history file is written
    after-audit     just after an audit month file is written, before live.json
    random          after a random number of file writes

Each child signs visitors in and out and stores and returns phones (each with an audit
entry), reporting every change on a pipe only after `transaction()` has returned, that is,
once it is acknowledged. The parent prints JSON: for each record id, the last acknowledged
state ("open", or the closing time), and each audit entry's seq reported with its record.
A close the child was killed in the middle of is "maybe": it may or may not have
committed, but either way consistently.

    python archive_crash_writer.py DATA_DIR CHILDREN SEED MODE
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import kiosk.store.atomic_json as atomic_json
from kiosk.domain.ids import new_id
from kiosk.store import RecordStore

TZ = ZoneInfo("Europe/London")
MODES = ("after-history", "before-history", "after-audit", "random")
START = datetime(2026, 11, 2, 8, 0, tzinfo=TZ)


def arm(mode: str, rng: random.Random) -> None:
    """Wrap the atomic writer so this process kills itself at the chosen point."""
    real = atomic_json.atomic_write_bytes
    budget = [rng.randint(1, 150)]

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def wrapped(path: Path, payload: bytes, keep_backup: bool = True) -> None:
        folder = path.parent.name
        if mode == "before-history" and folder == "history":
            die()
        real(path, payload, keep_backup)
        if mode == "after-history" and folder == "history":
            die()
        if mode == "after-audit" and folder == "audit" and rng.random() < 0.2:
            die()
        budget[0] -= 1
        if mode == "random" and budget[0] <= 0:
            die()

    atomic_json.atomic_write_bytes = wrapped


def child(data_dir: Path, out_fd: int, seed: int, mode: str) -> None:
    rng = random.Random(seed)
    arm(mode, rng)
    store = RecordStore.open(data_dir, TZ)

    def say(line: str) -> None:
        os.write(out_fd, (line + "\n").encode())

    for step in range(2000):
        moment = (START + timedelta(minutes=seed % 10_000 + step)).isoformat()
        kind = rng.choice(["visits", "visits", "phones"])
        field = "signed_in_at" if kind == "visits" else "stored_at"
        open_ids = [r["id"] for r in store.live(kind)]
        if len(open_ids) < 4 or rng.random() < 0.5:
            record_id = new_id("V" if kind == "visits" else "P")
            record = {"id": record_id, "name": "Crash Test", field: moment}
            with store.transaction() as tx:
                tx.insert(kind, record)
                entry = tx.audit(moment, "crash-test", f"{kind}-open", record_id)
            say(f"O {kind} {record_id} {entry['seq']}")
        else:
            victim = rng.choice(open_ids)
            closing = {"visits": "signed_out_at", "phones": "returned_at"}[kind]
            say(f"T {kind} {victim} 0")  # trying: a kill may land after the commit
            with store.transaction() as tx:
                tx.close(kind, victim, {closing: moment})
                entry = tx.audit(moment, "crash-test", f"{kind}-close", victim)
            say(f"X {kind} {victim} {entry['seq']} {moment}")


def main() -> None:
    data_dir, children, seed, mode = (
        Path(sys.argv[1]),
        int(sys.argv[2]),
        int(sys.argv[3]),
        sys.argv[4],
    )
    state: dict[str, dict[str, str]] = {"visits": {}, "phones": {}}
    audited: dict[str, str] = {}  # seq -> record id, for acknowledged changes
    kills = 0
    for n in range(children):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                child(data_dir, write_fd, seed * 100_000 + n, mode)
            finally:
                os._exit(0)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            lines = pipe.read().decode().splitlines()
        _, status = os.waitpid(pid, 0)
        kills += os.WIFSIGNALED(status)
        for line in lines:
            what, kind, record_id, seq, *closed_at = line.split(" ")
            if what == "T":
                state[kind][record_id] = "maybe"  # committed or not: unacknowledged
                continue
            state[kind][record_id] = closed_at[0] if what == "X" else "open"
            audited[seq] = record_id
    print(json.dumps({"kills": kills, "state": state, "audited": audited}))


if __name__ == "__main__":
    main()
