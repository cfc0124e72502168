"""Screens where a USB scanner works with no tap first: welcome, the pass, thank-you messages.

Nothing on these screens takes focus, so the scanner's keys (a code, then Enter) reach the
screen itself, and a focused button cannot swallow the Enter.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Button

from kiosk.ui.scan_buffer import ScanBuffer
from kiosk.ui.screens.base import KioskScreen


class ScanningScreen(KioskScreen):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.scan = ScanBuffer()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False

    def on_key(self, event: events.Key) -> None:
        code = self.scan.feed(event.character, event.key)
        event.stop()
        if code is not None:
            from kiosk.ui.visitor_flow import handle_scanned_code

            handle_scanned_code(self.kiosk, code)
