"""Storing a pupil's phone: check the form, write the record, then open the store once.

The audit trail is kept longer than phone records, so its entries name the phone's id and
bag, never the pupil.
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.interface import Hardware
from kiosk.domain.attendance import ATTENDANCE, LATE, PHONE_STORED, AttendanceEvent
from kiosk.domain.ids import new_id
from kiosk.domain.pupils import normalise_pupil_id
from kiosk.domain.records import PHONE_REASONS, Phone
from kiosk.domain.validation import NAME_MAX, NOTE_MAX, TEXT_MAX, free_text, person_name
from kiosk.errors import ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.phones.store_opening import open_store, staff_actor
from kiosk.services.policy.escalation import escalation_for
from kiosk.store.record_store import Transaction

PHONE_PREFIX = "P"
CLASS_MAX = 30
LABEL_MAX = 30
# What check_phone_form allows in each box: the on-screen boxes stop there.
FIELD_MAX = {
    "pupil-name": NAME_MAX,
    "class-name": CLASS_MAX,
    "description": TEXT_MAX,
    "bag-label": LABEL_MAX,
    "note": NOTE_MAX,
}


@dataclass(frozen=True)
class PhoneDetails:
    """What the member of staff filled in, cleaned and checked."""

    pupil_name: str
    class_name: str
    description: str
    bag_label: str
    reason: str
    parent_only: bool
    note: str = ""
    pupil_id: str = ""  # the roster pupil tapped; empty for a name typed
    arrival_id: str = ""  # the late arrival that declared this phone, if any


def normalise_label(text: str) -> str:
    return " ".join(text.split()).upper()


def check_phone_form(
    pupil_name: str,
    class_name: str,
    description: str,
    bag_label: str,
    reason: str,
    parent_only: bool,
    note: str = "",
    pupil_id: str = "",
    arrival_id: str = "",
) -> PhoneDetails:
    """Cleaned details, or ValidationError naming the first field that needs attention."""
    name = person_name(pupil_name, "Pupil's name", "pupil-name")
    klass = free_text(class_name, "Class or year", "class-name", required=True, max_len=CLASS_MAX)
    what = free_text(description, "Phone description", "description", required=True)
    label = normalise_label(
        free_text(bag_label, "Bag or slot label", "bag-label", required=True, max_len=LABEL_MAX)
    )
    if reason not in PHONE_REASONS:
        raise ValidationError("Please choose why the phone is being stored.", "reason")
    extra = free_text(note, "Note", "note", max_len=NOTE_MAX)
    chosen = normalise_pupil_id(pupil_id) if pupil_id else ""
    return PhoneDetails(
        name, klass, what, label, reason, bool(parent_only), extra, chosen, arrival_id
    )


def label_in_use(context: KioskContext, label: str) -> bool:
    wanted = normalise_label(label)
    return any(
        normalise_label(r.get("bag_label", "")) == wanted for r in context.store.live("phones")
    )


def link_stored_phone(
    tx: Transaction, event_id: str, phone_id: str, staff_id: str, at: str
) -> AttendanceEvent:
    """In the phone's own transaction: the arrival now points to the phone (and the phone to
    the arrival, which the caller writes), so the two records say the same thing or nothing."""
    record = tx.get(ATTENDANCE, event_id)
    if record is None or record.get("kind") != LATE:
        raise ValidationError(
            "That late arrival is no longer open: store the phone without it.", "pupil-name"
        )
    if record.get("phone") == PHONE_STORED:
        raise ValidationError("That pupil's phone is already stored.", "pupil-name")
    linked = tx.update(
        ATTENDANCE,
        event_id,
        {
            "phone": PHONE_STORED,
            "phone_id": phone_id,
            "phone_closed_at": at,
            "phone_closed_by": staff_id,
        },
    )
    return AttendanceEvent.from_record(linked)


def store_phone(
    context: KioskContext, hardware: Hardware, details: PhoneDetails, staff_id: str
) -> Phone:
    """Record the phone (and the opening) durably, then unlock the store once."""
    phone = Phone(
        id=new_id(PHONE_PREFIX),
        pupil_name=details.pupil_name,
        class_name=details.class_name,
        description=details.description,
        bag_label=details.bag_label,
        reason=details.reason,
        parent_only=details.parent_only,
        stored_at=context.now_iso(),
        stored_by=staff_id,
        note=details.note,
    )

    def write(tx: Transaction) -> Phone:
        wanted = details.bag_label
        if tx.where("phones", lambda r: normalise_label(r.get("bag_label", "")) == wanted):
            raise ValidationError(
                f"Bag {wanted} already holds a phone. Use another bag or return that one first.",
                "bag-label",
            )
        # Counted under the lock, so two phones stored at once cannot both be "the 1st".
        escalation = escalation_for(context, phone.pupil_name, details.pupil_id, phone.reason)
        rule = escalation.rule
        phone.pupil_id = details.pupil_id if escalation.on_roster else ""
        phone.term = escalation.term.key
        phone.count_in_term = escalation.count
        phone.rule_count = rule.count if rule else 0
        phone.rule_text = rule.text if rule else ""
        phone.head_of_year = bool(rule and rule.head_of_year)
        phone.behaviour_code = (rule.behaviour_code if rule else "") or (
            context.config.policy.behaviour_code if escalation.count else ""
        )
        phone.parent_only = phone.parent_only or escalation.parent_only
        if details.arrival_id:
            # The late arrival that declared it and the phone point to each other, written
            # together: never one without the other.
            link_stored_phone(tx, details.arrival_id, phone.id, staff_id, phone.stored_at)
            phone.arrival_id = details.arrival_id
        tx.insert("phones", phone.to_record())
        tx.audit(
            phone.stored_at,
            staff_actor(staff_id),
            "phone-stored",
            phone.id,
            f"{PHONE_REASONS[phone.reason]}; bag {phone.bag_label}"
            + (f"; {phone.count_in_term} in term {phone.term}" if phone.count_in_term else "")
            + ("; parent or carer only" if phone.parent_only else ""),
        )
        return phone

    return open_store(
        context, hardware, staff_id, [phone.id], f"store phone, bag {phone.bag_label}", write
    )
