"""The on-screen keyboard as a finger meets it: the key under the finger lights while it is
down, a tap types only where the finger went down and came up, and the keys are laid out
again before a tap can be aimed at them after a row comes or goes."""

from __future__ import annotations

from textual.events import MouseDown, MouseUp

from kiosk.ui.testing import point_when_shown, post_tap, tap_point
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard
from tests.helpers import SIZE, tap, tap_text


def mouse(x: int, y: int) -> dict[str, object]:
    return dict(
        widget=None, x=x, y=y, delta_x=0, delta_y=0, button=1,
        shift=False, meta=False, ctrl=False, screen_x=x, screen_y=y,
    )  # fmt: skip


async def reach_name_step(pilot) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await pilot.pause()


async def test_the_key_under_the_finger_lights_until_it_lifts(app):
    async with app.run_test(size=SIZE) as pilot:
        await reach_name_step(pilot)
        keyboard = app.screen.query_one(TouchKeyboard)
        x, y = await point_when_shown(pilot, "#key-g")
        app.post_message(MouseDown(**mouse(x, y)))
        await pilot.pause()
        assert keyboard.pressed == "key-g"
        app.post_message(MouseUp(**mouse(x, y)))
        await pilot.pause()
        assert keyboard.pressed == ""
        assert app.screen.query_one("#name").value == "G"


async def test_a_finger_that_slides_to_another_key_types_nothing(app):
    async with app.run_test(size=SIZE) as pilot:
        await reach_name_step(pilot)
        down, up = tap_point(app, "#key-g"), tap_point(app, "#key-h")
        app.post_message(MouseDown(**mouse(*down)))
        app.post_message(MouseUp(**mouse(*up)))
        await pilot.pause()
        assert app.screen.query_one("#name").value == ""
        post_tap(app, *up)
        await pilot.pause()
        assert app.screen.query_one("#name").value == "H"


async def test_keys_are_not_aimed_at_before_a_new_row_is_laid_out(app):
    """Host step: the digit row comes in above the letters. Until the keyboard has grown
    to fit it, the letters' places inside it have moved but the keyboard has not: aiming
    at Y there hit H."""
    async with app.run_test(size=SIZE) as pilot:
        await reach_name_step(pilot)
        await tap_text(pilot, "Sam Lee")
        keyboard = app.screen.query_one(TouchKeyboard)
        before = tap_point(app, "#key-y")
        keyboard.show_digits = True  # as the step change sets it, before the next layout
        assert tap_point(app, "#key-y") is None  # not yet where it will be drawn
        await pilot.pause()
        after = tap_point(app, "#key-y")
        assert after == before  # docked at the bottom: the keyboard grew upwards
        assert keyboard.key_region("key-1").y == keyboard.region.y
