"""Before the idle reset throws a half-typed form away, "Still there?" gives 15 seconds."""

from __future__ import annotations

from kiosk.ui.app import IDLE_WARNING_SECONDS
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.testing import tap_point
from tests.helpers import SIZE, beat, tap, tap_sign_in, tap_text


def warning_text(app) -> str | None:
    """The idle warning's words while it covers the screen, else None."""
    if not app.screen.query("#still-there") or tap_point(app, "#still-there") is None:
        return None
    return str(app.screen.query_one("#still-there").render())


async def start_typing(pilot) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await tap_text(pilot, "Sam Kaur")


def test_the_warning_is_fifteen_seconds():
    assert IDLE_WARNING_SECONDS == 15


async def test_a_half_typed_form_warns_then_resets_when_nobody_answers(app, context):
    quiet = context.config.idle_timeout_seconds - IDLE_WARNING_SECONDS
    async with app.run_test(size=SIZE) as pilot:
        await start_typing(pilot)
        await beat(pilot, quiet - 1)
        assert warning_text(app) is None
        await beat(pilot, 1)
        assert "Still there? Tap to keep going" in (warning_text(app) or "")
        assert "15" in (warning_text(app) or "")
        await beat(pilot, IDLE_WARNING_SECONDS - 5)
        assert "5" in (warning_text(app) or "")
        assert isinstance(app.screen, SignInScreen)
        await beat(pilot, 5)
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        assert app.screen.query_one("#name").value == ""
        assert warning_text(app) is None


async def test_a_tap_on_the_warning_keeps_everything(app, context):
    quiet = context.config.idle_timeout_seconds - IDLE_WARNING_SECONDS
    async with app.run_test(size=SIZE) as pilot:
        await start_typing(pilot)
        await beat(pilot, quiet + 10)
        assert warning_text(app) is not None
        await tap(pilot, "#still-there")
        await pilot.pause()
        assert warning_text(app) is None
        await beat(pilot, IDLE_WARNING_SECONDS)
        assert isinstance(app.screen, SignInScreen)
        assert app.screen.query_one("#name").value == "Sam Kaur"
        assert warning_text(app) is None
        await tap_text(pilot, " Jr")  # the keyboard under it works again
        assert app.screen.query_one("#name").value == "Sam Kaur Jr"


async def test_the_rules_screen_warns_before_it_resets(app, context):
    quiet = context.config.idle_timeout_seconds - IDLE_WARNING_SECONDS
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        await beat(pilot, quiet)
        assert isinstance(app.screen, RulesScreen)
        assert warning_text(app) is not None
        await tap(pilot, "#still-there")
        await beat(pilot, IDLE_WARNING_SECONDS)
        assert isinstance(app.screen, RulesScreen)


async def test_screens_without_typing_reset_without_a_warning(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        await beat(pilot, context.config.idle_timeout_seconds - IDLE_WARNING_SECONDS)
        assert warning_text(app) is None
        await beat(pilot, IDLE_WARNING_SECONDS)
        assert isinstance(app.screen, WelcomeScreen)
