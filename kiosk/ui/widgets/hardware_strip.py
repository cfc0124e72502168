"""A strip along the bottom of every screen showing simulated hardware: lock, LED and door.

Shown only when the hardware is simulated (no Pi, or `kiosk demo`), so nobody mistakes a
laptop for a kiosk with a real lock. In demo mode it also has buttons that open and close
the simulated store door.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static


class HardwareStrip(Horizontal):
    DEFAULT_CSS = """
    HardwareStrip {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $boost;
        color: $text-muted;
    }
    HardwareStrip.-demo {
        height: 3;
    }
    HardwareStrip #hardware-state {
        width: 1fr;
        height: 100%;
        content-align: left middle;
        padding: 0 1;
    }
    HardwareStrip Button {
        height: 3;
        min-width: 14;
        width: auto;
        margin: 0 0 0 1;
    }
    """

    def __init__(self, summary: str, set_door: Callable[[bool], None] | None = None) -> None:
        """`set_door(closed)` given: show the demo's door buttons, which call it."""
        super().__init__(id="hardware-strip", classes="-demo" if set_door else "")
        self._summary = summary
        self._set_door = set_door

    def compose(self) -> ComposeResult:
        yield Static(f"Simulated hardware: {self._summary}", id="hardware-state", markup=False)
        if self._set_door is not None:
            yield Button("Open door", id="sim-door-open")
            yield Button("Close door", id="sim-door-close")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # focus belongs to the screen's form, not the demo strip

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Handled here so the screen underneath never mistakes a door button for its own.
        event.stop()
        if self._set_door is not None:
            self._set_door(event.button.id == "sim-door-close")

    def show(self, summary: str) -> None:
        if summary != self._summary:
            self._summary = summary
            self.query_one("#hardware-state", Static).update(f"Simulated hardware: {summary}")
