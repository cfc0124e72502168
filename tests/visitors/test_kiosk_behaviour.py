"""Kiosk behaviour around the journeys: idle reset, double taps, and faults shown calmly."""

from __future__ import annotations

from kiosk.errors import DataFileError
from kiosk.ui.screens.fault import FAULT_BODY, FaultScreen
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.sign_out import SignOutScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.tap_guard import TapGuard
from tests.helpers import SIZE, tap, tap_agree, tap_sign_in, tap_text, wait_for_agree


async def test_idle_returns_to_welcome_and_forgets_what_was_typed(app, context):
    timeout = context.config.idle_timeout_seconds
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Sam Kaur")
        app.mark_activity()

        context.clock.advance(timeout - 1)
        assert app.reset_if_idle() is False
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)

        context.clock.advance(1)
        assert app.reset_if_idle() is True
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)

        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        for field in ("name", "organisation", "host", "car-reg"):
            assert app.screen.query_one(f"#{field}").value == ""


async def test_idle_reset_works_from_the_rules_and_sign_out_screens(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        assert isinstance(app.screen, RulesScreen)
        context.clock.advance(context.config.idle_timeout_seconds)
        app.heartbeat()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert len(app.screen_stack) == 2

        await tap(pilot, "#sign-out")
        await pilot.press("s", "a")
        assert isinstance(app.screen, SignOutScreen)
        context.clock.advance(context.config.idle_timeout_seconds)
        app.heartbeat()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    assert context.store.live("visits") == []


async def test_a_key_press_counts_as_activity(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        context.clock.advance(context.config.idle_timeout_seconds - 5)
        await pilot.press("s")  # keys go through App.on_event, as a real keyboard's do
        context.clock.advance(10)
        assert app.reset_if_idle() is False
        assert isinstance(app.screen, SignInScreen)


class FakeTapClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_a_double_tap_on_agree_signs_in_once_and_keeps_the_pass_up(app, context):
    tap_clock = FakeTapClock()
    app.tap_guard = TapGuard(0, tap_clock)
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        app.tap_guard.seconds = 0.5
        tap_clock.now += 5
        assert await wait_for_agree(pilot)
        await tap(pilot, "#agree")
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)
        # Textual's own 0.2 s press effect would hide our guard: switch it off for this test.
        app.screen.query_one("#pass-done").active_effect_duration = 0
        # The second half of the double tap lands where Done now is: it must not act.
        tap_clock.now += 0.1
        await tap(pilot, "#pass-done")
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)
        tap_clock.now += 1
        await tap(pilot, "#pass-done")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    assert len(context.store.live("visits")) == 1


async def test_a_double_tap_on_next_moves_one_step(app):
    tap_clock = FakeTapClock()
    app.tap_guard = TapGuard(0, tap_clock)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Ann Lee")
        app.tap_guard.seconds = 0.5
        tap_clock.now += 5
        await tap(pilot, "#key-done")
        tap_clock.now += 0.2
        await tap(pilot, "#key-done")
        assert app.screen.step == "organisation"
        assert app.screen.query_one("#organisation-message").render().plain == ""
        # Letters repeat freely: double letters are real ("Anna").
        await tap(pilot, "#key-n")
        await tap(pilot, "#key-n")
        assert app.screen.query_one("#organisation").value == "Nn"


async def test_a_broken_data_file_shows_a_calm_message_and_keeps_what_was_stored(
    app, context, monkeypatch
):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        await tap_agree(pilot)
        await pilot.pause()
        await tap(pilot, "#pass-done")
        before = context.store.live("visits")
        assert len(before) == 1

        def broken():
            raise DataFileError(context.store.data_dir / "live.json", "cannot be read")

        monkeypatch.setattr(context.store, "transaction", broken)
        await tap_sign_in(pilot, "governor", ["Bo Chan", "Head", ""])
        await tap_agree(pilot)
        await pilot.pause()
        assert isinstance(app.screen, FaultScreen)
        assert FAULT_BODY in str(app.screen.query_one("#message-body").render())
        assert "Traceback" not in app.export_screenshot()
        assert app.is_running
    assert context.store.live("visits") == before


async def test_a_store_that_cannot_be_read_while_searching_shows_the_fault_screen(
    app, context, monkeypatch
):
    def broken(kind):
        raise DataFileError("live.json", "is not valid JSON")

    monkeypatch.setattr(context.store, "live", broken)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-out")
        await pilot.press("s", "a")
        await pilot.pause()
        assert isinstance(app.screen, FaultScreen)
