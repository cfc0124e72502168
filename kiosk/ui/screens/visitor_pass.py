"""The visitor's pass: who, when, whom they are visiting, the phone reminder, and a QR code
holding the single-use sign-out token (no personal data), with the same code printed under it
to type at sign-out. It stays until Done or `pass_display_seconds`, counting down on screen;
"Keep showing" starts the count again (a parent still looking for their phone)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.clock import parse_iso
from kiosk.domain.ids import pass_code_text
from kiosk.domain.lanyards import reception_reminder
from kiosk.domain.records import Visit
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.pass_qr import PassQR
from kiosk.ui.widgets.touch_button import TouchButton

PHONE_REMINDER = "Phones: foyer or outside only"


class PassScreen(ScansCodes, KioskScreen):
    CSS_PATH = "visitor_pass.tcss"
    # The pass has its own time (the countdown); the idle reset must not cut it short.
    IDLE_RESET = False

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
                yield Static("", id="pass-countdown")
                with Horizontal(id="pass-buttons"):
                    yield TouchButton("Done", id="pass-done", variant="primary")
                    yield TouchButton("Keep showing", id="pass-keep")
            with Vertical(id="pass-code-column"):
                yield PassQR(self.visit.pass_token, id="pass-qr")
                yield Static(
                    f"Code: {pass_code_text(self.visit.pass_token)}", id="pass-code", markup=False
                )

    def on_mount(self) -> None:
        self.heartbeat()

    def seconds_left(self) -> int:
        clock = self.kiosk.context.clock
        shown_at = clock.monotonic() if self.shown_at is None else self.shown_at
        return max(0, round(self.return_after_seconds() - (clock.monotonic() - shown_at)))

    def heartbeat(self) -> None:
        self.query_one("#pass-countdown", Static).update(
            f"This pass closes in {self.seconds_left()} s"
        )

    @on(Button.Pressed, "#pass-done")
    def _done(self) -> None:
        self.kiosk.return_to_welcome()

    @on(Button.Pressed, "#pass-keep")
    def _keep_showing(self) -> None:
        self.shown_at = self.kiosk.context.clock.monotonic()
        self.heartbeat()
