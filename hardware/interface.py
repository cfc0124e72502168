"""What the rest of the kiosk may ask of the hardware. The real and simulated devices both fit this.

The UI and services depend on these Protocols only; `hardware.build_hardware()` returns a
`Hardware` built on gpiozero with a real or mock pin factory.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol


class LedState(enum.Enum):
    OFF = "off"
    IDLE = "idle"  # steady dim heartbeat: the kiosk is running
    STORE_OPEN = "store-open"  # lock energised
    DOOR_LEFT_OPEN = "door-left-open"  # door open past the warning time
    PHONES_WAITING = "phones-waiting"  # after return time, phones still held
    PIN_ALERT = "pin-alert"  # PIN entry was locked (guessing?); until an admin clears it
    FAULT = "fault"  # the kiosk cannot work (data file damaged, ...)


class Lock(Protocol):
    @property
    def is_locked(self) -> bool: ...

    def unlock(self, seconds: float | None = None) -> None:
        """Energise for `seconds` (default from settings) on gpiozero's own thread, then relock."""
        ...

    def lock(self) -> None:
        """Relock now (de-energise), cancelling any pulse."""
        ...


class StatusLed(Protocol):
    @property
    def state(self) -> LedState: ...

    def show(self, state: LedState) -> None: ...


class DoorSensor(Protocol):
    @property
    def is_closed(self) -> bool: ...

    def on_change(self, callback: Callable[[bool], None]) -> None:
        """callback(is_closed) runs on gpiozero's thread: hand it to the UI thread-safely."""
        ...


class Hardware(Protocol):
    lock: Lock
    led: StatusLed
    door: DoorSensor | None  # None when no reed switch is fitted
    simulated: bool  # True with the mock pin factory: the UI shows a state strip

    def close(self) -> None:
        """Relock and release the pins."""
        ...
