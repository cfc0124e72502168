"""The one button every kiosk screen uses: made for a finger, never for a keyboard.

- Never focusable: touch needs no focus, and a focused button would swallow a USB scanner's
  Enter or the Enter that submits a form.
- The double-tap guard is inside: the second half of a double tap (the same button again,
  or any button on a screen that appeared a moment ago) is dropped before `Button.Pressed`
  is posted, so handlers written as `@on(Button.Pressed, "#id")` only see real taps.
- `repeat_ok=True` is for keys tapped quickly on purpose (the PIN pad's digits "1", "1").
"""

from __future__ import annotations

from typing import Self

from textual import events
from textual.widgets import Button

from kiosk.ui.screens.base import KioskScreen


class TouchButton(Button, can_focus=False):
    def __init__(self, *args: object, repeat_ok: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.repeat_ok = repeat_ok

    async def _on_click(self, event: events.Click) -> None:
        # Textual's Button ignores a click while its 0.2 s "pressed" look lasts: a real-time
        # debounce that swallowed a quick second tap on a different step. The kiosk's own
        # guard (below) decides, on the tap guard's clock.
        event.stop()
        self.press()

    def press(self) -> Self:
        if not self.repeat_ok and not self._tap_allowed():
            return self
        return super().press()

    def _tap_allowed(self) -> bool:
        screen = self.screen
        if not isinstance(screen, KioskScreen):  # a widget test's bare screen: no guard
            return True
        return screen.tap_ok(self.id or str(self.label))
