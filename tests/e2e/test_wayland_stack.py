"""The kiosk on its real display stack: sway (headless, one 800x480 output) running foot with
systemd/foot.ini and `kiosk demo` in it, as on the Pi (where cage stands in for sway).

What a visitor sees is read from grim's screenshots; a USB scanner is stood in for by wtype
(a code and Enter through the compositor's virtual keyboard); a finger by a virtual pointer.
Every wait polls against a deadline, so a slow machine makes the test slower, not red.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest

from kiosk.store.record_store import RecordStore
from tests.e2e.wayland_stack import (
    HEIGHT,
    WIDTH,
    Box,
    Screenshot,
    WaylandStack,
    bluish,
    greenish,
    missing_tools,
    poll,
    wayland_stack,
)

pytestmark = [
    pytest.mark.skipif(
        bool(missing_tools()),
        reason=f"not installed: {' '.join(missing_tools())} (.ci/run installs them)",
    ),
    pytest.mark.wayland,
    # Starting a compositor, a terminal and the kiosk is slow on a busy machine; every wait
    # inside has its own deadline, this only stops a test that hangs outright.
    pytest.mark.timeout(300),
]

BUTTON_AREA = WIDTH * HEIGHT // 30  # a big touch button: over 3% of the panel


@contextmanager
def checked_stack(text_size: str | None = None) -> Iterator[WaylandStack]:
    with wayland_stack(text_size) as running:
        yield running
        pids = running.kiosk_pids()
        print(running.log_tail())  # shown by pytest only when the test failed
    # Nothing started for the test outlives it: sway, foot and the kiosk are all gone.
    assert not [pid for pid in pids if os.path.exists(f"/proc/{pid}")], "the kiosk outlived it"


@pytest.fixture
def stack() -> Iterator[WaylandStack]:
    with checked_stack() as running:
        yield running


def buttons(shot: Screenshot) -> tuple[Box | None, Box | None]:
    """The welcome screen's Sign in (primary, blue) and Sign out (success, green) buttons."""
    sign_in, sign_out = shot.box_of(bluish), shot.box_of(greenish)
    return (
        sign_in if sign_in and sign_in.pixels >= BUTTON_AREA else None,
        sign_out if sign_out and sign_out.pixels >= BUTTON_AREA else None,
    )


def welcome(shot: Screenshot) -> tuple[Box, Box] | None:
    """Both big buttons, side by side: the welcome screen (not a blank window, not a shell)."""
    sign_in, sign_out = buttons(shot)
    if sign_in is None or sign_out is None:
        return None
    side_by_side = sign_in.right < sign_out.left and sign_in.top < sign_out.bottom
    return (sign_in, sign_out) if side_by_side else None


def welcome_shown(stack: WaylandStack) -> tuple[Screenshot, Box, Box] | None:
    shot = stack.screenshot()
    found = welcome(shot)
    return (shot, *found) if found else None


def settled_welcome(stack: WaylandStack) -> tuple[Screenshot, Box, Box] | None:
    """The welcome screen, the same in two screenshots in a row: fully drawn. (The first frame
    with both buttons can still be part-painted below them, which spoilt the baseline the bag
    label's message is measured against, 1 run in 15 or so.)"""
    first = welcome_shown(stack)
    if first is None:
        return None
    second = stack.screenshot()
    return first if second.same_as(first[0]) else None


def marks_in_band(shot: Screenshot, top: int, bottom: int) -> int:
    """Pixels in rows top..bottom that are not the band's background: text drawn there."""
    colours = shot.colours(top, bottom, step=1)
    _background, count = colours.most_common(1)[0]
    return sum(colours.values()) - count


def test_kiosk_fills_the_panel_and_answers_scanned_codes(stack: WaylandStack) -> None:
    shot, sign_in, sign_out = poll("the welcome screen, drawn", lambda: settled_welcome(stack))
    assert stack.kiosk_pids(), "no kiosk running in foot"

    # foot opened full screen by its own config (sway has no rule making it so).
    (window,) = stack.windows()
    assert window["app_id"] == "foot"
    assert window["fullscreen_mode"] == 1
    assert window["rect"] == {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}
    assert (shot.width, shot.height) == (WIDTH, HEIGHT)
    # Large text (the shipped setting): foot's cells are 10x20 px, so the kiosk has 80x24.
    assert stack.foot_cell() == (10, 20)
    assert stack.kiosk_grid() == (80, 24)
    # The kiosk draws across all of it: every column and the full height, not a corner.
    background = shot.colours().most_common(1)[0][0]
    drawn = shot.box_of(lambda colour: colour != background)
    assert drawn is not None
    assert drawn.width >= WIDTH * 0.95 and drawn.height >= HEIGHT * 0.85, drawn
    assert sign_in.left < WIDTH * 0.1 and sign_out.right > WIDTH * 0.9
    # The welcome screen's colours, not a terminal's two.
    colours = shot.colours()
    assert len([c for c, n in colours.items() if n >= sum(colours.values()) // 200]) >= 5

    store = RecordStore(stack.data_dir, ZoneInfo("Europe/London"))
    visitor = store.live("visits")[0]
    phones_before = store.live("phones")

    # A parent's pass scanned at the welcome screen signs them out, no tap needed. The goodbye
    # shows for 8 s only: look for it first (a busy machine takes a while per screenshot), then
    # for the record.
    stack.type(visitor["pass_token"])
    goodbye = poll(
        "the goodbye message instead of the welcome screen",
        lambda: shot if buttons(shot := stack.screenshot())[1] is None else None,
    )
    poll(
        "the pass to sign its holder out",
        lambda: (store.find("visits", visitor["id"]) or {}).get("signed_out_at"),
    )
    assert len(goodbye.colours()) > 2, "the screen went blank"

    # A phone bag label scanned by mistake: back on the welcome screen, with a line saying
    # what it was, below the big buttons where there was none before.
    below = (sign_out.bottom + 2, HEIGHT - 1)
    before = marks_in_band(shot, *below)
    stack.type("BAG-001")
    poll(
        "the bag label's message on the welcome screen",
        lambda: (found := welcome_shown(stack)) and marks_in_band(found[0], *below) > before + 100,
    )
    assert store.live("phones") == phones_before, "a scanned label changed the phone records"


def test_a_finger_tap_on_sign_in_opens_the_sign_in_steps(stack: WaylandStack) -> None:
    _, sign_in, _ = poll("the welcome screen in foot", lambda: welcome_shown(stack))
    assert stack.kiosk_pids(), "no kiosk running in foot"

    x, y = sign_in.centre

    def left_welcome() -> Screenshot | None:
        shot = stack.screenshot()
        return shot if buttons(shot) == (None, None) else None

    def tap_until_it_answers() -> Screenshot | None:
        # A real pointer event, through sway and foot, at the button's middle. Every tap
        # lands (tests/e2e/test_every_tap_lands.py counts them); should the screen not
        # answer, a visitor taps again, and so does this.
        stack.tap(x, y)
        try:
            return poll("the screen to answer the tap", left_welcome, deadline=3)
        except AssertionError:
            return None

    shot = poll("the sign-in step after a tap", tap_until_it_answers)
    # The first step is a screen of large choice buttons, drawn, not an empty window.
    colours = shot.colours()
    background = colours.most_common(1)[0][0]
    drawn = shot.box_of(lambda colour: colour != background)
    assert drawn is not None and drawn.width >= WIDTH * 0.9
    assert len(colours) > 3


def test_normal_text_gives_smaller_cells_and_a_100_by_30_kiosk() -> None:
    """[display] text_size = "normal": `kiosk terminal` starts foot with 8x16 px cells, so
    the kiosk lays out in 100x30 across the whole panel, welcome screen and all."""
    with checked_stack("normal") as stack:
        shot, sign_in, sign_out = poll("the welcome screen in foot", lambda: welcome_shown(stack))
        assert stack.foot_cell() == (8, 16)
        assert stack.kiosk_grid() == (100, 30)
        (window,) = stack.windows()
        assert window["rect"] == {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}
        background = shot.colours().most_common(1)[0][0]
        drawn = shot.box_of(lambda colour: colour != background)
        assert drawn is not None
        assert drawn.width >= WIDTH * 0.95 and drawn.height >= HEIGHT * 0.85, drawn
        assert sign_in.left < WIDTH * 0.1 and sign_out.right > WIDTH * 0.9
