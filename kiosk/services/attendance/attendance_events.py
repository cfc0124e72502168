"""Reading and keeping the day's late arrivals and collections: what staff are told, the
phone a late pupil declared (marked resolved here; stored, and linked to its arrival, by
kiosk/services/phones/phone_store.py), and the day's close.

Today's events are open records in the live file, so every read here is of a day's worth of
records, never the history. The audit trail names records by id only: it outlives them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from kiosk.domain.attendance import (
    ATTENDANCE,
    COLLECTION,
    COMPLETED,
    LATE,
    NOT_COLLECTED,
    PHONE_DECLARED,
    PHONE_NOT_STORED,
    PHONE_RESOLVED,
    REQUESTED,
    AttendanceEvent,
)
from kiosk.domain.clock import parse_iso, to_iso
from kiosk.errors import NotFound
from kiosk.services.context import KioskContext
from kiosk.store.record_store import Transaction

NOTICE_NAMES = 3  # named on the staff screen; more are counted


def today(context: KioskContext) -> date:
    return context.now().astimezone(context.config.tz).date()


def time_of(context: KioskContext, iso: str) -> str:
    return parse_iso(iso).astimezone(context.config.tz).strftime("%H:%M") if iso else ""


def open_events(context: KioskContext, day: date | None = None) -> list[AttendanceEvent]:
    """The events still open (today's, and any from a day close-day has not closed yet),
    earliest first; only `day`'s when given."""
    events = [AttendanceEvent.from_record(r) for r in context.store.live(ATTENDANCE)]
    if day is not None:
        events = [e for e in events if e.day == day.isoformat()]
    return sorted(events, key=lambda e: (parse_iso(e.at), e.id))


def get_event(context: KioskContext, event_id: str) -> AttendanceEvent:
    record = context.store.find(ATTENDANCE, event_id)
    if record is None:
        raise NotFound("That late arrival or collection is no longer on the kiosk.")
    return AttendanceEvent.from_record(record)


def phones_declared(context: KioskContext) -> list[AttendanceEvent]:
    """Late pupils who said they have a phone that is not stored (nor marked resolved) yet."""
    return [e for e in open_events(context) if e.kind == LATE and e.phone == PHONE_DECLARED]


def collections_waiting(context: KioskContext) -> list[AttendanceEvent]:
    """Collections asked for at the kiosk that staff have not handed over or turned away."""
    return [e for e in open_events(context) if e.kind == COLLECTION and e.status == REQUESTED]


def collected_out(context: KioskContext) -> list[AttendanceEvent]:
    """Today's completed collections whose pupil is not back."""
    return [
        e
        for e in open_events(context, today(context))
        if e.kind == COLLECTION and e.status == COMPLETED and not e.returned_at
    ]


def _named(events: list[AttendanceEvent], context: KioskContext, when: str) -> str:
    names = [f"{e.pupil_name} ({e.class_name or e.year}, {when} {time_of(context, e.at)})"
             for e in events[:NOTICE_NAMES]]  # fmt: skip
    more = len(events) - NOTICE_NAMES
    return "; ".join(names) + (f"; and {more} more" if more > 0 else "")


def staff_notices(context: KioskContext) -> tuple[str, ...]:
    """For the staff screen: collections waiting at the office window, phones declared on
    arrival and not stored yet."""
    notices = []
    waiting = collections_waiting(context)
    if waiting:
        notices.append(
            f"Waiting to collect: {_named(waiting, context, 'asked')}. Tap Pupils to hand over."
        )
    phones = phones_declared(context)
    if phones:
        notices.append(
            f"Phone to store (declared on arrival): {_named(phones, context, 'in')}. "
            "Store a phone offers them first."
        )
    return tuple(notices)


# --- the phone a late pupil declared -----------------------------------------------------


def mark_phone_resolved(context: KioskContext, event_id: str, staff_id: str) -> AttendanceEvent:
    """Staff say the declared phone needs no storing (it was a mistake, it went home...)."""
    with context.store.transaction() as tx:
        record = tx.get(ATTENDANCE, event_id)
        if record is None or record.get("phone") != PHONE_DECLARED:
            raise NotFound("That phone is no longer waiting to be stored.")
        now = context.now_iso()
        updated = tx.update(
            ATTENDANCE,
            event_id,
            {"phone": PHONE_RESOLVED, "phone_closed_at": now, "phone_closed_by": staff_id},
        )
        tx.audit(now, f"staff:{staff_id}", "arrival-phone-resolved", event_id, "marked resolved")
    return AttendanceEvent.from_record(updated)


# --- the end of the day ------------------------------------------------------------------


def close_attendance(
    tx: Transaction, now_iso: str, actor: str, due: Callable[[dict[str, Any]], bool]
) -> list[AttendanceEvent]:
    """Close the events `due` says are over (close-day, or an earlier day seen in the
    morning): a declared phone never stored, a collection never handed over, are said so."""
    closed = []
    for record in sorted(tx.all(ATTENDANCE), key=lambda r: (parse_iso(r["at"]), r["id"])):
        if not due(record):
            continue
        changes: dict[str, Any] = {"closed_at": _not_before(now_iso, record["at"])}
        if record.get("kind") == LATE and record.get("phone") == PHONE_DECLARED:
            changes["phone"] = PHONE_NOT_STORED
            tx.audit(now_iso, actor, "arrival-phone-not-stored", record["id"], "day closed")
        if record.get("kind") == COLLECTION and record.get("status") == REQUESTED:
            changes["status"] = NOT_COLLECTED
            tx.audit(now_iso, actor, "collection-not-completed", record["id"], "day closed")
        closed.append(AttendanceEvent.from_record(tx.close(ATTENDANCE, record["id"], changes)))
    return closed


def _not_before(closing: str, opened: str) -> str:
    return opened if parse_iso(closing) < parse_iso(opened) else closing


def day_due(context: KioskContext, include_today: bool) -> Callable[[dict[str, Any]], bool]:
    """Events of earlier days, and today's too when the day is over."""
    now_day = today(context).isoformat()

    def due(record: dict[str, Any]) -> bool:
        day = str(record.get("day", ""))
        return day < now_day or (include_today and day == now_day)

    return due


def close_earlier_days(context: KioskContext, actor: str = "kiosk") -> list[AttendanceEvent]:
    """Close what earlier days left open (the kiosk runs this in the morning: close-day may
    not have run). Writes nothing when there is nothing to close."""
    due = day_due(context, include_today=False)
    if not any(due(r) for r in context.store.live(ATTENDANCE)):
        return []
    with context.store.transaction() as tx:
        return close_attendance(tx, to_iso(context.now(), context.config.tz), actor, due)
