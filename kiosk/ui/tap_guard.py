"""A finger that bounces: one tap that reaches the kiosk twice, a moment apart.

A touchscreen (or a hurried finger) sometimes sends one tap as two. The second half lands on
the same button, or on whatever the first half brought up in its place: the next step's
button, a row of a list. Acting on it would skip a step, sign in twice, or tick a row and
untick it. A visitor also taps quickly on purpose, though: a PIN with a repeated digit,
"Anna", Next on a step they skip, a second "Read on". Those must all land.

So the kiosk refuses only a tap that *arrived* less than BOUNCE_SECONDS after the last tap
it took on a button that moves things on, and only when this one would move things on too.
Keys meant to be tapped again and again (letters, PIN digits) are never refused and start no
window. "Arrived" is when the terminal's bytes were read (Textual stamps each input event
then), not when a busy kiosk got round to the tap: on a Pi a tap can wait a fifth of a
second behind the one before, and measuring from then made deliberate taps look like bounces.

The decision is made where taps come in (KioskApp.on_event), in the order they arrived, and
a refused tap goes nowhere: no widget sees its press or its release.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

# A bounce, or the second half of a double tap, comes within a fifth of a second or so; one
# finger tapping two things on purpose takes longer (the 0.3 s taps must all land).
BOUNCE_SECONDS = 0.25


class TapGuard:
    """Decides, tap by tap in arrival order, which taps count.

    `now`: a clock to read instead of the taps' arrival stamps (tests drive it by hand).
    `seconds = 0` takes every tap (test journeys tap faster than any finger).
    """

    def __init__(
        self, seconds: float = BOUNCE_SECONDS, now: Callable[[], float] | None = None
    ) -> None:
        self.seconds = seconds
        self.now = now
        self._moved_on_at = float("-inf")  # arrival of the last tap taken that moved things on

    def arrival(self, stamped: float) -> float:
        """When a tap stamped `stamped` (its input event's time) arrived, by this guard's clock."""
        return self.now() if self.now is not None else stamped

    def allow(self, arrived: float, repeats: bool) -> bool:
        """Whether a tap that arrived at `arrived` counts. `repeats`: its target is a key
        tapped again and again on purpose (a letter, a PIN digit)."""
        if repeats or self.seconds <= 0:
            return True
        if arrived - self._moved_on_at < self.seconds:
            return False
        self._moved_on_at = arrived
        return True


@runtime_checkable
class TapTarget(Protocol):
    """A widget that says what a tap on it is: its name (for the demo's tap log) and whether
    it is a key tapped again and again on purpose. Any other widget's taps move things on."""

    def tap_target(self, x: int, y: int) -> tuple[str, bool]: ...


@runtime_checkable
class LeavingScreen(Protocol):
    """A screen that refuses taps once it has told the app it is done (KioskScreen.tap_ok).
    Widgets ask through this rather than importing the screens' base class, so that widgets
    never depend on screens."""

    def tap_ok(self, action: str) -> bool: ...
