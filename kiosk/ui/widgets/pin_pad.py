"""A numeric PIN pad: big keys, digits shown only as dots.

The digits live in this widget's memory only (no Input holding them in the DOM, nothing
logged) and are forgotten as soon as they are submitted or cleared. A physical keyboard's
digits, Backspace and Enter work too.

A PIN has digits only: a letter means a scanner is typing a code (a staff card), not someone
a PIN. The digits so far are dropped and the code's keys, Enter included, go on to the
screen, which may know what to do with a card; a card is never counted as a wrong PIN.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from kiosk.domain.pins import PIN_MAX
from kiosk.ui.widgets.built_only import BuiltOnly
from kiosk.ui.widgets.touch_button import TouchButton

MASK = "●"


class PinPad(BuiltOnly, Vertical, can_focus=True):
    DEFAULT_CSS = """
    PinPad {
        width: 38;
        height: auto;
    }
    PinPad #pin-display {
        width: 38;
        height: 3;
        border: round $primary;
        content-align: center middle;
        text-style: bold;
    }
    PinPad Grid {
        grid-size: 3 4;
        grid-gutter: 0 1;
        grid-columns: 12;
        grid-rows: 3;
        width: 38;
        height: 12;
    }
    PinPad Grid Button {
        width: 100%;
        height: 3;
        min-width: 6;
    }
    /* Shut (a lockout, or a PIN being checked): flat and grey, so no key looks tappable.
       Textual's own disabled look only fades the label, which on a bright key reads as on. */
    PinPad Grid Button.-style-default:disabled {
        background: $panel-darken-1;
        color: $text-muted;
        border-top: tall $background;
        border-bottom: tall $background;
        text-style: none;
        text-opacity: 1;
    }
    PinPad.-shut #pin-display {
        border: round $panel-lighten-2;
        color: $text-muted;
    }
    """

    class Submitted(Message):
        """The OK key: `pin` is what was typed (the pad is already cleared)."""

        def __init__(self, pin: str) -> None:
            super().__init__()
            self.pin = pin

        def __repr__(self) -> str:  # never show the PIN in a debug log of messages
            return "PinPad.Submitted(<hidden>)"

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._digits: list[str] = []
        self.enabled = True
        self._shut_text = ""  # in the display while the pad is shut ("Locked")
        self._scanning = False  # a letter came: the keys up to Enter are a scanned code

    def compose(self) -> ComposeResult:
        yield Static("Enter your PIN", id="pin-display")
        with Grid():
            for digit in "123456789":
                yield TouchButton(digit, id=f"pin-{digit}", repeat_ok=True)
            yield TouchButton("Clear", id="pin-clear", variant="warning", repeat_ok=True)
            yield TouchButton("0", id="pin-0", repeat_ok=True)
            yield TouchButton("OK", id="pin-ok", variant="success", repeat_ok=True)

    def on_mount(self) -> None:
        self.focus()  # the pad itself takes keys; its buttons are for fingers

    @property
    def length(self) -> int:
        return len(self._digits)

    def clear(self) -> None:
        """Empty for the next person, a scanned code half-typed (a letter, no Enter) too:
        otherwise their keyboard's digits would be taken for the rest of that code."""
        self._digits.clear()
        self._scanning = False
        self._show()

    def set_enabled(self, enabled: bool, shut_text: str = "") -> None:
        """Open or shut the pad; shut, every key is drawn disabled and taps and typed keys do
        nothing, and `shut_text` (e.g. "Locked") stands where the dots would be."""
        self.enabled = enabled
        self._shut_text = "" if enabled else shut_text
        self.set_class(not enabled, "-shut")
        for button in self.query(Button):
            button.disabled = not enabled
        if not enabled:
            self._digits.clear()
        self._show()

    def _show(self) -> None:
        if self._shut_text:
            text = self._shut_text
        elif self._digits:
            text = " ".join(MASK * len(self._digits))
        else:
            text = "Enter your PIN"
        self.query_one("#pin-display", Static).update(text)

    def _press(self, key: str) -> None:
        if not self.enabled:
            return
        if key.isdigit():
            if len(self._digits) < PIN_MAX:
                self._digits.append(key)
        elif key == "back":
            if self._digits:
                self._digits.pop()
        elif key == "clear":
            self._digits.clear()
        elif key == "ok":
            if not self._digits:
                return
            pin = "".join(self._digits)
            self._digits.clear()
            self._show()
            self.post_message(self.Submitted(pin))
            return
        self._show()

    @on(Button.Pressed)
    def _key_tapped(self, event: Button.Pressed) -> None:
        event.stop()
        key = (event.button.id or "").removeprefix("pin-")
        self._press(key)

    def on_key(self, event: events.Key) -> None:
        if not self.enabled:
            return  # shut: keys go on to the screen (a staff card scanned in a PIN lockout)
        character = event.character or ""
        if character.isprintable() and len(character) == 1 and not character.isdigit():
            if not self._scanning and self._digits:
                self._digits.clear()  # the start of the code, typed as digits: not a PIN
                self._show()
            self._scanning = True
        if self._scanning:
            if event.key == "enter":
                self._scanning = False
            return  # the scanned code's keys are the screen's
        if event.character and event.character.isdigit() and event.character.isascii():
            self._press(event.character)
        elif event.key == "backspace":
            self._press("back")
        elif event.key == "enter":
            self._press("ok")
        else:
            return
        event.stop()
