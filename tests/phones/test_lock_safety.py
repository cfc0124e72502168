"""The store never opens without a record, and is locked again whatever happens.

Each test compares the lock pin's full state history (MockFactory through the real
build_hardware), so an unexpected pulse anywhere fails it.
"""

from __future__ import annotations

import pytest

from hardware.interface import LedState
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.ui.screens.phone_store import PhoneStoreScreen
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import STAFF_PIN, enter_pin, lock_history, log_in, make_app, tap

from .conftest import reopen

SIZE = (100, 40)


async def fill_form(pilot):
    """Everything but the final "Save and open the store" tap."""
    await tap(pilot, "#store-phone")
    screen = pilot.app.screen
    # Typing is covered by the journeys; here the boxes are filled directly, for speed.
    for text in ("Ava Thompson", "6B", "Black iPhone", "BAG-001"):
        screen.input(screen.step).value = text
        screen.next_step()
    await pilot.pause()  # let the reason step be laid out before tapping it
    await tap(pilot, "#reason-arrival")
    await tap(pilot, "#reason-next")
    screen.next_step()  # no note
    await pilot.pause()
    assert pilot.app.screen.step == "confirm"


async def test_wrong_pin_never_unlocks(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "1357")
        await tap(pilot, "#pin-cancel")
    assert lock_history(hardware) == [False]
    assert context.store.live("phones") == []


async def test_locked_out_pin_never_unlocks_and_lasts_across_a_restart(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        for _ in range(context.config.pin_attempts):
            await enter_pin(pilot, "1357")
        assert "Try again in 5:00" in str(app.screen.query_one("#pin-message").render())
        await enter_pin(pilot, STAFF_PIN)  # the pad is closed: the right PIN does nothing
        assert isinstance(app.screen, StaffPinScreen)
    restarted = reopen(context)
    app = make_app(restarted, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        assert "locked" in str(app.screen.query_one("#pin-message").render())
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffPinScreen)
    assert lock_history(hardware) == [False]
    actions = [e["action"] for e in context.store.audit_entries()]
    assert "staff-login" not in actions and actions.count("pin-failed") == 5


async def test_pin_pad_opens_again_when_the_lockout_ends(context, hardware, staff, clock):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        for _ in range(context.config.pin_attempts):
            await enter_pin(pilot, "1357")
        clock.advance(minutes=context.config.pin_lockout_minutes)
        app.mark_activity()  # someone is still standing at the pad
        app.screen.refresh_lockout()  # what its once-a-second check does
        await pilot.pause()
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffMenuScreen)


async def test_after_the_lockout_a_fresh_visit_to_the_pad_works(context, hardware, staff, clock):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        for _ in range(context.config.pin_attempts):
            await enter_pin(pilot, "1357")
        clock.advance(minutes=context.config.pin_lockout_minutes)
        app.heartbeat()  # long untouched: the idle reset has gone back to welcome
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await log_in(pilot)
        assert isinstance(app.screen, StaffMenuScreen)


async def test_cancelled_form_never_unlocks(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await fill_form(pilot)
        await tap(pilot, "#cancel")
        assert isinstance(app.screen, StaffMenuScreen)
    assert lock_history(hardware) == [False]
    assert context.store.live("phones") == []


async def test_idle_timeout_never_unlocks_and_forgets_the_form(context, hardware, staff, clock):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await fill_form(pilot)
        clock.advance(seconds=context.config.idle_timeout_seconds)
        app.heartbeat()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not any(isinstance(s, PhoneStoreScreen) for s in app.screen_stack)
        await tap(pilot, "#staff")
        assert isinstance(app.screen, StaffPinScreen)  # the session ended with the timeout
    assert lock_history(hardware) == [False]
    assert context.store.live("phones") == []
    assert context.store.audit_entries()[-1]["action"] == "staff-logout"


async def test_relocked_after_an_exception_in_the_ui(context, hardware, staff):
    app = make_app(context, hardware)
    with pytest.raises(RuntimeError, match="screen broke"):
        async with app.run_test(size=SIZE) as pilot:
            await log_in(pilot)
            await fill_form(pilot)
            await tap(pilot, "#save")
            assert isinstance(app.screen, StoreOpenScreen)
            assert lock_history(hardware) == [False, True]

            def broken() -> None:
                raise RuntimeError("screen broke")

            app.call_later(broken)  # raised on the UI's own loop, as a screen's bug would be
            await pilot.pause()
    assert lock_history(hardware) == [False, True, False]
    assert hardware.lock.is_locked


async def test_door_left_open_warns_on_screen_and_led(context, hardware, staff, clock):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await fill_form(pilot)
        await tap(pilot, "#save")
        hardware.set_door_closed(False)  # staff open the store door
        await pilot.pause()
        assert "Door: open" in str(app.screen.query_one("#open-door").render())
        assert not app.screen.query_one("#open-warning").display
        hardware.lock.lock()  # the pulse has ended; the door is still open
        clock.advance(seconds=context.config.hardware.door_open_warning_seconds)
        app.store_monitor.update()
        await pilot.pause()
        warning = app.screen.query_one("#open-warning")
        assert warning.display and "still open" in str(warning.render())
        assert hardware.led.state is LedState.DOOR_LEFT_OPEN
        hardware.set_door_closed(True)
        await pilot.pause()
        assert not app.screen.query_one("#open-warning").display
        assert "closed. Thank you" in str(app.screen.query_one("#open-door").render())
        assert hardware.led.state is LedState.IDLE


async def test_phones_waiting_after_return_time(context, hardware, staff, clock):
    details = check_phone_form("Leo Martin", "5A", "Nokia", "BAG-002", "arrival", False)
    store_phone(context, hardware, details, staff.id)
    hardware.lock.lock()
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("#welcome-notice")
        assert str(notice.render()).strip() == ""
        clock.advance(hours=6, minutes=30)  # 15:15
        app.store_monitor.update()
        await pilot.pause()
        text = str(notice.render())
        assert "Phones are waiting to be returned" in text
        assert "Leo" not in text  # the public screen never names pupils
        assert hardware.led.state is LedState.PHONES_WAITING


async def test_phone_held_past_midnight_is_flagged_next_morning(context, hardware, staff, clock):
    details = check_phone_form("Leo Martin", "5A", "Nokia", "BAG-002", "arrival", False)
    phone = store_phone(context, hardware, details, staff.id)
    hardware.lock.lock()
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not context.store.find("phones", phone.id)["held_overnight"]
        clock.advance(hours=24)  # the kiosk stays on overnight
        app.store_monitor.update()
        await pilot.pause()
        assert context.store.find("phones", phone.id)["held_overnight"]
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        assert "held overnight" in str(app.screen.query_one(f"#phone-{phone.id}").render())


async def test_cancel_while_the_pin_is_checked_opens_no_menu(context, hardware, staff, monkeypatch):
    import threading

    from kiosk.services.staff import staff_login

    release = threading.Event()

    def slow_check(ctx, pin):
        release.wait(timeout=10)
        return staff_login.log_in(ctx, pin)

    monkeypatch.setattr("kiosk.ui.screens.staff_pin.log_in", slow_check)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        for digit in STAFF_PIN:
            await tap(pilot, f"#pin-{digit}")
        await tap(pilot, "#pin-ok")
        await tap(pilot, "#pin-cancel")  # walks away while the PIN is being checked
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not any(isinstance(s, StaffMenuScreen) for s in app.screen_stack)
    assert lock_history(hardware) == [False]
