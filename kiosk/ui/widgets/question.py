"""A question laid over the whole screen, answered with one of two big buttons.

Used before anything typed is thrown away ("Discard what you typed?"). It covers the screen,
so a tap meant for the form underneath cannot land while it is up. The screen's form keeps
everything until the visitor answers yes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from kiosk.domain.languages import N_
from kiosk.ui.widgets.screen_overlay import ScreenOverlay
from kiosk.ui.widgets.touch_button import TouchButton

# Translated where it is asked (a visitor's screen: kiosk/ui/language.py).
DISCARD_QUESTION = N_("Discard what you typed?")


class Question(ScreenOverlay):
    DEFAULT_CSS = """
    Question #question-box {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $warning;
        background: $surface;
    }
    Question #question-text {
        width: 100%;
        text-align: center;
        text-style: bold;
        padding-bottom: 1;
    }
    Question #question-buttons {
        height: auto;
    }
    Question #question-buttons Button {
        width: 1fr;
        margin: 0 1;
    }
    """

    class Answered(Message):
        """The visitor answered the question asked about `topic`."""

        def __init__(self, topic: str, yes: bool) -> None:
            super().__init__()
            self.topic = topic
            self.yes = yes

    def __init__(self, *, id: str = "question") -> None:
        super().__init__(id=id)
        self.topic = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="question-box"):
            yield Static("", id="question-text", markup=False)
            with Horizontal(id="question-buttons"):
                yield TouchButton("", id="question-no", variant="primary")
                yield TouchButton("", id="question-yes", variant="error")

    @property
    def asking(self) -> bool:
        return bool(self.display)

    def ask(self, topic: str, text: str, yes: str, no: str) -> None:
        self.topic = topic
        self.query_one("#question-text", Static).update(text)
        self.query_one("#question-yes", Button).label = yes
        self.query_one("#question-no", Button).label = no
        self.display = True

    def close(self) -> None:
        self.display = False

    @on(Button.Pressed, "#question-yes")
    def _yes(self, event: Button.Pressed) -> None:
        self._answer(event, True)

    @on(Button.Pressed, "#question-no")
    def _no(self, event: Button.Pressed) -> None:
        self._answer(event, False)

    def _answer(self, event: Button.Pressed, yes: bool) -> None:
        event.stop()  # the screen's own button handlers never see the question's buttons
        self.close()
        self.post_message(self.Answered(self.topic, yes))
