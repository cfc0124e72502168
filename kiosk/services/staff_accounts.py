"""Staff who may open the phone store: added, re-PINned, disabled and listed by the office.

A PIN is checked for obviousness and stored only as a salted scrypt hash; it never reaches
the audit trail, an export or the screen. Reads take no lock; changes are one transaction
each, audited with the staff id and name only.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from kiosk.domain.ids import new_id
from kiosk.domain.pins import check_pin_choice, hash_pin
from kiosk.domain.records import Staff
from kiosk.domain.validation import person_name
from kiosk.errors import NotFound, ValidationError
from kiosk.services.context import KioskContext

STAFF_PREFIX = "S"
_STAFF_FIELDS = {f.name for f in fields(Staff)}


def staff_from_record(record: dict[str, Any]) -> Staff:
    """A Staff from its stored record; unknown keys (from a newer kiosk) go into `extra`."""
    known = {k: v for k, v in record.items() if k in _STAFF_FIELDS and k != "extra"}
    extra = dict(record.get("extra") or {})
    extra.update({k: v for k, v in record.items() if k not in _STAFF_FIELDS})
    return Staff(**known, extra=extra)


def normalise_staff_id(staff_id: str) -> str:
    """Ids are shown upper-case ('S-7K2M...'); accept them typed in any case."""
    return staff_id.strip().upper()


def list_staff(context: KioskContext) -> list[Staff]:
    """Everyone, active first, then by name."""
    staff = [staff_from_record(r) for r in context.store.live("staff")]
    return sorted(staff, key=lambda s: (not s.active, s.name.casefold(), s.id))


def get_staff(context: KioskContext, staff_id: str) -> Staff:
    wanted = normalise_staff_id(staff_id)
    for record in context.store.live("staff"):
        if record.get("id") == wanted:
            return staff_from_record(record)
    raise NotFound(f"no staff member with id {staff_id.strip()} (see 'kiosk staff list')")


def add_staff(
    context: KioskContext, name: str, pin: str, is_admin: bool = False, actor: str = "admin-cli"
) -> Staff:
    """Store a new member of staff with a hashed PIN; returns the record (hash included)."""
    clean_name = person_name(name, "Staff name")
    check_pin_choice(pin)
    staff = Staff(
        id=new_id(STAFF_PREFIX),
        name=clean_name,
        pin_hash=hash_pin(pin),  # scrypt first: keep the lock for the write only
        is_admin=is_admin,
        active=True,
        created_at=context.now_iso(),
    )
    with context.store.transaction() as tx:
        folded = clean_name.casefold()
        if tx.where("staff", lambda r: r.get("active", True) and r["name"].casefold() == folded):
            raise ValidationError(
                f"an active staff member is already called {clean_name}; "
                "add an initial or disable the old account first",
                "name",
            )
        tx.insert("staff", staff.to_record())
        role = "admin" if is_admin else "staff"
        tx.audit(staff.created_at, actor, "staff-add", staff.id, f"{clean_name} ({role})")
    return staff


def set_pin(context: KioskContext, staff_id: str, pin: str, actor: str = "admin-cli") -> Staff:
    """Give someone a new PIN (the old one stops working at once)."""
    wanted = normalise_staff_id(staff_id)
    get_staff(context, wanted)  # a clear "no such id" before spending time hashing
    check_pin_choice(pin)
    pin_hash = hash_pin(pin)
    with context.store.transaction() as tx:
        if tx.get("staff", wanted) is None:
            raise NotFound(f"no staff member with id {wanted} (see 'kiosk staff list')")
        record = tx.update("staff", wanted, {"pin_hash": pin_hash})
        tx.audit(context.now_iso(), actor, "staff-pin", wanted, f"new PIN for {record['name']}")
    return staff_from_record(record)


def disable_staff(context: KioskContext, staff_id: str, actor: str = "admin-cli") -> Staff:
    """Stop someone's PIN from working. The record stays: old phone records name them.

    Disabling someone already disabled changes nothing and writes no audit entry.
    """
    wanted = normalise_staff_id(staff_id)
    with context.store.transaction() as tx:
        if tx.get("staff", wanted) is None:
            raise NotFound(f"no staff member with id {wanted} (see 'kiosk staff list')")
        record = tx.require("staff", wanted)
        if not record.get("active", True):
            return staff_from_record(record)
        record = tx.update("staff", wanted, {"active": False})
        tx.audit(context.now_iso(), actor, "staff-disable", wanted, record["name"])
    return staff_from_record(record)
