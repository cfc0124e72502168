"""Hardware settings as plain values: the hardware layer needs nothing else from the kiosk."""

from __future__ import annotations

from dataclasses import dataclass

PIN_FACTORIES = ("auto", "gpio", "mock")


@dataclass(frozen=True)
class HardwareSettings:
    pin_factory: str = "auto"  # auto: real GPIO when present, else simulated; gpio; mock
    lock_pin: int = 17  # BCM number of the relay input that powers the solenoid
    lock_active_high: bool = True  # True: pin high energises the relay (unlocks)
    led_pin: int = 27
    led_active_high: bool = True
    door_sensor: bool = False  # reed switch fitted?
    door_pin: int = 22  # reed switch to ground, internal pull-up; closed door = pressed
    unlock_seconds: float = 5.0
    door_open_warning_seconds: float = 30.0
