"""The visitor's language (issue 28): what choosing it costs, and what it adds to the start.

    python -m bench.language [--rounds 5] [--starts 10] [--before DIR] [--size 80x24]

bench/ui.py's method throughout: taps posted as the terminal driver posts them, each timed
from the tap until Textual has handled everything it caused and redrawn (minus the idle
settle), each round in a fresh process with two untimed warm-up rounds first.

- "welcome: Polski": the tap that redraws welcome in Polish (every label, the hint, the
  date); "welcome: English", the tap back;
- "welcome: Sign in, in Polish": the Sign in tap straight after, which shows the kept
  sign-in screen's words in Polish for the first time; "..., in English" the same tap in
  English, for comparison;

against Textual's floor for a screen change (bench/ui_floor.py: a minimal app's screen push
and pop), measured in processes of their own in the same run.

The cold start (a fresh process, from launch until welcome is drawn, bench/ui.py's "cold"
child) is timed for this tree and, with `--before DIR`, for another checkout of the kiosk
(main before the languages: `git archive <commit> | tar -x -C DIR`), taking turns so that
whatever else the machine does weighs on both alike. Nothing is asserted: the figures go in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench import ui
from bench.ui import build_app, settle_and_draw, tap_and_settle

HERE = Path(__file__).resolve().parent.parent
WARM_UP_ROUNDS = 2
STEPS = (
    "welcome: Polski",
    "welcome: English",
    "welcome: Sign in, in Polish",
    "welcome: Sign in, in English",
)


def child_switches(rounds: int) -> None:
    """Run in a fresh process: the language taps, timed, as JSON."""
    import asyncio
    import tempfile

    async def main() -> dict[str, list[float]]:
        timings: dict[str, list[float]] = defaultdict(list)
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(Path(folder))
            async with app.run_test(size=ui.SIZE) as pilot:
                await settle_and_draw(pilot)
                for number in range(WARM_UP_ROUNDS + rounds):
                    found: dict[str, float] = {}
                    found[STEPS[0]] = await tap_and_settle(pilot, "#language")
                    found[STEPS[2]] = await tap_and_settle(pilot, "#sign-in")
                    app.return_to_welcome()  # back in English, as after any visitor
                    await settle_and_draw(pilot)
                    await tap_and_settle(pilot, "#language")
                    found[STEPS[1]] = await tap_and_settle(pilot, "#language")
                    found[STEPS[3]] = await tap_and_settle(pilot, "#sign-in")
                    app.return_to_welcome()
                    await settle_and_draw(pilot)
                    if number >= WARM_UP_ROUNDS:
                        for step, value in found.items():
                            timings[step].append(value)
        return timings

    print(json.dumps({"timings": asyncio.run(main())}))


def spawn_child(*args: str, tree: Path = HERE) -> dict[str, object]:
    env = dict(os.environ, KIOSK_HARDWARE="mock", PYTHONPATH=str(tree))
    env.pop("KIOSK_DATA_DIR", None)
    module = "bench.language" if args[1] == "switches" else "bench.ui"
    out = subprocess.run(
        [sys.executable, "-m", module, "--size", f"{ui.SIZE[0]}x{ui.SIZE[1]}", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
        timeout=3600,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def cold_start(tree: Path) -> float:
    """Seconds from launch until the kiosk in `tree` has drawn welcome (bench/ui.py's child)."""
    env = dict(os.environ, KIOSK_HARDWARE="mock", PYTHONPATH=str(tree))
    env.pop("KIOSK_DATA_DIR", None)
    started = time.perf_counter()
    size = f"{ui.SIZE[0]}x{ui.SIZE[1]}"
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.ui", "--size", size, "--child", "cold"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tree,
    )
    assert process.stdout is not None
    took = float("nan")
    for line in process.stdout:
        if line.startswith("READY"):
            took = time.perf_counter() - started
            break
    process.wait(timeout=60)
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--starts", type=int, default=10, help="cold starts each (default 10)")
    parser.add_argument("--before", type=Path, help="another checkout, to compare cold starts")
    parser.add_argument("--size", default=f"{ui.SIZE[0]}x{ui.SIZE[1]}", help="terminal size")
    parser.add_argument("--child", choices=["switches"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    ui.set_size(args.size)
    if args.child == "switches":
        child_switches(args.rounds)
        return 0

    from bench.ui_floor import SCREEN_CHANGE

    timings: dict[str, list[float]] = defaultdict(list)
    floor: list[float] = []
    for _ in range(args.rounds):
        for step, values in spawn_child("--child", "switches", "--rounds", "1")["timings"].items():
            timings[step].extend(values)
        floor_round = spawn_child("--child", "floor", "--rounds", "1")["timings"]
        floor.extend(floor_round[SCREEN_CHANGE])
    print(
        f"Language benchmark: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, terminal {ui.SIZE[0]}x{ui.SIZE[1]}, {args.rounds} rounds"
    )
    print()
    floor_ms = statistics.median(floor)
    print(f"{'step':<36} {'taps':>5} {'median ms':>10} {'max ms':>8} {'x floor':>8}")
    print("-" * 72)
    for step in STEPS:
        values = timings[step]
        median = statistics.median(values)
        print(
            f"{step:<36} {len(values):>5} {median:>10.1f} {max(values):>8.1f} "
            f"{median / floor_ms:>8.2f}"
        )
    print(f"{'floor: screen push/pop':<36} {len(floor):>5} {floor_ms:>10.1f}")
    print()

    trees = {"this tree": HERE} | ({"before": args.before.resolve()} if args.before else {})
    starts: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.starts):
        for name, tree in trees.items():
            starts[name].append(cold_start(tree))
    for name, values in starts.items():
        print(
            f"cold start to welcome drawn, {name}: median {statistics.median(values):.3f} s "
            f"of {len(values)} (min {min(values):.3f}, max {max(values):.3f})"
        )
    if "before" in starts:
        # The medians carry the shared machine's noise; the fastest starts are the nearest to
        # what the code itself costs. Both are printed.
        for label, pick in (("median", statistics.median), ("fastest", min)):
            growth = pick(starts["this tree"]) / pick(starts["before"]) - 1
            verdict = "ok" if growth <= 0.05 else "OVER"
            print(f"growth, {label}: {growth * 100:+.1f} %  goal <= +5 %: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
