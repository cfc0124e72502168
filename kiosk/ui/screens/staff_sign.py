"""Staff signing in or out by name: "I work here" on the welcome screen.

Type a whole first name and the first letters of the surname (nobody is shown before that:
the foyer screen is public), tap the name, then the PIN if `[staff] sign_in_pin` asks for
it: in if they were out, out if they were in, then a one-line greeting. A staff card scanned
here (or on welcome) does it all with no tap.

The PIN is checked off the UI thread (scrypt is slow on purpose) through the staff PIN check,
so a wrong PIN here counts towards the kiosk's lockout like any other. In a PIN lockout a
member of staff may still sign in, marked "no PIN", but not out (kiosk/services/
staff_attendance/signing.py says why).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState

from kiosk.domain.records import Staff
from kiosk.domain.staff_attendance import BY_NAME_NO_PIN
from kiosk.domain.validation import NAME_MAX
from kiosk.errors import KioskError
from kiosk.services.staff.staff_login import PinLockedOut
from kiosk.services.staff_attendance.name_search import SHOWN, StaffMatch, find_staff
from kiosk.services.staff_attendance.signing import (
    Signed,
    may_sign_by_name,
    pin_locked,
    pin_needed,
    sign_by_name,
)
from kiosk.ui.check_failed import check_failed_text
from kiosk.ui.messages import CodeScanned, StaffSigned
from kiosk.ui.screens.keyboard_form import KeyboardFormScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.pin_overlay import PinOverlay
from kiosk.ui.widgets.pin_pad import PinPad
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard

FIELD = "staff-name"
TITLE = "Staff: sign in or out"
TYPE_MORE = "Type your first name, a space, then the first letters of your surname."
NOBODY = "No one on the staff list by that name. Check the spelling, or see the office."
TOO_MANY = "Several people match: type more of your surname."
PICK = "Tap your name."
SIGN_WORKER = "staff-sign"
NO_PIN_NOTE = "PIN entry is locked, so this sign-in is marked “no PIN” on the fire list."


def _surname_started(typed: str) -> bool:
    """A first name and at least two letters after it: a search that finds nobody says so."""
    first, _, rest = typed.strip().partition(" ")
    return bool(first) and len(rest.strip()) >= 2


class StaffSignScreen(KeyboardFormScreen):
    CSS_PATH = "staff_sign.tcss"
    HOLDS_INPUT = True
    TEXT_FIELDS = (FIELD,)
    AUTO_CAPITAL = frozenset({FIELD})

    def __init__(self) -> None:
        super().__init__()
        self.step = FIELD
        self.matches: tuple[StaffMatch, ...] = ()
        self.chosen: Staff | None = None  # the name tapped, while their PIN is asked

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(TITLE, id="step-title")
            yield TouchButton("Cancel", id="staff-sign-cancel", pressed_look=False)
        with Vertical(id="staff-name-field"):
            yield KioskInput(id=FIELD, max_length=NAME_MAX, scans=True)
            yield Static(TYPE_MORE, id=f"{FIELD}-message", classes="message", markup=False)
            with Horizontal(id="staff-matches"):
                for index in range(SHOWN):
                    yield TouchButton("", id=f"staff-match-{index}", classes="staff-match",
                                      pressed_look=False)  # fmt: skip
            yield TouchKeyboard(id="keyboard")

    def on_mount(self) -> None:
        keyboard = self.query_one(TouchKeyboard)
        keyboard.show_digits = False
        keyboard.done_label = "Done"
        self.show_matches(())
        self.input(FIELD).focus()
        self._auto_shift(self.input(FIELD))

    def forget(self) -> None:
        """Kept for the next person: no name, no match, no PIN pad left up."""
        self.input(FIELD).value = ""
        self.say(TYPE_MORE)
        self.show_matches(())
        self.chosen = None
        self.query_one(TouchKeyboard).reset()
        pad = self.pin_pad
        if pad is not None:
            pad.close()

    # --- the search -------------------------------------------------------------------------

    def say(self, text: str) -> None:
        show_text(self.query_one(f"#{FIELD}-message", Static), text)

    def show_matches(self, matches: tuple[StaffMatch, ...]) -> None:
        if [m.staff.id for m in matches] == [m.staff.id for m in self.matches] and matches:
            return
        self.matches = matches
        for index, button in enumerate(self.query(".staff-match").results(Button)):
            if index < len(matches):
                button.label = matches[index].label
            button.display = index < len(matches)
        self.query_one("#staff-matches").display = bool(matches)

    def search(self, typed: str) -> None:
        try:
            found = find_staff(self.kiosk.context, typed)
        except Exception as error:
            self.kiosk.show_fault(error)
            return
        if found.too_many:
            message = TOO_MANY
        elif found.matches:
            message = PICK
        else:
            message = NOBODY if _surname_started(typed) else TYPE_MORE
        self.say(message)
        self.show_matches(found.matches)

    def on_input_changed(self, event: Input.Changed) -> None:
        # The form's own handling first (the capital after a physical keyboard, the message
        # cleared), once: Textual would otherwise call it after this one, clearing the answer.
        super().on_input_changed(event)
        event.prevent_default()
        if event.input.id == FIELD:
            self.search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.next_step()

    def on_kiosk_input_scanned(self, message: KioskInput.Scanned) -> None:
        """A card scanned while the name was being typed: a scan, as on welcome."""
        message.stop()
        self.post_message(CodeScanned(message.code))

    def next_step(self) -> None:
        """Done (or Enter): the one name shown, as if tapped."""
        if len(self.matches) == 1:
            self.choose(self.matches[0].staff)

    def previous_step(self) -> None:
        self.kiosk.return_to_welcome()

    @on(Button.Pressed, "#staff-sign-cancel")
    def _cancel(self) -> None:
        self.kiosk.return_to_welcome()

    @on(Button.Pressed, ".staff-match")
    def _tapped(self, event: Button.Pressed) -> None:
        index = int((event.button.id or "").removeprefix("staff-match-"))
        if index < len(self.matches):
            self.choose(self.matches[index].staff)

    # --- signing ----------------------------------------------------------------------------

    def choose(self, staff: Staff) -> None:
        context = self.kiosk.context
        refusal = may_sign_by_name(context, staff)
        if refusal:
            self.say(refusal)
            return
        try:
            ask = pin_needed(context, staff) and pin_locked(context) is None
        except KioskError as exc:
            self.say(str(exc))
            return
        if ask:
            self.chosen = staff
            self.call_later(self.ask_for_pin, staff)
            return
        self.sign(staff, None)

    async def ask_for_pin(self, staff: Staff) -> None:
        pad = self.pin_pad
        if pad is None:
            pad = PinOverlay("", id="staff-sign-pin")
            await self.mount(pad)
        pad.prompt = f"{staff.name}: type your PIN"
        show_text(pad.query_one("#pin-overlay-prompt", Static), pad.prompt)
        pad.open()

    @property
    def pin_pad(self) -> PinOverlay | None:
        found = self.query(PinOverlay)
        return found.first() if found else None

    def sign(self, staff: Staff, pin: str | None) -> None:
        """By name with no PIN to check: quick, so here and now."""
        try:
            result = sign_by_name(self.kiosk.context, staff, pin)
        except KioskError as exc:
            self.say(str(exc))
            return
        except Exception as error:
            self.kiosk.show_fault(error)
            return
        self.done(result, pin_was_needed=pin_needed(self.kiosk.context, staff))

    def done(self, result: object, pin_was_needed: bool) -> None:
        if not isinstance(result, Signed):
            self.say("Signing in is closed just now: please see the office.")
            return
        note = ""
        if pin_was_needed and result.record.signed_in_by == BY_NAME_NO_PIN:
            note = NO_PIN_NOTE
        self.tell_app(StaffSigned(result.greeting(self.kiosk.context.config.tz), note))

    def on_pin_pad_submitted(self, message: PinPad.Submitted) -> None:
        message.stop()
        pad, staff = self.pin_pad, self.chosen
        if pad is None or staff is None:
            return
        pad.pad.set_enabled(False)
        pad.say("Checking…")
        context, pin = self.kiosk.context, message.pin
        self.run_worker(
            lambda: sign_by_name(context, staff, pin),
            name=SIGN_WORKER,
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        pad = self.pin_pad
        if worker.name != SIGN_WORKER or not self.is_current or pad is None:
            return  # the idle reset came while the PIN was checked: nothing more to say
        if event.state == WorkerState.SUCCESS:
            pad.close()
            self.done(worker.result, pin_was_needed=True)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, PinLockedOut):
                pad.close()
                self.say(f"{error} Tap your name to sign in without it.")
                return
            pad.say(check_failed_text(error, "The PIN could not be checked."))
            pad.pad.set_enabled(True)
