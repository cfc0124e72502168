"""Staff signing in and out at the foyer: the card scan to the greeting, and the name search
per letter with 120 staff, beside Textual's floor for a key.

    python -m bench.staff [--rounds 5]

The kiosk runs with 120 staff on the list (each with a card, none needing a PIN by name, so
the PIN's deliberately slow check is not what is timed), 40 visitors and 30 staff signed in.
Measured as bench/ui.py measures (from the input until Textual has handled it and redrawn):

- card: a scanner types a staff card's code and Enter on the welcome screen; timed from the
  Enter to the greeting drawn (the code's keys come first, untimed), sign-ins and sign-outs
  alike. The goal is under 100 ms.
- by name: "I work here", then a name typed key by key on the on-screen keyboard (each key
  searches the 120 names), then the name tapped. Each key's median is set beside Textual's
  floor for a key (bench/ui_floor.py's key grid), measured in the same run.

Each round is a fresh process, kiosk and floor taking turns. Nothing is asserted: the figures
go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.ui import SIZE, build_app, child_output, settle_and_draw, tap_and_settle

STAFF = 120
VISITORS_IN = 40
STAFF_IN = 30
TYPED = "Amelia Harper"  # one of the 120; "Amelia" alone finds nobody (the foyer is public)
CARD_ENTER = "card: Enter to greeting"
CARD_WHOLE = "card: code keys + Enter to greeting"
LETTER = "by name: letter key + search (120 staff)"
STEPS = ("welcome: I work here", LETTER, "by name: tap name (durable write)")


def directory(context: Any) -> str:
    """120 staff with cards, some of them in, and visitors on site; Amelia Harper's code."""
    from kiosk.domain.ids import new_card_code, new_id
    from kiosk.domain.records import Staff
    from kiosk.domain.regular_visitors import card_hash
    from kiosk.domain.visitor_form import VisitorDetails
    from kiosk.services.staff_attendance.signing import scan_staff_card
    from kiosk.services.visitors.rules_file import load_rules
    from kiosk.services.visitors.sign_in import sign_in

    firsts = ("Amelia", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hari", "Isla", "Jack")
    lasts = ("Harper", "Iqbal", "Jones", "Kaur", "Lee", "Moss", "Nowak", "Owen", "Patel", "Reed",
             "Shaw", "Tran")  # fmt: skip
    codes: dict[str, str] = {}
    with context.store.transaction() as tx:
        for n in range(STAFF):
            first, last = firsts[n % len(firsts)], lasts[n // len(firsts)]
            code = new_card_code()
            member = Staff(
                id=new_id("S"), name=f"{first} {last}", pin_hash="", created_at=context.now_iso(),
                forename=first, surname=last, role="Teacher", card_hash=card_hash(code),
                card_issued_at=context.now_iso(),
            )  # fmt: skip
            tx.insert("staff", member.to_record())
            codes[member.name] = code
    for name in list(codes)[1 : STAFF_IN + 1]:
        scan_staff_card(context, codes[name])
    rules = load_rules(context.config.rules_file)
    for n in range(VISITORS_IN):
        sign_in(context, VisitorDetails("visitor", f"Visitor {n}", "Acme", "Office", ""), rules)
    return codes[TYPED]


async def scan(pilot: Any, code: str) -> tuple[float, float]:
    """(ms from Enter, ms from the first key) until the greeting is drawn."""
    from textual import events

    start = time.perf_counter()
    for character in code:
        pilot.app.post_message(events.Key(character if character.isalnum() else "minus", character))
    await settle_and_draw(pilot)
    enter = time.perf_counter()
    pilot.app.post_message(events.Key("enter", "\r"))
    await settle_and_draw(pilot)
    done = time.perf_counter()
    assert pilot.app.screen.__class__.__name__ == "MessageScreen", pilot.app.screen
    return (done - enter) * 1000, (done - start) * 1000


async def by_name(pilot: Any, timings: dict[str, list[float]]) -> int:
    """I work here, the name, the tap; returns the taps (keys not counted)."""
    from kiosk.ui.widgets.touch_keyboard import key_id

    timings[STEPS[0]].append(await tap_and_settle(pilot, "#i-work-here"))
    for character in TYPED:
        keyboard = pilot.app.screen.query_one("#keyboard")
        if character.isupper() and not keyboard.upper:
            await tap_and_settle(pilot, "#key-shift")
        if character.islower() and keyboard.upper:
            await tap_and_settle(pilot, "#key-shift")
        key = "#key-space" if character == " " else "#" + key_id(character.lower())
        timings[LETTER].append(await tap_and_settle(pilot, key))
    timings[STEPS[2]].append(await tap_and_settle(pilot, "#staff-match-0"))
    assert pilot.app.screen.__class__.__name__ == "MessageScreen", pilot.app.screen
    return 2


def child_kiosk(rounds: int) -> None:
    async def main() -> dict[str, list[float]]:
        timings: dict[str, list[float]] = defaultdict(list)
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(Path(folder))
            code = directory(app.context)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                for warm_up in (True, False):
                    for _ in range(1 if warm_up else rounds):
                        for _ in range(2):  # in, then out
                            enter, whole = await scan(pilot, code)
                            await tap_and_settle(pilot, "#ok")
                            if not warm_up:
                                timings[CARD_ENTER].append(enter)
                                timings[CARD_WHOLE].append(whole)
                        steps: dict[str, list[float]] = defaultdict(list)
                        for _ in range(2):  # in, then out
                            await by_name(pilot, steps)
                            await tap_and_settle(pilot, "#ok")
                        if not warm_up:
                            for kind, values in steps.items():
                                timings[kind].extend(values)
        return timings

    print(json.dumps({"timings": asyncio.run(main())}))


def run_child(*args: str) -> dict[str, Any]:
    found = subprocess.run(
        [sys.executable, "-m", "bench.staff", *args], capture_output=True, text=True, check=True
    )
    return json.loads(found.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="fresh processes (default 5)")
    parser.add_argument("--child", choices=["kiosk"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "kiosk":
        child_kiosk(2)
        return 0
    from bench.ui_floor import KEY_GRID

    kiosk: dict[str, list[float]] = defaultdict(list)
    floor: list[float] = []
    for _ in range(args.rounds):
        for kind, values in run_child("--child", "kiosk")["timings"].items():
            kiosk[kind].extend(values)
        floor.extend(child_output("--child", "floor", "--rounds", "1")["timings"][KEY_GRID])
    print(f"python {platform.python_version()} on {platform.machine()}, {sys.platform}; "
          f"{STAFF} staff on the list, {STAFF_IN} staff and {VISITORS_IN} visitors in")  # fmt: skip
    print("\ninput needed")
    print("  card: scans + taps to sign in or out            1 scan, 0 taps")
    print("  by name, no PIN asked: taps + the typed name     2 taps")
    print("  by name with a PIN: taps + the name and the PIN  3 taps (the PIN's OK the third)")
    print(f"\nmedian ms over {args.rounds} processes")
    print(f"| {'step':<44} | {'count':>5} | {'median':>6} | {'max':>6} |")
    print(f"|{'-' * 46}|{'-' * 7}|{'-' * 8}|{'-' * 8}|")
    for kind in (CARD_ENTER, CARD_WHOLE, *STEPS):
        values = kiosk[kind]
        print(
            f"| {kind:<44} | {len(values):>5} | {statistics.median(values):>6.1f} "
            f"| {max(values):>6.1f} |"
        )
    key_floor = statistics.median(floor)
    letter = statistics.median(kiosk[LETTER])
    print(f"| {'floor: ' + KEY_GRID + ' (minimal Textual app)':<44} | {len(floor):>5} "
          f"| {key_floor:>6.1f} | {max(floor):>6.1f} |")  # fmt: skip
    card = statistics.median(kiosk[CARD_ENTER])
    print(f"\ncard scan, Enter to greeting: {card:.1f} ms (goal < 100 ms: "
          f"{'ok' if card < 100 else 'OVER'})")  # fmt: skip
    print(f"name search, a letter: {letter:.1f} ms against the floor's {key_floor:.1f} ms: "
          f"{letter / key_floor:.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
