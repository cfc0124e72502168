"""The fire alarm panel's relay contact on mock pins: open, closed, a broken wire, bounce."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from gpiozero.pins.mock import MockFactory

from hardware import build_hardware, state_summary
from hardware.errors import HardwareError
from hardware.fire_alarm import GpioFireAlarm, reading_of
from hardware.interface import AlarmReading
from kiosk.config import load_config
from kiosk.errors import ConfigError
from tests.fake_timers import FakeTimers
from tests.helpers import hardware_settings

MAIN, CHECK = 23, 24


def alarm(contact: str, check_pin: int = 0) -> tuple[GpioFireAlarm, FakeTimers, MockFactory]:
    factory, timers = MockFactory(), FakeTimers()
    device = GpioFireAlarm(
        MAIN, contact=contact, check_pin=check_pin, pin_factory=factory, schedule=timers
    )
    return device, timers, factory


def heard(device: GpioFireAlarm) -> list[AlarmReading]:
    seen: list[AlarmReading] = []
    device.on_change(seen.append)
    return seen


def test_normally_open_contact_closing_is_the_alarm_and_opening_ends_it() -> None:
    device, timers, factory = alarm("normally-open")
    seen = heard(device)
    pin = factory.pin(MAIN)
    assert device.reading is AlarmReading.NORMAL  # pulled up: the contact is open
    pin.drive_low()  # the panel's relay closes
    assert device.reading is AlarmReading.NORMAL, "counted before it settled"
    timers.run()
    assert device.reading is AlarmReading.ALARM
    pin.drive_high()
    timers.run()
    assert seen == [AlarmReading.ALARM, AlarmReading.NORMAL]
    device.close()


def test_normally_closed_contact_opening_is_the_alarm() -> None:
    factory, timers = MockFactory(), FakeTimers()
    device = GpioFireAlarm(MAIN, contact="normally-closed", pin_factory=factory, schedule=timers)
    pin = factory.pin(MAIN)
    pin.drive_low()  # the closed contact (mock pins start where the pull-up puts them)
    timers.run()
    seen = heard(device)
    assert device.reading is AlarmReading.NORMAL
    pin.drive_high()
    timers.run()
    assert seen == [AlarmReading.ALARM]
    device.close()


def test_a_broken_wire_on_a_normally_closed_contact_is_a_fault_not_an_alarm() -> None:
    """A changeover contact: NC leg on the main pin, NO leg on the check pin. The legs always
    disagree while the wiring is sound; both open is a cut wire."""
    factory, timers = MockFactory(), FakeTimers()
    device = GpioFireAlarm(
        MAIN, contact="normally-closed", check_pin=CHECK, pin_factory=factory, schedule=timers
    )
    main, check = factory.pin(MAIN), factory.pin(CHECK)
    main.drive_low()  # NC leg closed, NO leg open: quiet
    timers.run()
    seen = heard(device)
    assert device.reading is AlarmReading.NORMAL
    main.drive_high()  # the wire to the NC leg is cut: both legs read open
    timers.run()
    assert device.reading is AlarmReading.BROKEN_WIRE and device.reading.is_fault
    main.drive_low()  # mended
    timers.run()
    main.drive_high()  # a real alarm: NC opens and NO closes
    check.drive_low()
    timers.run()
    assert seen == [AlarmReading.BROKEN_WIRE, AlarmReading.NORMAL, AlarmReading.ALARM]
    main.drive_low()  # both closed: wires crossed or shorted
    timers.run()
    assert device.reading is AlarmReading.CROSSED_WIRES and device.reading.is_fault
    device.close()


def test_a_changeover_read_from_its_normally_open_leg_works_the_same() -> None:
    assert reading_of("normally-open", main_closed=False, check_closed=True) is AlarmReading.NORMAL
    assert reading_of("normally-open", main_closed=True, check_closed=False) is AlarmReading.ALARM
    assert (
        reading_of("normally-open", main_closed=False, check_closed=False)
        is AlarmReading.BROKEN_WIRE
    )
    assert (
        reading_of("normally-open", main_closed=True, check_closed=True)
        is AlarmReading.CROSSED_WIRES
    )


def test_bounce_and_spikes_change_nothing() -> None:
    device, timers, factory = alarm("normally-open")
    seen = heard(device)
    pin = factory.pin(MAIN)
    # A spike picked up on the cable: down and back before the reading settles.
    pin.drive_low()
    pin.drive_high()
    assert timers.run() == 1, "each edge restarts the one settling timer"
    assert seen == [] and device.reading is AlarmReading.NORMAL
    # The relay closing with contact bounce: it counts once, as closed.
    for _ in range(5):
        pin.drive_low()
        pin.drive_high()
    pin.drive_low()
    timers.run()
    assert seen == [AlarmReading.ALARM]
    device.close()


def test_simulated_alarm_button_moves_both_legs() -> None:
    factory, timers = MockFactory(), FakeTimers()
    device = GpioFireAlarm(
        MAIN, contact="normally-closed", check_pin=CHECK, pin_factory=factory, schedule=timers
    )
    device.set_alarm(True)
    timers.run()
    assert device.reading is AlarmReading.ALARM
    device.set_alarm(False)
    timers.run()
    assert device.reading is AlarmReading.NORMAL
    device.close()


def test_wired_from_settings_and_always_there_when_simulated() -> None:
    timers = FakeTimers()
    wired = hardware_settings(fire_alarm_contact="normally-open", fire_alarm_pin=5)
    hw: Any = build_hardware(wired, pin_factory=MockFactory(), schedule=timers)
    try:
        assert hw.fire_alarm is not None and hw.fire_alarm.contact == "normally-open"
        assert "Alarm" not in state_summary(hw), "quiet: not mentioned"
        hw.set_fire_alarm(True)
        timers.run()
        assert state_summary(hw).endswith("| Alarm: SOUNDING")
    finally:
        hw.close()
    # Not wired, simulated: the demo still has an alarm to set off.
    demo: Any = build_hardware(hardware_settings(), mode="mock")
    try:
        assert demo.fire_alarm is not None
    finally:
        demo.close()


def test_not_wired_on_real_pins_means_no_input() -> None:
    from hardware.factory import GpioHardware

    hw = GpioHardware(hardware_settings(), MockFactory(), simulated=False)
    try:
        assert hw.fire_alarm is None
        with pytest.raises(HardwareError):
            hw.set_fire_alarm(True)
    finally:
        hw.close()


def test_a_pin_given_to_two_devices_is_refused_at_load(tmp_path) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[hardware]\nfire_alarm_contact = "normally-open"\nfire_alarm_pin = 17\n')
    with pytest.raises(ConfigError, match=r"fire_alarm_pin and hardware\.lock_pin are both GPIO17"):
        load_config(settings)
    settings.write_text('[hardware]\nfire_alarm_contact = "sometimes"\n')
    with pytest.raises(ConfigError, match="fire_alarm_contact must be one of"):
        load_config(settings)
    # Not wired: its pin may be anything.
    settings.write_text("[hardware]\nfire_alarm_pin = 17\n")
    assert load_config(settings).hardware.fire_alarm_pin == 17
    assert replace(load_config().hardware).fire_alarm_contact == "none"
