"""The roster pupils matching what staff typed, as big buttons: tap one to choose them.

Shows name, year and class, so two pupils with the same name can be told apart. Hidden
until there is a match (the service shows nothing before two letters are typed). A fixed
set of buttons is relabelled rather than rebuilt, so typing stays quick.
"""

from __future__ import annotations

from collections.abc import Callable

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


def staff_label(pupil: Pupil) -> str:
    """For staff: the full name, year and class."""
    return f"{pupil.name} · {short_year(pupil.year)} · {pupil.class_name}".rstrip(" ·")


class PupilPicker(Horizontal):
    class Chosen(Message):
        def __init__(self, pupil: Pupil) -> None:
            super().__init__()
            self.pupil = pupil

    def __init__(self, *, id: str, label: Callable[[Pupil], str] = staff_label) -> None:
        """label: what a button says of its pupil (the public screens show less)."""
        super().__init__(id=id)
        self.pupils: list[Pupil] = []
        self.label = label
        self._labels: list[str] | None = None  # labels given with the pupils shown

    def compose(self) -> ComposeResult:
        for index in range(SHOWN):
            yield TouchButton("", id=f"pick-{index}", classes="pick")

    def on_mount(self) -> None:
        self.show([])

    def show(self, pupils: list[Pupil], labels: list[str] | None = None) -> None:
        """These pupils (at most SHOWN), labelled by `label` unless `labels` are given."""
        shown = pupils[:SHOWN]
        same = shown == self.pupils and labels == self._labels
        if self.is_mounted and same and self.display == bool(shown):
            return  # the same pupils as after the last letter: nothing to relabel or lay out
        self.pupils = shown
        self._labels = labels
        for index, button in enumerate(self.query(".pick").results(Button)):
            if index < len(self.pupils):
                p = self.pupils[index]
                button.label = labels[index] if labels else self.label(p)
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
