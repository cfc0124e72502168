"""A picture of the PIN pad shut by a lockout: grey keys, "Locked", the countdown."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.domain.clock import FakeClock
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, check_pin
from kiosk.ui.screens.staff_pin import StaffPinScreen
from tests.helpers import STAFF_PIN, make_app

NOON = "2026-11-25T12:30:00"


@pytest.fixture
def locked_app(context):
    ctx = replace(context, clock=FakeClock(NOON))
    add_staff(ctx, "Alex Morgan", STAFF_PIN, actor="test")
    for _ in range(ctx.config.pin_attempts - 1):
        with pytest.raises(PinRejected):
            check_pin(ctx, "915730")
    with pytest.raises(PinLockedOut):
        check_pin(ctx, "915730")
    ctx.clock.advance(seconds=28)
    return make_app(ctx)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_locked_pin_pad(snap_compare, locked_app, size):
    async def run_before(pilot):
        await pilot.pause()
        pilot.app.push_screen(StaffPinScreen())
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(locked_app, terminal_size=size, run_before=run_before)
