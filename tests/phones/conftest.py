"""Fixtures for staff access and phone custody: mock hardware, staff, apps and helpers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise

import pytest
from textual.worker import WorkerFailed

from hardware import build_hardware
from kiosk.domain.records import Staff
from kiosk.services.context import KioskContext
from kiosk.services.staff_accounts import add_staff
from kiosk.store import RecordStore
from kiosk.ui.app import KioskApp

STAFF_PIN = "482619"
OTHER_PIN = "915730"


@pytest.fixture
def hardware(context: KioskContext) -> Iterator[object]:
    """The real hardware layer on gpiozero's MockFactory (a simulated door fitted)."""
    hw = build_hardware(context.config.hardware, mode="mock")
    yield hw
    hw.close()


def lock_history(hw: object) -> list[bool]:
    """Every state the lock pin has been in, oldest first (True = energised = unlocked)."""
    return [s.state for s in hw.lock.pin.states]  # type: ignore[attr-defined]


def unlock_pulses(hw: object) -> int:
    history = lock_history(hw)
    return sum(1 for a, b in pairwise(history) if not a and b)


@pytest.fixture
def staff(context: KioskContext) -> Staff:
    return add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")


def reopen(context: KioskContext) -> KioskContext:
    """The same data folder opened afresh, as after a restart."""
    return replace(context, store=RecordStore.open(context.store.data_dir, context.config.tz))


def make_app(context: KioskContext, hw: object) -> KioskApp:
    app = KioskApp(context, hw)  # type: ignore[arg-type]
    app.tap_guard.seconds = 0  # journeys run faster than a finger
    return app


async def tap(pilot: object, selector: str) -> None:
    await pilot.click(selector)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def enter_pin(pilot: object, pin: str) -> None:
    """Tap the PIN on the pad and OK, then wait for the off-thread check to finish."""
    for digit in pin:
        await pilot.click(f"#pin-{digit}")  # type: ignore[attr-defined]
    await pilot.click("#pin-ok")  # type: ignore[attr-defined]
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    # A wrong PIN ends the check with an error the screen shows; waiting on a check still
    # running (a slow machine) would re-raise it here.
    with contextlib.suppress(WorkerFailed):
        await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def type_on_keyboard(pilot: object, text: str) -> None:
    """Type with the on-screen keyboard's keys only (shift for capitals)."""
    from kiosk.ui.widgets.touch_keyboard import TouchKeyboard, key_id

    app = pilot.app  # type: ignore[attr-defined]
    for character in text:
        keyboard = app.screen.query_one(TouchKeyboard)
        if character == " ":
            await pilot.click("#key-space")  # type: ignore[attr-defined]
            continue
        if character.isalpha() and character.isupper() != keyboard.upper:
            await pilot.click("#key-shift")  # type: ignore[attr-defined]
        await pilot.click("#" + key_id(character.lower()))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def log_in(pilot: object, pin: str = STAFF_PIN) -> None:
    await tap(pilot, "#staff")
    await enter_pin(pilot, pin)
