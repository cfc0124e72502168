"""A full-screen message that goes back to welcome by itself or on a tap: thank you,
please speak to reception, that pass was already used."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.ui.language import _
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.touch_button import TouchButton


class MessageScreen(ScansCodes, KioskScreen):
    CSS_PATH = "message.tcss"
    RETURN_AFTER_SECONDS = 8

    def __init__(self) -> None:
        super().__init__(classes="tone-good")
        self.title_text = ""
        self.body_text = ""

    def prepare(self, title: str, body: str = "", tone: str = "good") -> None:
        """Say this (the screen is kept: its widgets are built once)."""
        self.title_text, self.body_text = title, body
        self.set_classes(f"tone-{tone}")
        if self.is_mounted:
            self.on_mount()

    def on_mount(self) -> None:
        self.query_one("#message-title", Static).update(self.title_text)
        self.query_one("#message-body", Static).update(self.body_text)

    def forget(self) -> None:
        """Kept for the next message: nothing of this one, nor half a scanned code, stays."""
        self.scan.clear()
        self.prepare("", "")

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static("", id="message-title", markup=False)
            yield Static("", id="message-body", markup=False)
            with Horizontal(classes="button-row"):
                yield TouchButton(_("OK"), id="ok", variant="primary", pressed_look=False)

    def show_language(self) -> None:
        self.query_one("#ok", Button).label = _("OK")

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.kiosk.return_to_welcome()
