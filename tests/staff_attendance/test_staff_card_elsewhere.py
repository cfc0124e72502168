"""A staff card beyond signing in and out: it closes the fire alarm's roll call (as a PIN
does, lockout or not), lets staff hand phones back while PIN entry is locked, and is never
counted as a wrong PIN at a PIN pad."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

import pytest
from textual.worker import WorkerFailed

from hardware import build_hardware
from kiosk.domain.staff_attendance import KIND
from kiosk.services.staff.card_in_lockout import NOT_LOCKED
from kiosk.services.staff.staff_cards import issue_card, revoke_card
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, check_pin, lockout
from kiosk.ui.screens.phone_return import PhoneReturnScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.fake_timers import FakeTimers
from tests.helpers import SIZE, make_app, tap, type_keys


@pytest.fixture
def alarm_hardware(context) -> Iterator[object]:
    timers = FakeTimers()
    settings = replace(context.config.hardware, fire_alarm_contact="normally-open")
    hardware = build_hardware(settings, mode="mock", schedule=timers)
    hardware.timers = timers
    yield hardware
    hardware.close()


async def sound(pilot, hardware) -> None:
    hardware.fire_alarm.pins[0].drive_low()
    hardware.timers.run()
    await pilot.pause()
    await pilot.pause()


async def scan(pilot, code: str) -> None:
    await type_keys(pilot, code, then_enter=True)
    # A refused card ends its worker in an error, which the screen shows; waiting for that
    # worker raises it only if it is still running when the wait starts.
    with contextlib.suppress(WorkerFailed):
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def lock_pin_entry(context) -> None:
    for _ in range(context.config.pin_attempts):
        with pytest.raises((PinRejected, PinLockedOut)):
            check_pin(context, "000000")
    assert lockout(context) is not None


async def test_a_staff_card_closes_the_alarms_roll_call_lockout_or_not(
    context, sam, dee, alarm_hardware
) -> None:
    _, sams = issue_card(context, sam.id, actor="test")
    _, dees = issue_card(context, dee.id, actor="test")  # Dee has no PIN: her card still works
    revoke_card(context, sam.id, actor="test")
    lock_pin_entry(context)
    app = make_app(context, alarm_hardware)
    async with app.run_test(size=SIZE) as pilot:
        await sound(pilot, alarm_hardware)
        screen = app.screen
        assert isinstance(screen, RollCallScreen) and screen.how == "alarm"
        await scan(pilot, sams)  # a revoked card (a lost one) does not close it
        assert app.screen is screen
        assert "cannot close the roll call" in str(screen.query_one("#roll-status").render())
        await scan(pilot, dees)
        assert isinstance(app.screen, WelcomeScreen)
        assert context.store.live(KIND) == []  # closing the list signs nobody in
    closed = [e for e in context.store.audit_entries() if e["action"] == "roll-call-closed"]
    assert closed[0]["detail"] == "closed by Dee Hart (card)"
    refused = [e for e in context.store.audit_entries() if e["action"] == "roll-call-close-refused"]
    assert [e["detail"] for e in refused] == ["card"]


async def test_a_staff_card_at_the_locked_pin_pad_hands_phones_back(context, sam) -> None:
    _, code = issue_card(context, sam.id, actor="test")
    lock_pin_entry(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        assert isinstance(app.screen, StaffPinScreen) and not app.screen.pad.enabled
        await scan(pilot, code)
        assert isinstance(app.screen, PhoneReturnScreen)
        assert app.screen.staff.id == sam.id
    actions = [e["action"] for e in context.store.audit_entries()]
    assert actions[-1] == "staff-card-phones"


async def test_a_card_at_an_open_pin_pad_is_not_a_wrong_pin(context, sam) -> None:
    _, code = issue_card(context, sam.id, actor="test")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        await scan(pilot, code)
        assert isinstance(app.screen, StaffPinScreen)
        assert str(app.screen.query_one("#pin-message").render()) == NOT_LOCKED
    assert "pin-failed" not in [e["action"] for e in context.store.audit_entries()]


def test_the_demo_has_a_staff_list_and_a_staff_card(context) -> None:
    from dataclasses import replace as changed

    from kiosk.services.demo_seed import seed_demo_staff
    from kiosk.services.staff_attendance.signing import Signed, scan_staff_card

    demo = changed(context, demo=True)
    name, code = seed_demo_staff(demo)
    signed = scan_staff_card(demo, code)
    assert isinstance(signed, Signed) and signed.record.name == name == "Dee Hart"
