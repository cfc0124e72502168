"""The optional door reed switch: to ground, internal pull-up; door closed = pin low = active.

THREADS: on real GPIO, on_change callbacks run on gpiozero's event thread; in simulation they
run on the thread that called set_door_closed() (the UI thread, when the demo's button did
it). So a UI must hand events over with `app.post_message(...)`, which is safe from any
thread. (`app.call_from_thread` raises when already on the UI thread, so avoid it here.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from gpiozero import DigitalInputDevice
from gpiozero.pins import Factory
from gpiozero.pins.mock import MockPin

from hardware.errors import HardwareError

log = logging.getLogger(__name__)

# Reed switches bounce for a few milliseconds when the magnet passes.
BOUNCE_SECONDS = 0.05
SIMULATION_ONLY = "the door can only be opened from the screen with simulated hardware"


class GpioDoorSensor:
    """Implements hardware.interface.DoorSensor."""

    def __init__(self, pin: int, *, pin_factory: Factory | None = None) -> None:
        # A Button without the hold thread: Button's would keep a closed (= pressed) door
        # "held" and make every close wait a second for it.
        self._button = DigitalInputDevice(
            pin, pull_up=True, bounce_time=BOUNCE_SECONDS, pin_factory=pin_factory
        )
        self._callbacks: list[Callable[[bool], None]] = []
        self._guard = threading.Lock()
        self._button.when_activated = lambda: self._notify(True)
        self._button.when_deactivated = lambda: self._notify(False)

    @property
    def is_closed(self) -> bool:
        return bool(self._button.is_active)

    @property
    def simulated(self) -> bool:
        return isinstance(self._button.pin, MockPin)

    def on_change(self, callback: Callable[[bool], None]) -> None:
        """Call callback(is_closed) on every change; see the module note about threads."""
        with self._guard:
            self._callbacks.append(callback)

    def remove_callback(self, callback: Callable[[bool], None]) -> None:
        with self._guard:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    def set_door_closed(self, closed: bool) -> None:
        """Simulation only: move the simulated magnet so the input device sees the change."""
        pin = self._button.pin
        if not isinstance(pin, MockPin):
            raise HardwareError(SIMULATION_ONLY)
        # Closed door: the reed switch connects the pin to ground.
        if closed:
            pin.drive_low()
        else:
            pin.drive_high()

    def close(self) -> None:
        with self._guard:
            self._callbacks.clear()
        self._button.close()

    def _notify(self, is_closed: bool) -> None:
        with self._guard:
            callbacks = list(self._callbacks)
        for callback in callbacks:
            try:
                callback(is_closed)
            except Exception:
                # One broken listener must not stop the others hearing about the door.
                log.exception("door sensor callback failed")
