"""Shared by tests/visitor and tests/ui: an app on the fake clock, and ways to tap and type."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from kiosk.services.context import KioskContext
from kiosk.ui.app import KioskApp
from kiosk.ui.widgets.touch_keyboard import key_id

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def fixed_pass_tokens(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Predictable pass tokens (valid Crockford base32) so QR codes and snapshots are stable."""
    counter = itertools.count(1)
    monkeypatch.setattr(
        "kiosk.services.sign_in.new_pass_token", lambda: f"PASS-{next(counter):016d}"
    )
    yield


@pytest.fixture
def app(context: KioskContext) -> KioskApp:
    kiosk = KioskApp(context)
    # Journeys tap faster than any finger: the double-tap guard has its own tests.
    kiosk.tap_guard.seconds = 0
    return kiosk


async def tap(pilot, selector: str) -> None:
    """A finger's tap as the terminal driver delivers it: mouse down and up posted to the app,
    which makes the click (and notes the activity). One settle, where Pilot.click waits four
    times: journeys with dozens of key taps stay fast."""
    from textual.events import MouseDown, MouseUp

    app = pilot.app

    def target() -> tuple[int, int] | None:
        widget = app.screen.query_one(selector)
        if not (widget.display and widget.region):
            return None
        x, y = widget.region.center
        return (x, y) if app.get_widget_at(x, y)[0] is widget else None

    where = target()
    if where is None:  # the layout has not caught up with the last tap yet
        await pilot.pause()
        where = target()
    assert where is not None, f"{selector} is not on screen"
    x, y = where
    mouse = dict(
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
    screen = app.screen
    app.post_message(MouseDown(**mouse))
    app.post_message(MouseUp(**mouse))
    # Settle on messages (fast); a new screen mounting needs Pilot's full pause.
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()
    if app.screen is not screen:
        await pilot.pause()


def key_for(character: str) -> str:
    return "#key-space" if character == " " else "#" + key_id(character.lower())


async def tap_text(pilot, text: str) -> None:
    """Type on the on-screen keyboard the way a finger would, pressing Shift for capitals
    the keyboard has not already capitalised."""
    from kiosk.ui.widgets.touch_keyboard import TouchKeyboard

    keyboard = pilot.app.screen.query_one(TouchKeyboard)
    for character in text:
        wrong_case = character.isalpha() and character.isupper() != keyboard.upper
        if wrong_case and not keyboard.caps_only:
            await tap(pilot, "#key-shift")
        await tap(pilot, key_for(character))


async def tap_sign_in(pilot, visitor_type: str, answers: list[str]) -> None:
    """From welcome to the rules screen by taps only: type button, then each answer + Next."""
    await tap(pilot, "#sign-in")
    await tap(pilot, f"#type-{visitor_type}")
    for answer in answers:
        await tap_text(pilot, answer)
        await tap(pilot, "#key-done")


async def type_keys(pilot, text: str, then_enter: bool = False) -> None:
    """A physical keyboard or USB scanner: key events posted to the app as the driver posts
    them, fast (a scanner types a whole code in a few milliseconds), then one settle."""
    from textual import events
    from textual.keys import _character_to_key

    for character in text:
        key = character if character.isalnum() else _character_to_key(character)
        pilot.app.post_message(events.Key(key, character))
    if then_enter:
        pilot.app.post_message(events.Key("enter", "\r"))
    await pilot.pause()
