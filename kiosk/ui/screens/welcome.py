"""The welcome screen: school name, date and time, and the big buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.ui.screens.base import KioskScreen

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp


class WelcomeScreen(KioskScreen):
    CSS_PATH = "welcome.tcss"

    def compose(self) -> ComposeResult:
        app = cast("KioskApp", self.app)
        with Vertical(id="welcome-body"):
            if app.context.demo:
                yield Static("DEMO: simulated hardware, sample data", id="demo-banner")
            yield Static(app.context.config.school_name, id="school-name")
            yield Static("", id="clock")
            with Horizontal(id="main-buttons"):
                yield Button("Sign in", id="sign-in", variant="primary")
                yield Button("Sign out", id="sign-out", variant="success")
            yield Button("Staff", id="staff")

    def on_mount(self) -> None:
        self.refresh_clock()
        self.set_interval(1, self.refresh_clock)

    def refresh_clock(self) -> None:
        now = cast("KioskApp", self.app).context.now()
        self.query_one("#clock", Static).update(now.strftime("%A %-d %B %Y   %H:%M"))
