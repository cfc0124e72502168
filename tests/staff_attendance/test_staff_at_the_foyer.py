"""Staff at the foyer screen: a card scanned on welcome signs them in or out with no tap and
a one-line greeting that goes by itself; "I work here", the name and the PIN do the same in
at most 3 taps; the list never shows a name before a whole first name and a surname's first
letters; wrong PINs here count with every other PIN."""

from __future__ import annotations

from kiosk.domain.staff_attendance import KIND
from kiosk.services.staff.staff_cards import issue_card
from kiosk.services.staff.staff_login import lockout
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.staff_sign import NO_PIN_NOTE, TYPE_MORE
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import (
    SIZE,
    STAFF_PIN,
    beat,
    enter_pin,
    make_app,
    tap,
    tap_text,
    type_keys,
)


def title(app) -> str:
    return str(app.screen.query_one("#message-title").content)


def message(app) -> str:
    return str(app.screen.query_one("#staff-name-message").content)


async def test_one_scan_signs_in_and_the_next_signs_out_with_no_tap(context, sam) -> None:
    _, code = issue_card(context, sam.id, actor="test")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await type_keys(pilot, code, then_enter=True)
        assert isinstance(app.screen, MessageScreen)
        assert title(app) == "Good morning, Sam: signed in at 08:45."
        assert [r["signed_in_by"] for r in context.store.live(KIND)] == ["card"]
        await beat(pilot, MessageScreen.RETURN_AFTER_SECONDS)  # back by itself
        assert isinstance(app.screen, WelcomeScreen)

        context.clock.advance(hours=7, minutes=20)
        await type_keys(pilot, code.lower(), then_enter=True)
        assert title(app) == "Goodbye, Sam: signed out at 16:05."
        assert context.store.live(KIND) == []
        # The next person's card works straight away on the greeting.
        await type_keys(pilot, code, then_enter=True)
        assert title(app).startswith("Good afternoon, Sam")


async def test_by_name_and_pin_in_three_taps(context, sam, jo) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#i-work-here")  # the first tap
        await tap_text(pilot, "Sam")
        assert message(app) == TYPE_MORE and not app.screen.query_one("#staff-matches").display
        await tap_text(pilot, " Pa")
        assert str(app.screen.query_one("#staff-match-0").label) == "Sam Patel"
        await tap(pilot, "#staff-match-0")  # the second
        await enter_pin(pilot, STAFF_PIN)  # the PIN and its OK: the third tap
        assert isinstance(app.screen, MessageScreen), app.screen
        assert title(app) == "Good morning, Sam: signed in at 08:45."
        assert [r["signed_in_by"] for r in context.store.live(KIND)] == ["name+pin"]


async def test_a_wrong_pin_here_is_said_and_counted(context, sam) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#i-work-here")
        await tap_text(pilot, "Sam Pat")
        await tap(pilot, "#staff-match-0")
        for _ in range(context.config.pin_attempts):
            await enter_pin(pilot, "000000")
        assert lockout(context) is not None  # the kiosk's one lockout
        assert context.store.live(KIND) == []
        assert "Tap your name to sign in without it" in message(app)
        await tap(pilot, "#staff-match-0")  # no PIN can be checked: in, marked so
        assert isinstance(app.screen, MessageScreen)
        assert str(app.screen.query_one("#message-body").content) == NO_PIN_NOTE
        assert [r["signed_in_by"] for r in context.store.live(KIND)] == ["name-no-pin"]


async def test_without_a_pin_two_taps_and_the_name(context, dee) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#i-work-here")
        await tap_text(pilot, "Dee Ha")
        await tap(pilot, "#staff-match-0")
        assert title(app) == "Good morning, Dee: signed in at 08:45."
        assert [r["signed_in_by"] for r in context.store.live(KIND)] == ["name-no-pin"]


async def test_cancel_and_the_idle_reset_forget_the_name(context, sam) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#i-work-here")
        await tap_text(pilot, "Sam Pa")
        await tap(pilot, "#staff-sign-cancel")
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#i-work-here")  # the same screen, kept: empty again
        assert app.screen.query_one("#staff-name").value == ""
        assert not app.screen.query_one("#staff-matches").display
        await tap_text(pilot, "Sam Pa")
        await tap(pilot, "#staff-match-0")
        await beat(pilot, context.config.idle_timeout_seconds + 1)
        assert isinstance(app.screen, WelcomeScreen)
        assert context.store.live(KIND) == []


async def test_a_staff_card_scanned_while_typing_signs_in(context, sam) -> None:
    _, code = issue_card(context, sam.id, actor="test")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#i-work-here")
        await tap_text(pilot, "Sa")
        await type_keys(pilot, code, then_enter=True)
        await pilot.pause()
        assert title(app) == "Good morning, Sam: signed in at 08:45."
