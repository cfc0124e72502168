"""Harness for the conversion crash test: convert a copy of a first-layout folder, killing
the converting process (SIGKILL, a real process) just after its Nth write, for N = 1, 2, ...
until a conversion runs to the end. After each kill the parent records which layout the
folder is in; the test then checks that folder.

    python conversion_crash_writer.py SOURCE WORK_DIR
    python conversion_crash_writer.py --fresh WORK_DIR

With --fresh there is no source: each child makes a new folder's first write (a visit).

A "write" is every call that changes the folder: a whole-file write, an append, a hard link,
a file removed. Prints JSON: [{"n": N, "killed": bool}, ...]; the folder of each N is
WORK_DIR/N.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import kiosk.store.atomic_json as atomic_json
import kiosk.store.line_files as line_files
from kiosk.store import RecordStore
from kiosk.store.conversion import convert_folder

TZ = ZoneInfo("Europe/London")


def arm(budget: int) -> None:
    left = [budget]

    def counted(real):
        def wrapper(*args, **kwargs):
            result = real(*args, **kwargs)
            left[0] -= 1
            if left[0] <= 0:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        return wrapper

    atomic_json.atomic_write_bytes = counted(atomic_json.atomic_write_bytes)
    line_files.append = counted(line_files.append)
    os.link = counted(os.link)
    Path.unlink = counted(Path.unlink)


def first_write(folder: Path) -> None:
    store = RecordStore.open(folder, TZ, start_trail=True)
    with store.transaction() as tx:
        tx.insert("visits", {"id": "V-FIRST", "name": "A B",
                             "signed_in_at": "2026-11-25T09:00:00+00:00"})  # fmt: skip


def main() -> None:
    fresh = sys.argv[1] == "--fresh"
    source, work = Path(sys.argv[1]), Path(sys.argv[2])
    results = []
    for n in range(1, 500):
        folder = work / str(n)
        if fresh:
            folder.mkdir()
        else:
            shutil.copytree(source, folder)
        pid = os.fork()
        if pid == 0:
            try:
                arm(n)
                if fresh:
                    first_write(folder)
                else:
                    convert_folder(RecordStore(folder, TZ))
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status)
        results.append({"n": n, "killed": killed})
        if not killed:
            break
    print(json.dumps(results))


if __name__ == "__main__":
    main()
