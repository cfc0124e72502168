"""The one-line text for the simulated-hardware strip follows the devices."""

from __future__ import annotations

from gpiozero.pins.mock import MockFactory

from hardware import state_summary
from hardware.factory import GpioHardware
from hardware.interface import LedState
from tests.helpers import hardware_settings


def test_summary_follows_lock_led_and_door(hw: GpioHardware) -> None:
    assert state_summary(hw) == "Lock: LOCKED | LED: off | Door: closed"
    hw.led.show(LedState.IDLE)
    assert state_summary(hw) == "Lock: LOCKED | LED: idle | Door: closed"
    hw.lock.unlock(30)
    hw.led.show(LedState.STORE_OPEN)
    hw.set_door_closed(False)
    assert state_summary(hw) == "Lock: UNLOCKED | LED: store open | Door: OPEN"
    hw.lock.lock()
    hw.led.show(LedState.DOOR_LEFT_OPEN)
    assert state_summary(hw) == "Lock: LOCKED | LED: door left open | Door: OPEN"


def test_summary_without_a_reed_switch() -> None:
    hw = GpioHardware(hardware_settings(), MockFactory(), simulated=False)
    try:
        hw.led.show(LedState.PHONES_WAITING)
        assert state_summary(hw) == "Lock: LOCKED | LED: phones waiting | Door: no sensor"
    finally:
        hw.close()
