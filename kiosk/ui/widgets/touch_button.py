"""The one button every kiosk screen uses: made for a finger, never for a keyboard.

- Never focusable: touch needs no focus, and a focused button would swallow a USB scanner's
  Enter or the Enter that submits a form.
- A finger's bounce never reaches it: the app refuses a tap that arrives a moment after a
  tap on a button like this one (kiosk/ui/tap_guard.py), so handlers written as
  `@on(Button.Pressed, "#id")` only see real taps. A tap that reaches a screen that has
  already told the app it is done does nothing either.
- `repeat_ok=True` is for keys tapped quickly on purpose (the PIN pad's digits "1", "1"):
  never taken for a bounce.
- `pressed_look=False` is for a button whose tap always replaces the screen or the step
  (Sign in, a visitor type, Done, OK). The next screen is the answer to the tap, drawn in
  the same frame the pressed look would be; the look would only restyle and relayout the
  screen left behind, once on the tap and once 0.2 s later (about 60 ms of a Pi's "Sign in"
  at a quarter of a core).
"""

from __future__ import annotations

from typing import Self

from textual import events
from textual.widgets import Button

from kiosk.ui.tap_guard import LeavingScreen
from kiosk.ui.tap_log import TAP_LOG


class TouchButton(Button, can_focus=False):
    def __init__(
        self,
        *args: object,
        repeat_ok: bool = False,
        pressed_look: bool = True,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.repeat_ok = repeat_ok
        if not pressed_look:
            self.active_effect_duration = 0
        # Textual gives the default variant no class; the kiosk styles plain buttons (app.tcss).
        self.set_class(self.variant == "default", "-plain")

    def watch_variant(self, old_variant: str, variant: str) -> None:
        super().watch_variant(old_variant, variant)
        self.set_class(variant == "default", "-plain")

    async def _on_click(self, event: events.Click) -> None:
        # Textual's Button drops a click while its 0.2 s pressed look lasts (real time). The
        # guard below decides about repeats instead, on the kiosk's own terms, so a deliberate
        # second tap (Next after a refused Next, the PIN "11") is never lost to an animation.
        # Textual calls each class's _on_click in turn: Button's, which would press again
        # whenever no pressed look is showing, must not run.
        event.stop()
        event.prevent_default()
        self.press()

    def press(self) -> Self:
        if not self.repeat_ok and not self._tap_allowed():
            return self
        if not self.disabled and self.display:
            TAP_LOG.debug("press %s", self.id or self.label)
        return super().press()

    def tap_target(self, x: int, y: int) -> tuple[str, bool]:
        """For the app's tap guard: this button's name, and whether it repeats (repeat_ok)."""
        return self.id or str(self.label), self.repeat_ok

    def _tap_allowed(self) -> bool:
        screen = self.screen
        if not isinstance(screen, LeavingScreen):  # a widget test's bare screen: no guard
            return True
        return screen.tap_ok(self.id or str(self.label))
