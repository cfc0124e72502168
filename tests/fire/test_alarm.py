"""The fire alarm input opens the roll call by itself, on gpiozero's mock pins: alarm mode,
the evacuation LED, the list staying until staff close it with a PIN (lockout or not), a
broken wire as a fault, and the list printed through a stand-in `lp`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from hardware import build_hardware
from hardware.interface import AlarmReading, LedState
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, check_pin
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.admin.seeding import visit
from tests.fake_timers import FakeTimers
from tests.helpers import STAFF_PIN, beat, enter_pin, make_app, tap, tap_text, wait_for

SIZE = (100, 30)
WRONG = "915730"


class Alarm:
    """The panel's relay contact on the mock pins, with its settling timer in the test's hands."""

    def __init__(self, hardware: Any, timers: FakeTimers) -> None:
        self.hardware = hardware
        self.timers = timers

    def pins(self) -> tuple[Any, ...]:
        return self.hardware.fire_alarm.pins

    async def sound(self, pilot: Any) -> None:
        self.pins()[0].drive_low()  # normally open: the contact closes
        self.timers.run()
        await pilot.pause()
        await pilot.pause()

    async def stop(self, pilot: Any) -> None:
        self.pins()[0].drive_high()
        self.timers.run()
        await pilot.pause()


@pytest.fixture
def alarm(context) -> Iterator[Alarm]:
    timers = FakeTimers()
    settings = replace(context.config.hardware, fire_alarm_contact="normally-open")
    hardware = build_hardware(settings, mode="mock", schedule=timers)
    yield Alarm(hardware, timers)
    hardware.close()


def actions(context) -> list[str]:
    return [e["action"] for e in context.store.audit_entries()]


async def test_the_alarm_opens_the_roll_call_and_it_stays_until_staff_close_it(
    context, alarm
) -> None:
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    visit(context, "2026-11-25T08:05:00", name="Siobhán O'Neill")
    visit(context, "2026-11-25T08:10:00", name="Tom Walsh")
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await alarm.sound(pilot)
        screen = app.screen
        assert isinstance(screen, RollCallScreen) and screen.how == "alarm"
        assert [row.name for row in screen.people.placed_rows()] == ["Siobhán O'Neill", "Tom Walsh"]
        assert "FIRE ALARM" in str(screen.query_one("#step-title").render())
        assert alarm.hardware.led.state is LedState.EVACUATION
        # Untouched for an hour: still there.
        await beat(pilot, 3600)
        assert app.screen is screen
        # The alarm stops; the list stays until staff close it.
        await alarm.stop(pilot)
        assert app.screen is screen
        assert alarm.hardware.led.state is not LedState.EVACUATION
        await tap(pilot, "#roll-close")
        await enter_pin(pilot, WRONG)
        assert app.screen is screen and "not right" in str(
            screen.query_one("#pin-overlay-message").render()
        )
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, WelcomeScreen)
    fire = [a for a in actions(context) if a.startswith(("fire-alarm-", "roll-call-"))]
    assert fire == [
        "fire-alarm-started", "fire-alarm-ended", "roll-call-close-refused", "roll-call-closed"
    ]  # fmt: skip


async def test_a_pin_lockout_does_not_keep_the_list_up(context, alarm) -> None:
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    for _ in range(context.config.pin_attempts - 1):
        with pytest.raises(PinRejected):
            check_pin(context, WRONG)
    with pytest.raises(PinLockedOut):
        check_pin(context, WRONG)
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await alarm.sound(pilot)
        await tap(pilot, "#roll-close")
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, WelcomeScreen)
    closed = [e for e in context.store.audit_entries() if e["action"] == "roll-call-closed"]
    assert closed[0]["detail"] == "closed by Alex Morgan (PIN)"


async def test_a_guesser_at_the_close_pad_has_to_wait(context, alarm) -> None:
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await alarm.sound(pilot)
        await tap(pilot, "#roll-close")
        for _ in range(3):
            await enter_pin(pilot, WRONG)
        pad = app.screen.query_one("#pin-overlay-pad")
        assert not pad.enabled
        assert "try again in 30 s" in str(app.screen.query_one("#pin-overlay-message").render())
        await beat(pilot, 31)
        assert pad.enabled
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, WelcomeScreen)


async def test_alarm_mode_drops_a_half_finished_sign_in_and_refuses_new_ones(
    context, alarm
) -> None:
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Sam Kirk")
        await alarm.sound(pilot)
        assert isinstance(app.screen, RollCallScreen)
        await tap(pilot, "#roll-close")
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, WelcomeScreen)
        # Still sounding: the welcome screen says so, and signing in is refused calmly.
        notice = str(app.screen.query_one("#welcome-notice").render())
        assert notice.startswith("Fire alarm: please leave the building")
        await tap(pilot, "#sign-in")
        assert isinstance(app.screen, MessageScreen)
        assert "signing in is closed" in str(app.screen.query_one("#message-title").render())
        sign_in = app.get_screen("sign-in")
        assert isinstance(sign_in, SignInScreen)
        assert all(box.value == "" for box in sign_in.query("Input")), "the typed name is gone"
        # The all-clear: signing in works again.
        await alarm.stop(pilot)
        await beat(pilot, 10)
        await tap(pilot, "#sign-in")
        assert isinstance(app.screen, SignInScreen)
    assert context.store.live("visits") == [], "nothing half-written"


async def test_the_alarm_takes_over_a_roll_call_opened_by_hand_ticks_and_all(
    context, alarm
) -> None:
    first = visit(context, "2026-11-25T08:05:00", name="Siobhán O'Neill")
    visit(context, "2026-11-25T08:10:00", name="Tom Walsh")
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#fire-roll-call")
        await tap(pilot, "#question-yes")
        screen = app.screen
        await tap(pilot, f"#person-{first['id']}")
        await alarm.sound(pilot)
        assert app.screen is screen and screen.how == "alarm"
        assert screen.count() == (2, 1)
        await tap(pilot, "#roll-close")
        assert app.screen.query_one("#close-pad").display, "staff must close it now"
    assert [a for a in actions(context) if a.startswith(("fire-alarm-", "roll-call-"))] == [
        "roll-call-opened", "roll-call-closed", "fire-alarm-started"
    ]  # fmt: skip


async def test_a_broken_wire_is_a_fault_not_an_alarm(context) -> None:
    timers = FakeTimers()
    settings = replace(
        context.config.hardware, fire_alarm_contact="normally-closed", fire_alarm_check_pin=24
    )
    hardware = build_hardware(settings, mode="mock", schedule=timers)
    main, _check = hardware.fire_alarm.pins
    main.drive_low()  # NC leg closed, NO leg open: quiet
    timers.run()
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    app = make_app(context, hardware)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main.drive_high()  # the wire to the NC leg is cut: both legs open
            timers.run()
            await pilot.pause()
            await beat(pilot)
            assert isinstance(app.screen, WelcomeScreen), "not an alarm"
            assert hardware.fire_alarm.reading is AlarmReading.BROKEN_WIRE
            assert hardware.led.state is LedState.FAULT
            await tap(pilot, "#staff")
            await enter_pin(pilot, STAFF_PIN)
            fault = str(app.screen.query_one("#menu-fault").render())
            assert "fire alarm input reads a broken wire" in fault
    finally:
        hardware.close()
    assert context.store.state("fire_alarm_input")["reading"] == "broken-wire"


async def test_the_alarm_prints_the_list_and_the_print_button_prints_again(
    context, alarm, stand_in_lp
) -> None:
    config = replace(context.config, fire=replace(context.config.fire, printer="office"))
    context = replace(context, config=config)
    visit(context, "2026-11-25T08:05:00", name="Siobhán O'Neill")
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await alarm.sound(pilot)
        assert wait_for(lambda: len(stand_in_lp.calls()) == 1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#roll-status").render())
        assert status.startswith("The list went to the printer at")
        await tap(pilot, "#roll-print")
        await app.workers.wait_for_complete()
        assert len(stand_in_lp.calls()) == 2
    call = stand_in_lp.calls()[0]
    assert call["args"][:2] == ["-d", "office"] and "Siobhán O'Neill" in call["stdin"]
    printed = [e for e in context.store.audit_entries() if e["action"] == "roll-call-printed"]
    started = [e for e in context.store.audit_entries() if e["action"] == "fire-alarm-started"]
    assert printed[0]["record_id"] == started[0]["record_id"]
    assert "request id is office-17" in printed[0]["detail"]


async def test_no_printer_no_print_button_and_nothing_tried(context, alarm, stand_in_lp) -> None:
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await alarm.sound(pilot)
        assert not app.screen.query("#roll-print")
        await app.workers.wait_for_complete()
    assert stand_in_lp.calls() == []


async def test_an_alarm_already_sounding_when_the_kiosk_starts_opens_the_list(
    context, alarm
) -> None:
    alarm.pins()[0].drive_low()
    alarm.timers.run()
    app = make_app(context, alarm.hardware)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RollCallScreen) and app.screen.how == "alarm"


async def test_the_demo_strips_alarm_button_sets_it_off(context) -> None:
    app = make_app(replace(context, demo=True))
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sim-alarm")
        await pilot.pause()
        assert isinstance(app.screen, RollCallScreen) and app.screen.how == "alarm"
        assert "Alarm: SOUNDING" in app.hardware_summary
        await tap(pilot, "#sim-alarm")
        assert "Alarm" not in app.hardware_summary
