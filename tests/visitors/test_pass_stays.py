"""The pass stays long enough to photograph: a countdown, "Keep showing", and a typeable code."""

from __future__ import annotations

from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.sign_out import SignOutScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, beat, tap, tap_agree, tap_sign_in, tap_text, type_keys


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def show_pass(pilot) -> None:
    await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
    await tap_agree(pilot)
    await pilot.pause()
    assert isinstance(pilot.app.screen, PassScreen)


def test_the_shipped_pass_time_is_a_minute(context):
    assert context.config.pass_display_seconds == 60


async def test_the_pass_counts_down_and_keep_showing_starts_again(app, context):
    seconds = context.config.pass_display_seconds
    async with app.run_test(size=SIZE) as pilot:
        await show_pass(pilot)
        await beat(pilot, seconds - 10)
        assert "10" in text_of(app, "#pass-countdown")
        await tap(pilot, "#pass-keep")
        await beat(pilot, seconds - 1)
        assert isinstance(app.screen, PassScreen)
        assert "1 " in text_of(app, "#pass-countdown") + " "
        await beat(pilot, 1)
        assert isinstance(app.screen, WelcomeScreen)


async def test_the_pass_code_is_printed_in_groups_of_four(app):
    async with app.run_test(size=SIZE) as pilot:
        await show_pass(pilot)
        assert "0000-0000-0000-0001" in text_of(app, "#pass-code")


async def test_the_printed_code_typed_at_sign_out_signs_out(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await show_pass(pilot)
        await tap(pilot, "#pass-done")
        await tap(pilot, "#sign-out")
        assert isinstance(app.screen, SignOutScreen)
        await type_keys(pilot, "0000 0000-0000 0001", then_enter=True)
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "Ann" in text_of(app, "#message-title")
    assert context.store.live("visits") == []


async def test_the_printed_code_typed_in_lower_case_on_welcome_signs_out(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await show_pass(pilot)
        await tap(pilot, "#pass-done")
        await type_keys(pilot, "pass-0000-0000-0000-0001", then_enter=True)
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
    assert context.store.live("visits") == []


async def test_the_code_can_be_tapped_on_the_sign_out_keyboard(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await show_pass(pilot)
        await tap(pilot, "#pass-done")
        await tap(pilot, "#sign-out")
        await tap_text(pilot, "0000 0000 0000 0001")
        await tap(pilot, "#key-done")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
    assert context.store.live("visits") == []
