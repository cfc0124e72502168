"""An on-screen keyboard for one finger: letters, shift, space, hyphen, apostrophe,
backspace and a Done key; digits when the field needs them.

Keys never take focus, so the text box keeps it and a physical keyboard works alongside.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

DIGITS = "1234567890"
ROWS = ("qwertyuiop", "asdfghjkl'", "zxcvbnm-")
KEY_NAMES = {"'": "apostrophe", "-": "hyphen"}


def key_id(character: str) -> str:
    """The widget id of a character's key: key-a, key-7, key-apostrophe, key-hyphen."""
    return "key-" + KEY_NAMES.get(character, character)


class Key(Widget):
    """One key. Shows pressed while the finger is down; acts on the tap (click).

    A plain widget with a repaint-only label: relabelling 26 keys on Shift must not make
    Textual lay the whole screen out again.
    """

    label: reactive[str] = reactive("", layout=False)

    def __init__(self, label: str, value: str, *, id: str, classes: str = "") -> None:
        super().__init__(id=id, classes=("key " + classes).strip())
        self.set_reactive(Key.label, label)
        self.value = value

    def render(self) -> str:
        return self.label

    def update(self, label: str) -> None:
        self.label = label

    def on_mouse_down(self) -> None:
        self.add_class("-pressed")

    def on_mouse_up(self) -> None:
        self.remove_class("-pressed")

    def on_leave(self) -> None:
        self.remove_class("-pressed")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.remove_class("-pressed")
        self.post_message(TouchKeyboard.Tapped(self.value))


class TouchKeyboard(Widget):
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")

    class Tapped(Message):
        """Internal: a key was tapped. The keyboard turns it into Typed, Erase or Done."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class Typed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Erase(Message):
        pass

    class Done(Message):
        pass

    class Back(Message):
        pass

    shifted: reactive[bool] = reactive(False)
    caps_only: reactive[bool] = reactive(False)
    show_digits: reactive[bool] = reactive(False)
    done_label: reactive[str] = reactive("Done")

    # Set once the keys exist: reactive watchers can fire before that.
    _ready = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="digit-row", classes="key-row"):
            for digit in DIGITS:
                yield Key(digit, digit, id=key_id(digit))
        for number, row in enumerate(ROWS):
            with Horizontal(classes="key-row"):
                if number == 2:
                    yield Key("⇧ Shift", "shift", id="key-shift", classes="wide")
                for character in row:
                    yield Key(character, character, id=key_id(character))
                if number == 2:
                    yield Key("⌫ Delete", "backspace", id="key-backspace", classes="wide")
        with Horizontal(classes="key-row"):
            # Back lives on the keyboard so a form step needs no extra row at 80x24.
            yield Key("◀ Back", "back", id="key-back", classes="back")
            yield Key("Space", " ", id="key-space", classes="space")
            yield Key(self.done_label, "done", id="key-done", classes="done")

    def on_mount(self) -> None:
        self._ready = True
        self._relabel()

    def watch_shifted(self) -> None:
        self._relabel()

    def watch_caps_only(self) -> None:
        self._relabel()

    def watch_show_digits(self, show: bool) -> None:
        for row in self.query("#digit-row"):
            row.display = show

    def watch_done_label(self, label: str) -> None:
        for key in self.query("#key-done").results(Key):
            key.update(label)

    @property
    def upper(self) -> bool:
        return self.shifted or self.caps_only

    def _relabel(self) -> None:
        # Queries, not query_one: a watcher can fire while the keys are still being mounted
        # (or removed with their screen); keys that are not there yet get it from on_mount.
        if not self._ready:
            return
        self.watch_show_digits(self.show_digits)
        upper = self.upper
        for key in self.query(Key):
            if len(key.value) == 1 and key.value.isalpha():
                key.update(key.value.upper() if upper else key.value)
        for shift in self.query("#key-shift"):
            shift.set_class(self.shifted, "-on")

    def on_touch_keyboard_tapped(self, message: TouchKeyboard.Tapped) -> None:
        message.stop()
        value = message.value
        if value == "shift":
            self.shifted = not self.shifted
        elif value == "backspace":
            self.post_message(self.Erase())
        elif value == "done":
            self.post_message(self.Done())
        elif value == "back":
            self.post_message(self.Back())
        else:
            self.post_message(self.Typed(value.upper() if self.upper else value))
