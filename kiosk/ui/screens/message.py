"""A full-screen message that goes back to welcome by itself or on a tap: thank you,
please speak to reception, that pass was already used."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.ui.screens.scanning import ScanningScreen


class MessageScreen(ScanningScreen):
    CSS_PATH = "message.tcss"
    RETURN_AFTER_SECONDS = 8

    def __init__(self, title: str, body: str = "", tone: str = "good") -> None:
        super().__init__(classes=f"tone-{tone}")
        self.title_text = title
        self.body_text = body

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(self.title_text, id="message-title", markup=False)
            yield Static(self.body_text, id="message-body", markup=False)
            with Horizontal(classes="button-row"):
                yield Button("OK", id="ok", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.tap_ok("ok"):
            self.kiosk.return_to_welcome()
