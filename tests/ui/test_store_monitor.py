"""The store monitor at each heartbeat: a lock that cannot say whether it is locked (the lock
keeper not answering) shows the fault and leaves the kiosk running."""

from __future__ import annotations

import pytest

from hardware import HardwareError, build_hardware
from hardware.interface import LedState
from hardware.lock import GpioLock
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, beat, make_app


def not_answering(lock: GpioLock) -> bool:
    raise HardwareError("the lock keeper is not answering")


async def test_a_lock_that_does_not_answer_does_not_stop_the_kiosk(
    context, monkeypatch: pytest.MonkeyPatch
) -> None:
    hardware = build_hardware(context.config.hardware, mode="mock")
    app = make_app(context, hardware)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            monkeypatch.setattr(GpioLock, "is_locked", property(not_answering))
            await beat(pilot, 1)
            assert app._exception is None
            assert isinstance(app.screen, WelcomeScreen)
            assert hardware.led.state is LedState.FAULT
            monkeypatch.undo()
            await beat(pilot, 1)
            assert hardware.led.state is not LedState.FAULT, "back once the lock answers"
    finally:
        hardware.close()
