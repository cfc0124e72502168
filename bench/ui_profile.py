"""Where a touchscreen step's time goes: the kiosk's own code, Textual's, Rich's, or the rest.

    python -m bench.ui_profile [--journeys 5] [--size 80x24]

The journey of bench/ui.py (two warm-up journeys, then `--journeys` profiled ones) in this
process, under cProfile switched on only for the taps of one kind of step at a time. Each
function's own time (not counting what it calls) is put to whoever wrote it: kiosk/ and
hardware/ are the kiosk's, textual/ Textual's, rich/ Rich's; "store" is the record store's
libraries and its disk (tinydb, json, and the os calls that write and fsync: a durable write
waits for the disk); asyncio is Textual's event loop. A built-in or standard-library
function's time goes to whoever called it; what is left is "other". Printed per
step: the profiled milliseconds per tap and each share, then the kiosk's busiest functions in
the steps where its share is largest. Profiling slows every Python function alike, so the
shares are what to read, not the milliseconds. Nothing is asserted: the figures go in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import ui

OWNERS = (("/kiosk/", "kiosk"), ("/hardware/", "kiosk"), ("/textual/", "textual"),
          ("/rich/", "rich"), ("/tinydb/", "store"), ("/json/", "store"),
          ("/asyncio/", "asyncio"))  # fmt: skip
OWNER_NAMES = ("kiosk", "textual", "rich", "store", "asyncio", "other")
DISK_CALLS = ("fsync", "posix.write", "posix.replace", "posix.open", "posix.rename", "io.open",
              "_io.open", "json")  # fmt: skip


def owner(filename: str, function: str) -> str:
    if filename == "~":  # a built-in: the disk's, when it is one of the store's calls
        return "store" if any(call in function for call in DISK_CALLS) else "other"
    for part, name in OWNERS:
        if part in filename:
            return name
    return "other"


async def profiled_journeys(journeys: int) -> dict[str, tuple[cProfile.Profile, int]]:
    profiles: dict[str, cProfile.Profile] = defaultdict(cProfile.Profile)
    taps: dict[str, int] = defaultdict(int)

    async def measure(pilot: Any, selector: str, kind: str) -> float:
        from kiosk.ui.testing import post_tap, tap_point

        where = tap_point(pilot.app, selector)
        assert where is not None, f"{selector} is not on screen"
        profile = profiles[kind]
        profile.enable()
        post_tap(pilot.app, *where)
        await ui.settle_and_draw(pilot)
        profile.disable()
        taps[kind] += 1
        await pilot.pause()
        return 0.0

    with tempfile.TemporaryDirectory() as folder:
        app = ui.build_app(Path(folder))
        async with app.run_test(size=ui.SIZE) as pilot:
            await pilot.pause()
            for _ in range(ui.WARM_UP_JOURNEYS):
                await ui.journey(pilot, defaultdict(list))
            for _ in range(journeys):
                await ui.journey(pilot, defaultdict(list), measure)
    return {kind: (profiles[kind], taps[kind]) for kind in profiles}


# Textual's own time, by what it was doing (its source files' names say).
TEXTUAL_PARTS = (
    ("styles (CSS)", ("/css/", "_styles_cache", "dom.py")),
    ("layout", ("_compositor", "_arrange", "/layouts/", "_layout", "geometry", "box_model")),
    ("drawing", ("strip", "render", "content.py", "visual.py", "_segment", "filter", "color")),
    ("messages, events", ("message", "_context", "events.py", "_callback", "timer", "reactive")),
)


def textual_part(filename: str) -> str:
    for name, markers in TEXTUAL_PARTS:
        if any(marker in filename for marker in markers):
            return name
    return "the rest"


def textual_breakdown(profile: cProfile.Profile) -> dict[str, float]:
    """Textual's own time (built-ins it calls included), by part: seconds."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    parts: dict[str, float] = defaultdict(float)
    for (filename, _line, function), (_, _, own, _, callers) in stats.items():
        if owner(filename, function) == "textual":
            parts[textual_part(filename)] += own
        elif owner(filename, function) == "other" and callers:
            spent = sum(timing[2] for timing in callers.values()) or 1.0
            for caller, timing in callers.items():
                if owner(caller[0], caller[2]) == "textual":
                    parts[textual_part(caller[0])] += own * timing[2] / spent
    return parts


def shares(profile: cProfile.Profile) -> tuple[float, dict[str, float], list[tuple[float, str]]]:
    """(total seconds, seconds by owner, the kiosk's functions by own time)."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    by_owner: dict[str, float] = defaultdict(float)
    kiosk: list[tuple[float, str]] = []
    for (filename, line, function), (_, _, own, _, callers) in stats.items():
        who = owner(filename, function)
        if who == "kiosk":
            kiosk.append((own, f"{Path(filename).name}:{line} {function}"))
        if who != "other" or not callers:
            by_owner[who] += own
            continue
        # A built-in or a standard-library function (isinstance, a dict's get, weakref) is
        # put to whoever called it, in proportion to the time it spent for each caller.
        spent = sum(timing[2] for timing in callers.values()) or 1.0
        for caller, timing in callers.items():
            by_owner[owner(caller[0], caller[2])] += own * timing[2] / spent
    return sum(by_owner.values()), by_owner, sorted(kiosk, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=5, help="profiled journeys (default 5)")
    parser.add_argument("--size", default="80x24", metavar="COLSxROWS")
    args = parser.parse_args()
    ui.set_size(args.size)
    results = asyncio.run(profiled_journeys(args.journeys))
    print(f"Profile of {args.journeys} journeys at {ui.SIZE[0]}x{ui.SIZE[1]}: own time by owner")
    print()
    header = f"{'step':<40} {'taps':>5} {'ms/tap':>7}" + "".join(
        f" {name:>7}" for name in OWNER_NAMES
    )
    print(header)
    print("-" * len(header))
    busiest: list[tuple[float, str, list[tuple[float, str]]]] = []
    for kind, (profile, taps) in results.items():
        total, by_owner, kiosk = shares(profile)
        share = {k: by_owner.get(k, 0.0) / total if total else 0.0 for k in OWNER_NAMES}
        print(
            f"{kind:<40} {taps:>5} {total / taps * 1000:>7.1f}"
            + "".join(f" {share[name]:>7.0%}" for name in OWNER_NAMES)
        )
        busiest.append((share["kiosk"], kind, kiosk[:5]))
    print()
    names = [name for name, _ in TEXTUAL_PARTS] + ["the rest"]
    print("Textual's share, by what it was doing (of the whole step)")
    print(f"{'step':<40}" + "".join(f" {name:>16}" for name in names))
    for kind, (profile, _taps) in results.items():
        total = shares(profile)[0] or 1.0
        parts = textual_breakdown(profile)
        print(f"{kind:<40}" + "".join(f" {parts.get(n, 0.0) / total:>16.0%}" for n in names))
    print()
    for kiosk_share, kind, functions in sorted(busiest, reverse=True)[:3]:
        print(f"{kind} ({kiosk_share:.0%} the kiosk's own): its busiest functions, own time")
        taps = results[kind][1]
        for own, name in functions:
            print(f"    {own / taps * 1000:7.2f} ms/tap  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
