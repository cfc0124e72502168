"""What a visitor sees when the kiosk itself has a problem: calm words, never a traceback.

The fire roll call is still two taps away from here (kiosk/ui/roll_call_entry.py): a fault
must never stand between a fire and the list of who is on site."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.domain.languages import N_
from kiosk.ui.language import _
from kiosk.ui.roll_call_entry import OpensRollCall, roll_call_button
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.question import Question

# In the visitor's language; the line for the office stays English.
FAULT_TITLE = N_("Sorry, the kiosk cannot sign you in right now.")
FAULT_BODY = N_("Please sign in on paper at reception; the kiosk needs attention.")


class FaultScreen(OpensRollCall, KioskScreen):
    """Stays until the idle timeout takes the kiosk back to welcome. The detail line is for
    the office; the full error goes to the log."""

    CSS_PATH = "message.tcss"

    def __init__(self, detail: str = "") -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(_(FAULT_TITLE), id="message-title")
            yield Static(_(FAULT_BODY), id="message-body")
            yield Static(f"For the office: {self.detail}"[:300], id="fault-detail", markup=False)
            with Horizontal(classes="button-row"):
                yield roll_call_button()
        yield Question()
