"""Every screen of the tour (tests/screen_tour.py), at 80x24 (the 7" panel at the default
large text), 80x25 (foot on its own foot.ini font, started without `kiosk terminal`) and
100x30 (normal text), checked for what a finger and an eye need in a foyer
(tests/screen_check.py): targets at least 3 rows by 6 columns, wholly on screen and
uncovered; text at least 4.5:1 on targets and 7:1 elsewhere; every target standing out from
its background; every button's and key's words whole on it.

The app runs as the demo does, so the simulated-hardware strip (the tallest it gets) is
on every screen: a layout that works with it works on a real kiosk too.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region

from tests.screen_check import (
    BUTTON_CONTRAST,
    contrast_problems,
    contrast_ratio,
    is_text,
    label_problems,
    outline_problems,
    placement_problems,
    screen_cells,
    size_problems,
)
from tests.screen_tour import every_stop, sign_out_matches, visit, visitor_app

CHECK_SIZES = [(80, 24), (80, 25), (100, 30)]
CHECKS = [size_problems, placement_problems, contrast_problems, outline_problems, label_problems]
STOPS = {stop.name: stop for stop in every_stop()}


@pytest.mark.parametrize("stop_name", list(STOPS))
async def test_screen_fits_a_finger_and_an_eye(context, monkeypatch, stop_name):
    stop = STOPS[stop_name]
    app = stop.app(context, monkeypatch, demo=True)
    problems: list[str] = []
    async with app.run_test(size=CHECK_SIZES[0]) as pilot:
        await visit(pilot, stop.show)
        for width, height in CHECK_SIZES:
            if (width, height) != CHECK_SIZES[0]:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
            for check in CHECKS:
                problems += [f"{stop_name} at {width}x{height}: {p}" for p in check(app.screen)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_hardware_strip_is_one_line_and_its_door_buttons_fit(context, size):
    """The demo's strip never wraps; its door buttons show where there are 30 rows."""
    app = visitor_app(context, demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        state = app.screen.query_one("#hardware-state")
        state_lines = state.render_lines(Region(0, 0, state.size.width, state.size.height))
        drawn = [s.text.strip() for s in state_lines if s.text.strip()]
        assert len(drawn) == 1, drawn
        door = app.screen.query_one("#sim-door-open")
        strip = app.screen.query_one("#hardware-strip")
        if size[1] < 30:
            assert not door.region and strip.region.height == 1
        else:
            assert door.region.height == 3 and strip.region.height == 3


async def test_welcome_buttons_read_and_the_staff_button_is_seen(context):
    """The issue's measurements: Sign in 3.8:1 (under 4.5), Staff's face 234 on 233."""
    app = visitor_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        cells = screen_cells(screen)
        for button_id in ("#sign-in", "#sign-out", "#staff"):
            button = screen.query_one(button_id)
            region = button.region
            y = region.y + region.height // 2
            row = cells[y][region.x : region.right]
            ratios = [contrast_ratio(c.fg, c.bg) for c in row if is_text(c.char)]
            assert ratios and min(ratios) >= BUTTON_CONTRAST, (button_id, min(ratios))
        assert not outline_problems(screen)


async def test_three_sign_out_matches_fit_at_80x24(context):
    """Typing "sa" matches three visitors: all three can be tapped with the keyboard up."""
    app = visitor_app(context, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await visit(pilot, sign_out_matches)
        matches = list(app.screen.query(".match"))
        assert len(matches) == 3
        assert not placement_problems(app.screen)
        assert all(m.region.height >= 3 for m in matches)


@pytest.mark.parametrize("button", ["#sign-in", "#sign-out", "#staff"])
async def test_a_button_left_under_the_pointer_reads_as_well(context, button):
    """After a tap the pointer stays where the finger was: hover must not darken the text."""
    app = visitor_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.hover(button)
        await pilot.pause()
        assert app.screen.query_one(button).mouse_hover
        assert not contrast_problems(app.screen)
        assert not outline_problems(app.screen)
