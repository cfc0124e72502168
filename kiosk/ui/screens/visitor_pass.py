"""The visitor's pass: who, when, whom they are visiting, the phone reminder, and a QR code
holding the single-use sign-out token (no personal data)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.clock import parse_iso
from kiosk.domain.lanyards import reception_reminder
from kiosk.domain.records import Visit
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.pass_qr import PassQR
from kiosk.ui.widgets.touch_button import TouchButton

PHONE_REMINDER = "Phones: foyer or outside only"


class PassScreen(ScansCodes, KioskScreen):
    CSS_PATH = "visitor_pass.tcss"

    def __init__(self, visit: Visit) -> None:
        super().__init__()
        self.visit = visit

    def return_after_seconds(self) -> float:
        return self.kiosk.context.config.pass_display_seconds

    def compose(self) -> ComposeResult:
        tz = self.kiosk.context.config.tz
        time_in = parse_iso(self.visit.signed_in_at).astimezone(tz).strftime("%H:%M")
        with Horizontal(id="pass-body"):
            with Vertical(id="pass-details"):
                yield Static("You are signed in", id="pass-title")
                yield Static(self.visit.name, id="pass-name", markup=False)
                yield Static(f"In at {time_in}", id="pass-time")
                yield Static(f"Visiting: {self.visit.host}", id="pass-host", markup=False)
                yield Static(PHONE_REMINDER, id="pass-reminder")
                lanyards = self.kiosk.context.config.lanyards
                yield Static(
                    lanyards.wording(self.visit.escorted),
                    id="pass-lanyard",
                    classes="escorted" if self.visit.escorted else "unescorted",
                    markup=False,
                )
                reminder = reception_reminder(self.visit.visitor_type)
                if reminder:
                    yield Static(reminder, id="pass-reception", markup=False)
                yield Static(
                    "Take a photo of this code. When you leave, hold it to the scanner "
                    "to sign out.",
                    id="pass-hint",
                )
                yield TouchButton("Done", id="pass-done", variant="primary")
            yield PassQR(self.visit.pass_token, id="pass-qr")

    @on(Button.Pressed, "#pass-done")
    def _done(self) -> None:
        self.kiosk.return_to_welcome()
