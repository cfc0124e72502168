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
    EVACUATION = "evacuation"  # the fire alarm is sounding: the roll call is on screen


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


class AlarmReading(enum.Enum):
    """What the fire alarm panel's relay contact says, once it has settled."""

    NORMAL = "normal"
    ALARM = "alarm"
    BROKEN_WIRE = "broken-wire"  # both legs of a changeover contact open: a cut or loose wire
    CROSSED_WIRES = "crossed-wires"  # both legs closed: wired wrongly, or shorted

    @property
    def is_fault(self) -> bool:
        return self in (AlarmReading.BROKEN_WIRE, AlarmReading.CROSSED_WIRES)


class FireAlarmInput(Protocol):
    @property
    def reading(self) -> AlarmReading: ...

    def on_change(self, callback: Callable[[AlarmReading], None]) -> None:
        """callback(reading) once a change has settled, on a timer thread: hand it to the UI
        thread-safely (post_message)."""
        ...


class OfficeAlert(Protocol):
    def sound(self) -> None:
        """Beep or flash for a few seconds on gpiozero's thread, then stop by itself."""
        ...


class Hardware(Protocol):
    lock: Lock
    led: StatusLed
    door: DoorSensor | None  # None when no reed switch is fitted
    fire_alarm: FireAlarmInput | None  # None when no alarm contact is wired
    office_alert: OfficeAlert | None  # None when no buzzer or lamp is wired
    simulated: bool  # True with the mock pin factory: the UI shows a state strip

    def close(self) -> None:
        """Relock and release the pins."""
        ...
