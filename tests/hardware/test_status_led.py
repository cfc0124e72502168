"""The status LED shows a distinct pattern for every state, on the real pin."""

from __future__ import annotations

import pytest

from hardware.factory import GpioHardware
from hardware.interface import LedState
from hardware.status_led import LED_LABELS, LED_PATTERNS, LedPattern
from tests.hardware.conftest import SETTINGS, BlinkSpy, states
from tests.helpers import hardware_settings, wait_for

BLINKING = [s for s, p in LED_PATTERNS.items() if p.blinks]


@pytest.fixture
def led_pin(hw: GpioHardware) -> object:
    return hw.pin_factory.pin(SETTINGS.led_pin)


def test_every_state_has_its_own_pattern_and_label() -> None:
    assert set(LED_PATTERNS) == set(LedState) == set(LED_LABELS)
    shapes = {(p.on_time, p.off_time, p.steady_on) for p in LED_PATTERNS.values()}
    assert len(shapes) == len(LedState)
    assert len(set(LED_LABELS.values())) == len(LedState)


def test_starts_off(hw: GpioHardware, led_pin: object) -> None:
    assert hw.led.state is LedState.OFF
    assert states(led_pin) == [False]


def test_store_open_is_steady_on_and_off_is_dark(hw: GpioHardware, led_pin: object) -> None:
    hw.led.show(LedState.STORE_OPEN)
    hw.led.show(LedState.STORE_OPEN)  # showing it again must not flicker
    assert hw.led.state is LedState.STORE_OPEN
    hw.led.show(LedState.OFF)
    assert states(led_pin) == [False, True, False]


@pytest.mark.parametrize("state", BLINKING, ids=lambda s: s.value)
def test_blinking_states_blink_with_their_pattern(
    hw: GpioHardware, led_pin: object, state: LedState, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = BlinkSpy(hw.led._led)
    real = LED_PATTERNS[state]
    # Same shape, ten times faster, so the test sees a whole on-off cycle quickly.
    fast = LedPattern(real.meaning, on_time=real.on_time / 10, off_time=real.off_time / 10)
    monkeypatch.setitem(LED_PATTERNS, state, fast)
    hw.led.show(state)
    hw.led.show(state)  # no restart
    assert wait_for(lambda: len(led_pin.states) >= 4)
    assert states(led_pin)[:4] == [False, True, False, True]
    assert spy.calls == [
        {"on_time": fast.on_time, "off_time": fast.off_time, "n": None, "background": True}
    ]
    assert hw.led.state is state


def test_switching_from_blinking_to_steady_stops_the_blinking(
    hw: GpioHardware, led_pin: object
) -> None:
    hw.led.show(LedState.FAULT)
    hw.led.show(LedState.STORE_OPEN)
    assert hw.led._led._blink_thread is None
    assert led_pin.state is True or led_pin.state == 1


def test_active_low_led_is_pulled_low_to_light(make_hardware) -> None:
    settings = hardware_settings(pin_factory="mock", led_active_high=False)
    hw = make_hardware(settings)
    pin = hw.pin_factory.pin(settings.led_pin)
    hw.led.show(LedState.STORE_OPEN)
    # Unconfigured (low), configured dark (high), lit (low).
    assert states(pin) == [False, True, False]


def test_close_turns_the_led_off(hw: GpioHardware, led_pin: object) -> None:
    hw.led.show(LedState.FAULT)
    hw.close()
    assert states(led_pin)[-1] is False
    assert hw.led.state is LedState.OFF
