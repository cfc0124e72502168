"""A double tap on "Fire roll call" must not tick the visitor whose row lies under the button:
in a fire drill that would count someone as found who was not."""

from __future__ import annotations

from kiosk.domain.visitor_form import check_visitor_form
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.testing import point_when_shown, post_tap, settle
from kiosk.ui.widgets.roll_call_list import RollCallList
from tests.helpers import log_in, make_app, tap

SIZE = (100, 30)


class FakeTapClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_a_double_tap_on_roll_call_ticks_nobody(context, hardware, staff):
    rules = load_rules(context.config.rules_file)
    for n in range(8):
        name = f"Visitor {chr(65 + n)} Lee"
        details = check_visitor_form("contractor", name, "Acme", "Head", "")[0]
        sign_in(context, details, rules)
    tap_clock = FakeTapClock()
    app = make_app(context, hardware)
    app.tap_guard = TapGuard(0, tap_clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        app.tap_guard.seconds = 0.5
        tap_clock.now += 5
        app.screen.query_one("#roll-call").active_effect_duration = 0
        x, y = await point_when_shown(pilot, "#roll-call")
        await tap(pilot, "#roll-call")
        assert isinstance(app.screen, RollCallScreen)
        await pilot.pause()
        people = app.screen.people
        assert isinstance(app.get_widget_at(x, y)[0], RollCallList)
        assert any(row.region.translate(people.content_region.offset).contains(x, y)
                   for row in people.placed_rows()), "a row lies under the button"  # fmt: skip
        tap_clock.now += 0.1
        post_tap(app, x, y)
        await settle(pilot)
        assert app.screen.count() == (8, 0)
        tap_clock.now += 1  # a deliberate tap a moment later counts
        post_tap(app, x, y)
        await settle(pilot)
        assert app.screen.count() == (8, 1)
