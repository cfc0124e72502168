"""The one line `kiosk check` and the admin's notice give for alerts not yet seen."""

from __future__ import annotations

from kiosk.services.staff.pin_alerts import LOCKOUT, WRONG_PINS, LockoutAlert, PendingAlerts


def test_lockouts_and_wrong_pins_are_counted_apart() -> None:
    pending = PendingAlerts(
        (
            LockoutAlert("2026-12-03T08:45:10+00:00", 15, 1, LOCKOUT),
            LockoutAlert("2026-12-03T09:10:00+00:00", 0, 10, WRONG_PINS),
            LockoutAlert("2026-12-03T10:00:00+00:00", 0, 20, WRONG_PINS),
        ),
        dropped=2,  # only their number is kept: counted with the lockouts
    )

    assert pending.summary() == (
        "3 PIN lockouts and up to 20 wrong PINs in 24 hours not yet seen by an admin "
        "(first 2026-12-03 08:45): see 'kiosk staff alerts', then 'kiosk staff alerts --clear'"
    )


def test_nothing_pending_says_nothing() -> None:
    assert PendingAlerts((), 0).summary() == ""
    assert PendingAlerts((), 1).summary().startswith("1 PIN lockout not yet seen by an admin")
