"""`kiosk purge`: delete records kept longer than the school's retention settings.

Records are deleted a whole month file at a time: a month goes once EVERY record in it is
older than the retention period for its type (visits by signed_in_at, phones by stored_at,
audit entries by at). A month with even one record still inside the period is kept whole
until that record expires too, so a record may outlive its period by up to a month.
Open records (visitors on site, phones in the store) live in live.json and are never
purged; neither is a month one of them belongs to, nor the current month.

The purge is itself audited (counts, and the first audit entry that survives, by seq and
hash) in the same transaction, written before any file is deleted. That entry signs off the
trail that is left: `kiosk audit verify` checks that the oldest surviving entry is exactly
the one the newest purge named.

A wrong clock must not delete current records: the purge refuses (unless forced) when the
clock is earlier than the newest record, or when it would delete a record from within a
week of the newest record (the best evidence of what the date really is, when a clock has
jumped years ahead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from kiosk.domain.audit_chain import anchor_text, committed
from kiosk.domain.clock import month_key, parse_iso
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.store.record_store import AUDIT_HEAD_KEY, RecordStore, Transaction

KINDS = ("visits", "phones", "audit")
DATED_BY = {"visits": "signed_in_at", "phones": "stored_at", "audit": "at"}
# Every moment a record carries: the newest of them is how late it really is, at least.
MOMENTS = {
    "visits": ("signed_in_at", "signed_out_at"),
    "phones": ("stored_at", "returned_at"),
    "audit": ("at",),
}
RECENT = timedelta(days=7)


@dataclass
class KindPlan:
    kind: str
    retention_days: int
    cutoff: datetime  # records before this moment are past retention
    months: list[str] = field(default_factory=list)  # month files to delete
    records: int = 0  # records in those files
    kept_months: list[str] = field(default_factory=list)  # months kept though partly expired


@dataclass
class PurgePlan:
    kinds: dict[str, KindPlan]
    first_surviving_seq: int | None = None
    first_surviving_hash: str | None = None  # None: the purge entry itself survives first
    done: bool = False  # False for a dry run
    clock_doubt: str | None = None  # why the clock may be wrong; the purge needs --force

    @property
    def nothing_to_do(self) -> bool:
        return not any(p.months for p in self.kinds.values())

    def summary(self) -> str:
        parts = [
            f"{p.kind}: {p.records} in {len(p.months)} month(s)"
            + (f" ({', '.join(p.months)})" if p.months else "")
            for p in self.kinds.values()
        ]
        seq = self.first_surviving_seq
        anchor = f"; {anchor_text(seq, self.first_surviving_hash)}" if seq else ""
        return "; ".join(parts) + anchor


def _month_groups(
    store: RecordStore, kind: str, tz: tzinfo, strict: bool
) -> dict[str, tuple[list[dict], bool]]:
    """month -> (its records, whether the month may go at all).

    Visits and phones: every record, open or closed, wherever it is now (a closed record
    may still wait in live.json before moving to its month's file). A month holding an open
    record may not go. With `strict`, neither may one whose records are not all in its file
    yet (closed while the purge was starting; it goes next time).
    """
    if kind == "audit":
        # One month's entries at a time; audit_entries() would read every month. Entries past
        # the head were never committed: they neither count nor survive.
        head = store.audit_head()
        return {
            month: (
                committed(
                    store.valid(store.audit_path(month), "audit", store.audit_month(month)),
                    head,
                )[0],
                True,
            )
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


def plan_purge(context: KioskContext, strict: bool = False) -> PurgePlan:
    """What a purge would delete now. Reads only."""
    store = context.store
    tz = context.config.tz
    now = context.now()
    current_month = month_key(now, tz)
    retention = context.config.retention
    days = {
        "visits": retention.visits_days,
        "phones": retention.phones_days,
        "audit": retention.audit_days,
    }
    plans: dict[str, KindPlan] = {}
    surviving: list[dict] = []
    newest: datetime | None = None
    newest_doomed: datetime | None = None
    for kind in KINDS:
        cutoff = now - timedelta(days=days[kind])
        plan = KindPlan(kind, days[kind], cutoff)
        for month, (records, allowed) in sorted(_month_groups(store, kind, tz, strict).items()):
            moments = [_latest(r, kind) for r in records]
            newest = max([newest, *moments], key=_sortable)
            if records:
                expired = all(parse_iso(r[DATED_BY[kind]]) < cutoff for r in records)
            else:  # an empty file (everything in it removed by hand): judge by its month
                expired = month < month_key(cutoff, tz)
            if expired and allowed and month < current_month:
                plan.months.append(month)
                plan.records += len(records)
                newest_doomed = max([newest_doomed, *moments], key=_sortable)
            else:
                if any(parse_iso(r[DATED_BY[kind]]) < cutoff for r in records):
                    plan.kept_months.append(month)
                if kind == "audit":
                    surviving.extend(records)
        plans[kind] = plan
    first = min(surviving, key=lambda e: e["seq"]) if surviving else None
    return PurgePlan(
        plans,
        first["seq"] if first else None,
        first["hash"] if first else None,
        clock_doubt=_clock_doubt(now, newest, newest_doomed),
    )


def _latest(record: dict, kind: str) -> datetime | None:
    moments = [parse_iso(record[f]) for f in MOMENTS[kind] if record.get(f)]
    return max(moments) if moments else None


def _sortable(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else float("-inf")


def _clock_doubt(
    now: datetime, newest: datetime | None, newest_doomed: datetime | None
) -> str | None:
    """Why this clock cannot be trusted to decide what is old; None when it can."""
    if newest is None:
        return None
    if now < newest:
        return (
            f"the clock says {now.isoformat(timespec='minutes')}, earlier than the newest "
            f"record ({newest.isoformat(timespec='minutes')}): the clock looks wrong"
        )
    if newest_doomed is not None and newest - newest_doomed < RECENT:
        return (
            f"it would delete a record from {newest_doomed.isoformat(timespec='minutes')}, "
            f"within a week of the newest record ({newest.isoformat(timespec='minutes')}): "
            "the clock looks too far ahead"
        )
    return None


def purge(
    context: KioskContext, dry_run: bool = False, actor: str = "admin-cli", force: bool = False
) -> PurgePlan:
    """Delete what `plan_purge` finds, under the store lock; a dry run only reports.

    Refuses (KioskError) when the clock looks wrong (see the module docstring), unless
    `force`."""
    seen = context.store.last_tx()
    plan = plan_purge(context)
    if dry_run or plan.nothing_to_do:
        return plan
    _refuse_doubtful_clock(plan, force)
    # Closed records waiting in live.json move to their month files first, so deleting a
    # month's file deletes all of that month.
    with context.store.transaction() as tx:
        tx.archive()
    with context.store.transaction() as tx:
        if context.store.last_tx() != seen:  # something was written meanwhile: plan again
            plan = plan_purge(context, strict=True)  # under the lock (a short hold otherwise)
        if plan.nothing_to_do:
            return plan
        _refuse_doubtful_clock(plan, force)
        if plan.first_surviving_seq is None:
            # Every older entry goes: the purge entry itself becomes the chain's anchor.
            plan.first_surviving_seq = _next_seq(tx, context)
        tx.audit(context.now_iso(), actor, "purge", "", plan.summary())
        for kind_plan in plan.kinds.values():
            for month in kind_plan.months:
                tx.delete_month(kind_plan.kind, month)
        plan.done = True
    return plan


def _refuse_doubtful_clock(plan: PurgePlan, force: bool) -> None:
    if plan.clock_doubt and not force:
        raise KioskError(
            f"purge refused: {plan.clock_doubt}. Check the date ('timedatectl'); if it is "
            "right, run 'kiosk purge --force'"
        )


def _next_seq(tx: Transaction, context: KioskContext) -> int:
    head = tx.get_state(AUDIT_HEAD_KEY)
    if isinstance(head, dict) and isinstance(head.get("seq"), int):
        return head["seq"] + 1
    seqs = [e["seq"] for e in context.store.audit_entries() if isinstance(e.get("seq"), int)]
    return max(seqs, default=0) + 1
