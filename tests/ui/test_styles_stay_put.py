"""A screen looks the same for the tenth visitor as for the first.

Textual's screen CSS is global once read: an unscoped `#step-title` in the rules' stylesheet
made the sign-in title one row high for everyone after the first visitor had read the rules.
Each screen's rules name their screen, so no stylesheet reaches another screen.
"""

from __future__ import annotations

from typing import Any

from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, tap, tap_agree, tap_sign_in, tap_text


async def layout(pilot: Any) -> dict[str, tuple[object, str, str]]:
    """Every named widget on the screen, once drawn: where it is and its colours."""
    await pilot.pause()
    await pilot.pause()
    app = pilot.app
    return {
        widget.id: (widget.region, str(widget.styles.color), str(widget.styles.background))
        for widget in app.screen.query("*")
        if widget.id and widget.display
    }


async def test_sign_in_and_sign_out_look_the_same_after_every_other_screen_was_shown(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        first_sign_in = await layout(pilot)
        await tap(pilot, "#cancel")
        await pilot.pause()
        await tap(pilot, "#sign-out")
        await tap_text(pilot, "zz")
        first_sign_out = await layout(pilot)
        app.return_to_welcome()
        await pilot.pause()

        # A whole visit: the rules, the pass, signing out by name, the thank-you.
        await tap_sign_in(pilot, "visitor", ["Sam Kaur", "Acme", "Mrs Patel", ""])
        await tap_agree(pilot)
        await tap(pilot, "#pass-done")
        await tap(pilot, "#sign-out")
        await tap_text(pilot, "sam")
        await tap(pilot, "#match-0")
        await tap(pilot, "#confirm")
        app.return_to_welcome()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)

        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        assert await layout(pilot) == first_sign_in
        await tap(pilot, "#cancel")
        await pilot.pause()
        await tap(pilot, "#sign-out")
        await tap_text(pilot, "zz")
        assert await layout(pilot) == first_sign_out
