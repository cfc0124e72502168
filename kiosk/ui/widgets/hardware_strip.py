"""A strip along the bottom of every screen showing simulated hardware: lock, LED and door.

Shown only when the hardware is simulated (no Pi, or `kiosk demo`), so nobody mistakes a
laptop for a kiosk with a real lock. In demo mode it also has buttons that open and close
the simulated store door, and one that sets off (and stops) the simulated fire alarm,
which opens the roll call as the real alarm contact does. The text follows the app's
`hardware_summary` reactive.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from kiosk.ui.widgets.touch_button import TouchButton

SOUND_ALARM, STOP_ALARM = "Alarm", "All clear"
ALARM_SOUNDING = "Alarm: SOUNDING"  # in the summary (hardware/summary.py)


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
    HardwareStrip.-demo #hardware-state {
        padding: 0 0 0 1;  /* the buttons' margin is the gap */
    }
    /* As narrow as their words: with the door's and the alarm's buttons, the state line
       still fits 100 columns. */
    HardwareStrip Button {
        height: 3;
        min-width: 8;
        width: auto;
        margin: 0 0 0 1;
    }
    """

    def __init__(
        self,
        set_door: Callable[[bool], None] | None = None,
        set_alarm: Callable[[bool], None] | None = None,
    ) -> None:
        """`set_door(closed)` given: show the demo's door buttons, which call it;
        `set_alarm(sounding)`: its fire alarm button."""
        demo = set_door is not None or set_alarm is not None
        super().__init__(id="hardware-strip", classes="-demo" if demo else "")
        self._summary = ""
        self._set_door = set_door
        self._set_alarm = set_alarm

    def compose(self) -> ComposeResult:
        yield Static("", id="hardware-state", markup=False)
        if self._set_door is not None:
            yield TouchButton("Open door", id="sim-door-open")
            yield TouchButton("Close door", id="sim-door-close")
        if self._set_alarm is not None:
            yield TouchButton(SOUND_ALARM, id="sim-alarm", variant="error")

    def on_mount(self) -> None:
        self.watch(self.app, "hardware_summary", self.show)

    @on(Button.Pressed, "#sim-door-open, #sim-door-close")
    def _door_button(self, event: Button.Pressed) -> None:
        # Handled here so the screen underneath never mistakes a door button for its own.
        event.stop()
        if self._set_door is not None:
            self._set_door(event.button.id == "sim-door-close")

    @on(Button.Pressed, "#sim-alarm")
    def _alarm_button(self, event: Button.Pressed) -> None:
        event.stop()
        if self._set_alarm is not None:
            self._set_alarm(ALARM_SOUNDING not in self._summary)

    def show(self, summary: str) -> None:
        # A query, not query_one: on a screen popped while it was being built, Textual mounts
        # the strip but none of its children (see kiosk/ui/widgets/built_only.py).
        for state in self.query("#hardware-state").results(Static):
            if summary != self._summary:
                self._summary = summary
                state.update(f"Simulated hardware: {summary}")
        for button in self.query("#sim-alarm").results(Button):
            button.label = STOP_ALARM if ALARM_SOUNDING in summary else SOUND_ALARM
