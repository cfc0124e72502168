"""The most a scan may be: keys past MAX_SCAN in one run are dropped before Textual handles
them, so a 100,000-character "scan" (a scanner gone wrong, a stuck key, someone pasting a
book) costs the screen no more than a long code, and the next tap is answered at once.

A run is the printable keys since the last other key (Enter, Backspace, an arrow) or tap.
The first key past the limit becomes one ScanTooLong message (the navigator says so on the
welcome screen); the rest of the run, and the Enter that ends it, are dropped, so no part of
the run is acted on as a code or submits a form. Real codes are 25 characters at most and a
person's typing stops long before 256 (every box holds at most 300).

The gate sits where messages enter the app (`KioskApp.check_message_enabled`) and, on a real
terminal, in the driver's input thread before Textual queues anything for the app, where
each key would otherwise cost a task on the event loop.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.driver import Driver

from kiosk.ui.messages import ScanTooLong

MAX_SCAN = 256
PASS, CUT, DROP = "pass", "cut", "drop"
GATED = "_kiosk_gated"  # set on what the driver's gate handed on: the app's gate lets it be


class KeyGate:
    """Counts the printable keys of the current run; says what to do with each message."""

    def __init__(self) -> None:
        self.run = 0
        self.cut = False

    def admit(self, message: object) -> str:
        """PASS (hand it on), CUT (the run just went past MAX_SCAN: hand on a ScanTooLong
        instead) or DROP."""
        if isinstance(message, events.Key):
            if message.is_printable:
                self.run += 1
                if self.run <= MAX_SCAN:
                    return PASS
                if self.cut:
                    return DROP
                self.cut = True
                return CUT
            ends_cut_scan = self.cut and message.key == "enter"
            self.run, self.cut = 0, False
            return DROP if ends_cut_scan else PASS
        if isinstance(message, events.MouseDown | events.MouseUp):
            self.run, self.cut = 0, False
        return PASS


def already_gated(message: object) -> bool:
    return getattr(message, GATED, False)


def gated_driver(base: type[Driver]) -> type[Driver]:
    """`base` (Textual's driver for this terminal) with the gate in its input thread."""

    class GatedDriver(base):  # type: ignore[valid-type, misc]
        def process_message(self, message: Any) -> None:
            gate: KeyGate | None = getattr(self, "_kiosk_gate", None)
            if gate is None:
                gate = self._kiosk_gate = KeyGate()
            verdict = gate.admit(message)
            if verdict == CUT:
                message = ScanTooLong()
            elif verdict == DROP:
                return
            setattr(message, GATED, True)
            super().process_message(message)

    GatedDriver.__name__ = f"Gated{base.__name__}"
    return GatedDriver
