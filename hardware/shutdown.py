"""Leave the store locked however the kiosk stops.

`systemctl stop` sends SIGTERM; Python's default would die on the spot with the relay possibly
mid-pulse (energised). The handler relocks first, then exits. A normal exit (or Ctrl+C) relocks
through atexit. Only SIGKILL or a power cut skip both: then the fail-secure wiring does the job
(power cut) or the next start does (the lock pin is built de-energised).
"""

from __future__ import annotations

import atexit
import contextlib
import signal
from collections.abc import Callable
from types import FrameType

from hardware.interface import Hardware


def install_relock_on_sigterm(hardware: Hardware, then: Callable[[], None] | None = None) -> None:
    """On SIGTERM relock, then call `then()` (e.g. a graceful app.exit) or exit with 143.

    Also closes the hardware (relock, release pins) at interpreter exit. Call it from the main
    thread (Python only installs signal handlers there).
    """

    def relock() -> None:
        with contextlib.suppress(Exception):
            hardware.lock.lock()

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        relock()
        if then is not None:
            then()
            return
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_sigterm)
    atexit.register(hardware.close)
