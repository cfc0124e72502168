"""Who collects the chosen phones: the pupil, or a named parent or carer.

A "parent or carer only" phone is refused to the pupil, clearly, and nothing opens. The
final tap writes every record and opens the store once for the whole batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from kiosk.domain.records import Staff
from kiosk.domain.validation import NAME_MAX
from kiosk.errors import KioskError
from kiosk.services.phones.phone_return import return_phones
from kiosk.services.phones.phones_waiting import HeldPhone
from kiosk.ui.messages import StoreOpened
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard


def returning_words(phones: Sequence[HeldPhone], adult_name: str | None) -> tuple[str, str, str]:
    """The open-store screen's title, body and open-door line for a return: phones come
    out and go to someone (the storing words, "when the phone is in", would mislead)."""
    if len(phones) == 1:
        phone = phones[0]
        who = "the pupil" if adult_name is None else adult_name.strip()
        return (
            f"Take out {phone.pupil_name}'s phone ({phone.bag_label})",
            f"Give it to {who}.",
            "Take the phone out, then close the door.",
        )
    who = "the pupils" if adult_name is None else adult_name.strip()
    return (
        f"Take out {len(phones)} phones for {who}",
        f"The store opened once for all of them. Give them to {who}.",
        "Take the phones out, then close the door.",
    )


class ReturnToScreen(KioskScreen):
    CSS_PATH = "staff.tcss"
    HOLDS_INPUT = True

    def __init__(self, staff: Staff, phones: Sequence[HeldPhone], adult_name: str = "") -> None:
        """adult_name: the adult who has just collected the pupil early, offered here."""
        super().__init__()
        self.staff = staff
        self.phones = list(phones)
        self.adult_name = adult_name
        self.saving = False

    def compose(self) -> ComposeResult:
        count = len(self.phones)
        with Horizontal(id="top-bar"):
            yield TouchButton("◀ Back", id="back")
            yield Static(f"Give back {count} phone{'s' if count != 1 else ''}", id="step-title")
        with Vertical(id="who-step"):
            with VerticalScroll(id="return-summary"):
                for phone in self.phones:
                    only = "  (parent or carer only)" if phone.parent_only else ""
                    yield Static(
                        f"{phone.bag_label}  {phone.pupil_name}, {phone.class_name}{only}",
                        markup=False,
                        classes="summary-line",
                    )
            yield Static("", id="who-message", classes="message", markup=False)
            yield Static("The store opens once for all of them.", classes="prompt")
            with Horizontal(classes="choice-row"):
                yield TouchButton("Give to the pupil", id="to-pupil", classes="choice")
                yield TouchButton("Give to a parent or carer", id="to-adult", classes="choice")
        with Vertical(id="adult-step", classes="field"):
            yield Static(
                "[b]Collecting adult's full name[/b]  [dim]required for parent-only phones[/dim]",
                classes="prompt",
            )
            yield KioskInput(id="adult-name", max_length=NAME_MAX)
            yield Static("", id="adult-name-message", classes="message", markup=False)
            yield TouchKeyboard(id="keyboard")

    def on_mount(self) -> None:
        keyboard = self.query_one(TouchKeyboard)
        keyboard.done_label = "Give back ▶"  # the store opens once for all of them
        if self.adult_name:
            self.query_one("#adult-name", KioskInput).value = self.adult_name
            first = self.adult_name.split()[0]
            self.query_one("#to-adult", Button).label = f"Give to {first}"
        self.show_step("who")

    def show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#who-step").display = step == "who"
        self.query_one("#adult-step").display = step == "adult"
        if step == "adult":
            box = self.query_one("#adult-name", KioskInput)
            box.focus()
            self._auto_shift(box)
        else:
            self.set_focus(None)

    def say(self, message: str) -> None:
        target = "#adult-name-message" if self.step == "adult" else "#who-message"
        self.query_one(target, Static).update(message)

    def give_back(self, adult_name: str | None) -> None:
        if self.saving:
            return
        if adult_name is None and any(p.parent_only for p in self.phones):
            names = ", ".join(p.pupil_name for p in self.phones if p.parent_only)
            self.say(
                f"Not to the pupil: {names} may only go to a parent or carer. "
                "Tap 'Give to a parent or carer' and type their name."
            )
            return
        self.saving = True
        ids = [p.id for p in self.phones]
        try:
            return_phones(self.kiosk.context, self.kiosk.hardware, ids, self.staff.id, adult_name)
        except KioskError as exc:
            self.saving = False
            self.say(str(exc))
            return
        self.tell_app(StoreOpened(*returning_words(self.phones, adult_name)))

    def submit_adult(self) -> None:
        name = self.query_one("#adult-name", KioskInput).value
        if not name.strip():
            self.say("Please type the collecting adult's full name.")
            return
        self.give_back(name)

    def _auto_shift(self, box: KioskInput) -> None:
        before = box.value[: box.cursor_position]
        self.query_one(TouchKeyboard).shifted = not before or before[-1] in " -"

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        if self.step == "adult":
            self.show_step("who")
        else:
            self.app.pop_screen()

    @on(Button.Pressed, "#to-pupil")
    def _to_pupil(self) -> None:
        self.give_back(None)

    @on(Button.Pressed, "#to-adult")
    def _to_adult(self) -> None:
        if self.adult_name:  # the adult who has just collected the pupil: no typing again
            self.give_back(self.adult_name)
        else:
            self.show_step("adult")

    def on_touch_keyboard_typed(self, message: TouchKeyboard.Typed) -> None:
        box = self.query_one("#adult-name", KioskInput)
        box.insert_text_at_cursor(message.text)
        self._auto_shift(box)

    def on_touch_keyboard_erase(self) -> None:
        box = self.query_one("#adult-name", KioskInput)
        box.action_delete_left()
        self._auto_shift(box)

    def on_touch_keyboard_done(self) -> None:
        if self.tap_ok("done"):
            self.submit_adult()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#adult-name-message", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit_adult()
