"""A PIN pad laid over the whole screen, with a line saying what the PIN is for.

Used to close the fire alarm's roll call: the list stays underneath, untouched, and the pad
covers it so a tap meant for the pad cannot tick someone. Cancel takes it away.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center
from textual.widgets import Button, Static

from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.pin_pad import PinPad
from kiosk.ui.widgets.screen_overlay import ScreenOverlay
from kiosk.ui.widgets.touch_button import TouchButton


class PinOverlay(ScreenOverlay):
    DEFAULT_CSS = """
    PinOverlay {
        background: $background;  /* the roll call underneath is hidden, not dimmed */
    }
    PinOverlay Center {
        height: auto;
    }
    PinOverlay > Static {
        width: 100%;
        content-align: center middle;
        text-style: bold;
    }
    PinOverlay #pin-overlay-message {
        color: $text-error;
    }
    PinOverlay #pin-overlay-cancel {
        width: 38;
        height: 3;
    }
    """

    def __init__(self, prompt: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        yield Static(self.prompt, id="pin-overlay-prompt", markup=False)
        with Center():  # centred on their own: the lines above and below are full width
            yield PinPad(id="pin-overlay-pad")
        yield Static("", id="pin-overlay-message", markup=False)
        with Center():
            yield TouchButton("Cancel", id="pin-overlay-cancel")

    @property
    def pad(self) -> PinPad:
        return self.query_one(PinPad)

    @property
    def showing(self) -> bool:
        return bool(self.display)

    def open(self) -> None:
        self.display = True
        self.say("")
        self.pad.focus()

    def close(self) -> None:
        self.display = False
        self.pad.clear()

    def say(self, text: str) -> None:
        show_text(self.query_one("#pin-overlay-message", Static), text)

    @on(Button.Pressed, "#pin-overlay-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.close()
