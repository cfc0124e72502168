"""Driving the touchscreen app as a finger does, for the test suite and the UI benchmark.

Not used by the kiosk itself. A tap is posted to the app the way the terminal driver posts
it (mouse down, mouse up; the app makes the click and notes the activity), rather than
through Pilot.click, whose idle-waiting sleeps are slow and would swamp a benchmark.

It ships inside the package rather than in tests/ because bench/ drives the app with it
too, from a checkout where the tests' fixtures are not loaded; nothing the kiosk runs
imports it (the layering test would show the import).
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.css.query import NoMatches
from textual.events import MouseDown, MouseUp
from textual.pilot import Pilot

from kiosk.ui.widgets.roll_call_list import RollCallList
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard

MAX_SETTLE_ROUNDS = 8
MAX_LAYOUT_WAITS = 20  # pauses; a widget that never shows still fails, just later


def tap_point(app: App[Any], selector: str) -> tuple[int, int] | None:
    """The centre of the widget on screen, or None while it is hidden, covered, or not on the
    screen showing (the screen a tap or a key asked for may not be up yet on a busy machine)."""
    try:
        widget = app.screen.query_one(selector)
    except NoMatches:
        return _key_point(app, selector)
    if not (widget.display and widget.region):
        return None
    x, y = widget.region.center
    return (x, y) if app.get_widget_at(x, y)[0] is widget else None


def _key_point(app: App[Any], selector: str) -> tuple[int, int] | None:
    """A key of the on-screen keyboard ("#key-a"), or a person's row on the roll call
    ("#person-V-..."): the keyboard and the list draw them themselves."""
    if selector.startswith("#person-"):
        for people in app.screen.query(RollCallList):
            region = people.row_region(selector.removeprefix("#person-")) if people.region else None
            if region is not None:
                x, y = region.center
                return (x, y) if app.get_widget_at(x, y)[0] is people else None
        return None
    if not selector.startswith("#key-"):
        return None
    for keyboard in app.screen.query(TouchKeyboard):
        region = keyboard.key_region(selector[1:]) if keyboard.region else None
        if region is not None:
            x, y = region.center
            return (x, y) if app.get_widget_at(x, y)[0] is keyboard else None
    return None


def post_tap(app: App[Any], x: int, y: int, at: float | None = None) -> None:
    """A finger's press and release at (x, y); `at`: when the terminal sent them (Textual's
    clock, as the driver stamps input), else now."""
    mouse: dict[str, Any] = dict(
        widget=None,
        x=x,
        y=y,
        delta_x=0,
        delta_y=0,
        button=1,
        shift=False,
        meta=False,
        ctrl=False,
        screen_x=x,
        screen_y=y,
    )
    down, up = MouseDown(**mouse), MouseUp(**mouse)
    if at is not None:
        down.time = up.time = at
    app.post_message(down)
    app.post_message(up)


def _busy(app: App[Any]) -> bool:
    nodes = [app, *app.screen.walk_children(with_self=True)] if app.screen_stack else [app]
    return any(not node._message_queue.empty() for node in nodes)


async def settle(pilot: Pilot[Any]) -> None:
    """Until the app has handled everything queued, including what that posted in turn (a
    button's Pressed, the message a screen sends the app, a new screen mounting)."""
    for _ in range(MAX_SETTLE_ROUNDS):
        await pilot._wait_for_screen()
        if not _busy(pilot.app):
            return


async def point_when_shown(pilot: Pilot[Any], selector: str) -> tuple[int, int]:
    """Where to tap `selector`, once it is on screen. The layout may not have caught up with
    the last tap yet (a step shown, a keyboard revealed): on a busy machine that can take
    more than one refresh."""
    where = tap_point(pilot.app, selector)
    for _ in range(MAX_LAYOUT_WAITS):
        if where is not None:
            break
        await pilot.pause()
        where = tap_point(pilot.app, selector)
    assert where is not None, f"{selector} is not on screen"
    return where


async def tap(pilot: Pilot[Any], selector: str) -> None:
    """A finger's tap on `selector`, then settle; a new screen gets Pilot's full pause."""
    app = pilot.app
    where = await point_when_shown(pilot, selector)
    screen = app.screen
    post_tap(app, *where)
    await settle(pilot)
    if app.screen is not screen:  # a new screen: let it mount and lay out
        await pilot.pause()
        await settle(pilot)
