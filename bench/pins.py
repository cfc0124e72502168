"""Staff PIN benchmark: what one PIN check costs, and what the daily limit leaves a guesser.

    python -m bench.pins [--repeat 21] [--staff 1,5,10,30]

Times (median ms): one scrypt hash with and without the PIN key mixed in; a whole wrong-PIN
login (`log_in`: every active hash checked, the failure written and audited) for several
numbers of staff, with hashes checked one at a time and side by side on the cores. Then,
computed rather than timed: how many PINs the weak list refuses, and the chance of hitting
one of 10 staff PINs with the guesses the daily limit allows (measured by bench.pin_count).
Nothing here is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from kiosk.config import load_config
from kiosk.domain import pins
from kiosk.domain.clock import FakeClock
from kiosk.domain.weak_pins import weak_reason
from kiosk.services.context import KioskContext
from kiosk.services.staff import pin_matching
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, log_in
from kiosk.store import RecordStore

NOW = "2026-11-25T10:00:00"
WRONG = "000001"
PER_DAY = 30  # [staff] pin_wrong_per_day as shipped


def timings_ms(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_ms(action: Callable[[], object], repeat: int) -> float:
    return statistics.median(timings_ms(action, repeat))


def staff_pins(count: int) -> list[tuple[str, bool]]:
    """`count` members of staff's PINs, none of them an admin: (PIN, is_admin)."""
    return [(f"{482619 + number * 7919:06d}"[-6:], False) for number in range(count)]


def context_with_staff(
    folder: Path, staff: Sequence[tuple[str, bool]], now: str = NOW
) -> KioskContext:
    """A new data folder and PIN key on a fake clock at `now`, with one active member of staff
    for each (PIN, is_admin) in `staff` (also used by bench.pin_count)."""
    config = load_config()
    clock = FakeClock(now)
    context = KioskContext(config, RecordStore.open(folder, config.tz), clock)
    key = secrets.token_bytes(pins.KEY_BYTES)
    (folder.parent / f"{folder.name}.pin-key").write_text(key.hex() + "\n")
    with context.store.transaction() as tx:
        for number, (pin, admin) in enumerate(staff):
            tx.insert(
                "staff",
                {"id": f"S-BENCH{number:05d}", "name": f"Staff {number}", "active": True,
                 "is_admin": admin, "created_at": now, "pin_hash": pins.hash_pin(pin, key),
                 "pin_weak": ""},
            )  # fmt: skip
    return context


def wrong_login(context: KioskContext) -> None:
    with contextlib.suppress(PinRejected, PinLockedOut):
        log_in(context, WRONG)


def login_table(staff_counts: list[int], repeat: int) -> list[str]:
    rows = [
        "| active staff | one at a time (ms) | side by side (ms) |",
        "|---:|---:|---:|",
    ]
    for count in staff_counts:
        with tempfile.TemporaryDirectory(prefix="bench-pins-") as tmp:
            context = context_with_staff(Path(tmp) / "data", staff_pins(count))
            # Lockouts would stop the timing: allow more tries than the run makes.
            context = replace(context, config=replace(context.config, pin_attempts=20))
            results = []
            for threads in (1, pin_matching.MAX_THREADS):
                pin_matching.MAX_THREADS, saved = threads, pin_matching.MAX_THREADS

                def attempt(context: KioskContext = context) -> None:
                    context.clock.advance(minutes=1)  # type: ignore[attr-defined]
                    wrong_login(context)
                    # A fresh count each time: the ladder is not what is timed here.
                    with context.store.transaction() as tx:
                        tx.set_state("pin_lockout", {})

                results.append(median_ms(attempt, repeat))
                pin_matching.MAX_THREADS = saved
        rows.append(f"| {count} | {results[0]:.0f} | {results[1]:.0f} |")
    return rows


def weak_list_table() -> list[str]:
    rows = ["| length | PINs | refused as weak | left to choose from |", "|---:|---:|---:|---:|"]
    for length in (4, 6):
        total = 10**length
        weak = sum(1 for n in range(total) if weak_reason(f"{n:0{length}d}"))
        rows.append(f"| {length} | {total:,} | {weak:,} ({weak / total:.1%}) | {total - weak:,} |")
    return rows


def ladder_table() -> list[str]:
    rows = [
        "| days | guesses (old: 5 per 5 min) | guesses (now: at most 30 a day) "
        "| hit 1 of 10 staff: 6 digits | 4 digits (setting) |",
        "|---:|---:|---:|---:|---:|",
    ]
    choices = {length: sum(1 for n in range(10**length) if not weak_reason(f"{n:0{length}d}"))
               for length in (4, 6)}  # fmt: skip
    for days in (1, 7, 30, 365):
        old = days * 24 * 60 // 5 * 5
        ladder = PER_DAY * days  # bench.pin_count: 30 a day, insider or outsider
        chance = {
            length: 1 - (1 - 10 / choices[length]) ** ladder for length in choices
        }  # each guess a new PIN from those allowed
        rows.append(f"| {days} | {old:,} | {ladder:,} | {chance[6]:.2%} | {chance[4]:.1%} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--staff", default="1,5,10,30")
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(f"scrypt n={pins.N} r={pins.R} p={pins.P} ({128 * pins.R * pins.N // 2**20} MiB),"
          f" {pins.DKLEN}-byte digest, 16-byte salt; pepper HMAC-SHA256 with a"
          f" {pins.KEY_BYTES}-byte key")  # fmt: skip
    key = secrets.token_bytes(pins.KEY_BYTES)
    peppered = pins.hash_pin("482619", key)
    legacy = pins.legacy_hash_pin("482619")
    one = timings_ms(lambda: pins.verify_pin(WRONG, peppered, key), args.repeat)
    before = timings_ms(lambda: pins.verify_pin(WRONG, legacy), args.repeat)
    old = statistics.median(before)
    print("\none PIN hash checked (ms; the fastest run is the cost on an idle machine)")
    print("| hash | median | fastest |\n|---|---:|---:|")
    print(f"| scrypt + HMAC pepper (now) | {statistics.median(one):.1f} | {min(one):.1f} |")
    print(f"| scrypt alone (before) | {old:.1f} | {min(before):.1f} |")
    print(f"\noffline, without the key: a 4-digit PIN from a stolen pre-key hash in "
          f"{10_000 * min(before) / 1000 / (os.cpu_count() or 1):.0f} s on these cores; "
          "with the key unknown, 2^256 keys to try first")  # fmt: skip
    print("\na wrong PIN at the kiosk, whole login (median ms)")
    print("\n".join(login_table([int(n) for n in args.staff.split(",")], args.repeat)))
    print("\nthe weak list")
    print("\n".join(weak_list_table()))
    print("\nwhat the daily limit leaves a guesser (30 a day, measured by bench.pin_count)")
    print("\n".join(ladder_table()))


if __name__ == "__main__":
    main()
