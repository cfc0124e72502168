"""Every tap lands, once, on the real display stack (issue 27): sway, foot with the shipped
foot.ini, `kiosk demo`, and a virtual pointer for the finger.

Over two hundred taps at 0.3 to 0.6 s intervals go across the PIN pad (repeated digits), the
on-screen keyboard (double letters) and the step buttons of whole journeys. Each is counted
three times on its way in:

- sent: by this test;
- delivered: the button presses and releases the compositor sent foot (foot runs with
  WAYLAND_DEBUG, so a tap lost before the kiosk is blamed on the harness, not on the kiosk);
- received and acted on: the kiosk's own tap log (`kiosk demo --tap-log`), every tap with
  what it landed on, and every button and key that acted.

Where each target is comes from a twin: the same kiosk, headless, at the same size, with the
same demo records, tapped the same way. The twin's own tap log is what the real kiosk must
have done, tap for tap; its records are what the real one must have stored.

A finger waits for the screen to change before tapping what a step button brought up: after
such a tap the next one waits until foot and the kiosk are idle, then its interval. Taps on
one screen (letters, digits) follow each other at the interval, whatever the kiosk is doing.
A real bounce (a second tap 50 ms after the first, on the same spot) is refused.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.services.context import open_context
from kiosk.services.demo_seed import seed_demo, seed_demo_roster_and_regular
from kiosk.store.record_store import RecordStore
from kiosk.ui.screens.rules import AGREE_LABEL
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.tap_log import TAP_LOG
from kiosk.ui.testing import tap, tap_point
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard
from tests.e2e.test_wayland_stack import welcome_shown
from tests.e2e.wayland_stack import WaylandStack, missing_tools, poll, wayland_stack
from tests.helpers import key_for, make_app, read_on_landed, rules_laid_out

pytestmark = [
    pytest.mark.skipif(
        bool(missing_tools()),
        reason=f"not installed: {' '.join(missing_tools())} (.ci/run installs them)",
    ),
    pytest.mark.wayland,
    pytest.mark.timeout(600),
]

# Seconds between taps, in turn: every interval from 0.3 to 0.6 s, a third of them 0.3.
INTERVALS = (0.3, 0.45, 0.3, 0.6, 0.35, 0.3, 0.5, 0.4, 0.55)
MIN_TAPS = 200
BOUNCE_AFTER = 0.05  # a finger bouncing: the same spot again 50 ms later
DEMO_PIN = "2468"


class Finger:
    """Taps the real kiosk and its headless twin alike, paced as a brisk visitor taps."""

    def __init__(self, stack: WaylandStack, twin: Any, cell: tuple[int, int]) -> None:
        self.stack, self.twin, self.cell = stack, twin, cell
        self.sent: list[str] = []  # what each tap was aimed at
        self.last_tap = 0.0
        self.wait_for_screen = True  # the last tap changed the screen: let it show first

    async def tap(self, selector: str, *, moves: bool = False) -> None:
        """Tap `selector` on both; `moves`: this tap changes what is on the screen."""
        app = self.twin.app
        where = tap_point(app, selector)
        for _ in range(20):
            if where is not None:
                break
            await self.twin.pause()
            where = tap_point(app, selector)
        assert where is not None, f"{selector} is not on the twin's screen"
        x, y = int(where[0]), int(where[1])
        aimed = app.tap_target(x, y)[0]
        if self.wait_for_screen:
            self.stack.wait_until_idle()
            self.last_tap = max(self.last_tap, time.monotonic())
        interval = INTERVALS[len(self.sent) % len(INTERVALS)]
        # Pacing a finger, not waiting for the kiosk: the interval is the thing under test.
        await asyncio.sleep(max(0.0, self.last_tap + interval - time.monotonic()))
        self.last_tap = time.monotonic()
        width, height = self.cell
        self.stack.tap(x * width + width // 2, y * height + height // 2)
        self.sent.append(aimed)
        await tap(self.twin, selector)
        self.wait_for_screen = moves

    async def type(self, text: str) -> None:
        """Type on the on-screen keyboard, with Shift where the keyboard has not capitalised."""
        keyboard = self.twin.app.screen.query_one(TouchKeyboard)
        for character in text:
            if character.isalpha() and character.isupper() != keyboard.upper:
                await self.tap("#key-shift")
            await self.tap(key_for(character))

    async def sign_in(self, visitor_type: str, answers: list[str]) -> None:
        await self.tap("#sign-in", moves=True)
        await self.tap(f"#type-{visitor_type}", moves=True)
        for answer in answers:
            await self.type(answer)
            await self.tap("#key-done", moves=True)
        app = self.twin.app
        await rules_laid_out(self.twin)
        while str(app.screen.query_one("#agree").label) != AGREE_LABEL:
            before = app.screen.query_one("#rules-scroll").scroll_y
            await self.tap("#agree", moves=True)  # Read on
            await read_on_landed(self.twin, before)  # the twin's label, before it is read
        await self.tap("#agree", moves=True)
        await self.tap("#pass-done", moves=True)
        assert isinstance(app.screen, WelcomeScreen)

    async def staff_pin(self, junk: str) -> None:
        """Digits with repeats, cleared, then the PIN; then out of the staff menu again."""
        await self.tap("#staff", moves=True)
        for digit in junk:
            await self.tap(f"#pin-{digit}")
        await self.tap("#pin-clear")
        for digit in DEMO_PIN:
            await self.tap(f"#pin-{digit}")
        await self.tap("#pin-ok", moves=True)
        for _ in range(100):  # the twin checks the PIN on a worker thread
            if isinstance(self.twin.app.screen, StaffMenuScreen):
                break
            await self.twin.pause()
        assert isinstance(self.twin.app.screen, StaffMenuScreen)
        await self.tap("#staff-done", moves=True)


@contextmanager
def twin_tap_log() -> Iterator[list[str]]:
    """What the twin's buttons and keys did, as the kiosk's tap log words it."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    handler = Collect()
    level, propagate = TAP_LOG.level, TAP_LOG.propagate
    TAP_LOG.addHandler(handler)
    TAP_LOG.setLevel(logging.DEBUG)
    TAP_LOG.propagate = False
    try:
        yield lines
    finally:
        TAP_LOG.removeHandler(handler)
        TAP_LOG.setLevel(level)
        TAP_LOG.propagate = propagate


def acted(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(("press ", "key ", "ignored "))]


def visits(data_dir: Path) -> list[tuple[str, ...]]:
    store = RecordStore(data_dir, ZoneInfo("Europe/London"))
    return sorted(
        (v["visitor_type"], v["name"], v["organisation"], v["host"], v["car_reg"],
         v["signed_out_by"])
        for v in store.records("visits")
    )  # fmt: skip


def test_every_tap_lands_once_on_the_real_stack(tmp_path: Path) -> None:
    with wayland_stack(trace_taps=True) as stack:
        poll("the welcome screen in foot", lambda: welcome_shown(stack))
        cell = poll("foot's cell size", stack.foot_cell)
        grid = poll("the kiosk's terminal size", stack.kiosk_grid)
        twin_dir = tmp_path / "demo"
        context = open_context(None, twin_dir, create=True, demo=True)
        seed_demo(context)
        seed_demo_roster_and_regular(context)
        twin = make_app(context)

        async def journeys() -> Finger:
            async with twin.run_test(size=grid) as pilot:
                await pilot.pause()
                finger = Finger(stack, pilot, cell)
                await finger.sign_in(
                    "visitor",
                    ["Anna Abbott-Hill", "Mill Hill Supplies Ltd", "Mrs O'Connell", "AA11 BBB"],
                )
                await finger.staff_pin("11223")
                await finger.sign_in("parent-helper", ["Lloyd Kellett", "Miss Pugh", "LL55 MMM"])
                await finger.staff_pin("99330")
                await finger.sign_in(
                    "contractor", ["Ross Mann", "Scott and Bell Glass", "Mr Dunn", "KK88 OOP"]
                )
                await finger.staff_pin("55007")
                # Signing out by name: the match, then yes, then OK on the goodbye.
                await finger.tap("#sign-out", moves=True)
                await finger.type("abbz")
                await finger.tap("#key-backspace")
                await finger.tap("#key-backspace")
                await finger.type("b")
                await finger.tap("#match-0", moves=True)
                await finger.tap("#confirm", moves=True)
                await finger.tap("#ok", moves=True)
                return finger

        with twin_tap_log() as twin_lines:
            finger = asyncio.run(journeys())
        sent = len(finger.sent)
        assert sent >= MIN_TAPS, sent
        stack.wait_until_idle()

        # A bounce: Sign in, and the same spot again 50 ms later (where the visitor types
        # now are). The second must not act.
        sign_in = poll("the welcome screen", lambda: welcome_shown(stack))[1]
        stack.tap(*sign_in.centre)
        time.sleep(BOUNCE_AFTER)  # the bounce's timing is the point of this step
        stack.tap_again()  # the same spot, without moving there again: well inside 0.25 s
        stack.wait_until_idle()

        presses, releases = stack.buttons_delivered()
        lines = stack.tap_log_lines()
        received = [line.split() for line in lines if line.startswith("received ")]
        stored = visits(stack.data_dir)

    # 1. The compositor delivered every tap to foot: a shortfall here is the harness's.
    assert (presses, releases) == (sent + 2, sent + 2), (
        f"sent {sent + 2} taps; the compositor delivered {presses} presses and {releases} "
        "releases to foot: the test's pointer or the compositor lost them, not the kiosk"
    )
    # 2. The kiosk received each, on the target it was aimed at, and took every deliberate one.
    assert len(received) == sent + 2, f"sent {sent + 2}, the kiosk received {len(received)}"
    assert [r[4] for r in received[:sent]] == finger.sent
    assert [r[5] for r in received[:sent]] == ["taken"] * sent
    # ... and refused the bounce only.
    assert [r[5] for r in received[sent:]] == ["taken", "bounce"], received[sent:]
    # 3. It did what the twin did, tap for tap: nothing lost, nothing doubled.
    real = acted(lines)
    assert real[: len(acted(twin_lines))] == acted(twin_lines)
    assert real[len(acted(twin_lines)) :] == ["press sign-in"], "the bounce acted"
    # 4. And stored what the twin stored: every name typed letter for letter.
    assert stored == visits(twin_dir)
    print(f"taps sent {sent + 2}, delivered {presses}, received {len(received)}, bounce refused")
