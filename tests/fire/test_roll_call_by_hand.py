"""The roll call from the welcome screen: two taps, no PIN; also during a PIN lockout and from
the fault screen; audited and told to staff; back to welcome when left untouched."""

from __future__ import annotations

import pytest

from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, check_pin
from kiosk.ui.screens.fault import FaultScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.testing import post_tap, settle, tap_point
from tests.admin.seeding import visit
from tests.helpers import STAFF_PIN, beat, enter_pin, make_app, tap

SIZE = (100, 30)
WRONG = "915730"


def sign_in_three(context) -> list[dict]:
    return [
        visit(context, "2026-11-25T08:05:00", name="Siobhán O'Neill", organisation="Acme"),
        visit(context, "2026-11-25T08:10:00", name="Tom Walsh", visitor_type="parent-helper"),
        visit(context, "2026-11-25T08:20:00", name="Helen Adeyemi", visitor_type="governor"),
    ]


def names_on(screen: RollCallScreen) -> list[str]:
    return [row.name for row in screen.people.placed_rows()]


async def open_by_hand(pilot) -> None:
    await tap(pilot, "#fire-roll-call")
    await tap(pilot, "#question-yes")


async def test_two_taps_from_welcome_with_no_pin_show_everyone_in_full(context) -> None:
    sign_in_three(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#fire-roll-call")
        assert isinstance(app.screen, WelcomeScreen), "one tap only asks"
        assert app.screen.query_one("#question").display
        await tap(pilot, "#question-yes")
        screen = app.screen
        assert isinstance(screen, RollCallScreen) and screen.how == "hand"
        await pilot.pause()
        assert names_on(screen) == ["Siobhán O'Neill", "Tom Walsh", "Helen Adeyemi"]
        assert screen.count() == (3, 0)
        covers = str(screen.query_one("#roll-covers").render())
        assert "visitors signed in at the kiosk" in covers and "class registers" in covers
        first = screen.people.placed_rows()[0].key
        await tap(pilot, f"#person-{first}")
        assert screen.count() == (3, 1)
        assert "Still to find: 2" in str(screen.query_one("#roll-count").render())
    opened = [e for e in context.store.audit_entries() if e["action"] == "roll-call-opened"]
    assert len(opened) == 1 and opened[0]["actor"] == "kiosk"
    assert opened[0]["detail"] == "opened by hand, no PIN; on the list: visitors=3, staff=0"


async def test_cancel_and_a_double_tap_open_nothing(context) -> None:
    sign_in_three(context)
    app = make_app(context)
    now = [100.0]
    app.tap_guard = TapGuard(0.5, lambda: now[0])  # a finger's real double tap
    async with app.run_test(size=SIZE) as pilot:
        now[0] += 5
        await tap(pilot, "#fire-roll-call")
        now[0] += 1  # reading the question (a tap at once would be a bounce: tap_guard.py)
        await tap(pilot, "#question-no")
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query_one("#question").display
        # A child's double tap on the button: the first half asks, the second lands on the
        # question where it has no button (and the tap guard would drop it anyway).
        now[0] += 5
        await pilot.pause()
        where = tap_point(app, "#fire-roll-call")
        assert where is not None
        post_tap(app, *where)
        await settle(pilot)
        now[0] += 0.1
        post_tap(app, *where)
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#question").display, "asked, not answered"
    assert not [e for e in context.store.audit_entries() if e["action"] == "roll-call-opened"]


async def test_a_pin_lockout_does_not_stand_in_the_way(context) -> None:
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    sign_in_three(context)
    for _ in range(context.config.pin_attempts - 1):
        with pytest.raises(PinRejected):
            check_pin(context, WRONG)
    with pytest.raises(PinLockedOut):
        check_pin(context, WRONG)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_by_hand(pilot)
        assert isinstance(app.screen, RollCallScreen)
        await pilot.pause()
        assert len(names_on(app.screen)) == 3


async def test_the_fault_screen_has_the_roll_call_two_taps_away(context) -> None:
    sign_in_three(context)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_fault(RuntimeError("data file history/visits-2026-11.json cannot be read"))
        await pilot.pause()
        assert isinstance(app.screen, FaultScreen)
        await open_by_hand(pilot)
        assert isinstance(app.screen, RollCallScreen)
        await pilot.pause()
        assert len(names_on(app.screen)) == 3


async def test_staff_are_told_at_their_next_login(context) -> None:
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_by_hand(pilot)
        await tap(pilot, "#roll-close")
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#staff")
        await enter_pin(pilot, STAFF_PIN)
        notice = str(app.screen.query_one("#menu-notice").render())
        assert "Fire roll call opened without a PIN at 08:45" in notice
        await tap(pilot, "#staff-done")
        await tap(pilot, "#staff")
        await enter_pin(pilot, STAFF_PIN)
        assert not app.screen.query("#menu-notice"), "told once"
    closed = [e for e in context.store.audit_entries() if e["action"] == "roll-call-closed"]
    assert [e["detail"] for e in closed] == ["closed by hand"]


async def test_left_untouched_it_goes_back_to_welcome_after_its_own_minutes(context) -> None:
    sign_in_three(context)
    app = make_app(context)
    minutes = context.config.fire.roll_call_return_minutes
    async with app.run_test(size=SIZE) as pilot:
        await open_by_hand(pilot)
        await beat(pilot, context.config.idle_timeout_seconds + 1)
        assert isinstance(app.screen, RollCallScreen), "read out for longer than a form"
        await beat(pilot, minutes * 60)
        assert isinstance(app.screen, WelcomeScreen)
    closed = [e for e in context.store.audit_entries() if e["action"] == "roll-call-closed"]
    assert [e["detail"] for e in closed] == [f"untouched for {minutes} minutes"]


async def test_a_roll_call_opened_by_hand_is_in_the_fire_report(context, admin) -> None:
    sign_in_three(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_by_hand(pilot)
        await tap(pilot, "#roll-close")
    text = admin("report", "fire").stdout
    assert "by hand" in text and "3 (visitors 3; staff 0)" in text
