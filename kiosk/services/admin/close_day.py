"""The end of the school day: nobody left signed in (visitors or staff), no phone held without
a flag, and the day's late arrivals and collections closed (a phone declared and never
stored, a collection never handed over, are said so in their records).

`close_day` is what `kiosk close-day` (a systemd timer at closing time) runs;
`flag_held_overnight` is what the kiosk runs in the morning, so a phone that stayed in
the store overnight is flagged even if close-day did not run. Both are safe to run again:
a second run finds nothing to do and writes nothing.

close-day's timer is persistent, so after a reboot onto a wrong clock it would run at once
and sign everyone out (emptying the fire roll call). So it refuses, changing nothing, when
the clock is earlier than the newest sign-in, or when it is more than a day (not counting
non-school days) past the last time the kiosk was seen running before the records it would
close (kiosk.domain.clock_trust: the kiosk's runs, and the live records' own times).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiosk.domain.attendance import AttendanceEvent
from kiosk.domain.clock import local_day, parse_iso
from kiosk.domain.clock_trust import Evidence, moments_of, when_text
from kiosk.domain.records import Phone, Visit, not_before
from kiosk.domain.staff_attendance import KIND as STAFF_ATTENDANCE
from kiosk.domain.staff_attendance import StaffAttendance
from kiosk.errors import KioskError
from kiosk.services.admin.clock_watch import clock_record
from kiosk.services.attendance.attendance_events import (
    close_attendance,
    close_earlier_days,
    day_due,
)
from kiosk.services.context import KioskContext
from kiosk.services.staff_attendance.closing import sign_out_staff

CLOSE_DAY_ACTOR = "close-day"


@dataclass
class CloseDayResult:
    signed_out: list[Visit] = field(default_factory=list)  # closed visit records
    staff_signed_out: list[StaffAttendance] = field(default_factory=list)  # staff attendance
    flagged: list[Phone] = field(default_factory=list)  # phones now held_overnight
    # late arrivals and collections of the days closed (kiosk.services.attendance)
    attendance: list[AttendanceEvent] = field(default_factory=list)
    today_left_open: bool = False  # run before closing time: today's records were left alone

    @property
    def nothing_done(self) -> bool:
        return (
            not self.signed_out
            and not self.flagged
            and not self.staff_signed_out
            and not self.attendance
        )


def _day_of(record: dict[str, Any], field_name: str, context: KioskContext) -> date:
    return local_day(parse_iso(record[field_name]), context.config.tz)


def clock_refusal(context: KioskContext) -> str | None:
    """Why close-day must not trust the clock now; None when it may (lock-free read)."""
    store = context.store
    config = context.config
    now = context.now()
    # Open visits, those closed but not yet archived, and the newest month's: one file at most.
    newest_month = store.months("visits")[-1:]
    visits = store.records("visits", first_month=newest_month[0] if newest_month else None)
    phones = store.live("phones")
    staff = store.live(STAFF_ATTENDANCE)  # staff on site: emptying the fire list of them is as bad
    sign_ins = moments_of(visits, ("signed_in_at",)) + moments_of(staff, ("signed_in_at",))
    if sign_ins and now < max(sign_ins):
        return (
            f"the clock says {when_text(now, config.tz)}, before the newest sign-in "
            f"({when_text(max(sign_ins), config.tz)})"
        )
    open_since = (
        moments_of([v for v in visits if not v.get("signed_out_at")], ("signed_in_at",))
        + moments_of(phones, ("stored_at",))
        + moments_of(staff, ("signed_in_at",))
    )
    if not open_since:
        return None
    evidence = Evidence(
        now, config.tz, config.day.school_days, clock_record(store),
        moments_of(visits, ("signed_in_at", "signed_out_at"))
        + moments_of(phones, ("stored_at", "returned_at"))
        + moments_of(staff, ("signed_in_at",)),
    )  # fmt: skip
    gap = evidence.break_after(min(open_since))
    if gap is None:
        return None
    return (
        f"the clock says {when_text(now, config.tz)}, more than a day (not counting "
        "non-school days) after the kiosk was last seen in use or running "
        f"({when_text(gap.start, config.tz)})"
    )


def close_day(
    context: KioskContext,
    include_today: bool | None = None,
    actor: str = CLOSE_DAY_ACTOR,
    force: bool = False,
) -> CloseDayResult:
    """Sign out visitors and staff still signed in and flag phones still held.

    Records from earlier days are always closed. Today's are closed only at or after the
    configured closing time (or when `include_today` says so), so running this by mistake
    at lunchtime does not wipe people off the fire roll call. Refuses (KioskError, nothing
    changed) when the clock looks wrong (see the module docstring), unless `force`.
    """
    if not force:
        refusal = clock_refusal(context)
        if refusal:
            raise KioskError(
                f"close-day refused, nobody signed out: {refusal}. Check the date "
                "('timedatectl'); if it is right, run 'kiosk close-day --force'"
            )
    now = context.now().astimezone(context.config.tz)
    today = now.date()
    if include_today is None:
        include_today = now.time() >= context.config.day.closing_time
    result = CloseDayResult(today_left_open=not include_today)

    def due(record: dict[str, Any], field_name: str) -> bool:
        day = _day_of(record, field_name, context)
        return day < today or (include_today and day == today)

    now_iso = context.now_iso()
    with context.store.transaction() as tx:
        visits = tx.where("visits", lambda r: not r.get("signed_out_at") and due(r, "signed_in_at"))
        for visit in sorted(visits, key=lambda r: (parse_iso(r["signed_in_at"]), r["id"])):
            closed = tx.close(
                "visits",
                visit["id"],
                {
                    "signed_out_at": not_before(now_iso, visit["signed_in_at"]),
                    "signed_out_by": CLOSE_DAY_ACTOR,
                    "pass_token": "",
                },
            )
            # No names in the audit trail: it outlives the visit records (see retention).
            tx.audit(now_iso, actor, "close-day-sign-out", visit["id"], "still signed in")
            result.signed_out.append(Visit.from_record(closed))
        result.staff_signed_out = sign_out_staff(
            tx, now_iso, actor, lambda r: due(r, "signed_in_at")
        )
        result.flagged = _flag(tx, now_iso, actor, lambda r: due(r, "stored_at"))
        result.attendance = close_attendance(tx, now_iso, actor, day_due(context, include_today))
    return result


def flag_held_overnight(context: KioskContext, actor: str = "kiosk") -> list[Phone]:
    """Flag phones stored on an earlier day and still held; returns the phones just flagged."""
    today = context.now().astimezone(context.config.tz).date()
    now_iso = context.now_iso()
    with context.store.transaction() as tx:
        return _flag(tx, now_iso, actor, lambda r: _day_of(r, "stored_at", context) < today)


class HeldOvernightRule:
    """The morning half of close-day, run by the kiosk: at start and whenever the date
    changes, flag phones still held from an earlier day and close earlier days' late
    arrivals and collections (close-day may not have run)."""

    def __init__(self, context: KioskContext) -> None:
        self.context = context
        self._day: date | None = None

    def run_if_new_day(self) -> list[Phone]:
        today = self.context.now().astimezone(self.context.config.tz).date()
        if today == self._day:
            return []
        flagged = flag_held_overnight(self.context)
        close_earlier_days(self.context)
        self._day = today
        return flagged


def _flag(tx: Any, now_iso: str, actor: str, due: Any) -> list[Phone]:
    held = tx.where(
        "phones", lambda r: not r.get("returned_at") and not r.get("held_overnight") and due(r)
    )
    flagged = []
    for phone in sorted(held, key=lambda r: (parse_iso(r["stored_at"]), r["id"])):
        flagged.append(
            Phone.from_record(tx.update("phones", phone["id"], {"held_overnight": True}))
        )
        tx.audit(now_iso, actor, "held-overnight", phone["id"], "phone still in the store")
    return flagged
