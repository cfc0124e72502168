"""Cancel on every visitor step; a filled form asks once before it is thrown away."""

from __future__ import annotations

from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.rules import DECLINED_TITLE, RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.testing import tap_point
from tests.helpers import SIZE, tap, tap_sign_in, tap_text


def on_screen(app, selector: str) -> bool:
    return tap_point(app, selector) is not None


async def test_every_sign_in_step_shows_cancel_also_after_going_back(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        assert on_screen(app, "#cancel")
        await tap(pilot, "#type-contractor")
        for answer in ("Sam Kaur", "Acme", "Mrs Patel"):
            assert on_screen(app, "#cancel"), app.screen.step
            await tap_text(pilot, answer)
            await tap(pilot, "#key-done")
        assert app.screen.step == "car-reg"
        assert on_screen(app, "#cancel")
        for _ in range(4):
            await tap(pilot, "#back")
            assert isinstance(app.screen, SignInScreen)
            assert on_screen(app, "#cancel"), app.screen.step
        assert app.screen.step == "type"


async def test_cancel_on_an_empty_form_goes_home_at_once(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap(pilot, "#cancel")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_cancel_on_a_filled_form_asks_once_and_keep_going_keeps_it(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Sam Kaur")
        await tap(pilot, "#cancel")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert "Discard what you typed?" in str(app.screen.query_one("#question-text").render())
        assert not on_screen(app, "#key-a")  # the question covers the form
        await tap(pilot, "#question-no")
        await pilot.pause()
        assert app.screen.query_one("#name").value == "Sam Kaur"
        assert on_screen(app, "#key-a")

        await tap(pilot, "#cancel")
        await tap(pilot, "#question-yes")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        assert app.screen.query_one("#name").value == ""
    assert context.store.live("visits") == []


async def test_the_rules_screen_has_cancel_that_asks_first(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        assert isinstance(app.screen, RulesScreen)
        await tap(pilot, "#cancel")
        assert isinstance(app.screen, RulesScreen)
        await tap(pilot, "#question-yes")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    assert context.store.live("visits") == []


async def test_i_dont_agree_asks_once_before_discarding(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        await tap(pilot, "#decline")
        assert isinstance(app.screen, RulesScreen)
        await tap(pilot, "#question-no")
        await pilot.pause()
        assert on_screen(app, "#agree")
        await tap(pilot, "#decline")
        await tap(pilot, "#question-yes")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert DECLINED_TITLE in str(app.screen.query_one("#message-title").render())
    assert context.store.live("visits") == []
