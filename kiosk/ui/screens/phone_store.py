"""Storing a pupil's phone, one question at a time so the on-screen keyboard fits at 80x24.

Steps: pupil's name, class or year, phone description, bag or slot label (typed, or scanned
from a QR bag label: the scanner types it and Enter), reason and "parent or carer only",
an optional note, then a summary with "Save and open the store". Only that last tap writes
the record and, after it, opens the lock; Cancel, Back or the idle timeout open nothing.

Pupils who arrived late today and said they have a phone are offered first (before a letter
is typed), with "Handed in on arrival" chosen; storing the phone links the two records.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from kiosk.domain.attendance import AttendanceEvent
from kiosk.domain.bag_label_code import bag_label_at_end
from kiosk.domain.clock import parse_iso
from kiosk.domain.pupils import Pupil
from kiosk.domain.records import PHONE_REASONS, Staff
from kiosk.domain.validation import NOTE_MAX, free_text, person_name
from kiosk.errors import KioskError, ValidationError
from kiosk.services.attendance.attendance_events import phones_declared
from kiosk.services.phones.phone_store import (
    CLASS_MAX,
    FIELD_MAX,
    LABEL_MAX,
    check_phone_form,
    label_in_use,
    normalise_label,
    store_phone,
)
from kiosk.services.policy.escalation import Escalation, escalation_for
from kiosk.services.pupils.pupil_roster import pupil_index, roster_in_use, search_pupils
from kiosk.ui.messages import StoreOpened
from kiosk.ui.screens.keyboard_form import KeyboardFormScreen
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.pupil_picker import SHOWN, PupilPicker
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard

TEXT_STEPS = ("pupil-name", "class-name", "description", "bag-label", "note")
# Shown on the open-store screen while the door is open.
STORING_DOOR_OPEN = "Close it when the phone is in."
STEPS = ("pupil-name", "class-name", "description", "bag-label", "reason", "note", "confirm")
PROMPTS = {
    "pupil-name": ("Pupil's full name", ""),
    "class-name": ("Class or year group", "e.g. 5B or Year 6"),
    "description": ("Describe the phone", "make, colour, case"),
    "bag-label": ("Bag or slot label", "scan the bag's QR label, or type it"),
    "note": ("Note (optional)", "tap Next to skip"),
}
CHECKS: dict[str, Callable[[str], str]] = {
    "pupil-name": lambda v: person_name(v, "Pupil's name", "pupil-name"),
    "class-name": lambda v: free_text(v, "Class or year", "class-name", True, CLASS_MAX),
    "description": lambda v: free_text(v, "Phone description", "description", True),
    "bag-label": lambda v: free_text(v, "Bag or slot label", "bag-label", True, LABEL_MAX),
    "note": lambda v: free_text(v, "Note", "note", False, NOTE_MAX),
}


def arrival_pupil(arrival: AttendanceEvent) -> Pupil:
    """The roster pupil a late arrival names, as the form needs them (id, name, class)."""
    forename, _, surname = arrival.pupil_name.partition(" ")
    return Pupil(arrival.pupil_id, forename, surname, arrival.year, arrival.class_name)


class PhoneStoreScreen(KeyboardFormScreen):
    TEXT_FIELDS = TEXT_STEPS
    AUTO_CAPITAL = frozenset({"pupil-name"})
    CSS_PATH = "staff.tcss"
    HOLDS_INPUT = True

    def __init__(self, staff: Staff, arrival: AttendanceEvent | None = None) -> None:
        """arrival: the late arrival whose declared phone this is (from the pupils list)."""
        super().__init__()
        self.staff = staff
        self.step = STEPS[0]
        self.reason = ""
        self.parent_only = False
        self.saving = False
        self.pupil: Pupil | None = None  # tapped in the roster picker
        self.escalation: Escalation | None = None
        self.arrival = arrival  # the late arrival this phone was declared at, if any
        self.declared: list[AttendanceEvent] = []  # offered first, before a letter is typed

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield TouchButton("◀ Back", id="back")
            yield Static("", id="step-title")
            yield TouchButton("Cancel", id="cancel")
        with Vertical(id="field-step"):
            for field in TEXT_STEPS:
                prompt, hint = PROMPTS[field]
                with Vertical(id=f"{field}-field", classes="field"):
                    yield Static(f"[b]{prompt}[/b]  [dim]{hint}[/dim]", classes="prompt")
                    yield KioskInput(id=field, max_length=FIELD_MAX[field])
                    if field == "pupil-name":
                        yield PupilPicker(id="pupil-picker")
                    yield Static("", id=f"{field}-message", classes="message", markup=False)
            yield TouchKeyboard(id="keyboard")
        with Vertical(id="reason-step"):
            yield Static("[b]Why is the phone being stored?[/b]", classes="prompt")
            with Horizontal(classes="choice-row"):
                for key, label in PHONE_REASONS.items():
                    yield TouchButton(label, id=f"reason-{key}", classes="choice reason")
            yield TouchButton("", id="parent-only", classes="choice toggle")
            yield Static("", id="rule-message", markup=False)
            yield Static("", id="reason-message", classes="message", markup=False)
            yield TouchButton("Next ▶", id="reason-next", variant="primary")
        with Vertical(id="confirm-step"):
            yield Static("", id="summary", markup=False)
            yield Static("", id="confirm-message", classes="message", markup=False)
            yield TouchButton("Save and open the store", id="save", variant="success")

    def on_mount(self) -> None:
        try:
            self.declared = phones_declared(self.kiosk.context)
        except KioskError:
            self.declared = []  # the form works without the offer
        self._show_choices()
        self.show_step(STEPS[0])
        # The picker's index of the roster, built off the UI thread while staff start typing
        # (a secondary school's roster takes tens of milliseconds; each letter then costs a
        # binary search). Built again only when the roster has changed.
        self.run_worker(partial(pupil_index, self.kiosk.context), thread=True, exit_on_error=False)
        if self.arrival is not None:
            self.take_arrival(self.arrival)
        else:
            self._offer_declared()

    def _offer_declared(self) -> None:
        """Late pupils' declared phones, first, while the name box is empty."""
        picker = self.query_one(PupilPicker)
        offered = self.declared[:SHOWN]
        tz = self.kiosk.context.config.tz
        picker.show(
            [arrival_pupil(e) for e in offered],
            labels=[
                f"{e.pupil_name} · {e.class_name} · in "
                f"{parse_iso(e.at).astimezone(tz):%H:%M}, has a phone"
                for e in offered
            ],
        )

    def take_arrival(self, arrival: AttendanceEvent) -> None:
        """This late pupil's declared phone: pupil and class filled in, "Handed in on arrival"
        chosen; on to the phone's description."""
        self.arrival = arrival
        self.reason = "arrival"
        self.pupil = arrival_pupil(arrival)
        self.input("class-name").value = arrival.class_name or arrival.year
        self.input("pupil-name").value = self.pupil.name
        self.query_one(PupilPicker).show([])
        self._show_choices()
        self.show_step("description" if self.input("class-name").value else "class-name")

    # --- steps ------------------------------------------------------------------------------

    def show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#step-title", Static).update(
            f"Store a phone: step {STEPS.index(step) + 1} of {len(STEPS)}"
        )
        self.query_one("#field-step").display = step in TEXT_STEPS
        self.query_one("#reason-step").display = step == "reason"
        self.query_one("#confirm-step").display = step == "confirm"
        for field in TEXT_STEPS:
            self.query_one(f"#{field}-field").display = field == step
        if step == "reason":
            self._show_rule()
        if step == "confirm":
            self._show_summary()
        if step not in TEXT_STEPS:
            self.set_focus(None)
            return
        keyboard = self.query_one(TouchKeyboard)
        keyboard.show_digits = step != "pupil-name"
        keyboard.caps_only = step == "bag-label"
        keyboard.done_label = "Next ▶"
        box = self.input(step)
        box.focus()
        self._auto_shift(box)

    def next_step(self) -> None:
        if self.step in TEXT_STEPS:
            try:
                value = CHECKS[self.step](self.input(self.step).value)
            except ValidationError as exc:
                self.show_message(self.step, str(exc))
                return
            if self.step == "bag-label" and label_in_use(self.kiosk.context, value):
                label = normalise_label(value)
                self.show_message(self.step, f"Bag {label} already holds a phone: use another.")
                return
            self.show_message(self.step, "")
        elif self.step == "reason" and not self.reason:
            self.show_message("reason", "Please choose why the phone is being stored.")
            return
        position = STEPS.index(self.step)
        if position + 1 < len(STEPS):
            self.show_step(STEPS[position + 1])

    def previous_step(self) -> None:
        if not self.step_back(STEPS):
            self.app.pop_screen()

    def _show_choices(self) -> None:
        for key in PHONE_REASONS:
            self.query_one(f"#reason-{key}", Button).set_class(key == self.reason, "-chosen")
        toggle = self.query_one("#parent-only", Button)
        ticked = self._parent_only()
        toggle.label = (
            "☑ Return only to a parent or carer" if ticked else "☐ Return only to a parent or carer"
        )
        toggle.set_class(ticked, "-chosen")

    def _parent_only(self) -> bool:
        """Ticked by staff, or by the roster or the escalation rule (which they cannot untick)."""
        return self.parent_only or bool(self.escalation and self.escalation.parent_only)

    def _show_rule(self) -> None:
        """Which escalation rule storing this phone reaches, said before anything is saved."""
        name = self.input("pupil-name").value.strip()
        self.escalation = None
        if self.reason and name:
            pupil_id = self.pupil.id if self.pupil else ""
            self.escalation = escalation_for(self.kiosk.context, name, pupil_id, self.reason)
        text = self.escalation.message if self.escalation else ""
        self.query_one("#rule-message", Static).update(text)
        self._show_choices()

    def _roster_in_use(self) -> bool:
        return roster_in_use(self.kiosk.context)

    def _values(self) -> dict[str, str]:
        return {field: self.input(field).value for field in TEXT_STEPS}

    def _show_summary(self) -> None:
        v = self._values()
        off_roster = not self.pupil and self._roster_in_use()
        lines = [
            f"Pupil:        {v['pupil-name'].strip()}" + (" (not on roster)" if off_roster else ""),
            f"Class/year:   {v['class-name'].strip()}",
            f"Phone:        {v['description'].strip()}",
            f"Bag or slot:  {normalise_label(v['bag-label'])}",
            f"Reason:       {PHONE_REASONS.get(self.reason, '')}",
            f"Give back to: {'a parent or carer only' if self._parent_only() else 'the pupil'}",
        ]
        if self.escalation and self.escalation.count:
            lines.append(f"Rule:         {self.escalation.message.splitlines()[0]}")
        if self.arrival is not None:
            lines.append("Arrival:      declared when the pupil arrived late today")
        if v["note"].strip():
            lines.append(f"Note:         {v['note'].strip()}")
        self.query_one("#summary", Static).update("\n".join(lines))

    def save(self) -> None:
        """Write the record, then open the store: the only way this screen opens it."""
        if self.saving:
            return
        v = self._values()
        try:
            details = check_phone_form(
                v["pupil-name"], v["class-name"], v["description"], v["bag-label"],
                self.reason, self._parent_only(), v["note"],
                pupil_id=self.pupil.id if self.pupil else "",
                arrival_id=self.arrival.id if self.arrival else "",
            )  # fmt: skip
        except ValidationError as exc:
            step = exc.field if exc.field in STEPS else "confirm"
            self.show_step(step)
            self.show_message(step, str(exc))
            return
        self.saving = True
        try:
            phone = store_phone(self.kiosk.context, self.kiosk.hardware, details, self.staff.id)
        except KioskError as exc:
            self.saving = False
            self.show_message("confirm", str(exc))
            return
        self.tell_app(
            StoreOpened(
                f"Put {phone.pupil_name}'s phone in bag {phone.bag_label}",
                "then close the store door.",
                door_open=STORING_DOOR_OPEN,
            )
        )

    # --- events -----------------------------------------------------------------------------

    @on(Button.Pressed, ".reason")
    def _reason_chosen(self, event: Button.Pressed) -> None:
        self.reason = (event.button.id or "").removeprefix("reason-")
        self.show_message("reason", "")
        self._show_rule()

    @on(Button.Pressed, "#parent-only")
    def _toggle_parent_only(self) -> None:
        why = self._why_parent_only()
        if why:  # the rule or the roster ticked it: a tap says so rather than doing nothing
            self.show_message("reason", why)
            return
        self.parent_only = not self.parent_only
        self._show_choices()

    def _why_parent_only(self) -> str:
        """Why the parent-or-carer box cannot be unticked, or "" when staff may."""
        escalation = self.escalation
        if escalation and escalation.rule and escalation.rule.parent_only:
            return (
                "It stays ticked: the school's rule for this confiscation is that "
                f"{escalation.rule.text}."
            )
        if escalation and escalation.roster_parent_only:
            return (
                "It stays ticked: the roster says this pupil's phone goes to a parent or carer "
                "only."
            )
        return ""

    @on(Button.Pressed, "#reason-next")
    def _reason_next(self) -> None:
        self.next_step()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.save()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.previous_step()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.app.pop_screen()

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id != "pupil-name":
            return
        if self.pupil and event.value.strip() != self.pupil.name:
            self.pupil = None  # the name was changed after choosing: no longer that pupil
            self.arrival = None
        if not event.value.strip() and not self.pupil:
            self._offer_declared()
            return
        matches = [] if self.pupil else search_pupils(self.kiosk.context, event.value)
        self.query_one(PupilPicker).show(matches)

    def on_pupil_picker_chosen(self, message: PupilPicker.Chosen) -> None:
        """A roster pupil tapped: their name and class are filled in; on to the phone."""
        message.stop()
        declared = next((e for e in self.declared if e.pupil_id == message.pupil.id), None)
        if declared is not None:
            self.take_arrival(declared)
            return
        self.input("class-name").value = message.pupil.class_name
        self.input("pupil-name").value = message.pupil.name
        self.pupil = message.pupil
        self.query_one(PupilPicker).show([])
        self.show_step("description" if message.pupil.class_name else "class-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input.id or ""
        label = bag_label_at_end(event.value, self.kiosk.context.config.bag_label_prefix)
        if label and field != "bag-label":
            # The scanner typed a bag label into another box: move it where it belongs.
            event.input.value = event.value[: event.value.upper().rfind(label)].rstrip()
            self.input("bag-label").value = label
            return
        if field == self.step:
            self.next_step()
