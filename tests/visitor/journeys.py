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
            await pilot.click("#key-shift")
        landed = await pilot.click(key_for(character))
        assert landed, f"no key for {character!r} on this keyboard"  # hidden digits, say


async def tap_sign_in(pilot, visitor_type: str, answers: list[str]) -> None:
    """From welcome to the rules screen by taps only: type button, then each answer + Next."""
    await pilot.click("#sign-in")
    await pilot.click(f"#type-{visitor_type}")
    for answer in answers:
        await tap_text(pilot, answer)
        await pilot.click("#key-done")
    await pilot.pause()
