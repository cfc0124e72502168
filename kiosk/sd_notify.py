"""Tell systemd the kiosk is up and still alive, over the `NOTIFY_SOCKET` datagram socket.

The service file uses `Type=notify` and `WatchdogSec=`: systemd waits for `READY=1` before it
counts the kiosk as started, and restarts it when `WATCHDOG=1` stops arriving. This module is
the few lines of the sd_notify protocol that need (no libsystemd, nothing compiled) and knows
nothing of Textual: the UI decides *when* to call it, from its own event loop, so a hung UI
stops the pings.

Outside systemd (a developer's terminal, the tests) `NOTIFY_SOCKET` is unset and every call
here does nothing at all.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

# How often to ping when WatchdogSec= is set: half the timeout, the interval sd_watchdog_enabled(3)
# recommends, so one late tick of a busy event loop does not cost a restart.
WATCHDOG_FRACTION = 0.5


def notify_address(environ: Mapping[str, str] | None = None) -> str | bytes | None:
    """The socket address from `NOTIFY_SOCKET`, or None when not run by systemd.

    A leading `@` names a Linux abstract socket, which the kernel spells with a NUL byte.
    """
    env = os.environ if environ is None else environ
    raw = env.get("NOTIFY_SOCKET", "")
    if raw.startswith("@"):
        return b"\0" + raw[1:].encode()
    if raw.startswith("/"):
        return raw
    return None  # unset, empty, or a vsock address we have no use for on a Pi


def watchdog_interval(environ: Mapping[str, str] | None = None) -> float | None:
    """Seconds between `WATCHDOG=1` pings, or None when systemd set no watchdog for us.

    `WATCHDOG_PID` is deliberately not checked: systemd sets it to cage, the service's main
    process, while the pings must come from the Python UI two processes below it (the unit says
    `NotifyAccess=all` for that reason).
    """
    env = os.environ if environ is None else environ
    if notify_address(env) is None:
        return None
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    return usec / 1_000_000 * WATCHDOG_FRACTION


def notify(message: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send one sd_notify message (e.g. `READY=1`); True when it was sent.

    Never raises: a service manager that went away must not take the kiosk down with it.
    """
    address = notify_address(environ)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError:
        return False
    return True


def ready(status: str = "") -> bool:
    """Tell systemd start-up is complete (and optionally what the kiosk is doing)."""
    return notify("READY=1" + (f"\nSTATUS={status}" if status else ""))


def watchdog() -> bool:
    """One keep-alive ping."""
    return notify("WATCHDOG=1")


def stopping() -> bool:
    """Tell systemd a clean shutdown has begun, so it does not count missed pings."""
    return notify("STOPPING=1")
