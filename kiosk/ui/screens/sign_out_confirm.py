"""Is this you? One tap to sign out, one to go back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.errors import NotFound
from kiosk.services.sign_out import SignOutMatch, sign_out_visit
from kiosk.ui.screens.base import KioskScreen


class ConfirmSignOutScreen(KioskScreen):
    CSS_PATH = "sign_out.tcss"

    def __init__(self, match: SignOutMatch) -> None:
        super().__init__()
        self.match = match

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static("Sign out now?", id="confirm-title")
            yield Static(self.match.label, id="confirm-who", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("No, go back", id="not-me", variant="default")
                yield Button("Yes, sign me out", id="confirm", variant="success")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = event.button.id or ""
        if not self.tap_ok(action):
            return
        if action == "not-me":
            self.app.pop_screen()
        elif action == "confirm":
            self.sign_out()

    def sign_out(self) -> None:
        from kiosk.ui.screens.message import MessageScreen
        from kiosk.ui.visitor_flow import show_signed_out

        try:
            record = sign_out_visit(self.kiosk.context, self.match.visit_id, by="name")
        except NotFound as gone:
            self.kiosk.return_to_welcome()
            self.app.push_screen(MessageScreen("Already signed out", str(gone), tone="good"))
            return
        except Exception as error:
            self.kiosk.show_fault(error)
            return
        show_signed_out(self.kiosk, record)
