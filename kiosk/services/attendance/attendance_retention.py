"""Retention for late arrivals and collections: kept until the end of the school year after
next by default ([retention] attendance_school_years = 2), then deleted by the nightly
`kiosk purge`, a whole month file at a time like visits and phones.

An event's school year comes from [terms] (it starts with the first term). A month goes once
every event in it is past its keeping date; the current month, and a month holding an event
still open, never go. A clock that looks wrong (behind the newest event, or about to delete
one from within a week of it) deletes nothing unless the purge is forced. Audited with counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from kiosk.domain.attendance import ATTENDANCE
from kiosk.domain.clock import month_key, parse_iso
from kiosk.domain.terms import term_for, term_start
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext

RECENT = timedelta(days=7)


@dataclass
class AttendancePurge:
    months: list[str] = field(default_factory=list)
    records: int = 0
    school_years: int = 0
    clock_doubt: str = ""
    done: bool = False

    @property
    def nothing_to_do(self) -> bool:
        return not self.months

    def summary(self) -> str:
        listed = f" ({', '.join(self.months)})" if self.months else ""
        return f"attendance: {self.records} in {len(self.months)} month(s){listed}"


def kept_until(day: date, context: KioskContext) -> date:
    """The first day an event of `day` may be deleted: the start of the school year after
    the last one it is kept for."""
    terms = context.config.policy.terms
    year = int(term_for(day, terms).key.split("-")[0])
    return term_start(terms, year + context.config.retention.attendance_school_years + 1, 1)


def plan_attendance_purge(context: KioskContext) -> AttendancePurge:
    """What a purge would delete now. Reads only."""
    store = context.store
    tz = context.config.tz
    now = context.now().astimezone(tz)
    plan = AttendancePurge(school_years=context.config.retention.attendance_school_years)
    open_ids = {r["id"] for r in store.live(ATTENDANCE)}
    by_month: dict[str, list[dict]] = {m: [] for m in store.months(ATTENDANCE)}
    for record in store.records(ATTENDANCE):
        by_month.setdefault(month_key(record["at"], tz), []).append(record)
    # The best evidence of the real date: the newest event, and the newest audit entry
    # (written by everything the kiosk does, kept six years).
    audit = store.audit_entries()
    newest: datetime | None = parse_iso(audit[-1]["at"]) if audit else None
    newest_doomed: datetime | None = None
    for month, records in sorted(by_month.items()):
        moments = [parse_iso(r["at"]) for r in records]
        newest = max([newest, *moments], key=_sortable)
        expired = all(
            kept_until(date.fromisoformat(r["day"]), context) <= now.date() for r in records
        )
        if (
            records
            and expired
            and month < month_key(now, tz)
            and not any(r["id"] in open_ids for r in records)
        ):
            plan.months.append(month)
            plan.records += len(records)
            newest_doomed = max([newest_doomed, *moments], key=_sortable)
    if newest is not None and now < newest:
        plan.clock_doubt = (
            f"the clock says {now:%Y-%m-%d %H:%M}, earlier than the newest record: the clock "
            "looks wrong"
        )
    elif newest is not None and newest_doomed is not None and newest - newest_doomed < RECENT:
        plan.clock_doubt = (
            "it would delete a late arrival or collection from within a week of the newest "
            "record: the clock looks too far ahead"
        )
    return plan


def _sortable(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else float("-inf")


def purge_attendance(
    context: KioskContext, dry_run: bool = False, actor: str = "admin-cli", force: bool = False
) -> AttendancePurge:
    plan = plan_attendance_purge(context)
    if dry_run or plan.nothing_to_do:
        return plan
    if plan.clock_doubt and not force:
        raise KioskError(
            f"purge refused: {plan.clock_doubt}. Check the date ('timedatectl'); if it is "
            "right, run 'kiosk purge --force'"
        )
    with context.store.transaction() as tx:
        tx.archive()  # closed events waiting in the live file join their months first
    with context.store.transaction() as tx:
        plan = plan_attendance_purge(context)
        if plan.nothing_to_do:
            return plan
        tx.audit(context.now_iso(), actor, "purge-attendance", "", plan.summary())
        for month in plan.months:
            tx.delete_month(ATTENDANCE, month)
        plan.done = True
    return plan
