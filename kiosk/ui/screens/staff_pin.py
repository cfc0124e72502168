"""Staff sign-in: a PIN pad. The PIN is checked off the UI thread (scrypt is slow on purpose).

A wrong PIN, or PIN entry locked after too many wrong ones, never gets further than this
screen, so it can never open the phone store. In a lockout the pad is shut, with an
"Admin PIN" button: an admin's PIN still works then (phones must still go home), and a
wrong one counts like any other. When the daily limit has closed PIN entry, nothing opens
the pad but time or the office (`kiosk staff unlock`). Whenever PIN entry is locked or closed,
a member of staff's card scanned here lets them hand phones back (kiosk/services/staff/
card_in_lockout.py).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from kiosk.domain.ids import looks_like_card
from kiosk.domain.lockout import time_left_text
from kiosk.errors import KioskError
from kiosk.services.staff.card_in_lockout import phones_by_card
from kiosk.services.staff.staff_login import StaffLogin, lockout, log_in
from kiosk.ui.check_failed import check_failed_text
from kiosk.ui.messages import StaffCardForPhones, StaffLoggedIn
from kiosk.ui.scan_buffer import ScanBuffer
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.pin_pad import PinPad
from kiosk.ui.widgets.touch_button import TouchButton

CHECK_WORKER = "pin-check"
STAFF_TITLE = "Staff: enter your PIN"
ADMIN_TITLE = "Admin: enter your PIN"


class StaffPinScreen(KioskScreen):
    CSS_PATH = "staff.tcss"

    _scan: ScanBuffer | None = None

    def __init__(self) -> None:
        super().__init__()
        self.admin_only = False  # the Admin PIN button was tapped in a lockout

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(STAFF_TITLE, id="step-title")
            admin = TouchButton("Admin PIN", id="pin-admin")
            admin.display = False
            yield admin
            yield TouchButton("Cancel", id="pin-cancel")
        with Vertical(id="pin-body"):
            # Centre holds the pad on its own: the message below is full width, and align
            # would centre the pair as one block.
            with Center():
                yield PinPad(id="pin-pad")
            yield Static("", id="pin-message", markup=False)

    def on_mount(self) -> None:
        self.refresh_lockout()

    def heartbeat(self) -> None:
        self.refresh_lockout()

    @property
    def pad(self) -> PinPad:
        return self.query_one(PinPad)

    def say(self, message: str) -> None:
        self.query_one("#pin-message", Static).update(message)

    def refresh_lockout(self) -> None:
        """Close the pad while PIN entry is locked; open it again when the lockout ends."""
        if self.workers and any(w.name == CHECK_WORKER and w.is_running for w in self.workers):
            return
        try:
            blocked = lockout(self.kiosk.context)
        except KioskError as exc:
            self.pad.set_enabled(False)
            self.say(str(exc))
            return
        admin = self.query_one("#pin-admin", TouchButton)
        if blocked is None or blocked.closed:
            self._admin_mode(False)
        admin.display = blocked is not None and blocked.admins_may and not self.admin_only
        if blocked is not None and self.admin_only:
            left = time_left_text(blocked.seconds_left)
            self.say(f"PIN entry is locked for everyone else for {left}. A wrong PIN counts.")
            if not self.pad.enabled:
                self.pad.set_enabled(True)
                self.pad.focus()
        elif blocked is not None:
            # Counts down on every heartbeat (the kiosk clock): no timer of its own.
            self.pad.set_enabled(False, shut_text="Locked")
            if blocked.closed:
                until = blocked.until.strftime("%H:%M")
                self.say(
                    f"Too many wrong PINs today: PIN entry is closed until {until}. "
                    "The office has been told and can open it again."
                )
            else:
                left = time_left_text(blocked.seconds_left)
                self.say(
                    f"Too many wrong PINs: PIN entry is locked. Try again in {left}, "
                    "or an admin can log in (Admin PIN)."
                )
        elif not self.pad.enabled:
            self.pad.set_enabled(True)
            self.say("")
            self.pad.focus()

    def _admin_mode(self, on: bool) -> None:
        if on == self.admin_only:
            return
        self.admin_only = on
        self.query_one("#step-title", Static).update(ADMIN_TITLE if on else STAFF_TITLE)

    @on(Button.Pressed, "#pin-admin")
    def _admin(self) -> None:
        self._admin_mode(True)
        self.refresh_lockout()

    def on_pin_pad_submitted(self, message: PinPad.Submitted) -> None:
        message.stop()
        self.pad.set_enabled(False)
        self.say("Checking…")
        context = self.kiosk.context
        pin = message.pin
        admins_only = self.admin_only
        self.run_worker(
            lambda: log_in(context, pin, admins_only=admins_only),
            name=CHECK_WORKER,
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name != CHECK_WORKER:
            return
        if not self.is_current:
            # Cancelled, or the idle reset came, while the PIN was being checked: a late
            # answer must not open the staff menu over whoever is at the kiosk now.
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, StaffLogin):
            self.tell_app(StaffLoggedIn(worker.result.staff, worker.result.notices))
        elif event.state == WorkerState.ERROR:
            error = worker.error
            self.say(check_failed_text(error, "The PIN could not be checked."))
            self.pad.set_enabled(True)
            self.refresh_lockout()
            self.pad.focus()

    def on_key(self, event: events.Key) -> None:
        """Keys the pad did not take (it is shut in a lockout): a scanned staff card."""
        if self._scan is None:
            self._scan = ScanBuffer()
        code = self._scan.feed(event.character, event.key)
        event.stop()
        if code is None or not looks_like_card(code):
            return
        try:
            staff = phones_by_card(self.kiosk.context, code)
        except KioskError as exc:
            self.say(str(exc))
            return
        self.tell_app(StaffCardForPhones(staff))

    @on(Button.Pressed, "#pin-cancel")
    def _cancel(self) -> None:
        self.kiosk.return_to_welcome()
