"""The wiring self-test walks LED, lock and door, and fails clearly without GPIO."""

from __future__ import annotations

import pytest

import hardware.factory as factory_module
from hardware.factory import GpioHardware
from hardware.selftest import run_selftest
from kiosk.cli.main import main
from tests.hardware.conftest import states


def test_selftest_pulses_the_lock_once_and_reports_the_door(
    hw: GpioHardware, lock_pin: object
) -> None:
    lines: list[str] = []

    def wait(seconds: float) -> None:
        # Someone opens and shuts the door whenever the test pauses.
        hw.set_door_closed(False)
        hw.set_door_closed(True)

    assert run_selftest(hw, unlock_seconds=0.05, say=lines.append, wait=wait)
    assert states(lock_pin) == [False, True, False]
    assert lines[0] == "LED: kiosk running, store locked (idle)"
    assert "Lock: locked again" in lines
    assert lines[-2:] == ["Door: opened", "Door: shut"]
    assert hw.led.state.value == "off"


def test_selftest_without_gpio_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_lgpio() -> None:
        raise ImportError("No module named 'lgpio'")

    monkeypatch.setattr(factory_module, "REAL_FACTORIES", (("lgpio", no_lgpio),))
    assert main(["selftest"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("selftest: no GPIO found on this machine")
    assert len(err.strip().splitlines()) == 1
