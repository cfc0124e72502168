"""The return list says how many phones are out of sight below it (issue 27): at 80x24 it
shows four of six, and a thin scrollbar was the only hint that there were more."""

from __future__ import annotations

from kiosk.ui.screens.phone_return import PhoneReturnScreen
from tests.helpers import log_in, make_app, put_phone, tap


def more_below(app) -> str:
    return str(app.screen.query_one("#more-below").render()).strip()


async def test_the_return_list_says_how_many_more_are_below(context, hardware, staff):
    for n, name in enumerate(("Ava", "Ben", "Cal", "Dee", "Eli", "Fay")):
        put_phone(context, hardware, staff, f"{name} Lee", f"BAG-04{n}")
    app = make_app(context, hardware)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PhoneReturnScreen)
        hidden = screen.hidden_below()
        assert 0 < hidden < 6
        assert more_below(app).startswith(f"▼ {hidden} more below")
        screen.query_one("#phone-list").scroll_end(animate=False)
        await pilot.pause()
        await pilot.pause()
        assert screen.hidden_below() == 0
        assert more_below(app) == ""


async def test_no_line_when_every_phone_is_in_view(context, hardware, staff):
    put_phone(context, hardware, staff, "Ava Lee", "BAG-050")
    app = make_app(context, hardware)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        await pilot.pause()
        assert more_below(app) == ""
