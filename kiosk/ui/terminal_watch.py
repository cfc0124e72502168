"""Noticing that the kiosk's terminal has gone.

When foot closes, the kiosk normally gets SIGHUP and leaves. A process that is not the
terminal's session leader (behind a shell, as under `make run`) may not; Textual's input
thread then reads end-of-file forever and the app carries on with no screen, holding the GPIO
pins. The app asks this once a second and leaves when the terminal has hung up.
"""

from __future__ import annotations

import os
import select
import sys
import threading

GRACE_SECONDS = 3.0


def terminal_fd() -> int | None:
    """The terminal the app draws on, or None (tests, pipes): then there is nothing to watch."""
    stream = sys.__stdin__
    if stream is None:
        return None
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return None
    return fd if os.isatty(fd) else None


def hung_up(fd: int) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return any(
        events & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, events in poller.poll(0)
    )


def leave_for_sure(code: int = 0) -> None:
    """Exit after a grace period even if a graceful exit never completes (no terminal to
    restore, a stuck driver): a stopped kiosk must not linger."""
    timer = threading.Timer(GRACE_SECONDS, os._exit, args=(code,))
    timer.daemon = True
    timer.start()
