"""Closing a roll call the fire alarm opened: a member of staff's card or PIN, even during a
PIN lockout.

The alarm's roll call stays on the foyer screen, listing everyone on site, until staff close
it. A PIN lockout (someone guessed PINs at the pad this morning) must not keep that list up
for hours, so this check does not ask the lockout. It is not a way round it for a guesser:
it exists only while an alarm's roll call is on screen, each wrong PIN is audited and counts
towards the kiosk's daily limit like any other (issue 21), and the screen makes a guesser
wait after a few (ROLL_CALL_TRIES). Slow on purpose (scrypt, every active member of staff):
call it off the UI thread.
"""

from __future__ import annotations

from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.fire.fire_log import CLOSE_REFUSED, KIOSK, close_event
from kiosk.services.staff.staff_cards import card_holder_or_refuse
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, verify_typed_pin

CLOSE_PURPOSE = "roll-call-close"  # where the PIN was typed, in the audit of a wrong one
ROLL_CALL_TRIES = 3  # wrong PINs in a row before the close pad makes the next person wait
ROLL_CALL_WAIT_SECONDS = 30
WRONG_PIN = "That PIN is not right."
WRONG_CARD = "That card cannot close the roll call: a member of staff's card or PIN can."


def staff_for_pin(context: KioskContext, pin: str) -> Staff | None:
    """The one active member of staff with this PIN, or None.

    Through the one gate every typed PIN goes through (issue 21), so a wrong PIN here counts
    towards the same limits as at the staff PIN pad; a lockout does not stop it, but PIN
    entry closed for the day does (PinLockedOut, a KioskError saying so)."""
    try:
        return verify_typed_pin(
            context, pin, CLOSE_PURPOSE, ignore_lockout=True, audit_match=False
        ).staff
    except PinRejected:
        return None
    except PinLockedOut as locked:
        if locked.closed:
            raise
        return None  # this wrong PIN began a lockout: still just a wrong PIN here


def close_with_pin(context: KioskContext, event_id: str, pin: str) -> Staff:
    """Close the alarm's roll call in this member of staff's name; KioskError for a wrong PIN
    (audited, never the PIN itself)."""
    staff = staff_for_pin(context, pin)
    if staff is None:
        with context.store.transaction() as tx:
            tx.audit(context.now_iso(), KIOSK, CLOSE_REFUSED, event_id, "wrong PIN")
        raise KioskError(WRONG_PIN)
    close_event(context, event_id, f"staff:{staff.id}", f"closed by {staff.name} (PIN)")
    return staff


def close_with_card(context: KioskContext, event_id: str, code: str) -> Staff:
    """Close the alarm's roll call with a member of staff's card (active, not revoked: a lost
    card must not close it); KioskError otherwise (audited, never the code itself). Quick: no
    PIN to hash."""
    member = card_holder_or_refuse(context, code, WRONG_CARD, CLOSE_REFUSED, event_id)
    close_event(context, event_id, f"staff:{member.id}", f"closed by {member.name} (card)")
    return member
