"""The welcome screen: school name, date and time, and the big buttons.

A USB scanner types a pass's code then Enter; nothing here takes focus, so those keys reach
the screen and a pass signs its holder out without a tap.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.ui.scan_buffer import ScanBuffer
from kiosk.ui.screens.base import KioskScreen


class WelcomeScreen(KioskScreen):
    CSS_PATH = "welcome.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.scan = ScanBuffer()

    def compose(self) -> ComposeResult:
        context = self.kiosk.context
        with Vertical(id="welcome-body"):
            if context.demo:
                from kiosk.services.demo_seed import DEMO_PIN

                yield Static(
                    f"DEMO: simulated hardware, sample data. Staff PIN: {DEMO_PIN}",
                    id="demo-banner",
                )
            yield Static(context.config.school_name, id="school-name")
            yield Static("", id="clock")
            yield Static("Welcome! Please sign in and out here.", id="welcome-hint")
            with Horizontal(id="main-buttons"):
                yield Button("Sign in", id="sign-in", variant="primary")
                yield Button("Sign out", id="sign-out", variant="success")
            yield Static("", id="welcome-notice")
            yield Static("", id="scan-message")
            with Horizontal(id="staff-row"):
                yield Button("Staff", id="staff")

    def on_mount(self) -> None:
        # Touch needs no focus, and a focused button would swallow a scanner's Enter.
        for button in self.query(Button):
            button.can_focus = False
        self.refresh_clock()
        self.set_interval(1, self.refresh_clock)

    def refresh_clock(self) -> None:
        now = self.kiosk.context.now()
        self.query_one("#clock", Static).update(now.strftime("%A %-d %B %Y   %H:%M"))

    def forget(self) -> None:
        """Called when the kiosk returns here: half-scanned codes and old messages go."""
        self.scan.clear()
        self.query_one("#scan-message", Static).update("")

    def on_key(self, event: events.Key) -> None:
        code = self.scan.feed(event.character, event.key)
        event.stop()
        if code is not None:
            from kiosk.ui.visitor_flow import handle_scanned_code

            handle_scanned_code(self.kiosk, code)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = event.button.id or ""
        if not self.tap_ok(action):
            return
        self.query_one("#scan-message", Static).update("")
        if action in ("sign-in", "sign-out"):
            from kiosk.ui.visitor_flow import open_reusable_screen

            open_reusable_screen(self.kiosk, action)
        elif action == "staff":
            from kiosk.ui.screens.staff_pin import StaffPinScreen

            self.app.push_screen(StaffPinScreen())
