"""Giving phones back at the end of the day: one record, one audit trail, one unlock per batch.

A phone marked "return only to a parent or carer" is refused unless the collecting adult's
name is given. Everything is checked before anything is written, so a refused batch leaves
every phone in the store and the lock shut.
"""

from __future__ import annotations

from collections.abc import Sequence

from hardware.interface import Hardware
from kiosk.domain.records import Phone, not_before
from kiosk.domain.validation import person_name
from kiosk.errors import NotFound, ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.phones.store_opening import open_store, staff_actor
from kiosk.store.record_store import Transaction

TO_PUPIL = "pupil"


def check_collector(adult_name: str | None) -> str:
    """'pupil' when no adult is named; otherwise the adult's cleaned name."""
    if adult_name is None or not adult_name.strip():
        return TO_PUPIL
    return person_name(adult_name, "Adult's name", "adult-name")


def return_phones(
    context: KioskContext,
    hardware: Hardware,
    phone_ids: Sequence[str],
    staff_id: str,
    adult_name: str | None = None,
) -> list[Phone]:
    """Mark the phones returned and open the store once for all of them.

    `adult_name` empty: handed to the pupil. Refused (ValidationError, nothing written,
    store shut) if any phone is parent-only and no adult is named.
    """
    ids = list(dict.fromkeys(phone_ids))  # a double tap must not list a phone twice
    if not ids:
        raise ValidationError("Choose at least one phone to return.", "phones")
    returned_to = check_collector(adult_name)
    now = context.now_iso()
    actor = staff_actor(staff_id)

    def write(tx: Transaction) -> list[Phone]:
        phones = []
        for phone_id in ids:
            record = tx.get("phones", phone_id)
            if record is None:
                raise NotFound("One of those phones has already been returned. Please look again.")
            phones.append(Phone.from_record(record))
        parent_only = [p for p in phones if p.parent_only]
        if parent_only and returned_to == TO_PUPIL:
            names = ", ".join(p.pupil_name for p in parent_only)
            raise ValidationError(
                f"{names}: this phone goes only to a parent or carer. "
                "Type the collecting adult's name.",
                "adult-name",
            )
        closed = []
        for phone in phones:
            record = tx.close(
                "phones",
                phone.id,
                {
                    "returned_at": not_before(now, phone.stored_at),
                    "returned_by": staff_id,
                    "returned_to": returned_to,
                },
            )
            closed.append(Phone.from_record(record))
            to_whom = "the pupil" if returned_to == TO_PUPIL else "a parent or carer"
            tx.audit(now, actor, "phone-returned", phone.id, f"bag {phone.bag_label}; to {to_whom}")
        return closed

    count = len(ids)
    why = f"return {count} phone{'s' if count != 1 else ''} (one opening)"
    return open_store(context, hardware, staff_id, ids, why, write)
