"""One writer at a time across processes: the kiosk and the admin CLI share one lock file.

A writer waits for the lock a bounded time (`wait` seconds) and then raises StoreBusy: the
kiosk says "busy, try again" instead of freezing while an admin command runs. Every writer
holds the lock only for a short read-modify-write (docs/records.md), so a wait of a few
seconds is generous.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.errors import DataWriteError, KioskError, StoreBusy
from kiosk.store.atomic_json import write_cause

KIOSK_WAIT = 3.0  # the touchscreen: then "busy, try again"
COMMAND_WAIT = 30.0  # an admin command: then one line saying to retry
FIRST_POLL = 0.001
LONGEST_POLL = 0.02


@contextmanager
def exclusive_lock(lock_path: Path, wait: float = COMMAND_WAIT) -> Iterator[None]:
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o640)
    except PermissionError:
        raise KioskError(
            f"cannot take the data lock {lock_path} (permission denied): "
            "run this as the kiosk user (sudo -u kiosk kiosk ...), or use a read-only command"
        ) from None
    except OSError as exc:  # a read-only or full disk: the store's caller names the cause
        raise DataWriteError(lock_path, write_cause(exc)) from None
    try:
        _take(fd, lock_path, wait)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _take(fd: int, lock_path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    pause = FIRST_POLL
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreBusy(lock_path, wait) from None
            # flock has no timeout: poll, quickly at first (a sign-in holds it ~1 ms).
            time.sleep(min(pause, left))
            pause = min(pause * 2, LONGEST_POLL)
