"""Placeholder: the staff PIN pad arrives with the phone-custody work."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button, Static

from kiosk.ui.screens.base import KioskScreen


class StaffPinScreen(KioskScreen):
    def compose(self) -> ComposeResult:
        yield Static("Staff screens are not built yet.")
        yield Button("Back", id="back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.app.pop_screen()
