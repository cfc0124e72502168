"""Door events from the reed switch reach every listener; closed door = switch to ground."""

from __future__ import annotations

import pytest
from gpiozero.pins.mock import MockFactory

from hardware.errors import HardwareError
from hardware.factory import GpioHardware
from tests.helpers import hardware_settings


def test_simulated_hardware_always_has_a_door_that_starts_closed(make_hardware) -> None:
    hw = make_hardware(hardware_settings(pin_factory="mock", door_sensor=False))
    assert hw.simulated
    assert hw.door is not None
    assert hw.door.is_closed


def test_opening_and_closing_reaches_the_callback_in_order(hw: GpioHardware) -> None:
    seen: list[bool] = []
    hw.door.on_change(seen.append)
    hw.set_door_closed(False)
    assert not hw.door.is_closed
    hw.set_door_closed(False)  # no change, no event
    hw.set_door_closed(True)
    assert hw.door.is_closed
    assert seen == [False, True]


def test_the_door_pin_reads_low_when_closed(hw: GpioHardware) -> None:
    pin = hw.pin_factory.pin(hw.settings.door_pin)
    assert pin.state is False or pin.state == 0
    hw.door.set_door_closed(False)
    assert pin.state  # pulled up: the switch is open


def test_a_failing_listener_does_not_silence_the_others(hw: GpioHardware) -> None:
    seen: list[bool] = []

    def broken(is_closed: bool) -> None:
        raise RuntimeError("listener bug")

    hw.door.on_change(broken)
    hw.door.on_change(seen.append)
    hw.set_door_closed(False)
    assert seen == [False]


def test_removed_listener_hears_nothing(hw: GpioHardware) -> None:
    seen: list[bool] = []
    hw.door.on_change(seen.append)
    hw.door.remove_callback(seen.append)
    hw.set_door_closed(False)
    assert seen == []


def test_real_hardware_without_a_reed_switch_has_no_door() -> None:
    # Real GPIO is modelled by a non-simulated GpioHardware on mock pins.
    hw = GpioHardware(hardware_settings(door_sensor=False), MockFactory(), simulated=False)
    try:
        assert hw.door is None
        with pytest.raises(HardwareError, match="simulated"):
            hw.set_door_closed(False)
    finally:
        hw.close()


def test_real_door_follows_the_switch_and_cannot_be_moved_from_the_screen() -> None:
    factory = MockFactory()
    hw = GpioHardware(hardware_settings(door_sensor=True), factory, simulated=False)
    try:
        seen: list[bool] = []
        hw.door.on_change(seen.append)
        pin = factory.pin(22)
        assert not hw.door.is_closed  # nothing drives the pin: pull-up reads open
        pin.drive_low()  # the magnet closes the reed switch
        pin.drive_high()
        assert seen == [True, False]
        with pytest.raises(HardwareError):
            hw.set_door_closed(True)
    finally:
        hw.close()
