"""Staff signing in and out at the foyer, the one place that writes staff attendance.

A scan or a tap on their name toggles: signed in if they were out, out if they were in. By
card (`scan_staff_card`) it takes no tap at all; by name (`sign_by_name`), a PIN is asked if
`[staff] sign_in_pin` says so (`pin_needed`), checked through the one gate every typed PIN
goes through (`verify_typed_pin`), so a wrong PIN here counts towards the kiosk's lockout and
daily total like every other.

A card that is revoked, or whose holder has left, signs them out if they are in and refuses
otherwise. During a PIN lockout someone whose PIN is asked may still sign IN by name, marked
"no PIN" (being on the fire list matters more than the PIN), but not out: a false sign-out
would take a person off the fire list, so that waits for their card or the office.

Each change is one transaction; the audit names the staff id and how, never a PIN or code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.domain.clock import parse_iso
from kiosk.domain.ids import new_id
from kiosk.domain.records import Staff, not_before
from kiosk.domain.staff_attendance import (
    ATTENDANCE_PREFIX,
    BY_CARD,
    BY_NAME_AND_PIN,
    BY_NAME_NO_PIN,
    KIND,
    StaffAttendance,
)
from kiosk.domain.staff_directory import first_name
from kiosk.errors import KioskError, NotFound
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import STAFF_TABLE
from kiosk.services.staff.staff_cards import CARD_ACTIVE, card_state, find_by_card
from kiosk.services.staff.staff_login import PinLockedOut, lockout, verify_typed_pin
from kiosk.store import Transaction

SEE_OFFICE = "Please see the office."
REFUSED_CARD = {
    "revoked": f"This staff card can no longer be used. {SEE_OFFICE}",
    "left": f"This staff card is no longer in use. {SEE_OFFICE}",
}
NOT_IN_DIRECTORY = f"You are not on the staff list. {SEE_OFFICE}"
PIN_ONLY = "Please scan your staff card, or ask the office for a PIN."
OUT_IN_LOCKOUT = (
    "PIN entry is locked, so signing out by name waits: please scan your staff card, "
    "or tell the office you are leaving."
)
SIGN_IN_PURPOSE = "staff-sign-in-pin"  # the audit action of a PIN typed to sign in or out


@dataclass(frozen=True)
class Signed:
    """They are now signed in (`signed_in`) or out; `record` is the attendance record."""

    signed_in: bool
    record: StaffAttendance
    first_name: str

    def greeting(self, tz: Any) -> str:
        """The one line the foyer shows."""
        if self.signed_in:
            at = parse_iso(self.record.signed_in_at).astimezone(tz)
            part = "morning" if at.hour < 12 else "afternoon" if at.hour < 18 else "evening"
            return f"Good {part}, {self.first_name}: signed in at {at:%H:%M}."
        at = parse_iso(self.record.signed_out_at).astimezone(tz)
        return f"Goodbye, {self.first_name}: signed out at {at:%H:%M}."


@dataclass(frozen=True)
class CardRefused:
    message: str


@dataclass(frozen=True)
class SignInClosed:
    """They would have been signed in, but signing in is closed (the fire alarm)."""


StaffScanResult = Signed | CardRefused | SignInClosed


def open_record_of(context: KioskContext, staff_id: str) -> StaffAttendance | None:
    for record in context.store.live(KIND):
        if record.get("staff_id") == staff_id and not record.get("signed_out_at"):
            return StaffAttendance.from_record(record)
    return None


def is_signed_in(context: KioskContext, staff_id: str) -> bool:
    return open_record_of(context, staff_id) is not None


def _open_in(tx: Transaction, staff_id: str) -> StaffAttendance | None:
    found = tx.where(KIND, lambda r: r["staff_id"] == staff_id and not r.get("signed_out_at"))
    return StaffAttendance.from_record(found[0]) if found else None


def _toggle(
    context: KioskContext,
    staff_id: str,
    how: str,
    may_sign_in: bool = True,
    may_sign_out: bool = True,
) -> Signed | None:
    """Sign in or out, as the store says now (under its lock); None when the way it would go
    is not allowed (`may_sign_in`, `may_sign_out`)."""
    now = context.now_iso()
    with context.store.transaction() as tx:
        record = tx.get(STAFF_TABLE, staff_id)
        if record is None:
            raise NotFound(NOT_IN_DIRECTORY)
        member = Staff.from_record(record)
        found = _open_in(tx, staff_id)
        if found is not None:
            if not may_sign_out:
                return None
            closed = tx.close(
                KIND,
                found.id,
                {"signed_out_at": not_before(now, found.signed_in_at), "signed_out_by": how},
            )
            tx.audit(now, f"staff:{staff_id}", "staff-signed-out", found.id, how)
            return Signed(False, StaffAttendance.from_record(closed), first_name(member))
        if not may_sign_in:
            return None
        if not member.active:
            raise NotFound(NOT_IN_DIRECTORY)
        opened = StaffAttendance(
            id=new_id(ATTENDANCE_PREFIX),
            staff_id=staff_id,
            name=member.name,
            role=member.role,
            signed_in_at=now,
            signed_in_by=how,
        )
        tx.insert(KIND, opened.to_record())
        tx.audit(now, f"staff:{staff_id}", "staff-signed-in", opened.id, how)
        return Signed(True, opened, first_name(member))


# --- by card --------------------------------------------------------------------------------


def scan_staff_card(
    context: KioskContext, scanned: str, may_sign_in: bool = True
) -> StaffScanResult | None:
    """What a scanned card does if it is a staff card; None if it is not one (it may be a
    regular visitor's). `may_sign_in` False (the fire alarm): signing out only."""
    member = find_by_card(context, scanned)
    if member is None:
        return None
    state = card_state(member)
    usable = state == CARD_ACTIVE
    # A card that is not usable (revoked, its holder left) still signs them out: nobody stays
    # on the fire list because their card was lost.
    result = _toggle(context, member.id, BY_CARD, may_sign_in=may_sign_in and usable)
    if result is not None:
        return result
    if not usable:
        return CardRefused(REFUSED_CARD[state])
    return SignInClosed()


# --- by name --------------------------------------------------------------------------------


def pin_needed(context: KioskContext, staff: Staff) -> bool:
    """Whether "I work here" asks this member of staff for their PIN."""
    setting = context.config.staff_sign_in_pin
    return setting == "always" or (setting == "if-set" and staff.has_pin)


def may_sign_by_name(context: KioskContext, staff: Staff) -> str:
    """ "" when they may go on by name; else the one line saying why not (no PIN, when a PIN
    is always asked)."""
    if context.config.staff_sign_in_pin == "always" and not staff.has_pin:
        return PIN_ONLY
    return ""


def sign_by_name(
    context: KioskContext, staff: Staff, pin: str | None = None, may_sign_in: bool = True
) -> Signed | SignInClosed:
    """Sign them in or out after their name was tapped (and their PIN typed, if it is asked:
    PinRejected or PinLockedOut otherwise). In a PIN lockout, `pin` None signs them in
    without one, marked so; signing out waits (KioskError)."""
    refusal = may_sign_by_name(context, staff)
    if refusal:
        raise KioskError(refusal)
    how = BY_NAME_NO_PIN
    only_in = False
    if pin_needed(context, staff):
        if pin is None:
            blocked = lockout(context)
            if blocked is None:
                raise KioskError("Please type your PIN.")
            only_in = True  # no PIN can be checked: in, marked; never out
        else:
            verify_typed_pin(context, pin, SIGN_IN_PURPOSE, staff_id=staff.id)
            how = BY_NAME_AND_PIN
    result = _toggle(context, staff.id, how, may_sign_in=may_sign_in, may_sign_out=not only_in)
    if result is None and only_in and is_signed_in(context, staff.id):
        raise KioskError(OUT_IN_LOCKOUT)
    return result if result is not None else SignInClosed()


def pin_locked(context: KioskContext) -> PinLockedOut | None:
    """The PIN lockout in force, for the screen to say so before asking for a PIN."""
    return lockout(context)
