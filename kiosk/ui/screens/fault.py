"""What a visitor sees when the kiosk itself has a problem: calm words, never a traceback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.ui.screens.base import KioskScreen

FAULT_TITLE = "Sorry, the kiosk cannot sign you in right now."
FAULT_BODY = "Please sign in on paper at reception; the kiosk needs attention."


class FaultScreen(KioskScreen):
    """Stays until the idle timeout takes the kiosk back to welcome. The detail line is for
    the office; the full error goes to the log."""

    CSS_PATH = "message.tcss"

    def __init__(self, detail: str = "") -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(FAULT_TITLE, id="message-title")
            yield Static(FAULT_BODY, id="message-body")
            yield Static(f"For the office: {self.detail}"[:300], id="fault-detail", markup=False)
