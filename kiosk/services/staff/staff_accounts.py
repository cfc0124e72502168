"""Staff accounts: added, re-PINned, disabled and listed by the office.

Everyone who works on site may be here (the staff directory, `kiosk staff import`); only
those who open the phone store need a PIN, so `pin_hash` is "" for the others.

A new PIN must be long enough (`staff.pin_length`; admins at least 6 digits), off the weak
list, and different from every other active member of staff's PIN (an admin's from every
other account's, disabled ones too): a PIN-only login has to say who someone is. It is
stored only as a peppered, salted scrypt hash; it never reaches the audit trail, an export
or the screen. A refusal says why in one line and never whose PIN it matches.

Reads take no lock; changes are one transaction each, audited with the staff id and name
only. Hashing happens outside the store lock (scrypt is slow on purpose); inside it only the
accounts changed meanwhile are checked again.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.ids import new_id
from kiosk.domain.pins import (
    ADMIN_PIN_LENGTH,
    PIN_MIN,
    check_pin_choice,
    check_pin_format,
    hash_pin,
)
from kiosk.domain.records import Staff
from kiosk.domain.staff_directory import ROLE_MAX
from kiosk.domain.validation import free_text, person_name
from kiosk.domain.weak_pins import weak_reason
from kiosk.errors import NotFound, ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.staff.pin_key import obtain_pin_key
from kiosk.services.staff.pin_matching import verify_each
from kiosk.store import Transaction

STAFF_TABLE = "staff"
STAFF_PREFIX = "S"
PIN_IN_USE = "That PIN is already in use: choose a different one."


def normalise_staff_id(staff_id: str) -> str:
    """Ids are shown upper-case ('S-7K2M...'); accept them typed in any case."""
    return staff_id.strip().upper()


def list_staff(context: KioskContext) -> list[Staff]:
    """Everyone, active first, then by name."""
    staff = [Staff.from_record(r) for r in context.store.live(STAFF_TABLE)]
    return sorted(staff, key=lambda s: (not s.active, s.name.casefold(), s.id))


def get_staff(context: KioskContext, staff_id: str) -> Staff:
    wanted = normalise_staff_id(staff_id)
    for record in context.store.live(STAFF_TABLE):
        if record.get("id") == wanted:
            return Staff.from_record(record)
    raise NotFound(f"no staff member with id {staff_id.strip()} (see 'kiosk staff list')")


def check_role(role: str) -> str:
    """A role or job title as typed by the office: one line, at most ROLE_MAX characters."""
    text = free_text(role, "--role", "--role", max_len=ROLE_MAX)
    return text


def pin_length_for(context: KioskContext, is_admin: bool) -> int:
    """Digits a new PIN needs: the setting, and never fewer than 6 for an admin."""
    length = context.config.pin_length
    return max(length, ADMIN_PIN_LENGTH) if is_admin else length


def _vet(context: KioskContext, pin: str, is_admin: bool) -> str:
    """ValidationError for a PIN that may not be chosen; else why it is weak ("" if not).

    Only the demo takes a weak PIN (its PIN is printed on the welcome screen); the reason is
    kept with the account, so `kiosk run` on that data refuses to start until it is changed.
    """
    if context.demo:
        check_pin_format(pin, PIN_MIN)
        return weak_reason(pin)
    check_pin_choice(pin, pin_length_for(context, is_admin))
    return ""


def _must_differ(record: dict[str, Any], staff_id: str, is_admin: bool) -> bool:
    """Whether a new PIN for `staff_id` must differ from this account's PIN."""
    if record.get("id") == staff_id or not record.get("pin_hash"):
        return False
    return bool(record.get("active", True) or is_admin or record.get("is_admin"))


def _in_use(pin: str, key: bytes, records: list[dict[str, Any]]) -> bool:
    return any(verify_each(pin, [str(r["pin_hash"]) for r in records], key))


def _prepare_pin(
    context: KioskContext, pin: str, staff_id: str, is_admin: bool
) -> tuple[str, str, bytes, dict[str, str]]:
    """Vet and hash a new PIN: (hash, weak reason, key, the hashes it was compared with)."""
    weak = _vet(context, pin, is_admin)
    key = obtain_pin_key(context)
    others = [r for r in context.store.live(STAFF_TABLE) if _must_differ(r, staff_id, is_admin)]
    if _in_use(pin, key, others):
        raise ValidationError(PIN_IN_USE, "pin")
    compared = {str(r["id"]): str(r["pin_hash"]) for r in others}
    return hash_pin(pin, key), weak, key, compared


def _still_unique(
    tx: Transaction, pin: str, key: bytes, staff_id: str, is_admin: bool, compared: dict[str, str]
) -> None:
    """Inside the lock: compare with any account added or re-PINned since `_prepare_pin`."""
    changed = [
        r
        for r in tx.where(STAFF_TABLE, lambda r: _must_differ(r, staff_id, is_admin))
        if compared.get(str(r["id"])) != r["pin_hash"]
    ]
    if changed and _in_use(pin, key, changed):
        raise ValidationError(PIN_IN_USE, "pin")


def add_staff(
    context: KioskContext,
    name: str,
    pin: str | None,
    is_admin: bool = False,
    actor: str = "admin-cli",
    role: str = "",
) -> Staff:
    """Store a new member of staff, with a hashed PIN or (`pin` None) none: everyone who
    works on site is in the directory, and only those who open the phone store need a PIN.
    Returns the record (hash included)."""
    clean_name = person_name(name, "Staff name")
    if pin is None and is_admin:
        raise ValidationError("an admin needs a PIN", "pin")
    staff_id = new_id(STAFF_PREFIX)
    pin_hash, weak, key, compared = "", "", b"", {}
    if pin is not None:
        pin_hash, weak, key, compared = _prepare_pin(context, pin, staff_id, is_admin)
    staff = Staff(
        id=staff_id,
        name=clean_name,
        pin_hash=pin_hash,
        is_admin=is_admin,
        active=True,
        created_at=context.now_iso(),
        pin_weak=weak,
        role=check_role(role),
    )
    with context.store.transaction() as tx:
        if pin is not None:
            _still_unique(tx, pin, key, staff_id, is_admin, compared)
        folded = clean_name.casefold()
        if tx.where(
            STAFF_TABLE, lambda r: r.get("active", True) and r["name"].casefold() == folded
        ):
            raise ValidationError(
                f"an active staff member is already called {clean_name}; "
                "add an initial or disable the old account first",
                "name",
            )
        tx.insert(STAFF_TABLE, staff.to_record())
        kind = "admin" if is_admin else "staff" if pin is not None else "staff, no PIN"
        tx.audit(staff.created_at, actor, "staff-add", staff.id, f"{clean_name} ({kind})")
    return staff


def set_pin(context: KioskContext, staff_id: str, pin: str, actor: str = "admin-cli") -> Staff:
    """Give someone a new PIN (the old one stops working at once)."""
    wanted = normalise_staff_id(staff_id)
    member = get_staff(context, wanted)  # a clear "no such id" before spending time hashing
    pin_hash, weak, key, compared = _prepare_pin(context, pin, wanted, member.is_admin)
    with context.store.transaction() as tx:
        if tx.get(STAFF_TABLE, wanted) is None:
            raise NotFound(f"no staff member with id {wanted} (see 'kiosk staff list')")
        _still_unique(tx, pin, key, wanted, member.is_admin, compared)
        record = tx.update(STAFF_TABLE, wanted, {"pin_hash": pin_hash, "pin_weak": weak})
        tx.audit(context.now_iso(), actor, "staff-pin", wanted, f"new PIN for {record['name']}")
    return Staff.from_record(record)


def disable_staff(context: KioskContext, staff_id: str, actor: str = "admin-cli") -> Staff:
    """Stop someone's PIN from working. The record stays: old phone records name them.

    Disabling someone already disabled changes nothing and writes no audit entry.
    """
    wanted = normalise_staff_id(staff_id)
    with context.store.transaction() as tx:
        if tx.get(STAFF_TABLE, wanted) is None:
            raise NotFound(f"no staff member with id {wanted} (see 'kiosk staff list')")
        record = tx.require(STAFF_TABLE, wanted)
        if not record.get("active", True):
            return Staff.from_record(record)
        record = tx.update(STAFF_TABLE, wanted, {"active": False})
        tx.audit(context.now_iso(), actor, "staff-disable", wanted, record["name"])
    return Staff.from_record(record)
