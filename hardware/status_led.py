"""The status LED: one blink pattern per LedState, so staff can read it across the foyer.
Which shows when several apply: hardware/led_priority.py."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from gpiozero import LED
from gpiozero.pins import Factory

from hardware.interface import LedState


@dataclass(frozen=True)
class LedPattern:
    """Steady (on_time None: lit when `steady_on`) or blinking on/off forever."""

    meaning: str  # what staff are told it means (docs/wiring.md has the same table)
    on_time: float | None = None
    off_time: float | None = None
    steady_on: bool = False

    @property
    def blinks(self) -> bool:
        return self.on_time is not None


LED_PATTERNS: dict[LedState, LedPattern] = {
    LedState.OFF: LedPattern("kiosk not running"),
    LedState.EVACUATION: LedPattern(
        "fire alarm: evacuate; the roll call is on the screen", on_time=1.5, off_time=0.25
    ),
    LedState.IDLE: LedPattern("kiosk running, store locked", on_time=0.1, off_time=2.9),
    LedState.STORE_OPEN: LedPattern("store unlocked", steady_on=True),
    LedState.DOOR_LEFT_OPEN: LedPattern("store door left open", on_time=0.25, off_time=0.25),
    LedState.PHONES_WAITING: LedPattern(
        "phones still waiting to go home", on_time=1.0, off_time=1.0
    ),
    LedState.PIN_ALERT: LedPattern(
        "PIN lockouts: an admin should run kiosk staff alerts", on_time=0.1, off_time=0.9
    ),
    LedState.FAULT: LedPattern("kiosk fault: call the office", on_time=0.08, off_time=0.08),
}

LED_LABELS: dict[LedState, str] = {
    LedState.OFF: "off",
    LedState.EVACUATION: "EVACUATION",
    LedState.IDLE: "idle",
    LedState.STORE_OPEN: "store open",
    LedState.DOOR_LEFT_OPEN: "door left open",
    LedState.PHONES_WAITING: "phones waiting",
    LedState.PIN_ALERT: "PIN alert",
    LedState.FAULT: "fault",
}


class GpioStatusLed:
    """Implements hardware.interface.StatusLed on a gpiozero LED. Starts OFF."""

    def __init__(
        self, pin: int, *, active_high: bool = True, pin_factory: Factory | None = None
    ) -> None:
        self._led = LED(pin, active_high=active_high, initial_value=False, pin_factory=pin_factory)
        self._state = LedState.OFF
        self._guard = threading.Lock()
        self._closed = False

    @property
    def state(self) -> LedState:
        return self._state

    @property
    def pin(self) -> object:
        return self._led.pin

    def show(self, state: LedState) -> None:
        """Switch pattern; showing the state already shown changes nothing (no flicker)."""
        with self._guard:
            if self._closed or state is self._state:
                self._state = state
                return
            pattern = LED_PATTERNS[state]
            if pattern.blinks:
                self._led.blink(on_time=pattern.on_time, off_time=pattern.off_time, background=True)
            elif pattern.steady_on:
                self._led.on()
            else:
                self._led.off()
            self._state = state

    def close(self) -> None:
        with self._guard:
            if self._closed:
                return
            self._led.off()
            self._led.close()
            self._state = LedState.OFF
            self._closed = True
