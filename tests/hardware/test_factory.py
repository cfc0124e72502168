"""build_hardware picks real or simulated pins from argument, KIOSK_HARDWARE, then settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gpiozero.pins.mock import MockFactory

import hardware.factory as factory_module
from hardware import HardwareError, build_hardware
from tests.conftest import REPO
from tests.hardware.conftest import states
from tests.helpers import hardware_settings

NO_GPIO = ("lgpio", lambda: (_ for _ in ()).throw(ImportError("No module named 'lgpio'")))


@pytest.fixture
def no_gpio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factory_module, "REAL_FACTORIES", (NO_GPIO,))


@pytest.fixture
def fake_gpio(monkeypatch: pytest.MonkeyPatch) -> list[MockFactory]:
    """A machine that 'has GPIO': the real-factory loader hands out a factory we can inspect."""
    made: list[MockFactory] = []

    def load() -> MockFactory:
        made.append(MockFactory())
        return made[-1]

    monkeypatch.setattr(factory_module, "REAL_FACTORIES", (("lgpio", load),))
    return made


@pytest.fixture
def built():
    hardware = []
    yield hardware
    for hw in hardware:
        hw.close()


def test_mock_mode_is_simulated(no_gpio, built) -> None:
    built.append(hw := build_hardware(hardware_settings(pin_factory="mock")))
    assert hw.simulated
    assert isinstance(hw.pin_factory, MockFactory)


def test_auto_without_gpio_falls_back_to_simulation_and_says_why(no_gpio, built) -> None:
    built.append(hw := build_hardware(hardware_settings(pin_factory="auto")))
    assert hw.simulated
    assert "no GPIO found" in hw.description


def test_auto_with_gpio_uses_it(fake_gpio, built) -> None:
    built.append(hw := build_hardware(hardware_settings(pin_factory="auto")))
    assert not hw.simulated
    assert hw.pin_factory is fake_gpio[0]
    assert hw.door is None  # no reed switch configured, and real hardware does not invent one
    assert states(fake_gpio[0].pin(17)) == [False]


def test_gpio_mode_without_gpio_is_one_clear_line(no_gpio) -> None:
    with pytest.raises(HardwareError) as caught:
        build_hardware(hardware_settings(pin_factory="gpio"))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("no GPIO found on this machine (lgpio: No module named 'lgpio')")
    assert "KIOSK_HARDWARE=mock" in message


def test_gpio_mode_fails_on_this_machine_for_real() -> None:
    if Path("/dev/gpiochip0").exists():
        pytest.skip("this machine has GPIO")
    with pytest.raises(HardwareError, match="no GPIO found"):
        build_hardware(hardware_settings(), mode="gpio")


def test_environment_overrides_the_settings(no_gpio, built, monkeypatch) -> None:
    monkeypatch.setenv("KIOSK_HARDWARE", "mock")
    built.append(hw := build_hardware(hardware_settings(pin_factory="gpio")))
    assert hw.simulated


def test_argument_overrides_the_environment(no_gpio, monkeypatch) -> None:
    monkeypatch.setenv("KIOSK_HARDWARE", "mock")
    with pytest.raises(HardwareError):
        build_hardware(hardware_settings(pin_factory="mock"), mode="gpio")


def test_environment_gpio_overrides_mock_settings(fake_gpio, built, monkeypatch) -> None:
    monkeypatch.setenv("KIOSK_HARDWARE", "GPIO")
    built.append(hw := build_hardware(hardware_settings(pin_factory="mock")))
    assert not hw.simulated


def test_a_wrong_environment_value_names_the_variable(monkeypatch) -> None:
    monkeypatch.setenv("KIOSK_HARDWARE", "real")
    with pytest.raises(HardwareError, match="KIOSK_HARDWARE must be one of auto, gpio, mock"):
        build_hardware(hardware_settings())


def test_each_build_has_its_own_pins(built) -> None:
    built.append(first := build_hardware(hardware_settings(), mode="mock"))
    built.append(second := build_hardware(hardware_settings(), mode="mock"))
    first.lock.unlock(30)
    assert second.lock.is_locked
    assert states(second.pin_factory.pin(17)) == [False]


def test_a_pin_clash_on_real_gpio_is_a_hardware_error(fake_gpio) -> None:
    clash = hardware_settings(lock_pin=17, led_pin=17)
    with pytest.raises(HardwareError, match="GPIO pins could not be set up"):
        build_hardware(clash, mode="gpio")
    # The lock that was built before the clash is released and locked again.
    assert states(fake_gpio[0].pin(17))[-1] is False


def test_importing_the_settings_does_not_load_gpiozero() -> None:
    # The config loader imports hardware.settings; admin commands must not pay for gpiozero.
    code = "import hardware.settings, sys; print('gpiozero' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "False"
