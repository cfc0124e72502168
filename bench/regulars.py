"""Regular visitors' cards: taps and time at the touchscreen, and what cards cost the store.

    python -m bench.regulars [--rounds 5] [--repeat 21]

Touchscreen: a regular visitor's card scanned on the welcome screen (the USB scanner types
the code and Enter), I agree, the pass dismissed, then the same card scanned again; beside
it, the same visitor typing everything on a first visit (bench.ui's journey). It reports
the taps and keys each takes and the median milliseconds of each step (same measuring as
bench.ui: from the input until Textual has redrawn).

Store: regular visitors have a table file of their own (issue 22: before, live.json, which
every write rewrote), and a scan compares the code's hash with each card's. For 0 to 1,000
cards it reports that file's size and the median milliseconds of a scan, a regular's sign-in
and a first-time sign-in.
Nothing is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from bench.ui import SIZE, build_app, journey, settle, tap_and_settle

CARD_COUNTS = (0, 100, 300, 1000)


async def scan_and_settle(pilot, code: str) -> float:
    """Milliseconds from the scanner's keys (code + Enter) until the screen is redrawn."""
    from textual import events

    start = time.perf_counter()
    for character in code:
        pilot.app.post_message(events.Key(character if character.isalnum() else "minus", character))
    pilot.app.post_message(events.Key("enter", "\r"))
    await settle(pilot)
    return (time.perf_counter() - start) * 1000


async def card_journey(pilot, code: str, timings: dict[str, list[float]]) -> int:
    """Scan, I agree, Done; scan again. Returns the taps (scans not counted)."""
    timings["card: scan on welcome -> rules (pre-filled)"].append(
        await scan_and_settle(pilot, code)
    )
    assert pilot.app.screen.__class__.__name__ == "RulesScreen", pilot.app.screen
    timings["card: I agree (durable write, QR)"].append(await tap_and_settle(pilot, "#agree"))
    timings["card: pass Done"].append(await tap_and_settle(pilot, "#pass-done"))
    timings["card: scan again -> signed out"].append(await scan_and_settle(pilot, code))
    assert pilot.app.screen.__class__.__name__ == "MessageScreen", pilot.app.screen
    timings["thank you: OK"].append(await tap_and_settle(pilot, "#ok"))
    return 2  # I agree, Done (the pass also goes by itself)


async def touchscreen(rounds: int) -> tuple[dict[str, list[float]], dict[str, int]]:
    from kiosk.services.regulars.regular_visitors import add_regular

    timings: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(Path(folder))
        _, code = add_regular(app.context, "Amelia Harper", "parent-helper", host="Year 2")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await card_journey(pilot, code, defaultdict(list))  # warm-up
            typed: dict[str, list[float]] = defaultdict(list)
            await journey(pilot, typed)
            for _ in range(rounds):
                steps: dict[str, list[float]] = defaultdict(list)
                await card_journey(pilot, code, steps)
                for kind, values in steps.items():
                    timings[kind].extend(values)
                timings["card journey total"].append(sum(sum(v) for v in steps.values()))
    leaving = ("sign out", "welcome: Sign out", "thank you")
    typed_in = sum(len(v) for k, v in typed.items() if not k.startswith(leaving))
    counts = {"typed first visit: taps and keys to sign in": typed_in - 1}  # minus pass Done
    counts["card: scans + taps to sign in"] = 2  # the scan and I agree
    counts["card: scans + taps to sign out"] = 1
    return timings, counts


def store_costs(repeat: int) -> list[tuple[int, int, float, float, float]]:
    from kiosk.config import load_config
    from kiosk.domain.clock import FakeClock
    from kiosk.domain.ids import new_card_code, new_id
    from kiosk.domain.regular_visitors import REGULAR_PREFIX, RegularVisitor, card_hash
    from kiosk.domain.visitor_form import VisitorDetails
    from kiosk.services.context import KioskContext
    from kiosk.services.regulars.regular_visitors import add_regular, scan_card, sign_in_regular
    from kiosk.services.visitors.rules_file import load_rules
    from kiosk.services.visitors.sign_in import sign_in
    from kiosk.services.visitors.sign_out import sign_out_visit
    from kiosk.store import RecordStore

    rows = []
    config = load_config()
    config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
    rules = load_rules(config.rules_file)
    for count in CARD_COUNTS:
        with tempfile.TemporaryDirectory() as folder:
            store = RecordStore.open(Path(folder), config.tz)
            context = KioskContext(config, store, FakeClock("2026-11-25T08:45:00"))
            with store.transaction() as tx:  # the other cards, in one go (not measured)
                for n in range(count):
                    other = RegularVisitor(
                        id=new_id(REGULAR_PREFIX), name=f"Visitor {n}", visitor_type="governor",
                        organisation="", host="Head", card_hash=card_hash(new_card_code()),
                        expires_on="2027-11-25", created_at=context.now_iso(),
                        card_issued_at=context.now_iso(),
                    )  # fmt: skip
                    tx.insert("regulars", other.to_record())
            _, code = add_regular(context, "Amelia Harper", "governor", host="Head")
            scans, regular_ins, plain_ins = [], [], []
            for _ in range(repeat):
                start = time.perf_counter()
                scanned = scan_card(context, code)
                scans.append(time.perf_counter() - start)
                start = time.perf_counter()
                visit = sign_in_regular(context, scanned.regular_id, rules)  # type: ignore[union-attr]
                regular_ins.append(time.perf_counter() - start)
                sign_out_visit(context, visit.id, "card")
                start = time.perf_counter()
                details = VisitorDetails("governor", "Bo Chen", "", "Head", "")
                other = sign_in(context, details, rules)
                plain_ins.append(time.perf_counter() - start)
                sign_out_visit(context, other.id, "name")
            size = sum(p.stat().st_size for p in store.tables_dir.glob("regulars-*.json"))
            rows.append(
                (
                    count,
                    size,
                    *(statistics.median(v) * 1000 for v in (scans, regular_ins, plain_ins)),
                )
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed card journeys (default 5)")
    parser.add_argument("--repeat", type=int, default=21, help="store operations (default 21)")
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {sys.platform}")
    timings, counts = asyncio.run(touchscreen(args.rounds))
    print("\ninput needed")
    for name, value in counts.items():
        print(f"  {name:<48} {value:>4}")
    print(f"\ntouchscreen, median ms over {args.rounds} card journeys")
    print("| step                                         | median ms |")
    print("|----------------------------------------------|----------:|")
    for kind, values in timings.items():
        print(f"| {kind:<44} | {statistics.median(values):>9.1f} |")
    print(f"\nstore, median ms over {args.repeat}")
    print("| cards | cards file bytes | scan (hash, find) | regular sign-in | first-time sign-in |")
    print("|------:|-----------------:|------------------:|----------------:|-------------------:|")
    for count, size, scan, regular_in, plain_in in store_costs(args.repeat):
        cells = f"{scan:>17.2f} | {regular_in:>15.2f} | {plain_in:>18.2f}"
        print(f"| {count:>5} | {size:>16,} | {cells} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
