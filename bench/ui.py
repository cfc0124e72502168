"""Touchscreen benchmark: a full sign-in and sign-out driven through Textual's Pilot.

    python -m bench.ui [--rounds 5] [--starts 5] [--cpu-quota 0.25] [--size 80x24]

A visitor taps Sign in, their type, types a 12-letter name ("Amelia Harper") key by key on
the on-screen keyboard, answers the host and car questions, agrees to the rules and dismisses
the pass (tapping "Read on" until the rules' end has shown, where they do not fit); then
taps Sign out, types two letters, taps their name and confirms. Each tap is a
step: the time from the tap until Textual has handled everything it caused. It reports the
median per kind of step, the median journey total, the cold start (a fresh process, from
launch until the welcome screen has been drawn) and the peak resident memory of a process
that has run two warm-up journeys and a timed one (each round is a fresh process). In the same
run it measures Textual's own floor, the same taps in minimal apps (bench/ui_floor.py), and
prints each step's ratio to its floor; `--cpu-quota` then repeats everything inside a cgroup
CPU quota (bench/cpu_quota.py). Nothing is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.cpu_quota import Quota

Measure = Callable[[Any, str, str], Awaitable[float]]
NAME = "Amelia Harper"  # 12 letters and a space
# The 7" 800x480 touchscreen in foot at the default large text (80x24); --size 100x30 for
# normal text, the size the figures before issue 27 were measured at.
SIZE = (80, 24)
WARM_UP_JOURNEYS = 2  # untimed, in each journey process, before the timed one


def build_app(data_dir: Path):
    from kiosk.services.context import open_context
    from kiosk.ui.app import KioskApp

    context = open_context(data_dir=data_dir, create=True)
    app = KioskApp(context, heartbeat=False)  # nothing periodic inside the measurements
    app.tap_guard.seconds = 0  # a benchmark taps faster than any finger
    return app


async def settle_and_draw(pilot) -> None:
    """Until the app has handled everything queued and redrawn the screen."""
    import asyncio

    from kiosk.ui.testing import settle

    await settle(pilot)
    drawn = asyncio.Event()
    pilot.app.call_after_refresh(drawn.set)
    await drawn.wait()


async def tap_and_settle(pilot, selector: str) -> float:
    """Milliseconds of work a finger's tap causes, up to the redrawn screen.

    The tap is posted to the app as the terminal driver posts it (mouse down, mouse up; the
    app makes the click), not through Pilot.click, whose idle-waiting sleeps would swamp
    what is being measured. Waiting for the app to settle has a cost of its own (it queues
    a callback on every widget); that cost, measured straight after on the same screen with
    nothing to do, is subtracted.
    """
    from kiosk.ui.testing import post_tap, tap_point

    app = pilot.app
    where = tap_point(app, selector)
    assert where is not None, f"{selector} is not on screen"
    start = time.perf_counter()
    post_tap(app, *where)
    await settle_and_draw(pilot)
    gross = time.perf_counter() - start
    await pilot.pause()  # timers and the press effect finish outside the measurement
    start = time.perf_counter()
    await settle_and_draw(pilot)
    overhead = time.perf_counter() - start
    return max(gross - overhead, 0.0) * 1000


async def journey(pilot, timings: dict[str, list[float]], measure: Measure | None = None) -> None:
    """One visitor's sign-in and sign-out; each step timed by `measure(pilot, selector, kind)`
    (default: tap_and_settle; bench/ui_profile.py profiles each kind of step instead)."""
    from kiosk.ui.widgets.touch_keyboard import key_id

    async def tap(kind: str, selector: str) -> None:
        if measure is None:
            timings[kind].append(await tap_and_settle(pilot, selector))
        else:
            timings[kind].append(await measure(pilot, selector, kind))

    async def type_on_keys(text: str, kind: str) -> None:
        for character in text:
            if character.isupper():
                keyboard = pilot.app.screen.query_one("#keyboard")
                if not keyboard.upper:
                    await tap("key: shift", "#key-shift")
            selector = "#key-space" if character == " " else "#" + key_id(character.lower())
            await tap(kind, selector)

    await tap("welcome: Sign in", "#sign-in")
    await tap("sign in: visitor type", "#type-parent-helper")
    await type_on_keys(NAME, "sign in: letter key")
    await tap("sign in: Next (checks the form)", "#key-done")
    await type_on_keys("Year 2", "sign in: letter key")
    await tap("sign in: Next (checks the form)", "#key-done")
    await tap("sign in: Next to rules (reads rules)", "#key-done")
    from kiosk.ui.screens.rules import AGREE_LABEL

    while str(pilot.app.screen.query_one("#agree").label) != AGREE_LABEL:
        await tap("rules: Read on", "#agree")
    await tap("rules: I agree (durable write, QR)", "#agree")
    await tap("pass: Done", "#pass-done")
    await tap("welcome: Sign out", "#sign-out")
    await type_on_keys("am", "sign out: letter key + search")
    await tap("sign out: tap name", "#match-0")
    await tap("sign out: confirm (durable write)", "#confirm")
    await tap("thank you: OK", "#ok")
    assert pilot.app.screen.__class__.__name__ == "WelcomeScreen", "journey went astray"


def child_journeys(rounds: int) -> None:
    """Run in a fresh process: the journeys, then timings and peak memory as JSON."""
    import asyncio

    from textual.app import ScreenStackError

    async def main() -> dict[str, list[float]]:
        timings: dict[str, list[float]] = defaultdict(list)
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(Path(folder))
            try:
                async with app.run_test(size=SIZE) as pilot:
                    await pilot.pause()
                    # Warm-up: imports, and each screen's CSS, read as it is first shown. A
                    # kept screen is restyled once more when shown after a later screen's CSS
                    # came in, so the second journey is the first in the state a kiosk is in
                    # all day.
                    for _ in range(WARM_UP_JOURNEYS):
                        await journey(pilot, defaultdict(list))
                    for _ in range(rounds):
                        steps: dict[str, list[float]] = defaultdict(list)
                        await journey(pilot, steps)
                        for kind, values in steps.items():
                            timings[kind].extend(values)
                        timings["journey total"].append(sum(sum(v) for v in steps.values()))
            except ScreenStackError as error:
                # Known kiosk bug, seen on a slow CPU: its once-a-second tick can run while
                # the app shuts down, with no screen left. The journeys were done by then.
                if "journey total" not in timings:
                    raise
                print(f"warning: the kiosk failed while closing: {error!r}", file=sys.stderr)
        return timings

    timings = asyncio.run(main())
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"timings": timings, "peak_rss_kb": peak_kb}))


def child_cold_start() -> None:
    """Run in a fresh process: draw the welcome screen, print READY and the peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(Path(folder))

        def ready() -> None:
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"READY {peak_kb}", flush=True)
            app.exit()

        def on_welcome() -> None:
            app.call_after_refresh(ready)

        app.call_later(on_welcome)
        app.run(headless=True, size=SIZE)


def spawn(*args: str, preexec: Callable[[], None] | None = None) -> subprocess.Popen[str]:
    """A child benchmark process; `preexec` runs in it first (e.g. to join a CPU quota)."""
    env = dict(os.environ, KIOSK_HARDWARE="mock")
    env.pop("KIOSK_DATA_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bench.ui", "--size", f"{SIZE[0]}x{SIZE[1]}", *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        preexec_fn=preexec,
    )


def cold_starts(
    count: int, child: str = "cold", preexec: Callable[[], None] | None = None
) -> tuple[list[float], int]:
    times, peak = [], 0
    for _ in range(count):
        started = time.perf_counter()
        process = spawn("--child", child, preexec=preexec)
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("READY"):
                times.append(time.perf_counter() - started)
                peak = max(peak, int(line.split()[1]))
                break
        process.wait(timeout=60)
    return times, peak


def child_output(*args: str, preexec: Callable[[], None] | None = None) -> dict[str, Any]:
    process = spawn(*args, preexec=preexec)
    out, _ = process.communicate(timeout=3600)  # a quarter of a core takes a while
    return json.loads(out.strip().splitlines()[-1])


def measure_and_print(args: argparse.Namespace, quota: Quota | None = None) -> dict[str, float]:
    """The kiosk's journeys and cold starts and Textual's floor, all spawned the same way.

    Kiosk and floor take turns, a fresh process for each round (warm-up journeys, then a
    timed one) and each cold start, so that whatever else the machine is doing weighs on both
    alike and the ratios stay fair on a busy machine.
    """
    from bench.cpu_quota import preexec_for
    from bench.ui_floor import print_against_floor

    preexec = preexec_for(quota)
    timings: dict[str, list[float]] = defaultdict(list)
    floor: dict[str, list[float]] = defaultdict(list)
    peak_kb = 0
    for _ in range(args.rounds):
        kiosk_round = child_output("--child", "journeys", "--rounds", "1", preexec=preexec)
        for kind, values in kiosk_round["timings"].items():
            timings[kind].extend(values)
        peak_kb = max(peak_kb, kiosk_round["peak_rss_kb"])
        floor_round = child_output("--child", "floor", "--rounds", "1", preexec=preexec)
        for kind, values in floor_round["timings"].items():
            floor[kind].extend(values)
    result = {"timings": timings, "peak_rss_kb": peak_kb}
    starts: list[float] = []
    floor_starts: list[float] = []
    start_peak = 0
    for _ in range(args.starts):
        kiosk_start, peak = cold_starts(1, preexec=preexec)
        starts.extend(kiosk_start)
        start_peak = max(start_peak, peak)
        floor_starts.extend(cold_starts(1, "floor-cold", preexec=preexec)[0])

    print(
        f"UI benchmark: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, terminal {SIZE[0]}x{SIZE[1]}, {args.rounds} journeys"
    )
    print(f"CPU: {quota.describe() if quota else 'no quota'}")
    print()
    print_kiosk_table(result, starts, start_peak, WARM_UP_JOURNEYS)  # each: warm-ups, one timed
    print()
    print("Against Textual's floor (the same taps in minimal apps, same measurement, same run)")
    print()
    ratios = print_against_floor(timings, floor, starts, floor_starts, 100 if quota else None)
    if quota is not None:
        print(f"(the quota held the benchmark back in {quota.throttled()} periods)")
    return ratios


def set_size(text: str) -> None:
    global SIZE
    columns, rows = (int(n) for n in text.lower().split("x"))
    SIZE = (columns, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed journeys (default 5)")
    parser.add_argument("--starts", type=int, default=5, help="cold starts (default 5)")
    parser.add_argument(
        "--cpu-quota",
        type=float,
        metavar="CORES",
        help="then rerun everything inside a cgroup CPU quota (0.25: 2.5 ms per 10 ms, a "
        "stand-in for a Pi 4); needs root and cgroup v1 or v2, says so otherwise",
    )
    parser.add_argument(
        "--size",
        default=f"{SIZE[0]}x{SIZE[1]}",
        metavar="COLSxROWS",
        help=f"the terminal's size (default {SIZE[0]}x{SIZE[1]}: the 7-inch panel, large text)",
    )
    parser.add_argument(
        "--child", choices=["cold", "journeys", "floor", "floor-cold"], help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    set_size(args.size)
    if args.child == "cold":
        child_cold_start()
        return 0
    if args.child == "journeys":
        child_journeys(args.rounds)
        return 0
    if args.child in ("floor", "floor-cold"):
        from bench.ui_floor import child_floor, child_floor_cold_start

        if args.child == "floor":
            child_floor(args.rounds, SIZE, tap_and_settle)
        else:
            child_floor_cold_start(SIZE)
        return 0

    measure_and_print(args)
    if args.cpu_quota is not None:
        from bench.cpu_quota import cpu_quota

        print()
        with cpu_quota(args.cpu_quota) as quota:
            if isinstance(quota, str):
                print(f"Not measured at a CPU quota of {args.cpu_quota:g}: {quota}.")
            else:
                print(f"=== Again, at {quota.describe()} ===")
                measure_and_print(args, quota)
    return 0


def print_kiosk_table(
    result: dict[str, Any], starts: list[float], start_peak: int, rounds: int
) -> None:
    print(f"{'step':<40} {'taps':>5} {'median ms':>10} {'max ms':>8}  goal")
    print("-" * 72)
    for kind, values in result["timings"].items():
        if kind == "journey total":
            continue
        goal = "ok" if statistics.median(values) < 50 else "OVER 50 ms"
        print(
            f"{kind:<40} {len(values):>5} {statistics.median(values):>10.1f} "
            f"{max(values):>8.1f}  {goal}"
        )
    total = result["timings"]["journey total"]
    print("-" * 72)
    print(f"{'journey total (sum of its taps)':<40} {'':>5} {statistics.median(total):>10.0f}")
    print()
    cold = statistics.median(starts)
    print(
        f"cold start to welcome drawn: median {cold:.2f} s of {len(starts)} "
        f"(min {min(starts):.2f}, max {max(starts):.2f})  goal < 0.6 s: "
        f"{'ok' if cold < 0.6 else 'OVER'}"
    )
    peak_mb = max(result["peak_rss_kb"], start_peak) / 1024
    print(
        f"peak RSS after {rounds + 1} journeys: {result['peak_rss_kb'] / 1024:.1f} MB; "
        f"at welcome: {start_peak / 1024:.1f} MB  goal < 80 MB: "
        f"{'ok' if peak_mb < 80 else 'OVER'}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
