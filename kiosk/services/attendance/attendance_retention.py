"""Retention for late arrivals and collections: kept until the end of the school year after
next by default ([retention] attendance_school_years = 2), then deleted by the nightly
`kiosk purge`, a whole month file at a time like visits and phones.

An event's school year comes from [terms] (it starts with the first term). A month goes once
every event in it is past its keeping date; the current month, and a month holding an event
still open, never go. A wrong clock must not delete them either: the same judgement as the
other kinds' (kiosk.domain.clock_trust, through kiosk.services.admin.retention): a month
past its date is *held* until the kiosk has been used on `school_days_before_purge` school
days after its newest event, and nothing goes while the clock looks wrong, unless an admin
who has checked the date forces it. Audited with counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kiosk.domain.attendance import ATTENDANCE
from kiosk.domain.clock import month_key
from kiosk.domain.clock_trust import hold_for, moments_of
from kiosk.domain.terms import term_for, term_start
from kiosk.services.admin.retention import purge_evidence
from kiosk.services.context import KioskContext

MOMENTS = ("at", "phone_closed_at", "completed_at", "returned_at", "closed_at")
USES = ("at",)  # someone at the foyer screen


@dataclass
class AttendancePurge:
    months: list[str] = field(default_factory=list)
    records: int = 0
    school_years: int = 0
    held: list[tuple[str, str]] = field(default_factory=list)  # past their date, kept: why
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


def plan_attendance_purge(context: KioskContext, force: bool = False) -> AttendancePurge:
    """What a purge would delete now (with `force`: trusting the clock). Reads only."""
    store = context.store
    config = context.config
    tz = config.tz
    now = context.now().astimezone(tz)
    plan = AttendancePurge(school_years=config.retention.attendance_school_years)
    open_ids = {r["id"] for r in store.live(ATTENDANCE)}
    by_month: dict[str, list[dict]] = {m: [] for m in store.months(ATTENDANCE)}
    every = store.records(ATTENDANCE)
    for record in every:
        by_month.setdefault(month_key(record["at"], tz), []).append(record)
    evidence = purge_evidence(context, moments_of(every, MOMENTS), moments_of(every, USES))
    behind = None if force else evidence.behind()
    if behind:
        plan.clock_doubt = behind
    period = timedelta(days=365 * plan.school_years)
    for month, records in sorted(by_month.items()):
        expired = bool(records) and all(
            kept_until(date.fromisoformat(r["day"]), context) <= now.date() for r in records
        )
        if not expired or month >= month_key(now, tz) or any(r["id"] in open_ids for r in records):
            continue
        if not force:
            newest = max(moments_of(records, MOMENTS), default=None)
            hold = (
                hold_for(evidence, newest, period, config.retention.school_days_before_purge)
                if newest is not None and behind is None
                else None
            )
            if behind is not None or hold is not None:
                why = behind if behind is not None else hold.reason  # type: ignore[union-attr]
                plan.held.append((month, why))
                if hold is not None and hold.clock_wrong and not plan.clock_doubt:
                    plan.clock_doubt = hold.reason
                continue
        plan.months.append(month)
        plan.records += len(records)
    return plan


def purge_attendance(
    context: KioskContext, dry_run: bool = False, actor: str = "admin-cli", force: bool = False
) -> AttendancePurge:
    plan = plan_attendance_purge(context, force=force)
    if dry_run or plan.nothing_to_do:
        return plan
    with context.store.transaction() as tx:
        tx.archive()  # closed events waiting in the live file join their months first
    with context.store.transaction() as tx:
        plan = plan_attendance_purge(context, force=force)
        if plan.nothing_to_do:
            return plan
        tx.audit(context.now_iso(), actor, "purge-attendance", "", plan.summary())
        for month in plan.months:
            tx.delete_month(ATTENDANCE, month)
        plan.done = True
    return plan

