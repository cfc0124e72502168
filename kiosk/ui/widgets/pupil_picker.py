"""The roster pupils matching what staff typed, as big buttons: tap one to choose them.

Shows name, year and class, so two pupils with the same name can be told apart. Hidden
until there is a match (the service shows nothing before two letters are typed). A fixed
set of buttons is relabelled rather than rebuilt, so typing stays quick.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from kiosk.domain.pupils import Pupil
from kiosk.ui.widgets.touch_button import TouchButton

SHOWN = 3  # three 3-row buttons fit beside each other at 80 columns


def short_year(year: str) -> str:
    if year.startswith("Year "):
        return "Y" + year.removeprefix("Year ")
    return {"Reception": "Rec", "Nursery": "Nur"}.get(year, year)


class PupilPicker(Horizontal):
    class Chosen(Message):
        def __init__(self, pupil: Pupil) -> None:
            super().__init__()
            self.pupil = pupil

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.pupils: list[Pupil] = []

    def compose(self) -> ComposeResult:
        for index in range(SHOWN):
            yield TouchButton("", id=f"pick-{index}", classes="pick")

    def on_mount(self) -> None:
        self.show([])

    def show(self, pupils: list[Pupil]) -> None:
        shown = pupils[:SHOWN]
        if self.is_mounted and shown == self.pupils and self.display == bool(shown):
            return  # the same pupils as after the last letter: nothing to relabel or lay out
        self.pupils = shown
        for index, button in enumerate(self.query(".pick").results(Button)):
            if index < len(self.pupils):
                p = self.pupils[index]
                button.label = f"{p.name} · {short_year(p.year)} · {p.class_name}".rstrip(" ·")
                button.display = True
            else:
                button.display = False
        self.display = bool(self.pupils)

    @on(Button.Pressed, ".pick")
    def _picked(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "pick-0").removeprefix("pick-"))
        if index < len(self.pupils):
            self.post_message(self.Chosen(self.pupils[index]))
