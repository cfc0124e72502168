"""The demo's tap log: every tap the kiosk received, what it landed on, and what it did.

`kiosk demo --tap-log FILE` writes it, to check that a touchscreen's taps all arrive, once
each (tests/e2e/test_every_tap_lands.py counts them on the real display stack). `kiosk run`
has no such option: the log names the PIN pad's keys as they are tapped.

Lines, one per event:
    received <arrived> <x> <y> <target> taken|bounce    a tap came in (KioskApp.on_event)
    press <button id>                                    a button acted (TouchButton)
    key <key id>                                         an on-screen key acted (TouchKeyboard)
    ignored <action> (...)                               a tap reached a screen already leaving
"""

from __future__ import annotations

import logging
from pathlib import Path

# Quiet unless the demo asks: "kiosk" logs at INFO, this logger's lines are DEBUG.
TAP_LOG = logging.getLogger("kiosk.taps")


def write_taps_to(path: Path) -> None:
    """Send the tap log's lines to `path` (and nowhere else)."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    TAP_LOG.addHandler(handler)
    TAP_LOG.setLevel(logging.DEBUG)
    TAP_LOG.propagate = False
