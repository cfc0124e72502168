"""The screen every kiosk screen derives from: no inherited copy or quit bindings."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


class KioskScreen(Screen[None], inherit_bindings=False):
    """A full-screen kiosk page. Tab moves focus for a physical keyboard; nothing else is bound."""

    BINDINGS = [
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    # Screens holding typed personal data set this so the idle reset forgets it.
    HOLDS_INPUT = False
