"""`kiosk purge`: delete records kept longer than the school's retention settings.

Records are deleted a whole month file at a time: a month goes once EVERY record in it is
older than the retention period for its type (visits by signed_in_at, phones by stored_at,
staff attendance by signed_in_at, pupils' late arrivals and collections by at, audit entries
by at). Staff attendance and pupils' attendance events are kept to the end of the school year
after next by default (`[retention] staff_attendance_years`, `attendance_school_years`), not
for a number of days. A month with even one record still inside the period is kept whole
until that record expires too, so a record may outlive its period by up to a month.
Open records (visitors on site, phones in the store, staff on site, today's late arrivals and
collections) live in live.json and the journal and are never purged; neither is a month one
of them belongs to, nor the current month.

The purge is itself audited in the same transaction, written before any file is deleted:
the months it removed of each kind, and the seq and hash of the last audit entry it removed.
`kiosk audit verify` checks that the oldest surviving entry follows exactly that entry, and
that no audit month it removed was still inside the audit retention on the purge's date.

A wrong clock must not delete current records (kiosk.domain.clock_trust): a month past its
period goes only once the kiosk has been used on `school_days_before_purge` school days
after its newest record, not counting days after a jump of the clock longer than the
period; until then it is *held*, and the report says why. A hold caused by a jump, or a
clock earlier than the newest record, means the clock looks wrong: the purge deletes
nothing at all and says so (a fault on the LED, the staff screen and `kiosk check` too).
`force` (an admin who has checked the date) purges by the clock as it is, and records that
the date was confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo

from kiosk.config import Config
from kiosk.domain.attendance import ATTENDANCE as PUPIL_ATTENDANCE
from kiosk.domain.audit_chain import committed, last_removed_text
from kiosk.domain.clock import month_key, parse_iso
from kiosk.domain.clock_trust import Evidence, Hold, hold_for, moments_of
from kiosk.domain.staff_attendance import KIND as STAFF_ATTENDANCE
from kiosk.domain.terms import kept_from
from kiosk.errors import KioskError
from kiosk.services.admin.clock_watch import clock_record, confirm_clock
from kiosk.services.context import KioskContext
from kiosk.store.record_store import RecordStore

KINDS = ("visits", "phones", STAFF_ATTENDANCE, PUPIL_ATTENDANCE, "audit")
DATED_BY = {
    "visits": "signed_in_at",
    "phones": "stored_at",
    STAFF_ATTENDANCE: "signed_in_at",
    PUPIL_ATTENDANCE: "at",
    "audit": "at",
}
# Every moment a record carries: the newest of them is how late it really is, at least.
MOMENTS = {
    "visits": ("signed_in_at", "signed_out_at"),
    "phones": ("stored_at", "returned_at"),
    STAFF_ATTENDANCE: ("signed_in_at", "signed_out_at"),
    PUPIL_ATTENDANCE: ("at", "phone_closed_at", "completed_at", "returned_at", "closed_at"),
    "audit": ("at",),
}
# Moments someone used the kiosk: days with these are the days of use the purge waits for.
USES = {
    "visits": ("signed_in_at",),
    "phones": ("stored_at", "returned_at"),
    STAFF_ATTENDANCE: ("signed_in_at",),
    PUPIL_ATTENDANCE: ("at",),  # someone at the foyer screen
}
STAFF_ACTOR = "staff:"
CLOCK_FAULT = "the clock looks wrong: "  # how the fault line starts (kiosk check, staff screen)


@dataclass
class KindPlan:
    kind: str
    retention_days: int
    cutoff: datetime  # records before this moment are past retention
    months: list[str] = field(default_factory=list)  # month files to delete
    records: int = 0  # records in those files
    kept_months: list[str] = field(default_factory=list)  # months kept though partly expired
    held: list[tuple[str, str]] = field(default_factory=list)  # past retention, kept: why
    rule: str = ""  # how long, when it is not a number of days (attendance)

    @property
    def kept_for(self) -> str:
        return self.rule or f"for {self.retention_days} days"


@dataclass
class PurgePlan:
    kinds: dict[str, KindPlan]
    last_removed_seq: int | None = None  # the newest audit entry the purge removes
    last_removed_hash: str | None = None
    done: bool = False  # False for a dry run
    clock_doubt: str | None = None  # why the clock looks wrong; the purge needs --force
    newest_seen: datetime | None = None  # the newest moment any record holds, or a kiosk run

    @property
    def nothing_to_do(self) -> bool:
        return not any(p.months for p in self.kinds.values())

    def summary(self) -> str:
        parts = [
            f"{p.kind}: {p.records} in {len(p.months)} month(s)"
            + (f" ({', '.join(p.months)})" if p.months else "")
            for p in self.kinds.values()
        ]
        seq, hash_ = self.last_removed_seq, self.last_removed_hash
        removed = f"; {last_removed_text(seq, hash_)}" if seq is not None and hash_ else ""
        return "; ".join(parts) + removed


def _month_groups(
    store: RecordStore, kind: str, tz: tzinfo, strict: bool
) -> dict[str, tuple[list[dict], bool]]:
    """month -> (its records, whether the month may go at all).

    Visits and phones: every record, open or closed, wherever it is now (a closed record
    may still be only in the journal before its month's file has it). A month holding an open
    record may not go. With `strict`, neither may one whose records are not all in its file
    yet (closed while the purge was starting; it goes next time).
    """
    if kind == "audit":
        # One month's entries at a time; audit_entries() would read every month. Entries past
        # the head were never committed: they neither count nor survive.
        head = store.audit_head()
        return {
            month: (committed(store.audit_month(month), head)[0], True)
            for month in store.months("audit")
        }
    groups: dict[str, list[dict]] = {month: [] for month in store.months(kind)}
    for record in store.records(kind):
        groups.setdefault(month_key(record[DATED_BY[kind]], tz), []).append(record)
    open_ids = {r["id"] for r in store.live(kind)}
    result = {}
    for month, records in groups.items():
        allowed = not any(r["id"] in open_ids for r in records)
        if strict and allowed:
            in_file = {r["id"] for r in store.history(kind, month)}
            allowed = all(r["id"] in in_file for r in records)
        result[month] = (records, allowed)
    return result


def plan_purge(context: KioskContext, strict: bool = False, force: bool = False) -> PurgePlan:
    """What a purge would delete now (with `force`: trusting the clock). Reads only."""
    store = context.store
    config = context.config
    tz = config.tz
    now = context.now()
    current_month = month_key(now, tz)
    retention = config.retention
    days = {
        "visits": retention.visits_days,
        "phones": retention.phones_days,
        "audit": retention.audit_days,
    }
    groups = {kind: sorted(_month_groups(store, kind, tz, strict).items()) for kind in KINDS}
    evidence = _evidence(context, groups)
    behind = evidence.behind()
    plans: dict[str, KindPlan] = {}
    removed: list[dict] = []
    doubt: str | None = behind
    for kind in KINDS:
        if kind in SCHOOL_YEARS:
            plan = _school_years_plan(context, kind, now)
        else:
            plan = KindPlan(kind, days[kind], now - timedelta(days=days[kind]))
        cutoff = plan.cutoff
        for month, (records, allowed) in groups[kind]:
            if records:
                expired = all(parse_iso(r[DATED_BY[kind]]) < cutoff for r in records)
            else:  # an empty file (everything in it removed by hand): judge by its month
                expired = month < month_key(cutoff, tz)
            if not (expired and allowed and month < current_month):
                if any(parse_iso(r[DATED_BY[kind]]) < cutoff for r in records):
                    plan.kept_months.append(month)
                continue
            hold = (
                None
                if force
                else _hold(evidence, records, kind, plan.retention_days, behind, config)
            )
            if hold is not None:
                plan.held.append((month, hold.reason))
                if hold.clock_wrong and doubt is None:
                    doubt = hold.reason
                continue
            plan.months.append(month)
            plan.records += len(records)
            if kind == "audit":
                removed.extend(records)
        plans[kind] = plan
    last = max(removed, key=lambda e: e["seq"]) if removed else None
    return PurgePlan(
        plans,
        last["seq"] if last else None,
        last["hash"] if last else None,
        clock_doubt=None if force else doubt,
        newest_seen=evidence.newest_seen(),
    )


# Kinds kept to the end of a school year some years after their own, not for a number of
# days: the [retention] setting giving how many years.
SCHOOL_YEARS = {
    STAFF_ATTENDANCE: "staff_attendance_years",
    PUPIL_ATTENDANCE: "attendance_school_years",
}


def _school_years_plan(context: KioskContext, kind: str, now: datetime) -> KindPlan:
    """Kept to the end of the school year `years` after its own (kiosk.domain.terms.kept_from)."""
    tz = context.config.tz
    years = getattr(context.config.retention, SCHOOL_YEARS[kind])
    first_kept = kept_from(now.astimezone(tz).date(), context.config.policy.terms, years)
    cutoff = datetime.combine(first_kept, time(0), tz)
    rule = f"to the end of the school year {years} after its own (from {first_kept.isoformat()})"
    return KindPlan(kind, (now - cutoff).days, cutoff, rule=rule)


def _evidence(
    context: KioskContext, groups: dict[str, list[tuple[str, tuple[list[dict], bool]]]]
) -> Evidence:
    moments: list[datetime] = []
    uses: list[datetime] = []
    for kind in KINDS:
        for _month, (records, _allowed) in groups[kind]:
            moments.extend(moments_of(records, MOMENTS[kind]))
            if kind == "audit":
                people = [e for e in records if str(e.get("actor", "")).startswith(STAFF_ACTOR)]
                uses.extend(moments_of(people, ("at",)))
            else:
                uses.extend(moments_of(records, USES[kind]))
    config = context.config
    return Evidence(
        context.now(), config.tz, config.day.school_days, clock_record(context.store),
        moments, uses,
    )  # fmt: skip


def _hold(
    evidence: Evidence,
    records: list[dict],
    kind: str,
    retention_days: int,
    behind: str | None,
    config: Config,
) -> Hold | None:
    if behind is not None:
        return Hold(behind, True)
    newest = max(moments_of(records, MOMENTS[kind]), default=None)
    if newest is None:  # an empty file: nothing in it to protect
        return None
    needed = config.retention.school_days_before_purge
    return hold_for(evidence, newest, timedelta(days=retention_days), needed)


def clock_fault(context: KioskContext) -> str | None:
    """The clock looks wrong (see the module docstring): what the office is told; else None."""
    doubt = plan_purge(context).clock_doubt
    if doubt is None:
        return None
    return (
        f"{CLOCK_FAULT}{doubt}; nothing is purged until it is right "
        "('timedatectl'; if the date is right, 'kiosk purge --force')"
    )


def purge(
    context: KioskContext, dry_run: bool = False, actor: str = "admin-cli", force: bool = False
) -> PurgePlan:
    """Delete what `plan_purge` finds, under the store lock; a dry run only reports.

    Refuses (KioskError, nothing deleted) when the clock looks wrong (see the module
    docstring), unless `force`: then the clock is trusted, and its date recorded as
    confirmed (audited), so the fault clears."""
    seen = context.store.last_tx()
    plan = plan_purge(context, force=force)
    if dry_run:
        return plan
    _refuse_doubtful_clock(plan)
    if plan.nothing_to_do and not force:
        return plan
    with context.store.transaction() as tx:
        if context.store.last_tx() != seen:  # something was written meanwhile: plan again
            plan = plan_purge(context, strict=True, force=force)  # under the lock
            _refuse_doubtful_clock(plan)
        if force:
            confirm_clock(tx, context.now(), plan.newest_seen)
            tx.audit(
                context.now_iso(), actor, "clock-confirmed", "",
                "purge --force: the date was checked by an admin",
            )  # fmt: skip
        if plan.nothing_to_do:
            return plan
        tx.audit(context.now_iso(), actor, "purge", "", plan.summary())
        for kind_plan in plan.kinds.values():
            for month in kind_plan.months:
                tx.delete_month(kind_plan.kind, month)
        plan.done = True
    return plan


def _refuse_doubtful_clock(plan: PurgePlan) -> None:
    if plan.clock_doubt:
        raise KioskError(
            f"purge refused, nothing deleted: {plan.clock_doubt}. Check the date "
            "('timedatectl'); if it is right, run 'kiosk purge --force'"
        )
