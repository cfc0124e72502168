"""The welcome screen: school name, date and time, and the big buttons.

A USB scanner types a pass's code then Enter; nothing here takes focus, so those keys reach
the screen and a pass signs its holder out without a tap (a staff card signs its holder in or
out).

Under Sign in and Sign out, one row of three equal buttons (`#foyer-row`): "I work here"
(staff signing in and out by name), then the pupils' Late arrival and Collect a pupil.

The bottom row has Staff on the left, Fire roll call on the right (two taps, no PIN:
kiosk/ui/roll_call_entry.py) and the language choice between them: one tap when the kiosk
offers one language beside English (the button names it in itself: "Polski", and "English"
once chosen), two when it offers more (the button opens a list, each named in itself). The
choice is for one visitor: the kiosk speaks English again when it comes back here. Staff
stays in English: it leads to the staff screens, which are English only.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.languages import N_
from kiosk.domain.weak_pins import DEMO_PIN
from kiosk.services.admin.store_watch import StoreStatus
from kiosk.ui.language import _, clock_line, spoken
from kiosk.ui.messages import (
    CollectPupilChosen,
    LanguageChosen,
    LateArrivalChosen,
    SignInChosen,
    SignOutChosen,
    StaffChosen,
    StaffSignChosen,
)
from kiosk.ui.roll_call_entry import OpensRollCall, roll_call_button, roll_call_label
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.language_list import LanguageList
from kiosk.ui.widgets.question import Question
from kiosk.ui.widgets.touch_button import TouchButton

# A scan's answer (a bag label, an unknown code) is for the person who scanned, not the next.
SCAN_MESSAGE_SECONDS = 8
PHONES_WAITING_NOTICE = "Phones are waiting to be returned: staff, please see the phone store."
WELCOME_HINT = N_("Welcome! Please sign in and out here.")
# A list of languages shows at most this many on the button itself; the list has them all.
NAMES_ON_BUTTON = 2


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
            yield Static(_(WELCOME_HINT), id="welcome-hint")
            with Horizontal(id="main-buttons"):
                yield TouchButton(_("Sign in"), id="sign-in", variant="primary", pressed_look=False)
                yield TouchButton(
                    _("Sign out"), id="sign-out", variant="success", pressed_look=False
                )
            # The foyer's other ways in, three equal buttons in one row: staff ("I work here"),
            # then pupils arriving late and pupils collected early. English whatever the
            # visitor chose: they lead to the staff and pupil screens, which are English only.
            with Horizontal(id="foyer-row"):
                yield TouchButton("I work here", id="i-work-here", pressed_look=False)
                yield TouchButton("Late arrival", id="late-arrival", pressed_look=False)
                yield TouchButton("Collect a pupil", id="collect-pupil", pressed_look=False)
            yield Static("", id="welcome-notice")
            yield Static("", id="scan-message")
            # Lined up with Sign in and Sign out: Staff at the left edge, Fire roll call at the
            # right, the language choice in the room between them.
            with Horizontal(id="bottom-row"), Horizontal(id="staff-row"):
                yield TouchButton("Staff", id="staff", pressed_look=False)
                with Horizontal(id="language-room"):
                    yield TouchButton(self.language_label(), id="language", pressed_look=False)
                yield roll_call_button()
        if len(self.kiosk.languages.offered) > 2:
            yield LanguageList(self.kiosk.languages.offered)
        yield Question()

    def language_label(self) -> str:
        """The other languages offered, each named in itself ("Polski"; "English" once Polish
        is chosen); "" when the kiosk offers English only (the button is then hidden)."""
        others = [lang.name for lang in self.kiosk.languages.offered if lang != spoken()]
        shown = " · ".join(others[:NAMES_ON_BUTTON])
        return shown + (" …" if len(others) > NAMES_ON_BUTTON else "")

    def show_language(self) -> None:
        """Every word on welcome in the language of the moment (the visitor just chose it, or
        the kiosk is back in English for the next visitor)."""
        show_text(self.query_one("#welcome-hint", Static), _(WELCOME_HINT))
        self.query_one("#sign-in", Button).label = _("Sign in")
        self.query_one("#sign-out", Button).label = _("Sign out")
        self.query_one("#fire-roll-call", Button).label = roll_call_label()
        language = self.query_one("#language", Button)
        language.label = self.language_label()
        language.display = len(self.kiosk.languages.offered) > 1
        self.heartbeat()

    def on_mount(self) -> None:
        self.query_one("#language").display = len(self.kiosk.languages.offered) > 1
        self.heartbeat()
        self.watch(self.app, "store_status", self.show_store_status)

    def heartbeat(self) -> None:
        clock = self.kiosk.context.clock
        now = self.kiosk.context.now()
        show_text(self.query_one("#clock", Static), clock_line(now))
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
        for languages in self.query(LanguageList):
            languages.close()
        self.show_language()

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

    @on(Button.Pressed, "#late-arrival")
    def _late_arrival(self) -> None:
        self.tell_app(LateArrivalChosen())

    @on(Button.Pressed, "#collect-pupil")
    def _collect_pupil(self) -> None:
        self.tell_app(CollectPupilChosen())

    @on(Button.Pressed, "#language")
    def _language(self) -> None:
        """One other language: chosen at once. More: the list of them opens."""
        offered = self.kiosk.languages.offered
        if len(offered) == 2:
            other = offered[1] if spoken() == offered[0] else offered[0]
            self.post_message(LanguageChosen(other.code))
        else:
            self.query_one(LanguageList).open()  # composed when more than two are offered

    def on_language_list_chosen(self, message: LanguageList.Chosen) -> None:
        message.stop()
        self.post_message(LanguageChosen(message.code))
