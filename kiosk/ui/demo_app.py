"""The app `kiosk demo` runs: the kiosk plus a key that stops it, shown in the demo banner.

`kiosk run` never has it: nothing a visitor presses on the real kiosk quits it.
"""

from __future__ import annotations

from textual.binding import Binding

from kiosk.ui.app import KioskApp

DEMO_QUIT_KEY = "ctrl+q"


class DemoKioskApp(KioskApp):
    # Priority: the name box has focus on a form step and must not swallow it. Ctrl+C too, as
    # a newcomer tries that first in a terminal.
    BINDINGS = [
        Binding(DEMO_QUIT_KEY, "quit", "Quit the demo", priority=True),
        Binding("ctrl+c", "quit", "Quit the demo", show=False, priority=True),
    ]
