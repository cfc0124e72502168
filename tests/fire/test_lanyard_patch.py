"""The roll call shows a patch of each visitor's lanyard colour beside the words, as the pass
does (issue 27): the marshal matches a visitor who reads little English by the lanyard they
wear. The words stay; a colour the screen does not know gets no patch, never a wrong one."""

from __future__ import annotations

from dataclasses import replace

from rich.color import Color as RichColor
from textual.color import Color

from kiosk.ui.screens.roll_call import RollCallScreen
from tests.admin.seeding import visit
from tests.helpers import make_app, tap


def _detail_line(screen: RollCallScreen, name: str) -> tuple[str, list[RichColor | None]]:
    """The first line under `name`'s row: its text and each cell's background colour."""
    widget = screen.people
    for row in widget.placed_rows():
        if row.name == name:
            strip = widget.render_line(row.region.y + 2)  # blank line, name, then details
            backgrounds: list[RichColor | None] = []
            for segment in strip:
                colour = segment.style.bgcolor if segment.style else None
                backgrounds += [colour] * len(segment.text)
            return strip.text, backgrounds
    raise AssertionError(f"{name} is not on the page")


async def test_each_visitor_row_shows_their_lanyard_colour(context) -> None:
    visit(context, "2026-11-25T08:40:00", name="Ana Lima")  # told to take the red lanyard
    lanyards = replace(context.config.lanyards, escorted_colour="Sparkly")
    odd = replace(context, config=replace(context.config, lanyards=lanyards))
    visit(odd, "2026-11-25T08:50:00", name="Bo Chen")  # a colour the screen cannot draw
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await tap(pilot, "#fire-roll-call")
        await tap(pilot, "#question-yes")
        screen = app.screen
        assert isinstance(screen, RollCallScreen)
        await pilot.pause()
        red = Color.parse("red").rich_color

        text, backgrounds = _detail_line(screen, "Ana Lima")
        assert "red lanyard" in text, "the word stays beside the colour"
        assert backgrounds[1:3] == [red, red], "a two-cell patch under the tick box"
        assert backgrounds.count(red) == 2, "the patch only"

        text, backgrounds = _detail_line(screen, "Bo Chen")
        assert "Sparkly lanyard" in text
        assert red not in backgrounds
        assert len(set(backgrounds)) == 1, "no patch for a colour the screen does not know"
