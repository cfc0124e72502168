"""What a member of staff can do once their PIN is accepted. Done (or the idle timeout)
ends the session: the next person has to enter a PIN again."""

from __future__ import annotations

import contextlib

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.phones_waiting import phones_held
from kiosk.services.roll_call import on_site
from kiosk.services.staff_login import end_session
from kiosk.services.store_watch import StoreStatus
from kiosk.ui.screens.base import KioskScreen


class StaffMenuScreen(KioskScreen):
    CSS_PATH = "staff.tcss"

    def __init__(self, staff: Staff, notices: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.staff = staff
        self.notices = notices  # PIN lockouts since the last login, a weak PIN to change
        self._ended = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(f"Staff: {self.staff.name}", id="step-title", markup=False)
            yield Button("Done", id="staff-done", variant="primary")
        with Vertical(id="menu-body"):
            yield Static("", id="menu-summary")
            fault = Static("", id="menu-fault", markup=False)
            fault.display = False
            yield fault
            if self.notices:
                yield Static("\n".join(self.notices), id="menu-notice", markup=False)
            with Grid(id="menu-buttons"):
                yield Button("Store a phone", id="store-phone", variant="primary")
                yield Button("Return phones", id="return-phones", variant="success")
                yield Button("Fire roll call", id="roll-call", variant="error")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False

    def on_screen_resume(self) -> None:
        context = self.kiosk.context
        try:
            phones, people = len(phones_held(context)), len(on_site(context))
        except KioskError as exc:
            self.query_one("#menu-summary", Static).update(str(exc))
            return
        self.query_one("#menu-summary", Static).update(
            f"Phones in the store: {phones}    Visitors on site: {people}"
        )

    def show_store_status(self, status: StoreStatus) -> None:
        """Called once a second: a data or disk fault for staff to pass on to the office."""
        for fault in self.query("#menu-fault").results(Static):  # none before compose
            fault.update(status.fault)
            fault.display = bool(status.fault)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = event.button.id or ""
        if not self.tap_ok(action):
            return
        if action == "staff-done":
            self.finish("done")
            self.kiosk.return_to_welcome()
        elif action == "store-phone":
            from kiosk.ui.screens.phone_store import PhoneStoreScreen

            self.app.push_screen(PhoneStoreScreen(self.staff))
        elif action == "return-phones":
            from kiosk.ui.screens.phone_return import PhoneReturnScreen

            self.app.push_screen(PhoneReturnScreen(self.staff))
        elif action == "roll-call":
            from kiosk.ui.screens.roll_call import RollCallScreen

            self.app.push_screen(RollCallScreen())

    def finish(self, why: str) -> None:
        if self._ended:
            return
        self._ended = True
        with contextlib.suppress(KioskError):  # the audit note must not trap staff on screen
            end_session(self.kiosk.context, self.staff, why)

    def on_unmount(self) -> None:
        # Idle timeout (the app drops every screen above welcome) or the kiosk stopping.
        self.finish("session closed (idle timeout or kiosk stopped)")
