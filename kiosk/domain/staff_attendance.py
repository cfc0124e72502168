"""Staff signing in and out at the foyer: one record per stretch of time on site.

A record opens when a member of staff signs in (their card scanned, or "I work here", their
name and, if asked, their PIN) and closes when they sign out, or at close-day (the system's
sign-out). Open records are the roll call's Staff group. The record keeps the name and role
as they were, so an export reads the same after someone leaves or changes their name.

How someone signed in or out is kept as one of the METHODS: a sign-in by name without a PIN
is marked so on the roll call and in the export, since anyone at the foyer could have done it.

Pure: no store, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.domain.record_fields import (
    StoredRecord,
    moment,
    moment_or_empty,
    non_empty_text,
    stored,
)

KIND = "staffattendance"  # the record kind: store tables and history files are named so
ATTENDANCE_PREFIX = "A"

BY_CARD = "card"
BY_NAME_AND_PIN = "name+pin"
BY_NAME_NO_PIN = "name-no-pin"
BY_CLOSE_DAY = "close-day"
METHODS: dict[str, str] = {
    BY_CARD: "staff card",
    BY_NAME_AND_PIN: "name and PIN",
    BY_NAME_NO_PIN: "name, no PIN",
    BY_CLOSE_DAY: "close-day (system sign-out)",
}
NO_PIN_MARK = "no PIN"  # beside the name on the roll call

# The export's columns, in order (docs/admin-commands.md describes each). New columns go at
# the end, so a school's spreadsheet keeps working.
ATTENDANCE_FIELDS = (
    "id", "staff_id", "name", "role", "signed_in_at", "signed_in_by", "signed_out_at",
    "signed_out_by", "no_pin", "system_sign_out",
)  # fmt: skip


@dataclass
class StaffAttendance(StoredRecord):
    """A member of staff's time on site. Open while `signed_out_at` is empty."""

    id: str = stored(rule=non_empty_text, required=True)
    staff_id: str = stored(rule=non_empty_text, required=True)
    name: str = stored(rule=non_empty_text, required=True)  # as it was when they signed in
    role: str
    signed_in_at: str = stored(rule=moment, required=True)
    signed_in_by: str = stored(rule=non_empty_text, required=True)  # one of METHODS
    signed_out_at: str = stored("", rule=moment_or_empty)
    signed_out_by: str = ""  # one of METHODS, or "" while on site


def export_row(record: StaffAttendance) -> dict[str, Any]:
    """A record as the export's columns: the two marks spelt out as true or false."""
    row: dict[str, Any] = {name: getattr(record, name, "") for name in ATTENDANCE_FIELDS}
    row["no_pin"] = record.signed_in_by == BY_NAME_NO_PIN
    row["system_sign_out"] = record.signed_out_by == BY_CLOSE_DAY
    return row
