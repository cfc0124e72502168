"""Is this you? One tap to sign out, one to go back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.errors import NotFound
from kiosk.services.visitors.sign_out import SignOutMatch, sign_out_visit
from kiosk.ui.language import _
from kiosk.ui.messages import ShowMessage, VisitorSignedOut
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.touch_button import TouchButton


class ConfirmSignOutScreen(KioskScreen):
    CSS_PATH = "sign_out.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.match: SignOutMatch | None = None

    def prepare(self, match: SignOutMatch) -> None:
        """Ask about this visitor (the screen is kept: its widgets are built once)."""
        self.match = match
        if self.is_mounted:
            self.on_mount()

    def on_mount(self) -> None:
        self.query_one("#confirm-who", Static).update(self.match.label if self.match else "")

    def forget(self) -> None:
        self.match = None
        self.on_mount()

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(_("Sign out now?"), id="confirm-title")
            yield Static("", id="confirm-who", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield TouchButton(
                    _("No, go back"), id="not-me", variant="default", pressed_look=False
                )
                yield TouchButton(
                    _("Yes, sign me out"), id="confirm", variant="success", pressed_look=False
                )

    def show_language(self) -> None:
        self.query_one("#confirm-title", Static).update(_("Sign out now?"))
        self.query_one("#not-me", Button).label = _("No, go back")
        self.query_one("#confirm", Button).label = _("Yes, sign me out")
        self.on_mount()

    @on(Button.Pressed, "#not-me")
    def _not_me(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#confirm")
    def sign_out(self) -> None:
        if self.leaving or self.match is None:
            return
        try:
            visit = sign_out_visit(self.kiosk.context, self.match.visit_id, by="name")
        except NotFound as gone:
            self.tell_app(ShowMessage(_("Already signed out"), _(str(gone)), tone="good"))
            return
        except Exception as error:
            self.kiosk.show_fault(error)
            return
        self.tell_app(VisitorSignedOut(visit))
