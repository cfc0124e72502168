"""A buzzer or lamp in the office, switched on when a parent asks to collect a pupil.

Optional ([hardware] office_alert_pin; 0: none). It beeps (or flashes) half a second on, half
a second off for `office_alert_seconds`, on gpiozero's own thread, so the kiosk's screen is
never held up by it and it stops by itself. Driven through a transistor or a relay module,
never straight from the pin (docs/wiring.md).
"""

from __future__ import annotations

import contextlib

from gpiozero import DigitalOutputDevice
from gpiozero.pins import Factory

BEAT_SECONDS = 0.5


class GpioOfficeAlert:
    """Implements hardware.interface.OfficeAlert."""

    def __init__(self, pin: int, *, seconds: float, pin_factory: Factory | None = None) -> None:
        self.seconds = seconds
        self._device = DigitalOutputDevice(pin, initial_value=False, pin_factory=pin_factory)

    @property
    def pin(self) -> object:
        """The gpiozero pin (a MockPin in simulation: tests read its state history)."""
        return self._device.pin

    @property
    def is_sounding(self) -> bool:
        return bool(self._device.is_active)

    def sound(self) -> None:
        """Beep for the configured time (again from the start if it is beeping already)."""
        beats = max(1, round(self.seconds / (2 * BEAT_SECONDS)))
        self._device.blink(on_time=BEAT_SECONDS, off_time=BEAT_SECONDS, n=beats, background=True)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._device.off()
        self._device.close()
