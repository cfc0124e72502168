"""A staff card at the staff PIN pad while PIN entry is locked: phones must still go home.

Wrong PINs from anyone at the foyer can lock PIN entry; a staff card is something a guesser
at the pad does not have, so while the lockout lasts a member of staff's card (active, not
revoked: a lost card does not count) lets them hand phones back, and nothing else. Outside a
lockout the card does nothing here: the PIN is what opens the store. Audited.
"""

from __future__ import annotations

from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_cards import CARD_NOT_USABLE, card_holder_or_refuse
from kiosk.services.staff.staff_login import lockout

NOT_LOCKED = "Please type your PIN. (A staff card here is for handing phones back in a lockout.)"


def phones_by_card(context: KioskContext, code: str) -> Staff:
    """The member of staff whose card this is, allowed to return phones now; KioskError with
    one line for the screen otherwise."""
    if lockout(context) is None:
        raise KioskError(NOT_LOCKED)
    member = card_holder_or_refuse(context, code, CARD_NOT_USABLE)
    with context.store.transaction() as tx:
        tx.audit(
            context.now_iso(), f"staff:{member.id}", "staff-card-phones", member.id,
            f"{member.name}: PIN entry locked, returning phones by card",
        )  # fmt: skip
    return member
