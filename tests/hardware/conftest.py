"""Fixtures for the hardware tests: every test gets its own MockFactory and closes it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from gpiozero.pins.mock import MockFactory

from hardware import build_hardware
from hardware.factory import GpioHardware
from hardware.settings import HardwareSettings
from tests.helpers import hardware_settings

SETTINGS = hardware_settings(pin_factory="mock", unlock_seconds=5.0)


def states(pin: Any) -> list[bool]:
    """The pin's FULL history. The first entry is the pin before gpiozero configured it."""
    return [bool(s.state) for s in pin.states]


@pytest.fixture
def make_hardware() -> Iterator[Callable[..., GpioHardware]]:
    built: list[GpioHardware] = []

    def make(settings: HardwareSettings = SETTINGS, **kwargs: Any) -> GpioHardware:
        kwargs.setdefault("pin_factory", MockFactory())
        hw = build_hardware(settings, **kwargs)
        built.append(hw)
        return hw

    yield make
    for hw in built:
        hw.close()


@pytest.fixture
def hw(make_hardware: Callable[..., GpioHardware]) -> GpioHardware:
    return make_hardware()


@pytest.fixture
def lock_pin(hw: GpioHardware) -> Any:
    return hw.pin_factory.pin(SETTINGS.lock_pin)


class BlinkSpy:
    """Wraps a gpiozero device's blink() to record each call's parameters, then calls through."""

    def __init__(self, device: Any) -> None:
        self.calls: list[dict[str, Any]] = []
        real = device.blink

        def blink(on_time: float = 1, off_time: float = 1, n: int | None = None, **kw: Any) -> None:
            self.calls.append({"on_time": on_time, "off_time": off_time, "n": n, **kw})
            real(on_time=on_time, off_time=off_time, n=n, **kw)

        device.blink = blink
