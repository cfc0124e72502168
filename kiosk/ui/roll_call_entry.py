"""The way to the fire roll call without a PIN: a Fire roll call button, then a question.

On the welcome screen and the fault screen. Two taps, deliberately: a child brushing the
screen does not open a list of everyone on site, and the question's "Open the roll call"
is nowhere near the first button, so a double tap cannot answer it either. The navigator
decides the rest (kiosk/ui/navigator.py, `on_roll_call_chosen`).
"""

from __future__ import annotations

from textual import on
from textual.message_pump import MessagePump
from textual.widgets import Button

from kiosk.domain.languages import N_
from kiosk.ui.language import _
from kiosk.ui.messages import RollCallChosen
from kiosk.ui.widgets.question import Question
from kiosk.ui.widgets.touch_button import TouchButton

TOPIC = "roll-call"
# In the visitor's language where welcome is in it: anyone may need the list in a fire.
QUESTION = N_(
    "Open the fire roll call? It shows the names of everyone on site, for a fire or a drill."
)
OPEN = N_("Open the roll call")


def roll_call_label() -> str:
    return _("Fire roll call")


def roll_call_button() -> TouchButton:
    return TouchButton(roll_call_label(), id="fire-roll-call", variant="error")


class OpensRollCall(MessagePump):
    """Mix into a KioskScreen (before it) whose compose yields `roll_call_button()` and a
    `Question()`."""

    @on(Button.Pressed, "#fire-roll-call")
    def _ask_about_roll_call(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one(Question).ask(  # type: ignore[attr-defined]
            TOPIC, _(QUESTION), yes=_(OPEN), no=_("Cancel")
        )

    @on(Question.Answered)
    def _roll_call_answered(self, message: Question.Answered) -> None:
        if message.topic != TOPIC:
            return
        message.stop()
        if message.yes:
            self.tell_app(RollCallChosen())  # type: ignore[attr-defined]
