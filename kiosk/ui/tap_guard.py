"""Touch debounce: a double tap, or a tap that lands on the next screen, must not act twice."""

from __future__ import annotations

import time
from collections.abc import Callable


class TapGuard:
    """Refuses a repeat of the same action within `seconds`, and any action on a screen that
    appeared less than `screen_seconds` ago (the second half of a double tap lands there;
    shorter, so a quick but deliberate tap on a new screen still counts).

    Uses the real monotonic clock, not the kiosk's Clock: a finger's double tap is real time.
    Tests set `seconds = 0` to drive journeys fast, or pass their own `now`.
    """

    def __init__(
        self,
        seconds: float = 0.5,
        now: Callable[[], float] = time.monotonic,
        screen_seconds: float = 0.3,
    ) -> None:
        self.seconds = seconds
        self.screen_seconds = screen_seconds
        self.now = now
        self._last_action = ""
        self._last_at = float("-inf")

    def screen_shown_at(self) -> float:
        return self.now()

    def allow(self, action: str, screen_shown_at: float) -> bool:
        if self.seconds <= 0:
            return True
        now = self.now()
        if now - screen_shown_at < min(self.screen_seconds, self.seconds):
            return False
        if action == self._last_action and now - self._last_at < self.seconds:
            return False
        self._last_action, self._last_at = action, now
        return True
