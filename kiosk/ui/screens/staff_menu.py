"""What a member of staff can do once their PIN is accepted. Done (or the idle timeout)
ends the session: the next person has to enter a PIN again."""

from __future__ import annotations

import contextlib

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.admin.store_watch import StoreStatus
from kiosk.services.attendance.attendance_events import collections_waiting
from kiosk.services.fire.roll_call import on_site
from kiosk.services.phones.phones_waiting import phones_held
from kiosk.services.staff.staff_login import end_session
from kiosk.ui.messages import StaffTaskChosen
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.touch_button import TouchButton

PUPILS_LABEL = "Pupils: late, collections"


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
            yield TouchButton("Done", id="staff-done", variant="primary")
        with Vertical(id="menu-body"):
            yield Static("", id="menu-summary")
            fault = Static("", id="menu-fault", markup=False)
            fault.display = False
            yield fault
            if self.notices:
                yield Static("\n".join(self.notices), id="menu-notice", markup=False)
            with Grid(id="menu-buttons"):
                yield TouchButton(
                    "Store a phone", id="store-phone", variant="primary", pressed_look=False
                )
                yield TouchButton(
                    "Return phones", id="return-phones", variant="success", pressed_look=False
                )
                yield TouchButton(PUPILS_LABEL, id="pupils", variant="warning", pressed_look=False)
                yield TouchButton(
                    "Fire roll call", id="roll-call", variant="error", pressed_look=False
                )

    def on_mount(self) -> None:
        self.watch(self.app, "store_status", self.show_store_status)

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
        try:
            waiting = len(collections_waiting(context))
        except KioskError:
            waiting = 0
        label = f"Pupils ({waiting} waiting)" if waiting else PUPILS_LABEL
        self.query_one("#pupils", Button).label = label

    def show_store_status(self, status: StoreStatus | None) -> None:
        """A data or disk fault for staff to pass on to the office."""
        if status is None:
            return
        for fault in self.query("#menu-fault").results(Static):  # none before compose
            fault.update(status.fault)
            fault.display = bool(status.fault)

    @on(Button.Pressed, "#staff-done")
    def _done(self) -> None:
        self.finish("done")
        self.kiosk.return_to_welcome()

    @on(Button.Pressed, "#store-phone, #return-phones, #pupils, #roll-call")
    def _task(self, event: Button.Pressed) -> None:
        self.tell_app(StaffTaskChosen(event.button.id or "", self.staff))

    def finish(self, why: str) -> None:
        if self._ended:
            return
        self._ended = True
        with contextlib.suppress(KioskError):  # the audit note must not trap staff on screen
            end_session(self.kiosk.context, self.staff, why)

    def on_unmount(self) -> None:
        # Idle timeout (the app drops every screen above welcome) or the kiosk stopping.
        self.finish("session closed (idle timeout or kiosk stopped)")
