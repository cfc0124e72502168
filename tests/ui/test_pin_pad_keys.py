"""A physical keyboard on the PIN pad: a letter starts a scanned code (a staff card), whose
keys go on to the screen; a pad cleared for the next person starts again with digits."""

from __future__ import annotations

from kiosk.domain.staff_attendance import KIND
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, STAFF_PIN, beat, make_app, settle, tap, tap_text, type_keys


async def test_a_stray_letter_does_not_stop_the_next_persons_typed_pin(context) -> None:
    add_staff(context, "Sam Patel", STAFF_PIN, actor="test", role="Teacher")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#i-work-here")
        await tap_text(pilot, "Sam Pa")
        await tap(pilot, "#staff-match-0")
        await type_keys(pilot, "q")  # a knock on the keyboard; no Enter follows
        await beat(pilot, context.config.idle_timeout_seconds + 1)  # they walk away
        assert isinstance(app.screen, WelcomeScreen)

        await tap(pilot, "#i-work-here")  # the next person, on the kept screen
        await tap_text(pilot, "Sam Pa")
        await tap(pilot, "#staff-match-0")
        await type_keys(pilot, STAFF_PIN, then_enter=True)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen), app.screen
        assert [r["signed_in_by"] for r in context.store.live(KIND)] == ["name+pin"]
