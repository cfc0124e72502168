"""Fixtures for staff access and phone custody: mock hardware and a member of staff.

Tapping, typing, the PIN pad and the lock's history are in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from hardware import build_hardware
from kiosk.domain.records import Staff
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.store import RecordStore
from tests.helpers import OTHER_PIN, STAFF_PIN

__all__ = ["OTHER_PIN", "STAFF_PIN"]


@pytest.fixture
def hardware(context: KioskContext) -> Iterator[object]:
    """The real hardware layer on gpiozero's MockFactory (a simulated door fitted)."""
    hw = build_hardware(context.config.hardware, mode="mock")
    yield hw
    hw.close()


@pytest.fixture
def staff(context: KioskContext) -> Staff:
    return add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")


def reopen(context: KioskContext) -> KioskContext:
    """The same data folder opened afresh, as after a restart."""
    return replace(context, store=RecordStore.open(context.store.data_dir, context.config.tz))
