"""The phone form's pupil picker with a big roster, against Textual's floor for a key.

    python -m bench.picker [--pupils 5000] [--rounds 3]

A member of staff logs in and opens "Store a phone"; on the pupil's name step they type a
pupil's name key by key on the on-screen keyboard, and the picker shows the matching pupils
after each letter from the second on. Each key is timed as bench/ui.py times a tap (posted
as the terminal posts it, until the app has handled it and redrawn, idle settle subtracted),
in a fresh process per round; Textual's floor is bench/ui_floor.py's key grid (40 buttons,
each tap appending its letter to an Input), measured the same way in the same run. Nothing
is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.store import machine
from bench.ui import SIZE, build_app, tap_and_settle
from bench.ui_floor import KEY_GRID

PIN = "482619"


def child_picker(pupils: int, rounds: int) -> None:
    """In a fresh process: log in, open the phone form, type a name; timings as JSON."""
    from kiosk.services.context import open_context
    from kiosk.services.staff.staff_accounts import add_staff
    from kiosk.ui.widgets.touch_keyboard import key_id
    from tests.policy.term_data import load_roster, primary_roster

    async def main(folder: Path) -> list[float]:
        context = open_context(data_dir=folder, create=True)
        load_roster(context, size=pupils)
        add_staff(context, "Bench Teacher", PIN)
        name = primary_roster(size=pupils)[pupils // 2].name
        app = build_app(folder)
        timings: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for round_number in range(rounds + 1):  # the first is a warm-up
                await tap_and_settle(pilot, "#staff")
                for digit in PIN:
                    await tap_and_settle(pilot, f"#pin-{digit}")
                await tap_and_settle(pilot, "#pin-ok")
                await app.workers.wait_for_complete()
                await pilot.pause()
                await tap_and_settle(pilot, "#store-phone")
                await app.workers.wait_for_complete()  # the picker's index, built off-thread
                for character in name:
                    if character.isupper() and not app.screen.query_one("#keyboard").upper:
                        await tap_and_settle(pilot, "#key-shift")
                    key = "#key-space" if character == " " else "#" + key_id(character.lower())
                    ms = await tap_and_settle(pilot, key)
                    if round_number:
                        timings.append(ms)
                shown = [str(b.label) for b in app.screen.query(".pick") if b.display]
                assert shown and shown[0].startswith(name), (name, shown)
                app.return_to_welcome()
                await pilot.pause()
        return timings

    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps({"timings": asyncio.run(main(Path(folder)))}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=5000)
    parser.add_argument(
        "--small", type=int, default=10, help="the same typing with this roster, for comparison"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=["picker"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "picker":
        child_picker(args.pupils, 1)
        return 0
    keys: dict[int, list[float]] = {args.pupils: [], args.small: []}
    floor: list[float] = []
    for _ in range(args.rounds):  # taking turns, so a busy machine weighs on all alike
        for size, timings in keys.items():
            timings.extend(child("bench.picker", "--child", "picker", "--pupils", str(size))[
                "timings"])  # fmt: skip
        grid = child("bench.ui", "--child", "floor", "--rounds", "1")
        floor.extend(grid["timings"][KEY_GRID])
    print(f"machine: {machine()}")
    print("| step | keys | median ms | max ms |")
    print("|---|---:|---:|---:|")
    for size, timings in keys.items():
        print(f"| phone form, {size} pupils: letter key + picker | {len(timings)} | "
              f"{statistics.median(timings):.1f} | {max(timings):.1f} |")  # fmt: skip
    print(f"| floor: {KEY_GRID} | {len(floor)} | {statistics.median(floor):.1f} | "
          f"{max(floor):.1f} |")  # fmt: skip
    for size, timings in keys.items():
        ratio = statistics.median(timings) / statistics.median(floor)
        print(f"{size} pupils: picker key / floor key {ratio:.2f}x (goal: at most the floor)")
    return 0


def child(module: str, *args: str) -> dict:
    """A fresh process, as bench/ui.py spawns its own: simulated hardware, no data folder."""
    env = dict(os.environ, KIOSK_HARDWARE="mock")
    env.pop("KIOSK_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=3600,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    raise SystemExit(main())
