"""Shown while the phone store is open: what to do, the lock, and the door.

With a door sensor the screen waits for the door to close and warns, large, if it stays
open past the configured time (the LED warns too). It follows the app's `store_status`,
which the app's heartbeat (driven by the kiosk clock) and the door sensor update.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from kiosk.services.admin.store_watch import StoreStatus
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.touch_button import TouchButton


class StoreOpenScreen(KioskScreen):
    CSS_PATH = "staff.tcss"

    def __init__(self, title: str, body: str, door_open: str) -> None:
        """`door_open`: what to do while the door is open, from the screen that opened it
        (put the phone in, or take the phones out)."""
        super().__init__()
        self.title_text = title
        self.body_text = body
        self.door_open_text = door_open
        self.door_was_opened = False

    def compose(self) -> ComposeResult:
        with Vertical(id="open-box"):
            yield Static(self.title_text, id="open-title", markup=False)
            yield Static(self.body_text, id="open-body", markup=False)
            yield Static("", id="open-lock", markup=False)
            yield Static("", id="open-door", markup=False)
            yield Static("", id="open-warning", markup=False)
            yield TouchButton("Done", id="open-done", variant="primary")

    def on_mount(self) -> None:
        self.watch(self.app, "store_status", self.show_store_status)

    def show_store_status(self, status: StoreStatus | None) -> None:
        if status is None:
            return
        seconds = self.kiosk.context.config.hardware.unlock_seconds
        self.query_one("#open-lock", Static).update(
            f"The store is unlocked for {seconds:g} seconds: open the door now."
            if status.lock_open
            else "The lock has closed again; the door locks when you shut it."
        )
        door = ""
        if status.door_closed is False:
            self.door_was_opened = True
            door = f"Door: open. {self.door_open_text}"
        elif status.door_closed is True:
            door = "Door: closed. Thank you." if self.door_was_opened else "Door: closed"
        self.query_one("#open-door", Static).update(door)
        warning = self.query_one("#open-warning", Static)
        warning.update(status.warning)
        warning.display = bool(status.warning)

    @on(Button.Pressed, "#open-done")
    def _done(self) -> None:
        self.app.pop_screen()
