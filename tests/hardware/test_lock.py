"""The lock pin's full state history: locked at start, one pulse per unlock, always relocked."""

from __future__ import annotations

import threading

import pytest
from gpiozero.pins.mock import MockFactory

from hardware.factory import GpioHardware
from hardware.lock import GpioLock
from tests.hardware.conftest import SETTINGS, BlinkSpy, states
from tests.helpers import hardware_settings

SHORT = 0.05  # a pulse short enough to wait for in a test


def test_starts_locked_and_never_energised(hw: GpioHardware, lock_pin: object) -> None:
    assert hw.lock.is_locked
    assert states(lock_pin) == [False]


def test_one_unlock_is_exactly_one_pulse_of_the_asked_length(
    hw: GpioHardware, lock_pin: object
) -> None:
    spy = BlinkSpy(hw.lock._device)
    hw.lock.unlock(SHORT)
    assert not hw.lock.is_locked
    assert hw.lock.wait_until_locked(timeout=10)
    assert states(lock_pin) == [False, True, False]
    assert spy.calls == [{"on_time": SHORT, "off_time": 0, "n": 1, "background": True}]
    # Lower bound only: the relay may not drop before the pulse is over (never an upper bound).
    assert lock_pin.states[-1].timestamp >= SHORT


def test_unlock_without_seconds_uses_the_configured_time(hw: GpioHardware) -> None:
    spy = BlinkSpy(hw.lock._device)
    hw.lock.unlock()
    hw.lock.lock()
    assert [c["on_time"] for c in spy.calls] == [SETTINGS.unlock_seconds]


def test_three_unlocks_are_three_pulses(hw: GpioHardware, lock_pin: object) -> None:
    for _ in range(3):
        hw.lock.unlock(SHORT)
        assert hw.lock.wait_until_locked(timeout=10)
    assert states(lock_pin) == [False, True, False, True, False, True, False]


def test_unlock_while_open_restarts_the_pulse_instead_of_adding_one(
    hw: GpioHardware, lock_pin: object
) -> None:
    hw.lock.unlock(30)
    hw.lock.unlock(SHORT)  # the 30 s pulse is replaced: relocks SHORT after this call
    assert hw.lock.wait_until_locked(timeout=10)
    assert states(lock_pin) == [False, True, False]


def test_lock_relocks_at_once_and_cancels_the_pulse(hw: GpioHardware, lock_pin: object) -> None:
    hw.lock.unlock(30)
    hw.lock.lock()
    assert hw.lock.is_locked
    assert states(lock_pin) == [False, True, False]
    assert hw.lock._device._blink_thread is None  # no pulse left to re-energise it later


def test_relocks_when_the_caller_raises_after_unlocking(hw: GpioHardware, lock_pin: object) -> None:
    def ui_handler() -> None:
        hw.lock.unlock(SHORT)
        raise RuntimeError("the screen crashed")

    with pytest.raises(RuntimeError):
        ui_handler()
    assert hw.lock.wait_until_locked(timeout=10)
    assert states(lock_pin) == [False, True, False]


def test_relocks_while_the_pulse_owner_is_stalled(hw: GpioHardware, lock_pin: object) -> None:
    unlocked = threading.Event()
    release = threading.Event()

    def stalled_ui() -> None:
        hw.lock.unlock(SHORT)
        unlocked.set()
        release.wait(30)  # the "UI thread" hangs and never calls lock()

    owner = threading.Thread(target=stalled_ui, daemon=True)
    owner.start()
    try:
        assert unlocked.wait(10)
        assert hw.lock.wait_until_locked(timeout=10)
        assert owner.is_alive()  # relocked with no help from the stalled owner
        assert states(lock_pin) == [False, True, False]
    finally:
        release.set()
        owner.join(10)


def test_active_low_relay_is_high_when_locked(make_hardware) -> None:
    settings = hardware_settings(pin_factory="mock", lock_active_high=False)
    hw = make_hardware(settings)
    pin = hw.pin_factory.pin(settings.lock_pin)
    assert hw.lock.is_locked
    hw.lock.unlock(SHORT)
    assert hw.lock.wait_until_locked(timeout=10)
    # Pin before configuration (low), configured locked (high), pulse (low), relocked (high).
    assert states(pin) == [False, True, False, True]


def test_close_mid_pulse_leaves_it_locked(hw: GpioHardware, lock_pin: object) -> None:
    hw.lock.unlock(30)
    hw.close()
    hw.close()  # idempotent
    assert hw.lock.is_locked
    assert states(lock_pin) == [False, True, False]


@pytest.mark.parametrize("seconds", [0, -1, 31, 3600])
def test_unreasonable_pulse_lengths_are_refused_and_the_pin_untouched(
    hw: GpioHardware, lock_pin: object, seconds: float
) -> None:
    with pytest.raises(ValueError, match="unlock time"):
        hw.lock.unlock(seconds)
    assert states(lock_pin) == [False]


def test_a_lock_on_its_own_factory_starts_locked() -> None:
    factory = MockFactory()
    lock = GpioLock(5, unlock_seconds=2, pin_factory=factory)
    try:
        assert states(factory.pin(5)) == [False]
        assert lock.default_seconds == 2
    finally:
        lock.close()
