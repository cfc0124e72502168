"""Harness for the aimed crash tests: a writer that SIGKILLs itself at an exact write.

Run as a script (real processes, not mocks). The child wraps the store's two ways of writing
(`line_files.append` for the journal and month files, `atomic_json.atomic_write_bytes` for
live.json and table files), so it can kill itself at a chosen point:

    before-journal  just before a transaction's journal line (the commit point)
    after-journal   just after it: committed, month files not yet appended
    after-history   just after a closed record is appended to its history month
    after-audit     just after an audit entry is appended to its month
    in-checkpoint   just after a table file, live.json or a new journal is written
    random          after a random number of writes

Checkpoints come every few transactions (the journal limit is set small) and the child also
changes a reference table (pupils, as a command would), so every kind of file is written.
Each child signs visitors in and out and stores and returns phones (each with an audit
entry), reporting every change on a pipe only after `transaction()` has returned, that is,
once it is acknowledged. The parent prints JSON: for each record id, the last acknowledged
state ("open", or the closing time), and each audit entry's seq reported with its record.
A change the child was killed in the middle of is "maybe": it may or may not have
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
import kiosk.store.line_files as line_files
import kiosk.store.record_store as record_store
from kiosk.domain.ids import new_id
from kiosk.store import RecordStore

TZ = ZoneInfo("Europe/London")
MODES = (
    "before-journal", "after-journal", "after-history", "after-audit", "in-checkpoint", "random",
)  # fmt: skip
START = datetime(2026, 11, 2, 8, 0, tzinfo=TZ)


def arm(mode: str, rng: random.Random) -> None:
    """Wrap the store's writers so this process kills itself at the chosen point."""
    real_append = line_files.append
    real_replace = atomic_json.atomic_write_bytes
    budget = [rng.randint(1, 120)]

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def count() -> None:
        budget[0] -= 1
        if mode == "random" and budget[0] <= 0:
            die()

    def append(path: Path, data: bytes, at: int | None = None, sync: bool = False) -> int:
        folder = path.parent.name
        commit = folder == "journal" and b'{"tx"' in data[:20]
        if mode == "before-journal" and commit and rng.random() < 0.3:
            die()
        end = real_append(path, data, at, sync)
        if mode == "after-journal" and commit and rng.random() < 0.3:
            die()
        if mode == "after-history" and folder == "history" and data:
            die()
        if mode == "after-audit" and folder == "audit" and data and rng.random() < 0.3:
            die()
        first = b'"generation":1}' in data  # a new folder's first journal: not a checkpoint
        if mode == "in-checkpoint" and folder == "journal" and b"_meta" in data[:30] and not first:
            die()
        count()
        return end

    def replace(path: Path, payload: bytes, keep_backup: bool = True) -> None:
        new_folder = not path.exists() and path.name == "live.json"
        real_replace(path, payload, keep_backup)
        if mode == "in-checkpoint" and not new_folder and rng.random() < 0.4:
            die()
        count()

    line_files.append = append
    atomic_json.atomic_write_bytes = replace
    record_store.JOURNAL_LIMIT = 3000  # a checkpoint every few transactions


def moment_of(seed: int, step: int) -> str:
    return (START + timedelta(minutes=seed % 10_000 + step)).isoformat()


def child(data_dir: Path, out_fd: int, seed: int, mode: str) -> None:
    rng = random.Random(seed)
    arm(mode, rng)
    store = RecordStore.open(data_dir, TZ)

    def say(line: str) -> None:
        os.write(out_fd, (line + "\n").encode())

    for step in range(2000):
        moment = moment_of(seed, step)
        if rng.random() < 0.1:  # a reference table changes, as `kiosk pupils ...` would
            pupil_id = f"P{rng.randrange(20):03d}"
            say(f"T pupils {pupil_id} 0")
            with store.transaction() as tx:
                tx.insert(
                    "pupils",
                    {
                        "id": pupil_id,
                        "forename": "Pip",
                        "surname": f"S{step}",
                        "year": "Year 5",
                        "class_name": "5L",
                        "active": True,
                    },
                )
                entry = tx.audit(moment_of(seed, step), "crash-test", "pupil", pupil_id)
            say(f"X pupils {pupil_id} {entry['seq']} S{step}")
            continue
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
    state: dict[str, dict[str, str]] = {"visits": {}, "phones": {}, "pupils": {}}
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
