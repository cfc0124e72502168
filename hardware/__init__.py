"""The GPIO layer: lock, LED, door sensor and fire alarm input, real (gpiozero) or simulated.

Never imports textual or tinydb.
Names are imported lazily, so `import hardware.settings` (the config loader does) does not load
gpiozero: admin commands over SSH never pay for it.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build_hardware": "hardware.factory",
    "resolve_mode": "hardware.factory",
    "real_pin_factory": "hardware.factory",
    "GpioHardware": "hardware.factory",
    "GpioLock": "hardware.lock",
    "GpioStatusLed": "hardware.status_led",
    "GpioDoorSensor": "hardware.door_sensor",
    "GpioFireAlarm": "hardware.fire_alarm",
    "AlarmReading": "hardware.interface",
    "LED_PRIORITY": "hardware.led_priority",
    "most_urgent": "hardware.led_priority",
    "LED_PATTERNS": "hardware.status_led",
    "LED_LABELS": "hardware.status_led",
    "HardwareError": "hardware.errors",
    "install_relock_on_sigterm": "hardware.shutdown",
    "state_summary": "hardware.summary",
    "LedState": "hardware.interface",
    "HardwareSettings": "hardware.settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hardware' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
