"""Every deliberate tap lands, however briskly; only a finger's bounce is refused.

On the real stack (issue 27) a PIN with a repeated digit typed briskly lost a digit, and the
first "Read on" taps did nothing: the tap guard refused the same button again within half a
second, and any tap within 0.3 s of a new screen, measured when the kiosk got round to the
tap rather than when the finger made it. Taps here are timed by a clock the test moves, or
stamped with when they arrived, as the terminal driver stamps them.
"""

from __future__ import annotations

from textual import _time

from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.testing import point_when_shown, post_tap, settle
from tests.helpers import SIZE, tap, tap_text


class TapClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def tap_after(pilot, clock: TapClock, seconds: float, selector: str) -> None:
    clock.now += seconds
    await tap(pilot, selector)


async def to_the_host_answered(pilot) -> None:
    """A governor's sign-in up to the host step, answered (Next not yet tapped)."""
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-governor")
    await tap_text(pilot, "Ann Lee")
    await tap(pilot, "#key-done")
    await tap_text(pilot, "Head")


async def test_next_tapped_again_briskly_on_a_skipped_step_moves_on(app):
    """Next on the host, then Next at once on the optional car registration: both count."""
    clock = TapClock()
    async with app.run_test(size=SIZE) as pilot:
        await to_the_host_answered(pilot)
        app.tap_guard = TapGuard(now=clock)  # the kiosk's own guard, on the test's clock
        await tap_after(pilot, clock, 5, "#key-done")
        assert app.screen.step == "car-reg"
        await tap_after(pilot, clock, 0.35, "#key-done")
        assert isinstance(app.screen, RulesScreen)


async def test_a_quick_first_tap_on_a_new_step_counts(app):
    """The visitor type 0.3 s after Sign in: the step was on screen, and the tap counts."""
    clock = TapClock()
    app.tap_guard = TapGuard(now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await tap_after(pilot, clock, 5, "#sign-in")
        assert isinstance(app.screen, SignInScreen)
        await tap_after(pilot, clock, 0.3, "#type-visitor")
        assert app.screen.step == "name"


async def test_read_on_tapped_again_briskly_reads_on_again(app):
    clock = TapClock()
    async with app.run_test(size=(80, 24)) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-contractor")
        for answer in ("Sam Kaur", "Acme Lifts", "Mrs Patel", ""):
            await tap_text(pilot, answer)
            await tap(pilot, "#key-done")
        assert isinstance(app.screen, RulesScreen)
        await pilot.pause()
        scroll = app.screen.query_one("#rules-scroll")
        app.tap_guard = TapGuard(now=clock)
        positions = []
        for gap in (5, 0.4, 0.4):
            await tap_after(pilot, clock, gap, "#agree")
            await pilot.pause()
            positions.append(scroll.scroll_y)
        assert positions[0] < positions[1] < positions[2], positions


async def test_taps_are_judged_by_when_they_arrived_not_when_they_were_handled(app):
    """Two Next taps 0.35 s apart by the terminal's stamps, handled back to back (a busy Pi
    reads them together): both count. A bounce 0.05 s after the second does not."""
    async with app.run_test(size=SIZE) as pilot:
        await to_the_host_answered(pilot)
        app.tap_guard = TapGuard()  # the kiosk's own guard and clock
        x, y = await point_when_shown(pilot, "#key-done")
        start = _time.get_time()
        post_tap(app, x, y, at=start)
        post_tap(app, x, y, at=start + 0.35)
        post_tap(app, x, y, at=start + 0.40)  # the same finger bouncing
        await settle(pilot)
        await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, RulesScreen)
        # The bounce did not read on (or agree) on the rules that came up under it.
        assert app.screen.query_one("#rules-scroll").scroll_y == 0


async def test_a_bounce_on_next_moves_one_step_and_repeated_letters_all_type(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Ann Lee")
        app.tap_guard = TapGuard()
        x, y = await point_when_shown(pilot, "#key-done")
        start = _time.get_time()
        post_tap(app, x, y, at=start)
        post_tap(app, x, y, at=start + 0.06)
        await settle(pilot)
        assert app.screen.step == "organisation"
        assert app.screen.query_one("#organisation-message").render().plain == ""
        # Letters are never taken for a bounce: "Nn" typed as fast as a finger can.
        x, y = await point_when_shown(pilot, "#key-n")
        post_tap(app, x, y, at=start + 1)
        post_tap(app, x, y, at=start + 1.06)
        await settle(pilot)
        assert app.screen.query_one("#organisation").value == "Nn"
