"""Lockouts that grow (5, 15, 60 minutes, doubling to a day, outside school hours), survive
restarts and clock changes, are not reset by a correct PIN, and are told to the next staff
member and the office. (Issue 21's count over 24 hours: test_pin_count.py.)"""

from __future__ import annotations

from datetime import datetime

import pytest

from hardware.interface import LedState
from kiosk.domain.lockout import lockout_minutes
from kiosk.services.admin.store_watch import StoreWatch
from kiosk.services.staff.pin_alerts import clear_alerts, pending_alerts
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, check_pin, lockout, log_in
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from tests.conftest import kiosk_cli
from tests.helpers import STAFF_PIN, make_app
from tests.helpers import log_in as tap_in

from .conftest import reopen

WRONG = "915730"


def lock_out(context) -> PinLockedOut:
    """Type wrong PINs until PIN entry locks; the lockout that results."""
    for _ in range(context.config.pin_attempts - 1):
        with pytest.raises(PinRejected):
            check_pin(context, WRONG)
    with pytest.raises(PinLockedOut) as locked:
        check_pin(context, WRONG)
    return locked.value


def test_the_ladder_is_5_15_60_then_doubling_to_a_day() -> None:
    got = [lockout_minutes(n, 5) for n in range(1, 11)]
    assert got == [5, 15, 60, 120, 240, 480, 960, 1440, 1440, 1440]


EVENING = "2026-11-25T19:00:00"  # after school hours: lockouts are not capped


def evening(clock) -> None:
    clock.set(datetime.fromisoformat(EVENING).replace(tzinfo=clock.tz))


def test_each_lockout_is_longer_than_the_last(context, staff, clock):
    evening(clock)
    for minutes in (5, 15, 60, 120):
        assert lock_out(context).minutes_left == minutes
        clock.advance(minutes=minutes - 1)
        assert lockout(context) is not None  # not a minute early
        clock.advance(minutes=1)
        assert lockout(context) is None
    details = [e["detail"] for e in context.store.audit_entries() if e["action"] == "pin-locked"]
    assert details[-1].startswith("PIN entry locked for 120 minutes (lockout 4")


def test_the_lockout_grows_across_a_restart(context, staff, clock):
    evening(clock)
    assert lock_out(context).minutes_left == 5
    restarted = reopen(context)
    assert lockout(restarted).minutes_left == 5
    clock.advance(minutes=5)
    assert lock_out(restarted).minutes_left == 15
    again = reopen(restarted)
    clock.advance(minutes=15)
    assert lock_out(again).minutes_left == 60


def test_a_correct_pin_does_not_start_the_ladder_again(context, staff, clock):
    evening(clock)
    lock_out(context)
    clock.advance(hours=6)  # within 24 hours, time alone resets nothing
    assert lock_out(context).minutes_left == 15
    clock.advance(minutes=15)
    assert check_pin(context, STAFF_PIN).id == staff.id
    assert lock_out(context).minutes_left == 60  # issue 21: it used to start again at 5


def test_setting_the_clock_does_not_shorten_or_stretch_a_running_lockout(context, staff, clock):
    lock_out(context)
    clock.step(hours=2)  # the wall clock jumps forward: still locked
    assert lockout(context) is not None
    with pytest.raises(PinLockedOut):
        check_pin(context, STAFF_PIN)
    clock.step(hours=-3)  # and back, an hour before the lockout began
    clock.advance(minutes=4)
    assert lockout(context).minutes_left == 1
    clock.advance(minutes=1)
    assert lockout(context) is None
    assert check_pin(context, STAFF_PIN).id == staff.id


def test_a_clock_set_back_across_a_restart_does_not_turn_5_minutes_into_65(context, staff, clock):
    lock_out(context)
    clock.step(hours=-1)  # e.g. the Pi, without a real-time clock, boots with an old time
    restarted = reopen(context)
    assert lockout(restarted).minutes_left == 5
    clock.advance(minutes=5)
    assert lockout(restarted) is None
    assert check_pin(restarted, STAFF_PIN).id == staff.id


def test_the_next_login_is_told_how_many_lockouts_there_were(context, staff, clock):
    lock_out(context)  # 08:45
    clock.advance(minutes=5)
    lock_out(context)
    clock.advance(minutes=15)
    first = log_in(context, STAFF_PIN)
    assert first.notices[0].startswith("2 PIN lockouts since 08:45: someone typed wrong PINs")
    assert log_in(context, STAFF_PIN).notices == ()  # told once
    lock_out(context)
    clock.advance(days=1)
    assert log_in(context, STAFF_PIN).notices[0].startswith("1 PIN lockout since yesterday")


def test_lockouts_wait_for_an_admin_and_drive_the_led(context, staff, clock, hardware):
    watch = StoreWatch(context, hardware)
    assert watch.update().led is LedState.IDLE
    lock_out(context)
    clock.advance(minutes=5)
    lock_out(context)
    assert pending_alerts(context).count == 3  # two lockouts, and the 10th wrong PIN
    assert watch.update().led is LedState.PIN_ALERT
    clock.advance(minutes=15)
    check_pin(context, STAFF_PIN)  # a correct PIN does not clear the office's alert
    assert watch.update().led is LedState.PIN_ALERT
    assert clear_alerts(context).count == 3
    assert pending_alerts(context).count == 0
    assert watch.update().led is LedState.IDLE
    cleared = [e for e in context.store.audit_entries() if e["action"] == "pin-alerts-cleared"]
    assert len(cleared) == 1 and cleared[0]["actor"] == "admin-cli"


def test_staff_alerts_command_lists_and_clears_and_check_mentions_them(context, staff):
    folder = ("--data-dir", str(context.store.data_dir))
    # That evening, on the test's clock: on the real one, check would (rightly) doubt a clock
    # before the newest record or years after it.
    env = {"KIOSK_FAKE_NOW": "2026-11-25T18:30:00"}
    assert kiosk_cli("staff", "alerts", *folder, env=env).stdout == "no PIN alerts waiting\n"
    lock_out(context)
    check = kiosk_cli("check", *folder, env=env)
    assert check.returncode == 0  # a warning, not a broken installation
    assert "warning: 1 PIN lockout not yet seen by an admin" in check.stdout
    listed = kiosk_cli("staff", "alerts", *folder, env=env)
    assert listed.returncode == 0
    assert "2026-11-25 08:45" in listed.stdout
    assert "PIN entry locked for 5 min (lockout 1 in 24 hours)" in listed.stdout
    assert pending_alerts(context).count == 1  # listing clears nothing
    cleared = kiosk_cli("staff", "alerts", "--clear", *folder, env=env)
    assert cleared.returncode == 0
    assert "cleared 1 PIN alert" in cleared.stdout
    assert pending_alerts(context).count == 0
    assert "warning" not in kiosk_cli("check", *folder, env=env).stdout
    helped = kiosk_cli("staff", "alerts", "--help")
    assert "kiosk staff alerts --clear" in helped.stdout


async def test_the_staff_screen_shows_the_lockouts_at_the_next_login(
    context, staff, clock, hardware
):
    lock_out(context)
    clock.advance(minutes=5)
    app = make_app(context, hardware)
    async with app.run_test(size=(80, 24)) as pilot:
        await tap_in(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffMenuScreen)
        notice = str(app.screen.query_one("#menu-notice").render())
        assert "1 PIN lockout since 08:45" in notice
