"""One writer at a time across processes: the kiosk and the admin CLI share one lock file."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.errors import DataWriteError, KioskError
from kiosk.store.atomic_json import write_cause


@contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
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
        # Blocking: a writer holds it for one short read-modify-write only.
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock
