"""During a PIN lockout the pad looks shut and says when it opens (issue 12: it looked
active). The countdown follows the app's heartbeat and the kiosk clock, no timer of its own."""

from __future__ import annotations

import pytest

from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, check_pin
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from kiosk.ui.widgets.pin_pad import PinPad
from tests.helpers import STAFF_PIN, beat, enter_pin, make_app, tap

SIZE = (100, 30)
WRONG = "915730"
KEYS = [f"#pin-{key}" for key in (*"0123456789", "clear", "ok")]


def lock_out(context) -> None:
    for _ in range(context.config.pin_attempts - 1):
        with pytest.raises(PinRejected):
            check_pin(context, WRONG)
    with pytest.raises(PinLockedOut):
        check_pin(context, WRONG)


def message(app) -> str:
    return str(app.screen.query_one("#pin-message").render())


def look(app, selector: str) -> tuple[object, object]:
    """How a key is drawn: its background and text colour."""
    key = app.screen.query_one(selector)
    return (key.styles.background, key.rich_style.color)


async def wait_at_the_pad(pilot, seconds: int) -> None:
    """Let time pass on the kiosk clock, one heartbeat at a time, with someone touching the
    screen now and then (a PIN screen left alone goes back to welcome like any other)."""
    for _ in range(seconds // 10):
        pilot.app.mark_activity()
        await beat(pilot, 10)
    pilot.app.mark_activity()
    await beat(pilot, seconds % 10)


def audited(context, action: str) -> int:
    return sum(1 for e in context.store.audit_entries() if e["action"] == action)


async def test_locked_pad_is_shown_disabled_with_a_countdown(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        open_look = {key: look(app, key) for key in KEYS}
        await tap(pilot, "#pin-cancel")
        lock_out(context)
        await tap(pilot, "#staff")
        assert isinstance(app.screen, StaffPinScreen)
        for key in KEYS:
            assert app.screen.query_one(key).disabled, key
            assert look(app, key) != open_look[key], f"{key} looks the same as when open"
        assert "Try again in 5:00" in message(app)
        assert "Locked" in str(app.screen.query_one("#pin-display").render())
        await wait_at_the_pad(pilot, 28)
        assert "Try again in 4:32" in message(app)
        await wait_at_the_pad(pilot, 60)
        assert "Try again in 3:32" in message(app)


async def test_taps_and_keys_on_a_locked_pad_do_nothing(context, hardware, staff):
    lock_out(context)
    failed_before = audited(context, "pin-failed")
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        for digit in STAFF_PIN:
            await tap(pilot, f"#pin-{digit}")
        await tap(pilot, "#pin-ok")
        await pilot.press(*STAFF_PIN, "enter")  # nor does a physical keyboard
        await pilot.pause()
        assert not app.workers, "no PIN was checked"
        assert isinstance(app.screen, StaffPinScreen)
        assert app.screen.query_one(PinPad).length == 0
        assert "Try again in" in message(app)
    assert audited(context, "pin-failed") == failed_before
    assert audited(context, "staff-login") == 0


async def test_the_pad_opens_again_when_the_lockout_ends(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        open_look = look(app, "#pin-ok")
        for _ in range(context.config.pin_attempts):
            await enter_pin(pilot, WRONG)  # locked by typing, as at the real screen
        assert app.screen.query_one("#pin-ok").disabled
        assert "Try again in 5:00" in message(app)
        await wait_at_the_pad(pilot, 4 * 60 + 59)
        assert "Try again in 0:01" in message(app)
        await wait_at_the_pad(pilot, 1)
        assert not app.screen.query_one("#pin-ok").disabled
        assert look(app, "#pin-ok") == open_look
        assert message(app) == ""
        assert "Enter your PIN" in str(app.screen.query_one("#pin-display").render())
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffMenuScreen)


async def test_a_long_lockout_counts_hours(context, hardware, staff, clock):
    clock.step(hours=10)  # 18:45: after school hours, when lockouts are not capped
    for minutes in (5, 15):
        lock_out(context)
        clock.advance(minutes=minutes)
    lock_out(context)  # the third: an hour
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        assert "Try again in 1:00:00" in message(app)
        await wait_at_the_pad(pilot, 61)
        assert "Try again in 58:59" in message(app)
