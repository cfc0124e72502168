"""What a USB scanner types on a screen with no text box, turned into a `CodeScanned` message.

The scanner types a code then Enter. On screens where it works with no tap first (welcome,
the pass, thank-you messages) nothing takes focus, so its keys reach the screen itself and
a focused button cannot swallow the Enter. Those screens mix in `ScansCodes`; the app's
navigator decides what a scanned code means.
"""

from __future__ import annotations

from textual import events
from textual.message_pump import MessagePump

from kiosk.ui.messages import CodeScanned
from kiosk.ui.scan_buffer import ScanBuffer


class ScansCodes(MessagePump):
    """Mix into a KioskScreen (before it): keys collect into a code; Enter posts it."""

    _scan: ScanBuffer | None = None

    @property
    def scan(self) -> ScanBuffer:
        if self._scan is None:
            self._scan = ScanBuffer()
        return self._scan

    def on_key(self, event: events.Key) -> None:
        code = self.scan.feed(event.character, event.key)
        event.stop()
        if code is not None:
            self.post_message(CodeScanned(code))
