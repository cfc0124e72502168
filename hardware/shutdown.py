"""Leave the store locked however the kiosk stops.

`systemctl stop` sends SIGTERM to every process of the service at once; when foot (the
terminal) goes first, the kiosk also gets SIGHUP. Python's default for both is to die on the
spot, possibly mid-pulse with the relay energised. The handler relocks first, then exits.
A normal exit (or Ctrl+C) relocks through atexit. Only SIGKILL or a power cut skip both: a
power cut de-energises the relay anyway (fail-secure wiring), and after SIGKILL systemd
restarts the kiosk, which builds the lock pin de-energised.
"""

from __future__ import annotations

import atexit
import contextlib
import signal
from collections.abc import Callable, Iterable
from types import FrameType

from hardware.interface import Hardware

RELOCK_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def install_relock_on_sigterm(
    hardware: Hardware,
    then: Callable[[], None] | None = None,
    signals: Iterable[signal.Signals] = RELOCK_SIGNALS,
) -> None:
    """On SIGTERM (and SIGHUP) relock, then call `then()` or exit with 128 + the signal number.

    `then` lets the UI shut down gracefully (e.g. `app.exit`); it runs in the main thread.
    Also closes the hardware (relock, release pins) at interpreter exit. Call this from the
    main thread: Python only installs signal handlers there.
    """

    def on_signal(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(Exception):
            hardware.lock.lock()
        if then is not None:
            then()
            return
        raise SystemExit(128 + signum)

    for number in signals:
        signal.signal(number, on_signal)
    atexit.register(hardware.close)
