"""Late arrivals and collections at the foyer: taps, and the pupil search against Textual's floor.

    python -m bench.attendance [--rounds 3] [--pupils 1500]

For each journey (a late arrival with a listed reason and the adult's name; one who came on
their own with "Other" typed; a collection request) it counts the finger's taps outside the
typed names, as the issue counts them. Then, on a roster of `--pupils` pupils (a secondary
school's 1,500 by default) and of 10 pupils, it times each letter typed on the pupil step
("Amelia Harper" on the on-screen keyboard: every key a step, the search included once a
full first name and two letters are in), measured as bench/ui.py measures a tap (post the
finger's down and up, wait until handled and redrawn, less the idle settle), beside the same
measurement of Textual's own floor for a key (bench/ui_floor.py's key grid, in the same run,
in turns, each round a fresh process). It also times building the roster's index (done once
per roster change, off the UI thread when a journey starts) and one search on its own.
Nothing is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

SIZE = (80, 24)  # the 7" panel with large text: the smallest the kiosk supports
NAME = "Amelia Harper"
FORENAMES = (
    "Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur", "Ivy", "Muhammad",
    "Freya", "George", "Lily", "Theo", "Sophia", "Oscar", "Grace", "Harry", "Zoë", "Ali",
)  # fmt: skip
SURNAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Hart", "Khan", "O'Neill", "Nowak",
)  # fmt: skip


def roster_csv(pupils: int) -> str:
    """`pupils` pupils with realistic clashes (many Amelias; Hall, Hart and Harper all start
    "Ha"), one of them Amelia Harper: an MIS export as `kiosk pupils import` reads it."""
    lines = ["Adno,Preferred Forename,Preferred Surname,Year,Reg Group",
             "099999,Amelia,Harper,9,9H"]  # fmt: skip
    for n in range(pupils - 1):
        forename = FORENAMES[n % len(FORENAMES)]
        surname = SURNAMES[(n // len(FORENAMES)) % len(SURNAMES)]
        if n // (len(FORENAMES) * len(SURNAMES)):
            surname += f"-{SURNAMES[n % 7]}"  # beyond 500: double-barrelled, still unique
        year = 7 + n % 5
        lines.append(f"{100000 + n},{forename},{surname},{year},{year}{'ABCDEFGH'[n % 8]}")
    return "\n".join(lines) + "\n"


def make_context(folder: Path, pupils: int) -> Any:
    from dataclasses import replace

    from kiosk.config import load_config
    from kiosk.domain.clock import FakeClock
    from kiosk.domain.roster_csv import read_roster
    from kiosk.services.context import KioskContext
    from kiosk.services.pupils.roster_import import import_roster
    from kiosk.store import RecordStore

    config = load_config()
    config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
    context = KioskContext(config, RecordStore.open(folder, config.tz, start_trail=True),
                           FakeClock("2026-11-25T09:12:00"))  # fmt: skip
    import_roster(context, read_roster(roster_csv(pupils)))
    return context


def build_app(context: Any) -> Any:
    from kiosk.ui.app import KioskApp

    app = KioskApp(context, heartbeat=False)
    app.tap_guard.seconds = 0
    return app


# --- tap counts ----------------------------------------------------------------------------

JOURNEYS: dict[str, list[tuple[str, str]]] = {
    # ("tap", selector) is a finger's tap; ("type", text) a typed name (keys not counted);
    # ("next", ...) the Next key that ends a typed name (counted with the name).
    "late arrival: listed reason, brought by an adult": [
        ("tap", "#late-arrival"), ("type", "Amelia Harp"), ("tap", "#pick-0"),
        ("tap", "#reason-2"), ("type", "Jane Harper"), ("next", "#key-done"),
        ("tap", "#phone-yes"),
    ],
    "late arrival: Other (typed), came on their own": [
        ("tap", "#late-arrival"), ("type", "Amelia Harp"), ("tap", "#pick-0"),
        ("tap", "#reason-other"), ("type", "Bus broke down"), ("next", "#key-done"),
        ("tap", "#came-alone"), ("tap", "#phone-no"),
    ],
    "collection request": [
        ("tap", "#collect-pupil"), ("type", "Amelia Harp"), ("tap", "#pick-0"),
        ("tap", "#reason-0"), ("type", "Jane Harper"), ("next", "#key-done"),
        ("tap", "#relationship-0"), ("tap", "#return-yes"),
    ],
}  # fmt: skip
TAP_GOAL = 5


async def type_text(pilot: Any, text: str) -> None:
    """On the on-screen keyboard, Shift where the keyboard has not capitalised by itself."""
    from kiosk.ui.testing import tap
    from kiosk.ui.widgets.touch_keyboard import key_id

    for character in text:
        keyboard = pilot.app.screen.query_one("#keyboard")
        if character.isalpha() and character.isupper() != keyboard.upper:
            await tap(pilot, "#key-shift")
        await tap(pilot, "#key-space" if character == " " else "#" + key_id(character.lower()))


async def count_taps(pilot: Any, steps: list[tuple[str, str]]) -> int:
    from kiosk.ui.testing import tap

    taps = 0
    for kind, what in steps:
        if kind == "type":
            await type_text(pilot, what)
            continue
        await tap(pilot, what)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        taps += kind == "tap"
    assert pilot.app.screen.__class__.__name__ in ("MessageScreen", "CollectionWaitScreen")
    return taps


def child_taps() -> None:
    import asyncio

    async def main() -> dict[str, int]:
        counts = {}
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(make_context(Path(folder), 500))
            async with app.run_test(size=SIZE) as pilot:
                for name, steps in JOURNEYS.items():
                    app.return_to_welcome()
                    await pilot.pause()
                    counts[name] = await count_taps(pilot, steps)
        return counts

    print(json.dumps({"taps": asyncio.run(main())}))


# --- the pupil step, key by key --------------------------------------------------------------


async def type_name(pilot: Any, timings: dict[str, list[float]]) -> None:
    from bench.ui import tap_and_settle
    from kiosk.domain.pupil_name_search import search_key
    from kiosk.ui.widgets.touch_keyboard import key_id

    await tap_and_settle(pilot, "#late-arrival")
    await pilot.app.workers.wait_for_complete()  # the index: built off the UI thread
    await pilot.pause()
    typed = ""
    for character in NAME:
        keyboard = pilot.app.screen.query_one("#keyboard")
        if character.isalpha() and character.isupper() != keyboard.upper:
            await tap_and_settle(pilot, "#key-shift")
        typed += character
        kind = "pupil step: key (search)" if search_key(typed) else "pupil step: key (no search)"
        selector = "#key-space" if character == " " else "#" + key_id(character.lower())
        timings[kind].append(await tap_and_settle(pilot, selector))
    shown = [b for b in pilot.app.screen.query(".pick") if b.display]
    assert shown, "nobody found: the roster has an Amelia Harper"
    pilot.app.return_to_welcome()
    await pilot.pause()


def child_keys(pupils: int, rounds: int) -> None:
    import asyncio

    async def main() -> dict[str, list[float]]:
        timings: dict[str, list[float]] = defaultdict(list)
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(make_context(Path(folder), pupils))
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await type_name(pilot, defaultdict(list))  # warm-up: CSS, imports
                for _ in range(rounds):
                    await type_name(pilot, timings)
        return timings

    print(json.dumps({"timings": asyncio.run(main())}))


def index_timings(pupils: int) -> dict[str, float]:
    """Building the index from the roster (ms, median of 5) and one search (µs)."""
    from kiosk.domain.pupil_name_search import PublicPupilIndex
    from kiosk.services.pupils.pupil_roster import list_pupils

    with tempfile.TemporaryDirectory() as folder:
        context = make_context(Path(folder), pupils)
        builds = []
        for _ in range(5):
            start = time.perf_counter()
            index = PublicPupilIndex.build(list_pupils(context))
            builds.append((time.perf_counter() - start) * 1000)
        searches = []
        for _ in range(2000):
            start = time.perf_counter()
            index.search("Amelia Har", 4)
            searches.append((time.perf_counter() - start) * 1e6)
    return {"build_ms": statistics.median(builds), "search_us": statistics.median(searches),
            "keys": len(index.keys)}  # fmt: skip


# --- running ---------------------------------------------------------------------------------


def spawn_json(module: str, *args: str) -> dict[str, Any]:
    env = dict(os.environ, KIOSK_HARDWARE="mock")
    env.pop("KIOSK_DATA_DIR", None)
    repo = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, env=env,
        cwd=repo, timeout=3600, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pupils", type=int, default=1500)
    parser.add_argument("--child", choices=["taps", "keys"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "taps":
        child_taps()
        return 0
    if args.child == "keys":
        child_keys(args.pupils, 1)
        return 0

    from bench.ui_floor import KEY_GRID

    print(
        f"Attendance benchmark: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, terminal {SIZE[0]}x{SIZE[1]}, {args.rounds} rounds"
    )
    print()
    taps = spawn_json("bench.attendance", "--child", "taps")["taps"]
    print(f"{'journey':<52} {'taps':>5}  goal <= {TAP_GOAL} beside the typed names")
    print("-" * 80)
    for name, count in taps.items():
        print(f"{name:<52} {count:>5}  {'ok' if count <= TAP_GOAL else 'OVER'}")
    print()
    sizes = sorted({10, args.pupils})
    keys: dict[int, dict[str, list[float]]] = {n: defaultdict(list) for n in sizes}
    floor: list[float] = []
    for _ in range(args.rounds):  # kiosk and floor take turns, a fresh process each
        for pupils in sizes:
            found = spawn_json("bench.attendance", "--child", "keys", "--pupils", str(pupils))
            for kind, values in found["timings"].items():
                keys[pupils][kind].extend(values)
        found = spawn_json("bench.ui", "--child", "floor", "--rounds", "1")
        floor.extend(found["timings"][KEY_GRID])
    base = statistics.median(floor)
    print(f"Textual's floor, a key ({KEY_GRID}): median {base:.1f} ms over {len(floor)} taps")
    print()
    print(f"{'pupils':>7}  {'step':<30} {'keys':>5} {'median ms':>10} {'max ms':>8} {'ratio':>6}")
    print("-" * 76)
    for pupils in sizes:
        for kind, values in sorted(keys[pupils].items()):
            median = statistics.median(values)
            print(f"{pupils:>7}  {kind:<30} {len(values):>5} {median:>10.1f} "
                  f"{max(values):>8.1f} {median / base:>5.1f}x")  # fmt: skip
    print()
    for pupils in sizes:
        found = index_timings(pupils)
        print(f"index of {pupils} pupils ({found['keys']} name keys): built in "
              f"{found['build_ms']:.1f} ms (once per roster change, off the UI thread); "
              f"one search {found['search_us']:.0f} µs")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
