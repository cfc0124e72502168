"""close-day's part for staff: whoever is still signed in is signed out, marked as the
system's sign-out (BY_CLOSE_DAY), so tomorrow's fire roll call does not list them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.domain.clock import parse_iso
from kiosk.domain.records import not_before
from kiosk.domain.staff_attendance import BY_CLOSE_DAY, KIND, StaffAttendance
from kiosk.store import Transaction

Record = dict[str, Any]


def sign_out_staff(
    tx: Transaction, now_iso: str, actor: str, due: Callable[[Record], bool]
) -> list[StaffAttendance]:
    """Close every open staff attendance record `due` says is over; the closed records."""
    still_in = tx.where(KIND, lambda r: not r.get("signed_out_at") and due(r))
    closed = []
    for record in sorted(still_in, key=lambda r: (parse_iso(r["signed_in_at"]), r["id"])):
        changes = {
            "signed_out_at": not_before(now_iso, record["signed_in_at"]),
            "signed_out_by": BY_CLOSE_DAY,
        }
        closed.append(StaffAttendance.from_record(tx.close(KIND, record["id"], changes)))
        # The staff id only: the audit trail outlives the attendance records.
        tx.audit(now_iso, actor, "close-day-staff-sign-out", record["staff_id"], "still signed in")
    return closed
