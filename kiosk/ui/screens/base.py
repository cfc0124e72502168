"""The screen every kiosk screen derives from: no inherited copy or quit bindings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp


class KioskScreen(Screen[None], inherit_bindings=False):
    """A full-screen kiosk page. Tab moves focus for a physical keyboard; nothing else is bound."""

    BINDINGS = [
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    # Screens holding typed personal data set this so the idle reset forgets it.
    HOLDS_INPUT = False
    # False keeps a screen up when nobody touches it (e.g. a fire roll call being read out).
    IDLE_RESET = True
    # Seconds after which a screen goes back to welcome by itself (a pass, a thank-you), or None.
    RETURN_AFTER_SECONDS: float | None = None

    # When the screen last became the one shown: kiosk clock (for auto-return) and the tap
    # guard's clock (so a double tap's second half does not act on this screen).
    shown_at: datetime | None = None
    shown_at_tap: float = float("-inf")

    @property
    def kiosk(self) -> KioskApp:
        return cast("KioskApp", self.app)

    @on(events.ScreenResume)
    def _kiosk_screen_shown(self) -> None:
        self.shown_at = self.kiosk.context.now()
        self.shown_at_tap = self.kiosk.tap_guard.screen_shown_at()

    def tap_ok(self, action: str) -> bool:
        """False for the second half of a double tap; call before acting on a button."""
        return self.kiosk.tap_guard.allow(action, self.shown_at_tap)

    def return_after_seconds(self) -> float | None:
        return self.RETURN_AFTER_SECONDS
