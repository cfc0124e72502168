"""After a collection request: "Please wait at the office window". The office has been told
(the staff screen, and a buzzer or lamp if one is wired); a member of staff brings the pupil
and confirms the handover. A pupil coming back today gets a slip code: scanned (or typed) at
the kiosk on their return, it signs them back in.

A public screen: the pupil's first name and initial only."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.attendance import AttendanceEvent
from kiosk.services.attendance.early_collection import slip_text
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.pass_qr import PassQR
from kiosk.ui.widgets.touch_button import TouchButton

WAIT_TITLE = "Please wait at the office window."


def short_name(event: AttendanceEvent) -> str:
    """ "Amy S.": what the public screen may say of the pupil."""
    parts = event.pupil_name.split()
    first = parts[0] if parts else "the pupil"
    return f"{first} {parts[-1][0].upper()}." if len(parts) > 1 else first


class CollectionWaitScreen(KioskScreen):
    CSS_PATH = "pupil_form.tcss"
    IDLE_RESET = False  # its own time: the slip must stay long enough to photograph

    def __init__(self, event: AttendanceEvent) -> None:
        super().__init__()
        self.event = event

    def return_after_seconds(self) -> float:
        return float(self.kiosk.context.config.pass_display_seconds)

    def compose(self) -> ComposeResult:
        event = self.event
        who = short_name(event)
        with Horizontal(id="wait-body"):
            with Vertical(id="wait-details"):
                yield Static(WAIT_TITLE, id="wait-title")
                yield Static(
                    f"The office has been told. A member of staff will bring {who} to you.",
                    id="wait-body-text",
                    markup=False,
                )
                if event.slip_token:
                    yield Static(
                        f"When {who.split()[0]} comes back today, take a photo of this code "
                        "and show it to the kiosk's scanner (or type it at the office).",
                        id="wait-slip-hint",
                        markup=False,
                    )
                yield TouchButton("Done", id="wait-done", variant="primary", pressed_look=False)
            if event.slip_token:
                with Vertical(id="wait-code-column"):
                    qr = PassQR(id="wait-qr")
                    yield qr
                    yield Static(slip_text(event.slip_token), id="wait-code", markup=False)

    def on_mount(self) -> None:
        for qr in self.query(PassQR):
            qr.show(self.event.slip_token)

    @on(Button.Pressed, "#wait-done")
    def _done(self) -> None:
        self.kiosk.return_to_welcome()
