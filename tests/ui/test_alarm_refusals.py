"""While the fire alarm sounds, the welcome buttons that start signing someone in say why not
instead of opening their screen (the pupils' buttons: tests/attendance/test_journeys.py)."""

from __future__ import annotations

import pytest

from kiosk.services.staff.staff_accounts import add_staff
from kiosk.ui.screens.message import MessageScreen
from tests.helpers import SIZE, STAFF_PIN, make_app, tap
from tests.screen_check import visible_text


@pytest.mark.parametrize(
    ("button", "words"),
    [
        ("#sign-in", "fire alarm is sounding"),
        ("#i-work-here", "A staff card still signs you out"),
    ],
)
async def test_the_alarm_refuses_signing_in(context, button: str, words: str) -> None:
    add_staff(context, "Sam Patel", STAFF_PIN, actor="test", role="Teacher")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.fire.alarm_on = True
        await tap(pilot, button)
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen), app.screen
        assert words in visible_text(app.screen)
