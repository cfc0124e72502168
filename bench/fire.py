"""Fire roll call benchmark: how fast the list reaches the screen and the printer.

    python -m bench.fire [--rounds 7] [--people 40,160] [--cpu-quota 0.25]

Measured the way bench/ui.py measures a tap (the tap posted as the terminal driver posts it,
then until Textual has handled everything it caused and redrawn; the cost of waiting,
measured straight after with nothing to do, taken off), on the simulated hardware:

- welcome to the list: "Fire roll call", then "Open the roll call": each tap, and both;
- the list of N drawn: from the second tap until the frame with the list is drawn (the
  navigator's after-refresh callback, which then writes the fire log: "tap 2 settled"
  includes that durable write), with 40 and 160 people on site;
- the alarm input to the list on screen: from the mock pin going low (the panel's contact
  closing) until that same frame, through the input's real 0.2 s settling timer and its
  thread;
- the print job handed to `lp`: from the same contact closing until a stand-in `lp` on the
  PATH starts (it notes the time and exits; CUPS itself is not part of this).

Each round is a fresh process on a fresh data folder. Nothing is asserted: the figures go in
docs/performance.md (goals: 2 taps, list under 1 s after the alarm, print within 2 s, 160
drawn under 300 ms).
"""

from __future__ import annotations

import argparse
import asyncio
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

SIZE = (100, 30)
LP_STAND_IN = """#!{python}
import sys, time
stamp = time.time()
sys.stdin.read()
open({out!r}, "a").write(f"{{stamp}}\\n")
print("request id is bench-1 (0 file(s))")
"""


def seed(context: Any, people: int) -> None:
    from kiosk.domain.visitor_form import VisitorDetails
    from kiosk.services.visitors.rules_file import load_rules
    from kiosk.services.visitors.sign_in import sign_in

    rules = load_rules(context.config.rules_file)
    for n in range(people):
        details = VisitorDetails(
            "contractor", f"Visitor Number {n:03d}", "Acme Lifts", "Mr Okafor", ""
        )
        sign_in(context, details, rules)


def build(folder: Path, people: int, printer: str = "") -> Any:
    from dataclasses import replace

    from kiosk.services.context import open_context
    from kiosk.ui.app import KioskApp

    context = open_context(data_dir=folder, create=True)
    config = replace(
        context.config,
        fire=replace(context.config.fire, printer=printer),
        hardware=replace(context.config.hardware, fire_alarm_contact="normally-open"),
    )
    context = replace(context, config=config)
    seed(context, people)
    app = KioskApp(context, heartbeat=False)
    app.tap_guard.seconds = 0
    return app


DRAWN: list[float] = []  # perf_counter when a roll call's first frame had been drawn


def note_when_drawn() -> None:
    """The navigator logs a roll call's start once its first frame is drawn: note the time."""
    from kiosk.ui.navigator import Navigator

    shown = Navigator._roll_call_shown

    def noted(self: Any, *args: Any) -> None:
        DRAWN.append(time.perf_counter())
        shown(self, *args)

    Navigator._roll_call_shown = noted  # type: ignore[method-assign]


async def until_roll_call_drawn(pilot: Any, started: float, limit: float = 10.0) -> float:
    """Seconds from `started` (perf_counter) until the roll call's first frame is drawn."""
    from bench.ui import settle_and_draw

    count = len(DRAWN)
    while time.perf_counter() - started < limit:
        if len(DRAWN) > count:
            await settle_and_draw(pilot)
            return DRAWN[-1] - started
        await asyncio.sleep(0.002)
    raise AssertionError("the roll call never showed")


async def by_hand(people: int) -> dict[str, float]:
    from bench.ui import tap_and_settle

    with tempfile.TemporaryDirectory() as folder:
        app = build(Path(folder), people)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # Warm-up: the screen module and its stylesheet, read once in a kiosk's life.
            await tap_and_settle(pilot, "#fire-roll-call")
            await tap_and_settle(pilot, "#question-yes")
            await tap_and_settle(pilot, "#roll-close")
            first = await tap_and_settle(pilot, "#fire-roll-call")
            started = time.perf_counter()
            second = await tap_and_settle(pilot, "#question-yes")
            drawn = (DRAWN[-1] - started) * 1000
            page = await tap_and_settle(pilot, "#roll-down") if people > 12 else 0.0
            return {"tap 1: Fire roll call (asks)": first, "tap 2: Open, list drawn": drawn,
                    "tap 2 settled (fire log written)": second,
                    "welcome to list drawn (2 taps)": first + drawn,
                    "next page": page}  # fmt: skip


async def by_alarm(people: int, lp_log: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        app = build(Path(folder), people, printer="bench")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # Warm-up as above: the roll call's module and styles, once per kiosk.
            app.open_roll_call("staff")
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
            contact = app.hardware.fire_alarm.pins[0]
            wall = time.time()
            started = time.perf_counter()
            contact.drive_low()  # the alarm panel's relay closes
            seconds = await until_roll_call_drawn(pilot, started)
            await app.workers.wait_for_complete()
            stamps = [float(s) for s in lp_log.read_text().split()] if lp_log.exists() else []
            printed = stamps[-1] - wall if stamps else float("nan")
            return {
                "alarm contact to list drawn": seconds * 1000,
                "alarm contact to lp": printed * 1000,
            }


def child(people: int) -> None:
    with tempfile.TemporaryDirectory() as bin_folder:
        lp = Path(bin_folder) / "lp"
        lp_log = Path(bin_folder) / "lp.log"
        lp.write_text(LP_STAND_IN.format(python=sys.executable, out=str(lp_log)))
        lp.chmod(0o755)
        os.environ["PATH"] = f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}"
        note_when_drawn()
        result = asyncio.run(by_hand(people))
        result.update(asyncio.run(by_alarm(people, lp_log)))
    print(json.dumps(result))


def spawn(people: int, preexec: Any = None) -> dict[str, float]:
    env = dict(os.environ, KIOSK_HARDWARE="mock")
    env.pop("KIOSK_DATA_DIR", None)
    out = subprocess.run(
        [sys.executable, "-m", "bench.fire", "--child", str(people)],
        capture_output=True, text=True, env=env, timeout=600, check=True,
        cwd=Path(__file__).resolve().parent.parent, preexec_fn=preexec,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


GOALS = {
    "welcome to list drawn (2 taps)": "2 taps",
    "tap 2: Open, list drawn": "160 drawn < 300 ms",
    "alarm contact to list drawn": "< 1000 ms",
    "alarm contact to lp": "< 2000 ms",
}


def measure(args: argparse.Namespace, preexec: Any = None) -> None:
    for people in args.people:
        timings: dict[str, list[float]] = defaultdict(list)
        for _ in range(args.rounds):
            for name, value in spawn(people, preexec).items():
                timings[name].append(value)
        print(f"{people} people on site, {args.rounds} rounds")
        print(f"{'step':<34} {'median ms':>10} {'max ms':>8}  goal")
        print("-" * 72)
        for name, values in timings.items():
            if name == "next page" and people <= 12:
                continue
            print(
                f"{name:<34} {statistics.median(values):>10.1f} {max(values):>8.1f}  "
                f"{GOALS.get(name, '')}"
            )
        print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="fresh processes per size")
    parser.add_argument(
        "--people",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[40, 160],
        help="people on site, comma separated (default 40,160)",
    )
    parser.add_argument("--cpu-quota", type=float, metavar="CORES", help="as bench/ui.py")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return 0
    print(
        f"Fire roll call benchmark: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, terminal {SIZE[0]}x{SIZE[1]}, simulated hardware"
    )
    print()
    measure(args)
    if args.cpu_quota is not None:
        from bench.cpu_quota import cpu_quota, preexec_for

        with cpu_quota(args.cpu_quota) as quota:
            if isinstance(quota, str):
                print(f"Not measured at a CPU quota of {args.cpu_quota:g}: {quota}.")
            else:
                print(f"=== Again, at {quota.describe()} ===")
                measure(args, preexec_for(quota))
    return 0


if __name__ == "__main__":
    sys.exit(main())
