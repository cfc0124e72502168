"""Keep systemd's watchdog fed from the UI's own event loop.

`kiosk.service` restarts the kiosk when `WATCHDOG=1` stops arriving for `WatchdogSec=`. The
pings must prove the *UI* is alive, so they come from a Textual timer that hands each ping to
the app's message queue: while the event loop is blocked, or the app is stuck in a handler, no
ping is sent and systemd restarts the kiosk. A side thread would keep pinging through a hang.
"""

from __future__ import annotations

from textual.app import App
from textual.timer import Timer

from kiosk import sd_notify


def start_watchdog(app: App[object]) -> Timer | None:
    """Send `READY=1` and start the keep-alive pings; call once the welcome screen is showing.

    Returns the ping timer, or None when systemd asked for no watchdog (or did not start us).
    """
    sd_notify.ready(status="welcome screen showing")
    interval = sd_notify.watchdog_interval()
    if interval is None:
        return None
    sd_notify.watchdog()

    def queue_ping() -> None:
        # Through the app's queue rather than straight from the timer task, so a handler that
        # never returns stops the pings too.
        app.call_later(sd_notify.watchdog)

    return app.set_interval(interval, queue_ping, name="systemd-watchdog")
