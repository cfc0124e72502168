"""How long the store stays open when the kiosk is busy (issue 21.5).

    python -m bench.lock_load [--seconds 5] [--busy 8] [--trials 3]

On gpiozero's mock pins: the lock is opened for `--seconds`, and at once the calling thread
(the kiosk's UI thread) starts a computation of about `--busy` seconds that either holds
the GIL throughout (one long C call: summing a huge range, as parsing a big file would) or
is plain Python (which lets the GIL go every 5 ms). Measured: from the pin energised to the
pin relocked, by the pin's own history, with the lock timed by gpiozero's thread in the
kiosk ("thread") and by the lock keeper process ("process"). Nothing is asserted: the
figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from dataclasses import replace

from hardware import build_hardware
from hardware.factory import GpioHardware
from kiosk.config import load_config


def calibrate_c(seconds: float) -> Callable[[], None]:
    """A single C call holding the GIL for about `seconds`."""
    n = 10_000_000
    start = time.perf_counter()
    sum(range(n))
    rate = n / (time.perf_counter() - start)
    count = int(rate * seconds)
    return lambda: sum(range(count)) and None


def python_loop(seconds: float) -> Callable[[], None]:
    def run() -> None:
        end = time.perf_counter() + seconds
        total = 0
        while time.perf_counter() < end:
            total += 1

    return run


def open_seconds(hw: GpioHardware) -> float:
    states = hw.lock.pin.states
    opened = next(s.timestamp for s in states if s.state)
    closed = next(s.timestamp for s in states if not s.state and s.timestamp > opened)
    return closed - opened


def trial(timer: str, seconds: float, load: Callable[[], None]) -> float:
    hw = build_hardware(replace(load_config().hardware, pin_factory="mock", lock_timer=timer))
    try:
        hw.lock.unlock(seconds)
        load()
        hw.lock.wait_until_locked(seconds + 60)
        return open_seconds(hw)
    finally:
        hw.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="unlock_seconds")
    parser.add_argument("--busy", type=float, default=8.0, help="seconds the UI thread is busy")
    parser.add_argument("--trials", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(f"unlock for {args.seconds:g} s, UI thread busy for about {args.busy:g} s at once")
    loads = {
        "GIL held (one C call)": calibrate_c(args.busy),
        "plain Python loop": python_loop(args.busy),
    }
    print("\n| timed by | UI thread | trials | open, shortest (s) | longest (s) | limit (s) |")
    print("|---|---|---:|---:|---:|---:|")
    for timer in ("thread", "process"):
        for name, load in loads.items():
            times = [trial(timer, args.seconds, load) for _ in range(args.trials)]
            print(
                f"| {timer} | {name} | {args.trials} | {min(times):.3f} | {max(times):.3f} | "
                f"{args.seconds + 0.5:g} |"
            )


if __name__ == "__main__":
    main()
