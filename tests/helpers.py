"""The one test-helper module: every test folder drives the kiosk the same way.

- building the app (`make_app`): heartbeat off, so tests move their FakeClock and call
  `beat()`; the double-tap guard off, since journeys tap faster than any finger;
- a finger's tap as the terminal sends it (`tap`, from kiosk.ui.testing, shared with
  bench/ui.py), typing on the on-screen keyboard (`tap_text`), a physical keyboard or USB
  scanner (`type_keys`), the PIN pad (`enter_pin`);
- reading the rules to the end (`tap_read_on`, `tap_agree`): each page waited for;
- the lock's pin history (`lock_history`, `unlock_pulses`);
- waiting without sleeping (`beat`, `wait_for`, `read_until`).
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import Any

from textual.worker import WorkerFailed

from hardware.settings import HardwareSettings
from kiosk.config import load_config
from kiosk.domain.clock import FakeClock
from kiosk.services.context import KioskContext
from kiosk.ui.app import KioskApp
from kiosk.ui.testing import settle, tap
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard, key_id

__all__ = ["settle", "tap"]

SIZE = (100, 30)  # the 7" 800x480 touchscreen in foot
STAFF_PIN = "482619"
OTHER_PIN = "915730"

# --- building ------------------------------------------------------------------------------


def make_app(context: KioskContext | None = None, hardware: Any = None) -> KioskApp:
    """The kiosk app as tests drive it: no timer (`beat()` moves it on), no tap guard."""
    app = KioskApp(context, hardware, heartbeat=False)
    app.tap_guard.seconds = 0  # journeys tap faster than a finger; the guard has its own tests
    return app


def hardware_settings(**changes: Any) -> HardwareSettings:
    """The shipped hardware settings (data/kiosk.toml, their only defaults), changed."""
    return replace(load_config().hardware, **changes)


# --- time ----------------------------------------------------------------------------------


async def beat(pilot: Any, seconds: float = 0) -> None:
    """Let `seconds` pass on the fake clock, then run the app's heartbeat once and settle."""
    app: KioskApp = pilot.app
    if seconds:
        clock = app.context.clock
        assert isinstance(clock, FakeClock), "tests move a FakeClock, never real time"
        clock.advance(seconds)
    app.heartbeat()
    await pilot.pause()


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Wait until condition() holds (for another thread), never asserting how long it took."""
    pause = threading.Event()
    for _ in range(int(timeout / 0.005)):
        if condition():
            return True
        pause.wait(0.005)
    return condition()


def read_until(fd: int, wanted: bytes, seen: bytearray | None = None, limit: float = 60.0) -> bytes:
    """Read a terminal (pty) into `seen` until `wanted` appears; fails saying what came."""
    seen = bytearray() if seen is None else seen
    deadline = time.monotonic() + limit
    while wanted not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {wanted!r} on the terminal; got {bytes(seen)!r}"
        ready, _, _ = select.select([fd], [], [], min(remaining, 0.5))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the other side closed the terminal
                chunk = b""
            assert chunk, f"terminal closed before {wanted!r}; got {bytes(seen)!r}"
            seen.extend(chunk)
    return bytes(seen)


# --- fingers and keys ----------------------------------------------------------------------


def key_for(character: str) -> str:
    return "#key-space" if character == " " else "#" + key_id(character.lower())


async def tap_text(pilot: Any, text: str) -> None:
    """Type on the on-screen keyboard the way a finger would, pressing Shift for capitals
    the keyboard has not already capitalised."""
    keyboard = pilot.app.screen.query_one(TouchKeyboard)
    for character in text:
        wrong_case = character.isalpha() and character.isupper() != keyboard.upper
        if wrong_case and not keyboard.caps_only:
            await tap(pilot, "#key-shift")
        await tap(pilot, key_for(character))


async def tap_sign_in(pilot: Any, visitor_type: str, answers: list[str]) -> None:
    """From welcome to the rules screen by taps only: type button, then each answer + Next."""
    await tap(pilot, "#sign-in")
    await tap(pilot, f"#type-{visitor_type}")
    for answer in answers:
        await tap_text(pilot, answer)
        await tap(pilot, "#key-done")


async def wait_for_agree(pilot: Any, pauses: int = 10) -> bool:
    """Until the rules screen shows "I agree" (at once where the rules fit the screen, once it
    has laid them out and seen their end), without tapping; False if it still reads "Read on".
    In the visitor's language."""
    from kiosk.ui.language import _
    from kiosk.ui.screens.rules import AGREE_LABEL

    for _pause in range(pauses):
        await pilot.pause()
        if str(pilot.app.screen.query_one("#agree").label) == _(AGREE_LABEL):
            return True
    return False


async def rules_laid_out(pilot: Any, pauses: int = 50) -> None:
    """Until the rules screen has laid out this visitor's text and scrolled it home: before
    that its button reads Read on whatever the text's length, and a Read on may not scroll."""
    screen = pilot.app.screen
    for _pause in range(pauses):
        if getattr(screen, "measuring", False):
            return
        await pilot.pause()
    raise AssertionError(f"the rules were never laid out (on {type(screen).__name__})")


async def read_on_landed(pilot: Any, scroll_y_before: float, pauses: int = 50) -> None:
    """After a tap on Read on (the rules scrolled to `scroll_y_before`): until the next page
    is on screen and I agree's words match it. Textual scrolls a page after the screen's
    next refresh, which on a busy machine can come after the tap has settled and after a
    pause; the button's words follow the scroll. A test that read the button in between saw
    Read on with the end about to show, and its next tap was (rightly) taken as I agree."""
    from kiosk.ui.language import _
    from kiosk.ui.screens.rules import AGREE_LABEL, RulesScreen

    screen = pilot.app.screen
    assert isinstance(screen, RulesScreen), "the Read on tap was taken as I agree"
    scroll = screen.query_one("#rules-scroll")
    agree = screen.query_one("#agree")
    for _pause in range(pauses):
        if scroll.scroll_y > scroll_y_before:
            at_end = scroll.scroll_y >= scroll.max_scroll_y
            if not at_end or str(agree.label) == _(AGREE_LABEL):
                return
        await pilot.pause()
    if scroll.scroll_y > scroll_y_before:
        raise AssertionError("the end of the rules was on screen but I agree was never offered")
    raise AssertionError("Read on did not show the next page")


async def tap_read_on(pilot: Any) -> None:
    """Tap Read on, as a visitor does to see the next page of the rules, and wait until that
    page is on screen and I agree's words have caught up with it (see read_on_landed)."""
    from kiosk.ui.language import _
    from kiosk.ui.screens.rules import READ_ON_LABEL

    await rules_laid_out(pilot)
    scroll = pilot.app.screen.query_one("#rules-scroll")
    assert str(pilot.app.screen.query_one("#agree").label) == _(READ_ON_LABEL)
    before = scroll.scroll_y
    await tap(pilot, "#agree")
    await read_on_landed(pilot, before)


async def read_rules_to_end(pilot: Any, pages: int = 30) -> None:
    """Tap Read on until I agree shows (at once where the rules fit), as a visitor does."""
    from kiosk.ui.language import _
    from kiosk.ui.screens.rules import AGREE_LABEL

    await rules_laid_out(pilot)
    for _page in range(pages):
        if str(pilot.app.screen.query_one("#agree").label) == _(AGREE_LABEL):
            return
        await tap_read_on(pilot)
    raise AssertionError("Read on never reached the end of the rules")


async def tap_agree(pilot: Any) -> None:
    """Tap "Read on" until the end of the rules shows (it fits at once on a big screen), then
    I agree, as a visitor does."""
    await read_rules_to_end(pilot)
    await tap(pilot, "#agree")


async def type_keys(pilot: Any, text: str, then_enter: bool = False) -> None:
    """A physical keyboard or USB scanner: key events posted to the app as the driver posts
    them, fast (a scanner types a whole code in a few milliseconds), then one settle."""
    from textual import events
    from textual.keys import _character_to_key

    screen = pilot.app.screen
    for character in text:
        key = character if character.isalnum() else _character_to_key(character)
        pilot.app.post_message(events.Key(key, character))
    if then_enter:
        pilot.app.post_message(events.Key("enter", "\r"))
    # As a tap does: until everything the keys set off is handled (a scanned pass signs out
    # and the goodbye screen comes), since one pause may end first on a busy machine.
    await settle(pilot)
    await pilot.pause()
    if pilot.app.screen is not screen:
        await settle(pilot)


async def enter_pin(pilot: Any, pin: str) -> None:
    """Tap the PIN on the pad and OK, then wait for the off-thread check to finish."""
    for digit in pin:
        await tap(pilot, f"#pin-{digit}")
    await tap(pilot, "#pin-ok")
    with contextlib.suppress(WorkerFailed):  # a refused PIN: the screen says so
        await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    await pilot.pause()


async def log_in(pilot: Any, pin: str = STAFF_PIN) -> None:
    await tap(pilot, "#staff")
    await enter_pin(pilot, pin)


# --- the lock ------------------------------------------------------------------------------


def lock_history(hw: Any) -> list[bool]:
    """Every state the lock pin has been in, oldest first (True = energised = unlocked)."""
    return [bool(s.state) for s in hw.lock.pin.states]


def unlock_pulses(hw: Any) -> int:
    history = lock_history(hw)
    return sum(1 for a, b in pairwise(history) if not a and b)


def put_phone(
    context: Any, hardware: Any, staff: Any, name: str, bag: str, parent_only: bool = False
) -> Any:
    """A phone already in the store (stored by the service, the lock shut again after)."""
    from kiosk.services.phones.phone_store import check_phone_form, store_phone

    details = check_phone_form(name, "Year 5", "Blue Samsung", bag, "arrival", parent_only)
    phone = store_phone(context, hardware, details, staff.id)
    hardware.lock.lock()
    return phone
