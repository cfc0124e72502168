"""A long roll call (160 people) at 80x24, 80x25 and 100x30: nothing cut off, "N more
below" shown, and turning the pages reaches every person exactly once."""

from __future__ import annotations

import pytest

from kiosk.ui.screens.roll_call import RollCallScreen
from tests.admin.seeding import visit
from tests.helpers import make_app, tap
from tests.screen_check import (
    contrast_problems,
    outline_problems,
    placement_problems,
    size_problems,
)

COUNT = 160


@pytest.mark.parametrize("size", [(80, 24), (80, 25), (100, 30)], ids=["80x24", "80x25", "100x30"])
async def test_160_people_page_by_page(context, size) -> None:
    for n in range(COUNT):
        visit(context, f"2026-11-25T08:{n % 60:02d}:00", name=f"Visitor Number{n:03d}",
              organisation="Acme Lifts", host="Mr Okafor")  # fmt: skip
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await tap(pilot, "#fire-roll-call")
        await tap(pilot, "#question-yes")
        screen = app.screen
        assert isinstance(screen, RollCallScreen)
        await pilot.pause()
        problems = contrast_problems(screen) + outline_problems(screen)
        seen: list[str] = []
        for _ in range(COUNT):
            problems += size_problems(screen) + placement_problems(screen)
            rows = screen.people.placed_rows()
            assert rows, "every page shows someone"
            seen += [row.name for row in rows]
            below = screen.people.people_below()
            assert below == COUNT - len(seen)
            if not below:
                assert not screen.query_one("#roll-down").display
                assert "End of the list" in str(screen.query_one("#roll-where").render())
                break
            label = str(screen.query_one("#roll-down").label)
            assert label == f"▼ {below} more below"
            await tap(pilot, "#roll-down")
            await pilot.pause()  # the bar's buttons laid out again
        assert not problems, "\n".join(problems[:20])
        assert sorted(seen) == [f"Visitor Number{n:03d}" for n in range(COUNT)], "each once"
        # And back up to the start, page by page.
        while screen.people.people_above():
            await tap(pilot, "#roll-up")
        assert screen.people.placed_rows()[0].name == seen[0]
