"""A message on welcome (an unknown code, a bag label) is gone before the next visitor comes."""

from __future__ import annotations

from kiosk.ui.navigator import BAG_LABEL_MESSAGE
from kiosk.ui.screens.welcome import SCAN_MESSAGE_SECONDS, WelcomeScreen
from tests.helpers import SIZE, beat, type_keys


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_a_scan_message_clears_by_itself_after_a_few_seconds(app):
    async with app.run_test(size=SIZE) as pilot:
        await type_keys(pilot, "BAG-0007", then_enter=True)
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert BAG_LABEL_MESSAGE in text_of(app, "#scan-message")
        await beat(pilot, SCAN_MESSAGE_SECONDS - 1)
        assert BAG_LABEL_MESSAGE in text_of(app, "#scan-message")
        await beat(pilot, 1)
        assert text_of(app, "#scan-message").strip() == ""


async def test_a_second_scan_shows_its_message_for_the_full_time(app):
    async with app.run_test(size=SIZE) as pilot:
        await type_keys(pilot, "BAG-0007", then_enter=True)
        await beat(pilot, SCAN_MESSAGE_SECONDS - 1)
        await type_keys(pilot, "NOT-A-CODE", then_enter=True)
        await pilot.pause()
        await beat(pilot, SCAN_MESSAGE_SECONDS - 1)
        assert text_of(app, "#scan-message").strip() != ""
