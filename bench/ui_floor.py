"""Textual's own floor for the touchscreen benchmark: what the same taps cost in minimal apps.

bench/ui.py times each kiosk step; a figure alone does not say how much of it is the kiosk's
own doing. These apps do the least a step can do, measured the same way and in the same run
(post mouse down and up, wait until handled and redrawn, subtract idle settle):

- label tap: a button whose tap updates a label;
- key grid: 40 buttons in a grid, each tap appending its letter to an Input;
- screen push / pop: a button that pushes a small screen (a label and a button) and its
  button that pops it again.

Each kiosk step is compared with the floor of its kind (a key with the key grid, a screen
change with push/pop), and the kiosk's cold start with a minimal app's.
"""

from __future__ import annotations

import json
import resource
import statistics
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Button, Input, Label

KEYS = "QWERTYUIOPASDFGHJKL'ZXCVBNM-1234567890.,"  # 40 keys, as on a touch keyboard
assert len(KEYS) == 40

LABEL_TAP = "label tap"
KEY_GRID = "key grid: key"
SCREEN_PUSH = "screen push"
SCREEN_POP = "screen pop"
SCREEN_CHANGE = "screen push/pop"  # the floor for a step that changes screen: push and pop

# Which floor each kiosk step is measured against: keys against the key grid, everything
# that changes screen (or the step shown) against push/pop.
FLOOR_FOR_STEP = {
    "sign in: letter key": KEY_GRID,
    "key: shift": KEY_GRID,
    "sign out: letter key + search": KEY_GRID,
}


def floor_for(step: str) -> str:
    return FLOOR_FOR_STEP.get(step, SCREEN_CHANGE)


Tap = Callable[[Any, str], Awaitable[float]]  # bench.ui.tap_and_settle(pilot, selector) -> ms


def _untouchable(buttons: Any) -> None:
    for button in buttons:
        button.can_focus = False  # as in the kiosk: touch needs no focus


class LabelTapApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Button("Tap me", id="tap")
        yield Label("tapped 0 times", id="count")

    def on_mount(self) -> None:
        _untouchable(self.query(Button))
        self.taps = 0

    def on_button_pressed(self) -> None:
        self.taps += 1
        self.query_one("#count", Label).update(f"tapped {self.taps} times")


def _key_id(index: int) -> str:
    return f"key-{index}"


class KeyGridApp(App[None]):
    CSS = "Grid { grid-size: 10 4; } Grid Button { width: 100%; min-width: 4; }"

    def compose(self) -> ComposeResult:
        yield Input(id="typed")
        with Grid():
            for index, key in enumerate(KEYS):
                yield Button(key, id=_key_id(index))

    def on_mount(self) -> None:
        _untouchable(self.query(Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        typed = self.query_one("#typed", Input)
        typed.value += str(event.button.label)


class SmallScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("A small screen")
        yield Button("Back", id="back")

    def on_mount(self) -> None:
        _untouchable(self.query(Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()  # the app's handler would push the screen again
        self.app.pop_screen()


class PushPopApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("The first screen")
        yield Button("Open", id="open")

    def on_mount(self) -> None:
        _untouchable(self.query(Button))

    def on_button_pressed(self) -> None:
        self.push_screen(SmallScreen())


async def _measure(app: App[None], size: tuple[int, int], rounds: int, tap: Tap) -> dict:
    timings: dict[str, list[float]] = defaultdict(list)

    async def timed_tap(pilot: Any, selector: str) -> float:
        # A Button ignores clicks while its press effect shows (0.2 s); a finger's next tap
        # on the same button comes later than that, so wait it out, outside the timing.
        while app.screen.query_one(selector).has_class("-active"):
            await pilot.pause(0.02)
        return await tap(pilot, selector)

    async def taps(pilot: Any, into: dict[str, list[float]]) -> None:
        if isinstance(app, LabelTapApp):
            for _ in range(20):
                into[LABEL_TAP].append(await timed_tap(pilot, "#tap"))
        elif isinstance(app, KeyGridApp):
            for index in range(len(KEYS)):
                into[KEY_GRID].append(await timed_tap(pilot, "#" + _key_id(index)))
        else:
            for _ in range(10):
                into[SCREEN_PUSH].append(await timed_tap(pilot, "#open"))
                into[SCREEN_POP].append(await timed_tap(pilot, "#back"))

    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await taps(pilot, defaultdict(list))  # warm-up, as for the kiosk's journeys
        for _ in range(rounds):
            await taps(pilot, timings)
        if isinstance(app, LabelTapApp):  # every tap counted, none lost to the press effect
            assert app.taps == 20 * (rounds + 1), app.taps
        if isinstance(app, KeyGridApp):
            assert len(app.query_one("#typed", Input).value) == len(KEYS) * (rounds + 1)
    return timings


def child_floor(rounds: int, size: tuple[int, int], tap: Tap) -> None:
    """Run in a fresh process: every floor app's timings as JSON."""
    import asyncio

    async def main() -> dict[str, list[float]]:
        timings: dict[str, list[float]] = {}
        for app in (LabelTapApp(), KeyGridApp(), PushPopApp()):
            timings.update(await _measure(app, size, rounds, tap))
        timings[SCREEN_CHANGE] = timings[SCREEN_PUSH] + timings[SCREEN_POP]
        return timings

    print(json.dumps({"timings": asyncio.run(main())}))


def child_floor_cold_start(size: tuple[int, int]) -> None:
    """Run in a fresh process: a minimal app draws its first screen; print READY, peak memory."""
    app = LabelTapApp()

    def ready() -> None:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"READY {peak_kb}", flush=True)
        app.exit()

    app.call_later(lambda: app.call_after_refresh(ready))
    app.run(headless=True, size=size)


# --- the report ---------------------------------------------------------------------------------


def print_against_floor(
    kiosk: dict[str, list[float]],
    floor: dict[str, list[float]],
    kiosk_cold: list[float],
    floor_cold: list[float],
    limit_ms: float | None = None,
) -> dict[str, float]:
    """Each kiosk step's median beside its floor's; returns the ratios by step."""
    goal = "goal <= 1.5x" + (f" and <= {limit_ms:.0f} ms" if limit_ms else "")
    print(f"{'floor (minimal Textual app)':<40} {'taps':>5} {'median ms':>10}")
    print("-" * 58)
    for kind in (LABEL_TAP, KEY_GRID, SCREEN_PUSH, SCREEN_POP, SCREEN_CHANGE):
        values = floor[kind]
        print(f"{kind:<40} {len(values):>5} {statistics.median(values):>10.1f}")
    print()
    print(f"{'kiosk step':<40} {'median':>7} {'floor':>16} {'ratio':>6}  {goal}")
    print("-" * 90)
    ratios: dict[str, float] = {}
    for kind, values in kiosk.items():
        if kind == "journey total":
            continue
        median = statistics.median(values)
        against = floor_for(kind)
        base = statistics.median(floor[against])
        ratio = median / base if base > 0 else float("inf")
        ratios[kind] = ratio
        ok = ratio <= 1.5 and (limit_ms is None or median <= limit_ms)
        print(f"{kind:<40} {median:>7.1f} {against:>16} {ratio:>5.1f}x  {'ok' if ok else 'OVER'}")
    kiosk_start, floor_start = statistics.median(kiosk_cold), statistics.median(floor_cold)
    ratio = kiosk_start / floor_start
    ratios["cold start"] = ratio
    print("-" * 90)
    print(
        f"cold start to first screen: kiosk {kiosk_start:.2f} s, minimal Textual app "
        f"{floor_start:.2f} s (medians of {len(kiosk_cold)}): {ratio:.1f}x  goal <= 1.5x: "
        f"{'ok' if ratio <= 1.5 else 'OVER'}"
    )
    return ratios
