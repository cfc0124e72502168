"""`kiosk attendance` and `kiosk export attendance`: the office's copy of the foyer's late
arrivals and early collections, one row per event, with the SUGGESTED codes to confirm in
the MIS (docs/admin-commands.md describes every column, and entering them in SIMS, Arbor
and Bromcom).

The pupil's id is the roster's (the admission number or MIS id the school imported). An id
that looks like a UPN, a national identifier the office rarely needs here, is left out
unless the school opts in ([attendance] export_upn).

Reads without the lock: live file first, then the month files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiosk.domain.attendance import ATTENDANCE, COLLECTION, AttendanceEvent
from kiosk.domain.clock import parse_iso
from kiosk.services.attendance.early_collection import missed_sessions
from kiosk.services.context import KioskContext
from kiosk.services.outputs.date_range import DateRange

# The columns, in order (docs/admin-commands.md, "kiosk export attendance").
EXPORT_FIELDS = (
    "id", "event", "pupil_id", "pupil_name", "class_name", "date", "session", "time",
    "minutes_late", "suggested_code", "sessions_missed", "reason", "reason_detail", "medical",
    "adult_name", "relationship", "came_alone", "contact_match", "status", "will_return",
    "back_at", "confirmed_by", "released_by", "phone",
)  # fmt: skip
# A UPN: a check letter, then 12 characters, the last of which may be a letter (temporary UPNs).
UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
EVENT_NAMES = {"late": "late arrival", "collection": "early collection"}


@dataclass
class AttendanceRows:
    rows: list[dict[str, Any]] = field(default_factory=list)
    upn_withheld: int = 0  # rows whose pupil id looked like a UPN and was left out


def events_between(context: KioskContext, dates: DateRange) -> list[AttendanceEvent]:
    """Every event whose school day is in `dates`, earliest first."""
    found = context.store.records(ATTENDANCE, dates.first_month, dates.last_month)
    tz = context.config.tz
    return [AttendanceEvent.from_record(r) for r in found if dates.contains(r["at"], tz)]


def events_on(context: KioskContext, day: date) -> list[AttendanceEvent]:
    return events_between(context, DateRange(day, day))


def _time(context: KioskContext, iso: str) -> str:
    return parse_iso(iso).astimezone(context.config.tz).strftime("%H:%M") if iso else ""


def event_row(context: KioskContext, event: AttendanceEvent) -> dict[str, Any]:
    collection = event.kind == COLLECTION
    missed = missed_sessions(context, event) if collection else ()
    return {
        "id": event.id,
        "event": EVENT_NAMES.get(event.kind, event.kind),
        "pupil_id": event.pupil_id,
        "pupil_name": event.pupil_name,
        "class_name": event.class_name or event.year,
        "date": event.day,
        "session": event.session,
        "time": _time(context, event.at),
        "minutes_late": "" if collection else event.minutes_late,
        # a collection's code applies to each session missed, and only once handed over
        "suggested_code": event.suggested_code if (missed or not collection) else "",
        "sessions_missed": " ".join(missed),
        "reason": event.reason,
        "reason_detail": event.reason_detail,
        "medical": event.medical,
        "adult_name": event.adult_name,
        "relationship": event.relationship,
        "came_alone": event.came_alone,
        "contact_match": event.contact_match,
        "status": event.status,
        "will_return": event.will_return if collection else "",
        "back_at": _time(context, event.returned_at),
        "confirmed_by": event.confirmed_by,
        "released_by": event.released_by,
        "phone": event.phone,
    }


def attendance_rows(context: KioskContext, events: list[AttendanceEvent]) -> AttendanceRows:
    result = AttendanceRows()
    opted_in = context.config.attendance.export_upn
    for event in events:
        row = event_row(context, event)
        if not opted_in and UPN.match(event.pupil_id):
            row["pupil_id"] = ""
            result.upn_withheld += 1
        result.rows.append(row)
    return result
