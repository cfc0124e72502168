"""What the two pupil journeys at the foyer screen share: a late arrival and a collection.

One question per step under a top bar with Back, the step and Cancel (asked once before
typed answers are dropped), like the visitor's sign-in; the idle warning and reset come from
the app (`HOLDS_INPUT`). The steps:

- "pupil": the pupil's first name and surname, typed; the matches appear only once a FULL
  first name and two letters of the surname are typed, and say only "Amy S. · 4B"
  (kiosk.domain.pupil_name_search); tap one;
- "reason": the school's short list ([attendance] in kiosk.toml) and Other, which asks for
  the reason typed ("reason-detail");
- then the journey's own steps (`steps()`), typed ("adult-name") or tapped (a choice).

The roster index is taken in a worker thread when the journey starts, so no letter waits for
it; each letter is one binary search. Screens are kept (built once) and emptied by `forget()`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState

from kiosk.config import OTHER
from kiosk.domain.attendance_codes import Reason
from kiosk.domain.pupil_name_search import PublicPupilIndex, public_label, search_key
from kiosk.domain.pupils import Pupil
from kiosk.domain.validation import NAME_MAX, TEXT_MAX
from kiosk.errors import KioskError, ValidationError
from kiosk.services.attendance.pupil_finder import public_index
from kiosk.ui.messages import CodeScanned
from kiosk.ui.screens.keyboard_form import KeyboardFormScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.pupil_picker import SHOWN, PupilPicker
from kiosk.ui.widgets.question import DISCARD_QUESTION, Question
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard

TYPE_NAME = "Type the first name, a space, then the surname."
PICK = "Tap the name."
NO_MATCH = "No pupil by that name: check the spelling, or ask at the office window."
TOO_MANY = "Several pupils match: type more of the surname."
TEXT_STEPS = ("pupil", "reason-detail", "adult-name")
CHOICE_STEPS = ("reason",)


def first_name(pupil: Pupil | None) -> str:
    return pupil.forename if pupil is not None else "the pupil"


class PupilFormScreen(KeyboardFormScreen):
    """A journey's screen: subclasses name it (`JOURNEY`), say its steps and what the last
    tap does (`finish`)."""

    CSS_PATH = "pupil_form.tcss"
    HOLDS_INPUT = True
    TEXT_FIELDS = TEXT_STEPS
    AUTO_CAPITAL = frozenset({"pupil", "adult-name", "reason-detail"})
    JOURNEY = ""  # "Late arrival", "Collecting a pupil"
    # step -> (prompt, hint); "{name}" is the chosen pupil's first name
    PROMPTS: ClassVar[dict[str, tuple[str, str]]] = {}
    # steps that are a row of buttons: step -> the buttons' (id suffix, label)
    CHOICES: ClassVar[dict[str, tuple[tuple[str, str], ...]]] = {}

    def __init__(self) -> None:
        super().__init__()
        self.step = "pupil"
        self.pupil: Pupil | None = None
        self.reason = ""
        self.choices: dict[str, str] = {}  # step -> the id suffix tapped
        self.index: PublicPupilIndex | None = None
        self.saving = False

    # --- what a journey says --------------------------------------------------------------

    def reasons(self) -> tuple[Reason, ...]:
        raise NotImplementedError

    def later_steps(self) -> list[str]:
        """The journey's steps after the reason."""
        raise NotImplementedError

    def finish(self) -> None:
        """The last step's tap: store the record and tell the app."""
        raise NotImplementedError

    def extra_field(self) -> ComposeResult:
        """Beside the adult's name box (a late pupil's "I came on my own")."""
        yield from ()

    # --- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        bag = self.kiosk.context.config.bag_label_prefix
        with Horizontal(id="top-bar"):
            yield TouchButton("◀ Back", id="back")
            yield Static("", id="step-title")
            yield TouchButton("Cancel", id="cancel")
        # The question: a line of its own under the step count, as on the sign-in screen.
        yield Static("", id="step-prompt")
        with Vertical(id="field-step"):
            with Vertical(id="pupil-field", classes="field"):
                yield KioskInput(id="pupil", max_length=NAME_MAX, scans=True, bag_prefix=bag)
                yield PupilPicker(id="pupil-picker", label=public_label)
                yield Static(TYPE_NAME, id="pupil-message", classes="message", markup=False)
            with Vertical(id="reason-detail-field", classes="field"):
                yield KioskInput(
                    id="reason-detail", max_length=TEXT_MAX, scans=True, bag_prefix=bag
                )
                yield Static("", id="reason-detail-message", classes="message", markup=False)
            with Vertical(id="adult-name-field", classes="field"):
                with Horizontal(id="adult-row"):
                    yield KioskInput(
                        id="adult-name", max_length=NAME_MAX, scans=True, bag_prefix=bag
                    )
                    yield from self.extra_field()
                yield Static("", id="adult-name-message", classes="message", markup=False)
            yield TouchKeyboard(id="keyboard")
        with Vertical(id="reason-step", classes="choice-step"):
            with Grid(id="reason-choices", classes="choices"):
                for n, reason in enumerate(self.reasons()):
                    yield TouchButton(
                        reason.text, id=f"reason-{n}", classes="choice reason", pressed_look=False
                    )
                yield TouchButton(
                    f"{OTHER} (type it)", id="reason-other", classes="choice reason",
                    pressed_look=False,
                )  # fmt: skip
            yield Static("", id="reason-message", classes="message", markup=False)
        for step, buttons in self.CHOICES.items():
            with Vertical(id=f"{step}-step", classes="choice-step"):
                with Grid(id=f"{step}-choices", classes=f"choices -{len(buttons)}"):
                    for key, label in buttons:
                        yield TouchButton(
                            label, id=f"{step}-{key}", classes=f"choice {step}-choice",
                            pressed_look=False,
                        )  # fmt: skip
                yield Static("", id=f"{step}-message", classes="message", markup=False)
        yield Question()

    def on_mount(self) -> None:
        self.show_step("pupil")
        self.query_one(PupilPicker).show([])

    def on_screen_resume(self) -> None:
        if self.index is None:
            self.load_index()

    @work(thread=True, exclusive=True, group="pupil-index", exit_on_error=False)
    def load_index(self) -> PublicPupilIndex:
        """The roster's index, built off the UI thread while the first letters are typed."""
        return public_index(self.kiosk.context)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "pupil-index" or event.state != WorkerState.SUCCESS:
            return
        if isinstance(worker.result, PublicPupilIndex):
            self.index = worker.result
            self.search(self.input("pupil").value)

    def forget(self) -> None:
        """Empty every answer: the screen is kept for the next person."""
        for field in TEXT_STEPS:
            self.input(field).value = ""
            self.show_message(field, "")
        for step in ("reason", *self.CHOICES):
            self.show_message(step, "")
        self.show_message("pupil", TYPE_NAME)
        self.pupil = None
        self.reason = ""
        self.choices = {}
        self.saving = False
        self.index = None  # the roster may change before the next journey
        self.query_one(PupilPicker).show([])
        self.query_one(Question).close()
        self.query_one(TouchKeyboard).reset()
        self.show_step("pupil")

    # --- steps ------------------------------------------------------------------------------

    def steps(self) -> list[str]:
        detail = ["reason-detail"] if self.reason == OTHER else []
        return ["pupil", "reason", *detail, *self.later_steps()]

    def step_count(self) -> str:
        """ "Arriving late: step 2 of 4". The typed reason after Other is part of the reason's
        step, so the total never changes mid-journey."""
        counted = [s for s in self.steps() if s != "reason-detail"]
        shown = "reason" if self.step == "reason-detail" else self.step
        return f"{self.JOURNEY}: step {counted.index(shown) + 1} of {len(counted)}"

    def show_step(self, step: str) -> None:
        self.step = step
        prompt, hint = self.PROMPTS[step]
        who = self.pupil.forename if self.pupil is not None else ""
        prompt, hint = prompt.format(name=who), hint.format(name=who)
        show_text(self.query_one("#step-title", Static), self.step_count())
        show_text(
            self.query_one("#step-prompt", Static),
            f"[b]{prompt}[/b]" + (f" {hint}" if hint else ""),
        )
        typed = step in TEXT_STEPS
        self.query_one("#field-step").display = typed
        for field in TEXT_STEPS:
            self.query_one(f"#{field}-field").display = field == step
        for choice in self.query(".choice-step"):
            choice.display = choice.id == f"{step}-step"
        if not typed:
            self.set_focus(None)
            return
        keyboard = self.query_one(TouchKeyboard)
        keyboard.show_digits = step == "reason-detail"
        keyboard.done_label = "Next ▶"
        box = self.input(step)
        box.focus()
        self._auto_shift(box)

    def next_step(self) -> None:
        if self.step == "pupil":
            self.pick_only_match()
            return
        if self.step in TEXT_STEPS and not self.check_text(self.step):
            return
        self.advance()

    def advance(self) -> None:
        steps = self.steps()
        position = steps.index(self.step)
        if position + 1 < len(steps):
            self.show_step(steps[position + 1])
        else:
            self.save()

    def previous_step(self) -> None:
        if not self.step_back(self.steps()):
            self.cancel()

    def check_text(self, field: str) -> bool:
        """Whether a typed step's answer may go on; says why not under the box."""
        if not self.input(field).value.strip():
            self.show_message(field, "Please type it, then tap Next.")
            return False
        self.show_message(field, "")
        return True

    def save(self) -> None:
        if self.saving:
            return
        self.saving = True
        try:
            self.finish()
        except ValidationError as refused:
            self.saving = False
            step = refused.field if refused.field in self.steps() else self.step
            self.show_step(step)
            self.show_message(step, str(refused))
        except KioskError as error:
            self.saving = False
            self.kiosk.show_fault(error)

    # --- the pupil step ---------------------------------------------------------------------

    def search(self, typed: str) -> None:
        if self.pupil is not None and typed.strip() != self.pupil.name:
            self.pupil = None
        if search_key(typed) is None or self.index is None:
            matches: list[Pupil] = []
            message = TYPE_NAME
        else:
            matches = self.index.search(typed, SHOWN + 1)
            message = PICK if matches else NO_MATCH
            if len(matches) > SHOWN:
                matches, message = [], TOO_MANY
        picker = self.query_one(PupilPicker)
        if [p.id for p in matches] != [p.id for p in picker.pupils]:
            picker.show(matches)  # a letter that leaves the same pupils shown relabels nothing
        show_text(self.query_one("#pupil-message", Static), message)

    def choose(self, pupil: Pupil) -> None:
        self.pupil = pupil
        self.show_message("pupil", "")
        self.show_step("reason")

    def pick_only_match(self) -> None:
        shown = self.query_one(PupilPicker).pupils
        if len(shown) == 1:
            self.choose(shown[0])

    def on_pupil_picker_chosen(self, message: PupilPicker.Chosen) -> None:
        message.stop()
        if self.step == "pupil" and self.tap_ok("pupil"):
            self.choose(message.pupil)

    def on_input_changed(self, event: Input.Changed) -> None:
        # Textual would run the base class's handler after this one (clearing the message
        # just set): run it first here, and only here.
        event.prevent_default()
        super().on_input_changed(event)
        if event.input.id == "pupil":
            self.search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == self.step:
            self.next_step()

    def on_kiosk_input_scanned(self, message: KioskInput.Scanned) -> None:
        """A pass, card, slip or bag code scanned on a step: a scan, as on welcome."""
        message.stop()
        self.post_message(CodeScanned(message.code))

    # --- choices and the bar ----------------------------------------------------------------

    @on(Button.Pressed, ".reason")
    def _reason(self, event: Button.Pressed) -> None:
        key = (event.button.id or "").removeprefix("reason-")
        reasons = self.reasons()
        self.reason = OTHER if key == "other" else reasons[int(key)].text
        self.show_message("reason", "")
        self.advance()

    def chose(self, step: str, key: str) -> None:
        """A choice step's button: remember it and go on (the last one saves)."""
        self.choices[step] = key
        self.show_message(step, "")
        self.advance()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.previous_step()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        """Home, forgetting the form; asked once first when something is typed or chosen."""
        typed = any(self.input(field).value.strip() for field in TEXT_STEPS)
        if typed or self.pupil is not None:
            self.query_one(Question).ask(
                "cancel", DISCARD_QUESTION, yes="Yes, discard", no="No, keep going"
            )
        else:
            self.kiosk.return_to_welcome()

    def on_question_answered(self, message: Question.Answered) -> None:
        if message.yes and message.topic == "cancel":
            self.kiosk.return_to_welcome()
