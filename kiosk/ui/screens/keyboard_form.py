"""A form asked one field per step, typed on the on-screen keyboard or a real one.

The visitor's sign-in and the staff's store-a-phone form share this: the keyboard's keys go to
the current step's box, names get a capital at each word by themselves, and a field's
message clears as soon as it is corrected.
"""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import Input, Static

from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard


class KeyboardFormScreen(KioskScreen):
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ()  # steps that have a text box of that id
    AUTO_CAPITAL: ClassVar[frozenset[str]] = frozenset()  # steps where each word gets a capital

    step: str

    def next_step(self) -> None:
        raise NotImplementedError

    def previous_step(self) -> None:
        raise NotImplementedError

    def input(self, field: str) -> KioskInput:
        return self.query_one(f"#{field}", KioskInput)

    def show_message(self, field: str, message: str) -> None:
        self.query_one(f"#{field}-message", Static).update(message)
        if field in self.TEXT_FIELDS:
            self.input(field).set_class(bool(message), "-invalid")

    def _auto_shift(self, box: KioskInput) -> None:
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

    def on_touch_keyboard_back(self) -> None:
        if self.tap_ok("back"):
            self.previous_step()

    def on_touch_keyboard_done(self) -> None:
        if self.step in self.TEXT_FIELDS and self.tap_ok("done"):
            self.next_step()

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field in self.TEXT_FIELDS and self.query_one(f"#{field}-message", Static).content:
            self.show_message(field, "")
