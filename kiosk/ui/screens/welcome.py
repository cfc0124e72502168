"""The welcome screen: school name, date and time, and the big buttons.

A USB scanner types a pass's code then Enter; nothing here takes focus, so those keys reach
the screen and a pass signs its holder out without a tap (a staff card signs its holder in or
out).

Under Sign in and Sign out, one row of three equal buttons: "I work here" (staff signing in
and out by name), then the pupils' late arrival and early collection.

The bottom row has Staff on the left and Fire roll call on the right (two taps, no PIN:
kiosk/ui/roll_call_entry.py); the space between them is kept free for a language choice.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.weak_pins import DEMO_PIN
from kiosk.services.phones.store_watch import StoreStatus
from kiosk.ui.messages import SignInChosen, SignOutChosen, StaffChosen, StaffSignChosen
from kiosk.ui.roll_call_entry import OpensRollCall, roll_call_button
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.question import Question
from kiosk.ui.widgets.touch_button import TouchButton

# A scan's answer (a bag label, an unknown code) is for the person who scanned, not the next.
SCAN_MESSAGE_SECONDS = 8
PHONES_WAITING_NOTICE = "Phones are waiting to be returned: staff, please see the phone store."


class WelcomeScreen(OpensRollCall, ScansCodes, KioskScreen):
    CSS_PATH = "welcome.tcss"

    # When the scan message went up (the clock's monotonic()), or None when there is none.
    scan_message_at: float | None = None

    def compose(self) -> ComposeResult:
        context = self.kiosk.context
        with Vertical(id="welcome-body"):
            if context.demo:
                yield Static(
                    f"DEMO: simulated hardware, sample data. Staff PIN: {DEMO_PIN}. Quit: Ctrl+Q",
                    id="demo-banner",
                )
            yield Static(context.config.school_name, id="school-name")
            yield Static("", id="clock")
            yield Static("Welcome! Please sign in and out here.", id="welcome-hint")
            with Horizontal(id="main-buttons"):
                yield TouchButton("Sign in", id="sign-in", variant="primary", pressed_look=False)
                yield TouchButton("Sign out", id="sign-out", variant="success", pressed_look=False)
            # The foyer's other ways in, three equal buttons in one row: staff ("I work here"),
            # then pupils arriving late and pupils collected early.
            with Horizontal(id="foyer-row"):
                yield TouchButton("I work here", id="i-work-here", pressed_look=False)
            yield Static("", id="welcome-notice")
            yield Static("", id="scan-message")
            # Two halves lined up with Sign in and Sign out: Staff at the left edge, Fire roll
            # call at the right, the room between them free (a language choice will go there).
            with Horizontal(id="staff-row"):
                with Horizontal(id="bottom-left", classes="bottom-half"):
                    yield TouchButton("Staff", id="staff", pressed_look=False)
                with Horizontal(id="bottom-right", classes="bottom-half"):
                    yield roll_call_button()
        yield Question()

    def on_mount(self) -> None:
        self.heartbeat()
        self.watch(self.app, "store_status", self.show_store_status)

    def heartbeat(self) -> None:
        clock = self.kiosk.context.clock
        now = self.kiosk.context.now()
        show_text(self.query_one("#clock", Static), now.strftime("%A %-d %B %Y   %H:%M"))
        shown_at = self.scan_message_at
        if shown_at is not None and clock.monotonic() - shown_at >= SCAN_MESSAGE_SECONDS:
            self.show_scan_message("")

    def show_store_status(self, status: StoreStatus | None) -> None:
        if status is None:
            return
        # The door warning outranks the phones notice; neither ever names a pupil.
        notice = status.warning or (PHONES_WAITING_NOTICE if status.phones_waiting else "")
        show_text(self.query_one("#welcome-notice", Static), notice)

    def show_scan_message(self, text: str) -> None:
        show_text(self.query_one("#scan-message", Static), text)
        self.scan_message_at = self.kiosk.context.clock.monotonic() if text else None

    def forget(self) -> None:
        """Called when the kiosk returns here: half-scanned codes, old messages and an
        unanswered question go, and the clock, not set while another screen was up, is right
        from the first frame."""
        self.scan.clear()
        self.show_scan_message("")
        for question in self.query(Question):
            question.close()
        self.heartbeat()

    @on(Button.Pressed)
    def _any_button(self) -> None:
        self.show_scan_message("")

    @on(Button.Pressed, "#sign-in")
    def _sign_in(self) -> None:
        self.tell_app(SignInChosen())

    @on(Button.Pressed, "#sign-out")
    def _sign_out(self) -> None:
        self.tell_app(SignOutChosen())

    @on(Button.Pressed, "#staff")
    def _staff(self) -> None:
        self.tell_app(StaffChosen())

    @on(Button.Pressed, "#i-work-here")
    def _i_work_here(self) -> None:
        self.tell_app(StaffSignChosen())
