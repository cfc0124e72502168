"""At 80x24 the rules do not fit: I agree is not there until the end has been on screen.
Until then the button says "Read on" and a tap shows the next page (a finger has no scroll
wheel); where the rules fit, I agree is there at once."""

from __future__ import annotations

from kiosk.services.fire.roll_call import on_site
from kiosk.ui.screens.rules import AGREE_LABEL, READ_ON_LABEL
from tests.helpers import make_app, rules_laid_out, tap, tap_read_on, tap_sign_in


async def test_small_screen_needs_the_end_reached_before_i_agree(context):
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await tap_sign_in(pilot, "parent-helper", ["Sam Kaur", "Year 2", ""])
        await rules_laid_out(pilot)
        scroll = app.screen.query_one("#rules-scroll")
        assert scroll.max_scroll_y > 0  # the rules are longer than the screen
        agree = app.screen.query_one("#agree")
        assert str(agree.label) == READ_ON_LABEL
        pages = 0
        while str(agree.label) != AGREE_LABEL:
            before = scroll.scroll_y
            await tap_read_on(pilot)
            assert scroll.scroll_y > before, "Read on shows the next page"
            assert not on_site(context), "no tap before the end signs anyone in"
            pages += 1
            assert pages < 20
        assert scroll.scroll_y == scroll.max_scroll_y
        await tap(pilot, "#agree")
        assert [v.name for v in on_site(context)] == ["Sam Kaur"]


async def test_rules_that_fit_offer_i_agree_at_once(context):
    app = make_app(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await tap_sign_in(pilot, "parent-helper", ["Sam Kaur", "Year 2", ""])
        await rules_laid_out(pilot)
        assert app.screen.query_one("#rules-scroll").max_scroll_y == 0
        assert str(app.screen.query_one("#agree").label) == AGREE_LABEL
