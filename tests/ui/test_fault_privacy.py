"""The calm fault screen never puts a record's contents on the foyer screen."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ui.screens.fault import FaultScreen
from tests.helpers import SIZE


def detail_shown(app) -> str:
    assert isinstance(app.screen, FaultScreen)
    return str(app.screen.query_one("#fault-detail").render())


async def test_an_unexpected_error_shows_its_kind_not_its_text(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.show_fault(KeyError("Amelia Jones, 6B"))
        await pilot.pause()
        shown = detail_shown(app)
        assert "Amelia" not in shown
        assert "KeyError" in shown and "journal" in shown


async def test_our_own_errors_are_shown_for_the_office(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.show_fault(KioskError("data file live.json is damaged"))
        await pilot.pause()
        assert "live.json is damaged" in detail_shown(app)
