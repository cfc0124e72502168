"""`kiosk export staff-attendance`: every time a member of staff was on site, by the day they
signed in, as CSV (formula-safe) or JSON. The columns are ATTENDANCE_FIELDS
(kiosk.domain.staff_attendance; docs/admin-commands.md says what each holds)."""

from __future__ import annotations

from typing import Any

from kiosk.domain.staff_attendance import (
    ATTENDANCE_FIELDS,
    KIND,
    StaffAttendance,
    export_row,
)
from kiosk.services.context import KioskContext
from kiosk.services.outputs.date_range import DateRange, chronological

EXPORT_NAME = "staff-attendance"  # what `kiosk export` calls it
COLUMNS = ATTENDANCE_FIELDS


def attendance_rows(context: KioskContext, dates: DateRange) -> list[dict[str, Any]]:
    """Records whose school-local sign-in day is in `dates` (open ones too), oldest first."""
    tz = context.config.tz
    found = context.store.records(KIND, dates.first_month, dates.last_month)
    kept = [r for r in found if dates.contains(r["signed_in_at"], tz)]
    kept.sort(key=lambda r: chronological(r, "signed_in_at"))
    return [export_row(StaffAttendance.from_record(r)) for r in kept]
