"""Wrong PINs a guesser gets checked a day: an insider interleaving their own logins, and an
outsider (issue 21.2).

    python -m bench.pin_count [--days 7] [--every 60]

Runs the real login service (scrypt, the store, the audit trail) on a fake clock: a guesser
at the kiosk tries a PIN every `--every` seconds, day and night, for `--days` days, waiting
out every lockout. The insider is a member of staff who types their own correct PIN after
every four guesses (which used to reset the count); "insider + admin pad" also guesses on
the Admin PIN pad during every lockout. Counted: wrong PINs checked against the hashes (each
is audited as pin-failed). Nothing here is asserted: the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bench.pins import context_with_staff
from kiosk.domain.clock import FakeClock
from kiosk.services.context import KioskContext
from kiosk.services.staff.pin_alerts import pending_alerts
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, lockout, log_in

START = "2026-11-23T00:00:00"  # a Monday: five school days, then a weekend
OWN_PIN = "482619"
ADMIN_PIN = "739406"
STAFF = [(OWN_PIN, False), (ADMIN_PIN, True)]  # the insider, and an admin for the admin pad
WRONG = "000001"

Guesser = Callable[[KioskContext, int], None]


def try_pin(context: KioskContext, pin: str, admins_only: bool = False) -> None:
    with contextlib.suppress(PinRejected, PinLockedOut):
        log_in(context, pin, admins_only=admins_only)


def outsider(context: KioskContext, attempt: int) -> None:
    try_pin(context, WRONG)


def insider(context: KioskContext, attempt: int) -> None:
    try_pin(context, OWN_PIN if attempt % 5 == 4 else WRONG)


def insider_on_admin_pad(context: KioskContext, attempt: int) -> None:
    blocked = lockout(context)
    if blocked is not None and blocked.admins_may:
        try_pin(context, WRONG, admins_only=True)
    else:
        insider(context, attempt)


def run(guesser: Guesser, days: int, every: int) -> tuple[list[datetime], int, int, int]:
    """The moments of the wrong PINs checked, the lockouts, the times PIN entry was closed
    (the daily limit reached again), and the alerts raised."""
    with tempfile.TemporaryDirectory(prefix="bench-pin-count-") as tmp:
        context = context_with_staff(Path(tmp) / "data", STAFF, now=START)
        clock = context.clock
        assert isinstance(clock, FakeClock)
        for attempt in range(days * 24 * 3600 // every):
            guesser(context, attempt)
            clock.advance(every)
        entries = context.store.audit_entries()
        checked = [datetime.fromisoformat(e["at"]) for e in entries if e["action"] == "pin-failed"]
        locks = sum(1 for e in entries if e["action"] == "pin-locked")
        closed = sum(1 for e in entries if e["action"] == "pin-closed")
        return checked, locks, closed, pending_alerts(context).count


def most_in_24_hours(moments: list[datetime]) -> int:
    best, first = 0, 0
    for last, moment in enumerate(moments):
        while moments[first] <= moment - timedelta(hours=24):
            first += 1
        best = max(best, last - first + 1)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--every", type=int, default=60, help="seconds between tries")
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(
        f"a try every {args.every} s for {args.days} days from Mon {START[:10]}; settings as "
        "shipped (5 tries a lockout, 15 min cap in school hours, 30 a day, alert from 10)"
    )
    start = datetime.fromisoformat(START)
    print(
        "\n| guesser | wrong PINs checked | most in any 24 h | per calendar day | "
        "lockouts | closed | alerts |"
    )
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, guesser in (
        ("outsider", outsider),
        ("insider (own PIN after every 4)", insider),
        ("insider + admin pad in lockouts", insider_on_admin_pad),
    ):
        checked, locks, closed, alerts = run(guesser, args.days, args.every)
        per_day = [0] * args.days
        for moment in checked:
            per_day[(moment.replace(tzinfo=None) - start).days] += 1
        days = " ".join(str(n) for n in per_day)
        print(
            f"| {name} | {len(checked)} | {most_in_24_hours(checked)} | {days} | {locks} | "
            f"{closed} | {alerts} |"
        )


if __name__ == "__main__":
    main()
