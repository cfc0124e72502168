"""Signing in, one question at a time, so the on-screen keyboard fits even at 80x24.

Steps: what brings you here (one tap), full name, organisation (skipped for parent helpers and
governors), who you are visiting, car registration (optional). Every answer stays in its box
when a message is shown or the visitor goes back a step. Back and Cancel are on every step;
leaving a form with something typed in it asks once first.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Static

from kiosk.domain.languages import N_
from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.visitor_form import (
    FIELD_MAX,
    ORGANISATION_OPTIONAL,
    VisitorDetails,
    visitor_form_problems,
)
from kiosk.errors import ValidationError
from kiosk.services.regulars.regular_visitors import CardSignIn
from kiosk.ui.language import _
from kiosk.ui.messages import CodeScanned, VisitorDetailsGiven
from kiosk.ui.screens.keyboard_form import KeyboardFormScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.question import DISCARD_QUESTION, Question
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard, keyboard_words

FIELDS = ("name", "organisation", "host", "car-reg")
# Each step's question, on a line of its own under the step count (whole sentences, so they
# can be translated as they stand).
PROMPTS = {
    "type": N_("[b]What brings you here today?[/b]"),
    "name": N_("[b]Your full name:[/b] first name and surname"),
    "organisation": N_("[b]Your organisation or company[/b]"),
    "host": N_("[b]Who are you here to see?[/b] A name or a class"),
    "car-reg": N_("[b]Car registration,[/b] if you parked on site (or leave it empty)"),
}
SIGNING_IN = N_("Signing in")
# What is wrong with an answer, per step, in whole sentences a translator can word as their
# language needs (the English is what kiosk/domain/validation.py says).
ERRORS = {
    ("visitor-type", "missing"): N_("Please choose what brings you here."),
    ("name", "missing"): N_("Please enter your full name."),
    ("name", "too-long"): N_("Full name is too long: at most {most} letters, please."),
    ("name", "no-letter"): N_("Full name needs at least one letter."),
    ("name", "characters"): N_(
        "Full name can use letters, spaces, hyphens, apostrophes and full stops only (not {shown})."
    ),
    ("organisation", "missing"): N_("Please enter organisation."),
    ("organisation", "too-long"): N_(
        "Organisation is too long: at most {most} characters, please."
    ),
    ("host", "missing"): N_("Please enter who you are visiting."),
    ("host", "too-long"): N_(
        "Who you are visiting is too long: at most {most} characters, please."
    ),
    ("car-reg", "characters"): N_("Car registration: letters, digits and spaces, up to {most}."),
}
# "Year 2", "Class 4" and "Unit 7 Ltd" need digits; names do not.
NEEDS_DIGITS = {"organisation", "host", "car-reg"}


def error_text(error: ValidationError) -> str:
    """What is wrong with an answer, in the visitor's language (as the check said it when the
    catalogue has no words for it)."""
    wording = ERRORS.get((error.field, error.problem))
    return _(wording).format(**error.values) if wording else str(error)


class SignInScreen(KeyboardFormScreen):
    TEXT_FIELDS = FIELDS
    # Names start each word with a capital; the keyboard shifts by itself there.
    AUTO_CAPITAL = frozenset({"name", "organisation", "host"})
    CSS_PATH = "sign_in.tcss"
    HOLDS_INPUT = True

    def __init__(self) -> None:
        super().__init__()
        self.visitor_type = ""
        self.step = "type"
        self.card: CardSignIn | None = None  # a regular visitor's card with no host on it

    def compose(self) -> ComposeResult:
        # Above every step, so Cancel is always one tap away.
        with Horizontal(id="top-bar"):
            yield TouchButton(_("◀ Back"), id="back")
            yield Static("", id="step-title")
            yield TouchButton(_("Cancel"), id="cancel")
        yield Static("", id="step-prompt")
        with Vertical(id="type-step"), Grid(id="type-buttons"):
            for key, label in VISITOR_TYPES.items():
                yield TouchButton(
                    _(label), id=f"type-{key}", classes="visitor-type", pressed_look=False
                )
        bag_prefix = self.kiosk.context.config.bag_label_prefix
        with Vertical(id="field-step"):
            for field in FIELDS:
                with Vertical(id=f"{field}-field", classes="field"):
                    yield KioskInput(
                        id=field, max_length=FIELD_MAX[field], scans=True, bag_prefix=bag_prefix
                    )
                    yield Static("", id=f"{field}-message", classes="message")
            yield TouchKeyboard(id="keyboard")
        yield Question()

    def show_language(self) -> None:
        """Every label and the step's words in the visitor's language."""
        self.query_one("#back", Button).label = _("◀ Back")
        self.query_one("#cancel", Button).label = _("Cancel")
        for key, label in VISITOR_TYPES.items():
            self.query_one(f"#type-{key}", Button).label = _(label)
        self.query_one(TouchKeyboard).words = keyboard_words()
        self.show_step(self.step)

    def on_mount(self) -> None:
        self.query_one(TouchKeyboard).words = keyboard_words()
        if self.card is not None:
            self.start_for_card(self.card)
        else:
            self.show_step("type")

    def start_for_card(self, card: CardSignIn) -> None:
        """A scanned card without a host: the card fills in the rest; only the host is asked."""
        self.card = card
        if not self.query("#host"):
            return  # not composed yet: on_mount comes back here
        self.visitor_type = card.details.visitor_type
        self.input("name").value = card.details.name
        self.input("organisation").value = card.details.organisation
        self.show_step("host")

    def forget(self) -> None:
        """Empty every answer and message: the screen is kept for the next visitor."""
        for field in FIELDS:
            self.input(field).value = ""
            self.show_message(field, "")
        self.visitor_type = ""
        self.card = None
        self.query_one(Question).close()
        self.show_step("type")
        self.query_one(TouchKeyboard).reset()

    # --- steps ------------------------------------------------------------------------------

    def steps(self) -> list[str]:
        if self.card is not None:
            return ["host"]
        skip_organisation = self.visitor_type in ORGANISATION_OPTIONAL
        return ["type"] + [f for f in FIELDS if not (f == "organisation" and skip_organisation)]

    def show_step(self, step: str) -> None:
        self.step = step
        show_text(self.query_one("#step-title", Static), self.step_count())
        show_text(self.query_one("#step-prompt", Static), _(PROMPTS[step]))
        self.query_one("#type-step").display = step == "type"
        self.query_one("#field-step").display = step != "type"
        for field in FIELDS:
            self.query_one(f"#{field}-field").display = field == step
        if step == "type":
            return
        steps = self.steps()
        keyboard = self.query_one(TouchKeyboard)
        keyboard.show_digits = step in NEEDS_DIGITS
        keyboard.caps_only = step == "car-reg"
        keyboard.done_label = _("Next ▶") if step != steps[-1] else _("Next: rules ▶")
        box = self.input(step)
        box.focus()
        self._auto_shift(box)

    def step_count(self) -> str:
        """Where the visitor is. The questions are counted once their type is known (it
        decides whether the organisation is asked), so the count never changes its total
        mid-journey; choosing the type is not counted."""
        questions = [s for s in self.steps() if s != "type"]
        if self.step == "type" or len(questions) < 2:
            return _(SIGNING_IN)
        return _("Signing in: step {number} of {total}").format(
            number=questions.index(self.step) + 1, total=len(questions)
        )

    def values(self) -> dict[str, str]:
        return {field: self.input(field).value for field in FIELDS}

    def check(self) -> tuple[VisitorDetails | None, dict[str, str]]:
        """The details, or what is wrong with each answer in the visitor's words."""
        v = self.values()
        details, errors = visitor_form_problems(
            self.visitor_type, v["name"], v["organisation"], v["host"], v["car-reg"]
        )
        return details, {field: error_text(error) for field, error in errors.items()}

    def next_step(self) -> None:
        details, errors = self.check()
        if self.step in errors:
            self.show_message(self.step, errors[self.step])
            return
        self.show_message(self.step, "")
        steps = self.steps()
        position = steps.index(self.step)
        if position + 1 < len(steps):
            self.show_step(steps[position + 1])
            return
        if details is None:
            # An earlier answer no longer passes (e.g. the type changed): go back to it.
            first = next(s for s in steps if s in errors)
            self.show_step(first)
            self.show_message(first, errors[first])
            return
        self.tell_app(VisitorDetailsGiven(details, card=self.card))

    def previous_step(self) -> None:
        if not self.step_back(self.steps()):
            self.cancel()

    # --- events -----------------------------------------------------------------------------

    @on(Button.Pressed, ".visitor-type")
    def _type_chosen(self, event: Button.Pressed) -> None:
        self.visitor_type = (event.button.id or "").removeprefix("type-")
        self.show_step(self.steps()[1])

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.previous_step()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        """Home, forgetting the form; asked once first when something is typed in it."""
        if any(self.values().values()):
            self.query_one(Question).ask(
                "cancel", _(DISCARD_QUESTION), yes=_("Yes, discard"), no=_("No, keep going")
            )
        else:
            self.kiosk.return_to_welcome()

    def on_question_answered(self, message: Question.Answered) -> None:
        if message.yes and message.topic == "cancel":
            self.kiosk.return_to_welcome()

    def on_kiosk_input_scanned(self, message: KioskInput.Scanned) -> None:
        """A pass or bag code scanned on a step: a scan, as on welcome, never an answer."""
        message.stop()
        self.post_message(CodeScanned(message.code))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == self.step:
            self.next_step()
