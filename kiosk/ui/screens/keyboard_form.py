"""A form asked one field per step, typed on the on-screen keyboard or a real one.

The visitor's sign-in, the staff's store-a-phone form and the pupil journeys share this: the
keyboard's keys go to the current step's box, names get a capital at each word by themselves,
and a field's message clears as soon as it is corrected.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.widgets import Input, Static

from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard


class KeyboardFormScreen(KioskScreen):
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ()  # steps that have a text box of that id
    AUTO_CAPITAL: ClassVar[frozenset[str]] = frozenset()  # steps where each word gets a capital

    step: str
    # The box's value as the on-screen keyboard last left it: a change to anything else came
    # from a physical keyboard (or the screen itself) and re-decides the automatic capital.
    _keyboard_value: str | None = None

    def next_step(self) -> None:
        raise NotImplementedError

    def previous_step(self) -> None:
        raise NotImplementedError

    def show_step(self, step: str) -> None:
        raise NotImplementedError

    def step_back(self, steps: Sequence[str]) -> bool:
        """Show the step before this one in `steps`; False on the first (the form decides
        what Back does there: leave, or ask before discarding)."""
        position = steps.index(self.step)
        if position == 0:
            return False
        self.show_step(steps[position - 1])
        return True

    def input(self, field: str) -> KioskInput:
        return self.query_one(f"#{field}", KioskInput)

    def show_message(self, field: str, message: str) -> None:
        self.query_one(f"#{field}-message", Static).update(message)
        if field in self.TEXT_FIELDS:
            self.input(field).set_class(bool(message), "-invalid")

    def _auto_shift(self, box: Input) -> None:
        """Shift on at the start of a word only: a word's later letters keep the case typed
        (McDonald, O'Neill, van der Berg), and a Shift tap there is the visitor's own."""
        self._keyboard_value = box.value
        before = box.value[: box.cursor_position]
        keyboard = self.query_one(TouchKeyboard)
        keyboard.shifted = self.step in self.AUTO_CAPITAL and (not before or before[-1] in " -")

    def on_touch_keyboard_typed(self, message: TouchKeyboard.Typed) -> None:
        if self.step in self.TEXT_FIELDS:
            box = self.input(self.step)
            box.insert_text_at_cursor(message.text)
            self._auto_shift(box)

    def on_touch_keyboard_erase(self) -> None:
        if self.step in self.TEXT_FIELDS:
            box = self.input(self.step)
            box.action_delete_left()
            self._auto_shift(box)

    def on_touch_keyboard_done(self) -> None:
        if self.step in self.TEXT_FIELDS and self.tap_ok("done"):
            self.next_step()

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field == self.step and field in self.TEXT_FIELDS and event.value != self._keyboard_value:
            # Typed on a physical keyboard (or emptied): the next on-screen letter carries on
            # the word it follows rather than starting a capital in its middle.
            self._auto_shift(event.input)
        if field in self.TEXT_FIELDS and self.query_one(f"#{field}-message", Static).content:
            self.show_message(field, "")
