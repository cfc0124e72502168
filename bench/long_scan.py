"""A 100,000-character "scan" on the welcome screen, then a tap: is the kiosk still answering?

    python -m bench.long_scan [--rounds 5] [--length 100000] [--terminal]

bench/ui.py's method: the keys and the tap are posted to the app as the terminal driver
posts them, and a tap is timed from posting until Textual has handled everything it caused
and redrawn (minus the idle settle). Per round, in a fresh kiosk process (two warm-up taps):

- "Sign in, no scan before": the tap on its own;
- "posting the scan's keys": the benchmark's own loop posting 100,000 keys and the Enter
  (the keys past the 256 a scan may be are dropped as they are posted, so this is what
  dropping them costs, in the poster's thread);
- "scan settled": from the Enter posted until everything the scan caused is handled and
  drawn;
- "Sign in right behind the scan": posted straight after the scan's Enter, so it waits for
  whatever the scan left queued;
- "Sign in after the scan settled": the next tap once the screen is quiet again.

In the same run, in processes of their own, Textual's floor for a tap (bench/ui_floor.py: a
button updating a label, and a screen push/pop, the floor of a step that changes screen).

`--terminal` also runs the kiosk in a real pseudo-terminal (Textual's own driver and input
parser, as in foot): it writes the scan, its Enter and an SGR tap on Sign in in one go and
times from the tap's bytes being written until the sign-in screen is drawn; then a tap with
no scan before it. Nothing is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import select
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from bench.ui import SIZE, build_app, child_output, settle_and_draw, tap_and_settle

NO_SCAN = "welcome: Sign in, no scan before"
POSTING = "posting the scan's keys (the bench's loop)"
SETTLED = "scan settled (last key posted to drawn)"
BEHIND = "welcome: Sign in right behind the scan"
AFTER = "welcome: Sign in after the scan settled"
WARM_UP_TAPS = 2


def scan_keys(length: int) -> str:
    return ("PASS-" + "7" * length)[:length]


def post_scan(app, length: int) -> None:
    from textual import events

    for character in scan_keys(length):
        app.post_message(events.Key(character, character))
    app.post_message(events.Key("enter", "\r"))


async def back_to_welcome(pilot) -> None:
    pilot.app.return_to_welcome()
    await settle_and_draw(pilot)
    await pilot.pause()


def child_rounds(rounds: int, length: int) -> None:
    """Run in a fresh process: the taps and the scan, timings as JSON."""
    import asyncio

    async def main() -> dict[str, list[float]]:
        timings: dict[str, list[float]] = defaultdict(list)
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(Path(folder))
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                for _ in range(WARM_UP_TAPS):
                    await tap_and_settle(pilot, "#sign-in")
                    await back_to_welcome(pilot)
                for _ in range(rounds):
                    timings[NO_SCAN].append(await tap_and_settle(pilot, "#sign-in"))
                    await back_to_welcome(pilot)

                    start = time.perf_counter()
                    post_scan(app, length)
                    posted = time.perf_counter()
                    await settle_and_draw(pilot)
                    timings[POSTING].append((posted - start) * 1000)
                    timings[SETTLED].append((time.perf_counter() - posted) * 1000)
                    await pilot.pause()
                    timings[AFTER].append(await tap_and_settle(pilot, "#sign-in"))
                    await back_to_welcome(pilot)

                    post_scan(app, length)
                    timings[BEHIND].append(await tap_and_settle(pilot, "#sign-in"))
                    await back_to_welcome(pilot)
        return timings

    print(json.dumps({"timings": asyncio.run(main())}))


# --- a real terminal ------------------------------------------------------------------------


def _read_until(fd: int, pattern: re.Pattern[bytes], seen: bytearray, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while not pattern.search(seen):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            seen.extend(chunk)
    return True


def terminal_tap(length: int) -> tuple[float, float] | None:
    """Seconds from an SGR tap on Sign in (written right behind `length` scanned characters
    and their Enter, or alone for 0) until the sign-in screen is drawn, and from the scan's
    first byte written until then; None if it never was."""
    import fcntl
    import pty
    import struct
    import termios

    folder = tempfile.mkdtemp()
    env = dict(os.environ, KIOSK_HARDWARE="mock", KIOSK_DATA_DIR=folder, TERM="xterm-256color")
    env.pop("KIOSK_CONFIG", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the kiosk on this pseudo-terminal, sized before it starts
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        os.execvpe(sys.executable, [sys.executable, "-m", "kiosk", "run"], env)
    seen = bytearray()
    try:
        if not _read_until(fd, re.compile(rb"Sign\s*in"), seen, 60):
            return None
        time.sleep(2)  # let the first frames and the preloading finish (not measured)
        while select.select([fd], [], [], 0.2)[0]:
            os.read(fd, 65536)
        # Sign in's button: found on the screen the kiosk drew, as a finger would.
        x, y = _sign_in_point()
        tap = f"\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m".encode()
        scan = (scan_keys(length) + "\r").encode() if length else b""
        written = threading.Event()
        tapped_at: list[float] = []

        def write_all() -> None:
            view = memoryview(scan)
            while view:
                sent = os.write(fd, view[:4096])
                view = view[sent:]
            os.write(fd, tap)
            tapped_at.append(time.perf_counter())
            written.set()

        seen.clear()
        started = time.perf_counter()
        threading.Thread(target=write_all, daemon=True).start()
        drawn = _read_until(fd, re.compile(rb"brings"), seen, 300)
        done = time.perf_counter()
        written.wait(60)
        return (done - tapped_at[0], done - started) if drawn and tapped_at else None
    finally:
        os.kill(pid, 15)
        os.waitpid(pid, 0)
        os.close(fd)


def _sign_in_point() -> tuple[int, int]:
    """Where Sign in is on the welcome screen at SIZE (1-based, as SGR mouse reports it)."""
    import asyncio

    from kiosk.ui.testing import tap_point

    async def find() -> tuple[int, int]:
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(Path(folder))
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                where = tap_point(app, "#sign-in")
                assert where is not None
                return int(where[0]) + 1, int(where[1]) + 1

    return asyncio.run(find())


# --- the report -----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--length", type=int, default=100_000, help="scan length (100000)")
    parser.add_argument("--terminal", action="store_true", help="also in a real terminal")
    parser.add_argument("--child", choices=["rounds"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "rounds":
        child_rounds(1, args.length)
        return 0

    from bench.ui_floor import LABEL_TAP, SCREEN_CHANGE

    timings: dict[str, list[float]] = defaultdict(list)
    floor: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        kiosk = child_output_long_scan(args.length)
        for kind, values in kiosk["timings"].items():
            timings[kind].extend(values)
        for kind, values in child_output("--child", "floor", "--rounds", "1")["timings"].items():
            floor[kind].extend(values)

    print(
        f"Long scan benchmark: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, terminal {SIZE[0]}x{SIZE[1]}, a {args.length:,}-character "
        f"scan, {args.rounds} rounds (fresh process each)"
    )
    print()
    label, change = statistics.median(floor[LABEL_TAP]), statistics.median(floor[SCREEN_CHANGE])
    print(f"Textual's floor: label tap {label:.1f} ms, screen push/pop {change:.1f} ms")
    print()
    print(f"{'step':<44} {'median ms':>10} {'max ms':>8} {'/ push/pop floor':>17}")
    print("-" * 82)
    for kind in (NO_SCAN, POSTING, SETTLED, BEHIND, AFTER):
        values = timings[kind]
        median = statistics.median(values)
        ratio = "" if kind in (POSTING, SETTLED) else f"{median / change:.2f}x"
        print(f"{kind:<44} {median:>10.1f} {max(values):>8.1f} {ratio:>17}")
    if args.terminal:
        print()
        print("In a real terminal (pty, Textual's driver and input parser), until drawn:")
        print(f"{'':<44} {'from tap ms':>12} {'from scan ms':>13}  (medians)")
        for length in (0, args.length):
            found = [terminal_tap(length) for _ in range(args.rounds)]
            times = [t for t in found if t is not None]
            what = "tap, no scan before" if not length else f"tap right behind a {length:,} scan"
            if times:
                tap_ms = statistics.median(t[0] for t in times) * 1000
                scan_ms = statistics.median(t[1] for t in times) * 1000
                print(f"{what:<44} {tap_ms:>12.0f} {scan_ms:>13.0f}  of {len(times)}")
            else:
                print(f"{what:<44} never drawn")
    return 0


def child_output_long_scan(length: int) -> dict:
    env = dict(os.environ, KIOSK_HARDWARE="mock")
    env.pop("KIOSK_DATA_DIR", None)
    out = subprocess.run(
        [sys.executable, "-m", "bench.long_scan", "--child", "rounds", "--length", str(length)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=3600,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    raise SystemExit(main())
