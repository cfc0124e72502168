"""A pupil collected early: asked for at the foyer screen, handed over by staff.

The kiosk records a REQUEST (the pupil, the reason, the collecting adult's name and
relationship, whether the pupil comes back today) and tells the office at once: the staff
screen's notices, and a buzzer or lamp if one is wired. The collection is COMPLETED only
when a member of staff confirms the handover with their PIN or their staff card, in their
own name; only then does the roll call count the pupil as gone.

When staff confirm they are shown, as advice and never a decision: whether the adult's name
matches one of the pupil's contacts from the MIS, whether the pupil is flagged "release only
with the office", and whether the pupil has a phone in the store (the return screen then
offers it for that adult, under the parent-or-carer-only rule as ever).

A pupil who comes back the same day is signed back in by staff, or by scanning the slip
code the kiosk showed when the collection was asked for.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from hardware.interface import Hardware
from kiosk.domain.attendance import (
    ATTENDANCE,
    COLLECTION,
    COMPLETED,
    NOT_COLLECTED,
    REQUESTED,
    SLIP_LENGTH,
    SLIP_PREFIX,
    AttendanceEvent,
    slip_from_typed,
)
from kiosk.domain.attendance_codes import collection_code, sessions_missed
from kiosk.domain.clock import parse_iso
from kiosk.domain.contact_match import ContactAdvice
from kiosk.domain.ids import random_code
from kiosk.domain.name_folding import fold
from kiosk.domain.pupils import Pupil
from kiosk.domain.records import Staff
from kiosk.errors import NotFound, ValidationError
from kiosk.services.attendance.attendance_events import today
from kiosk.services.attendance.contacts import advice_for
from kiosk.services.attendance.late_arrival import (
    NOT_ON_ROSTER,
    adult_or_alone,
    choose_reason,
    pupil_event,
)
from kiosk.services.context import KioskContext
from kiosk.services.phones.phones_waiting import HeldPhone, phones_held
from kiosk.services.pupils.pupil_roster import PUPILS
from kiosk.services.staff.staff_cards import CARD_NOT_USABLE, card_holder_or_refuse
from kiosk.services.staff.staff_login import verify_typed_pin

log = logging.getLogger(__name__)

SLIP_USED = "That slip has been used, or its pupil was not collected today: please see the office."


def new_slip_token() -> str:
    return SLIP_PREFIX + random_code(SLIP_LENGTH)


def slip_text(token: str) -> str:
    """The slip's code as shown under its QR: 'SLIP 7K2M-9QX4-HD3T-B8WN'."""
    body = token.removeprefix(SLIP_PREFIX)
    return "SLIP " + "-".join(body[i : i + 4] for i in range(0, len(body), 4))


def request_collection(
    context: KioskContext,
    hardware: Hardware | None,
    pupil: Pupil,
    reason: str,
    reason_detail: str,
    adult_name: str,
    relationship: str,
    will_return: bool,
) -> AttendanceEvent:
    """Store the request durably, then tell the office (the buzzer cannot hold it up)."""
    settings = context.config.attendance
    chosen = choose_reason(settings.collection_reasons, reason, reason_detail)
    adult = adult_or_alone(adult_name, came_alone=False)
    if relationship not in settings.relationships:
        raise ValidationError("Please choose how you are related to the pupil.", "relationship")
    event = pupil_event(context, COLLECTION, pupil, chosen)
    event.adult_name = adult
    event.relationship = relationship
    event.will_return = will_return
    event.status = REQUESTED
    event.suggested_code = collection_code(chosen.medical)
    event.slip_token = new_slip_token() if will_return else ""
    with context.store.transaction() as tx:
        record = tx.get(PUPILS, pupil.id)
        if record is None:
            raise ValidationError(NOT_ON_ROSTER, "pupil")
        event.office_release = bool(record.get("office_release", False))
        tx.insert(ATTENDANCE, event.to_record())
        tx.audit(event.at, "kiosk", "collection-requested", event.id, event.session)
    alert = getattr(hardware, "office_alert", None)
    if alert is not None:
        with contextlib.suppress(Exception):  # a broken buzzer must not lose the request
            alert.sound()
    return event


# --- for the member of staff handing over ------------------------------------------------


@dataclass(frozen=True)
class CollectionView:
    """What staff see before they confirm a handover."""

    event: AttendanceEvent
    advice: ContactAdvice
    office_release: bool  # flagged now (the roster), or when asked
    phones: tuple[HeldPhone, ...]  # the pupil's phones in the store


def _roster_pupil(context: KioskContext, pupil_id: str) -> Pupil | None:
    for record in context.store.live(PUPILS):
        if record.get("id") == pupil_id:
            return Pupil.from_record(record)
    return None


def pupil_phones(context: KioskContext, event: AttendanceEvent) -> tuple[HeldPhone, ...]:
    """The pupil's phones in the store: stored for this roster pupil, or (typed in by hand)
    under the same name."""
    records = {r["id"]: r for r in context.store.live("phones")}
    wanted = fold(event.pupil_name)
    found = []
    for phone in phones_held(context):
        pupil_id = str(records.get(phone.id, {}).get("pupil_id", ""))
        if pupil_id == event.pupil_id or (not pupil_id and fold(phone.pupil_name) == wanted):
            found.append(phone)
    return tuple(found)


def collection_view(context: KioskContext, event_id: str) -> CollectionView:
    record = context.store.find(ATTENDANCE, event_id)
    if record is None or record.get("kind") != COLLECTION:
        raise NotFound("That collection is no longer on the kiosk.")
    event = AttendanceEvent.from_record(record)
    pupil = _roster_pupil(context, event.pupil_id)
    flagged = event.office_release or bool(pupil and pupil.office_release)
    advice = advice_for(context, event.pupil_id, event.adult_name)
    return CollectionView(event, advice, flagged, pupil_phones(context, event))


def _requested(tx: object, event_id: str) -> dict[str, object]:
    record = tx.get(ATTENDANCE, event_id)  # type: ignore[attr-defined]
    if record is None or record.get("kind") != COLLECTION:
        raise NotFound("That collection is no longer on the kiosk.")
    if record.get("status") != REQUESTED:
        raise NotFound("That collection has already been dealt with.")
    return record


def complete_collection(context: KioskContext, event_id: str, staff: Staff) -> AttendanceEvent:
    """The handover, in this member of staff's name, with the advice they were shown."""
    view = collection_view(context, event_id)
    now = context.now_iso()
    with context.store.transaction() as tx:
        _requested(tx, event_id)
        updated = tx.update(
            ATTENDANCE,
            event_id,
            {
                "status": COMPLETED,
                "completed_at": now,
                "confirmed_by": staff.id,
                "released_by": staff.name,
                "contact_match": view.advice.export_value,
                "office_release": view.office_release,
            },
        )
        tx.audit(now, f"staff:{staff.id}", "collection-completed", event_id, view.advice.outcome)
    return AttendanceEvent.from_record(updated)


HANDOVER = "collection-handover"  # where the PIN was typed, for the audit trail


def complete_with_pin(context: KioskContext, event_id: str, pin: str) -> AttendanceEvent:
    """Confirm with the releasing member of staff's PIN, through the one gate every typed PIN
    goes through (kiosk.services.staff.staff_login.verify_typed_pin): a wrong one counts
    towards the kiosk's daily total and its lockouts like any other. The handover's own
    audit entry names who released the child. Slow: call it off the UI thread."""
    staff = verify_typed_pin(context, pin, HANDOVER, audit_match=False).staff
    return complete_collection(context, event_id, staff)


def complete_with_card(context: KioskContext, event_id: str, code: str) -> AttendanceEvent:
    """Confirm with the releasing member of staff's card (active, not revoked: a lost card
    must not release a child); KioskError otherwise, audited without the code. Quick: no
    PIN to hash."""
    member = card_holder_or_refuse(
        context, code, CARD_NOT_USABLE, "collection-card-refused", event_id
    )
    return complete_collection(context, event_id, member)


def not_collected(context: KioskContext, event_id: str, staff: Staff) -> AttendanceEvent:
    """Staff turn a request away (the adult left, or may not collect): the pupil stays."""
    now = context.now_iso()
    with context.store.transaction() as tx:
        _requested(tx, event_id)
        updated = tx.update(
            ATTENDANCE, event_id, {"status": NOT_COLLECTED, "confirmed_by": staff.id,
                                   "released_by": staff.name, "slip_token": ""}
        )  # fmt: skip
        tx.audit(now, f"staff:{staff.id}", "collection-not-completed", event_id, "by staff")
    return AttendanceEvent.from_record(updated)


# --- back the same day ---------------------------------------------------------------------


def sign_back_in(context: KioskContext, event_id: str, by: str) -> AttendanceEvent:
    """A collected pupil back today: `by` is a staff id, or "slip"."""
    now = context.now_iso()
    with context.store.transaction() as tx:
        record = tx.get(ATTENDANCE, event_id)
        if (
            record is None
            or record.get("status") != COMPLETED
            or record.get("returned_at")
            or record.get("day") != today(context).isoformat()
        ):
            raise NotFound(SLIP_USED)
        back = now if parse_iso(now) >= parse_iso(str(record["at"])) else str(record["at"])
        updated = tx.update(
            ATTENDANCE, event_id, {"returned_at": back, "returned_by": by, "slip_token": ""}
        )
        actor = "kiosk" if by == "slip" else f"staff:{by}"
        tx.audit(now, actor, "pupil-back", event_id, "slip" if by == "slip" else "by staff")
    return AttendanceEvent.from_record(updated)


def sign_back_in_by_slip(context: KioskContext, scanned: str) -> AttendanceEvent:
    """The slip's code, scanned or typed: signs its pupil back in once."""
    token = slip_from_typed(scanned)
    if token is None:
        raise NotFound(SLIP_USED)
    for record in context.store.live(ATTENDANCE):
        if record.get("slip_token") == token:
            return sign_back_in(context, record["id"], "slip")
    raise NotFound(SLIP_USED)


def missed_sessions(context: KioskContext, event: AttendanceEvent) -> tuple[str, ...]:
    """The sessions a completed collection's pupil missed (for the export and the codes)."""
    if event.status != COMPLETED:
        return ()
    tz = context.config.tz
    left = parse_iso(event.completed_at or event.at).astimezone(tz)
    back = parse_iso(event.returned_at).astimezone(tz) if event.returned_at else None
    return sessions_missed(context.config.attendance.registers, left, back)
