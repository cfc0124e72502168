"""An on-screen keyboard for one finger: letters, shift, space, hyphen, apostrophe, full
stop, backspace and a Done key; digits when the field needs them.

Accents: the accent key shows the accented forms of the letter just typed (é è ê … after
an e); tapping it puts them in place of the top letter row, and tapping one replaces the
letter with it (Zoe -> Zoë, Lukasz -> Łukasz). Keys never take focus, so the text box keeps
it and a physical keyboard works alongside.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from kiosk.domain.accented_letters import MAX_ACCENTED, accented_forms

DIGITS = "1234567890"
ROWS = ("qwertyuiop", "asdfghjkl'", "zxcvbnm-")
KEY_NAMES = {"'": "apostrophe", "-": "hyphen", ".": "full-stop"}
ACCENT_HINT = "á é ü"  # the accent key's label when the letter before the cursor has none


def key_id(character: str) -> str:
    """The widget id of a character's key: key-a, key-7, key-apostrophe, key-full-stop."""
    return "key-" + KEY_NAMES.get(character, character)


def accent_label(letter: str) -> str:
    """The accent key's label after this letter: its first accented forms, or the hint."""
    forms = accented_forms(letter)
    return " ".join(forms[:3]) + (" …" if len(forms) > 3 else "") if forms else ACCENT_HINT


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
    # The accented forms shown in place of the top letter row ("" = letters as usual).
    accents_showing: reactive[str] = reactive("")

    # Set once the keys exist: reactive watchers can fire before that.
    _ready = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="digit-row", classes="key-row"):
            for digit in DIGITS:
                yield Key(digit, digit, id=key_id(digit))
        with Horizontal(id="accent-row", classes="key-row"):
            for slot in range(MAX_ACCENTED):
                yield Key("", "", id=f"key-accent-{slot}", classes="accented")
        for number, row in enumerate(ROWS):
            with Horizontal(id=f"letter-row-{number}", classes="key-row"):
                if number == 2:
                    yield Key("⇧ Shift", "shift", id="key-shift", classes="wide")
                for character in row:
                    yield Key(character, character, id=key_id(character))
                if number == 2:
                    yield Key("⌫ Delete", "backspace", id="key-backspace", classes="wide")
        with Horizontal(classes="key-row"):
            # Back lives on the keyboard so a form step needs no extra row at 80x24.
            yield Key("◀ Back", "back", id="key-back", classes="back")
            yield Key(ACCENT_HINT, "accents", id="key-accents", classes="accents")
            yield Key("Space", " ", id="key-space", classes="space")
            yield Key(".", ".", id=key_id("."))
            yield Key(self.done_label, "done", id="key-done", classes="done")

    def on_mount(self) -> None:
        # The keys never change once composed: found once here, not by a query of the whole
        # keyboard on every Shift or step (a step sets four of these properties at once).
        self._letter_keys = [
            key
            for key in self.query(Key)
            if len(key.value) == 1 and key.value.isalpha() and not key.has_class("accented")
        ]
        self._accent_keys = list(self.query(".accented").results(Key))
        self._digit_row = self.query_one("#digit-row")
        self._accent_row = self.query_one("#accent-row")
        self._top_letter_row = self.query_one("#letter-row-0")
        self._shift_key = self.query_one("#key-shift", Key)
        self._accents_key = self.query_one("#key-accents", Key)
        self._done_key = self.query_one("#key-done", Key)
        self._ready = True
        self.watch_show_digits(self.show_digits)
        self.watch_accents_showing(self.accents_showing)
        self.watch_done_label(self.done_label)
        self._relabel()

    def on_unmount(self) -> None:
        self._ready = False  # leaving with its screen: watchers leave the keys alone

    def watch_shifted(self) -> None:
        self._relabel()

    def watch_caps_only(self) -> None:
        self._relabel()

    def watch_show_digits(self, show: bool) -> None:
        if self._ready:
            self._digit_row.display = show

    def watch_done_label(self, label: str) -> None:
        if self._ready:
            self._done_key.update(label)

    def watch_accents_showing(self, forms: str) -> None:
        if not self._ready:
            return
        # The accent row stands in for the top letter row: the keyboard keeps its height.
        self._accent_row.display = bool(forms)
        self._top_letter_row.display = not forms
        for slot, key in enumerate(self._accent_keys):
            key.value = forms[slot] if slot < len(forms) else ""
            key.update(key.value)
            key.display = bool(key.value)
        self._accents_key.set_class(bool(forms), "-on")

    def reset(self) -> None:
        """As for a new visitor: the letters, not the last one's accents or shift."""
        self.accents_showing = ""
        self.shifted = False
        self._show_accent_label("")

    def _letter_before_cursor(self, erased: int = 0) -> str:
        """The character before the text box's cursor (after `erased` pending deletes)."""
        box = self.screen.focused
        if not isinstance(box, Input):
            return ""
        before = box.value[: max(0, box.cursor_position - erased)]
        return before[-1:]

    def _show_accent_label(self, letter: str) -> None:
        if self._ready:
            self._accents_key.update(accent_label(letter))

    @property
    def upper(self) -> bool:
        return self.shifted or self.caps_only

    def _relabel(self) -> None:
        # A watcher can fire while the keys are still being mounted (or removed with their
        # screen); keys that are not there yet get it from on_mount.
        if not self._ready:
            return
        upper = self.upper
        for key in self._letter_keys:
            key.update(key.value.upper() if upper else key.value)
        self._shift_key.set_class(self.shifted, "-on")

    def on_touch_keyboard_tapped(self, message: TouchKeyboard.Tapped) -> None:
        message.stop()
        value = message.value
        if value == "accents":
            self.toggle_accents()
            return
        if self.accents_showing:
            self.accents_showing = ""
            if len(value) == 1 and value in accented_forms(self._letter_before_cursor()):
                # An accented form replaces the letter it was offered for.
                self.post_message(self.Erase())
                self.post_message(self.Typed(value))
                self._show_accent_label("")
                return
        if value == "shift":
            self.shifted = not self.shifted
        elif value == "backspace":
            self.post_message(self.Erase())
            self._show_accent_label(self._letter_before_cursor(erased=1))
        elif value == "done":
            self.post_message(self.Done())
        elif value == "back":
            self.post_message(self.Back())
        else:
            typed = value.upper() if self.upper else value
            self.post_message(self.Typed(typed))
            self._show_accent_label(typed)

    def toggle_accents(self) -> None:
        """Show the accented forms of the letter before the cursor, or hide them again."""
        if self.accents_showing:
            self.accents_showing = ""
        else:
            self.accents_showing = accented_forms(self._letter_before_cursor())
