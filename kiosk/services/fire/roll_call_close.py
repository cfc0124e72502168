"""Closing a roll call the fire alarm opened: a member of staff's PIN, even during a lockout.

The alarm's roll call stays on the foyer screen, listing everyone on site, until staff close
it. A PIN lockout (someone guessed PINs at the pad this morning) must not keep that list up
for hours, so this check does not ask the lockout. It is not a way round it for a guesser:
it exists only while an alarm's roll call is on screen, each wrong PIN is audited, and the
screen makes a guesser wait after a few (ROLL_CALL_TRIES). Slow on purpose (scrypt, every
active member of staff): call it off the UI thread.
"""

from __future__ import annotations

from kiosk.domain.pins import PIN_MAX
from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.fire.fire_log import KIOSK, close_event
from kiosk.services.staff.pin_key import key_problem, obtain_pin_key
from kiosk.services.staff.pin_matching import verify_each
from kiosk.services.staff.staff_accounts import list_staff

ROLL_CALL_TRIES = 3  # wrong PINs in a row before the close pad makes the next person wait
ROLL_CALL_WAIT_SECONDS = 30
WRONG_PIN = "That PIN is not right."


def staff_for_pin(context: KioskContext, pin: str) -> Staff | None:
    """The one active member of staff with this PIN, or None."""
    problem = key_problem(context)
    if problem:
        raise KioskError(problem)
    try:
        key: bytes | None = obtain_pin_key(context)
    except KioskError:
        key = None  # hashes from before the key still verify without it
    active = [s for s in list_staff(context) if s.active and s.pin_hash]
    plausible = pin.isascii() and pin.isdigit() and len(pin) <= PIN_MAX
    matched = verify_each(pin if plausible else "-", [s.pin_hash for s in active], key)
    matches = [s for s, ok in zip(active, matched, strict=True) if ok]
    return matches[0] if len(matches) == 1 else None


def close_with_pin(context: KioskContext, event_id: str, pin: str) -> Staff:
    """Close the alarm's roll call in this member of staff's name; KioskError for a wrong PIN
    (audited, never the PIN itself)."""
    staff = staff_for_pin(context, pin)
    if staff is None:
        with context.store.transaction() as tx:
            tx.audit(context.now_iso(), KIOSK, "roll-call-close-refused", event_id, "wrong PIN")
        raise KioskError(WRONG_PIN)
    close_event(context, event_id, f"staff:{staff.id}", f"closed by {staff.name} (PIN)")
    return staff
