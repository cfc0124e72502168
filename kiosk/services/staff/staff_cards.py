"""Staff cards: issued, reissued and revoked by the office; found when one is scanned.

Made with the same care as regular visitors' cards (kiosk.services.regulars): the QR code
holds a random code only (kiosk.domain.ids.new_card_code), the kiosk keeps only its hash
(kiosk.domain.regular_visitors.card_hash), and the code is printed once, on the card. A new
card replaces the old one at once. A revoked card, or the card of someone who has left,
signs its holder out if they are in and nothing else (kiosk.services.staff_attendance).

Every change is one transaction, audited with the id and name only; never the code.
"""

from __future__ import annotations

from kiosk.domain.ids import looks_like_card, new_card_code
from kiosk.domain.records import Staff
from kiosk.domain.regular_visitors import card_hash, hash_matches
from kiosk.errors import KioskError, NotFound
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import (
    STAFF_TABLE,
    get_staff,
    normalise_staff_id,
)
from kiosk.services.staff.staff_login import KIOSK_ACTOR

NO_CARD, CARD_ACTIVE, CARD_REVOKED, CARD_LEFT = "none", "active", "revoked", "left"
# Says nothing of why (lost, revoked, someone who left): the screen is public.
CARD_NOT_USABLE = "That card cannot be used here: please see the office."


def card_state(staff: Staff) -> str:
    """ "none", "active", "revoked" (by the office) or "left" (inactive: left, or disabled)."""
    if not staff.card_hash:
        return NO_CARD
    if staff.card_revoked_at:
        return CARD_REVOKED
    return CARD_ACTIVE if staff.active else CARD_LEFT


def find_by_card(context: KioskContext, scanned: str) -> Staff | None:
    """The member of staff whose card this is (whatever its state), or None."""
    code = scanned.strip().upper()
    if not looks_like_card(code):
        return None
    wanted = card_hash(code)  # once: the records hold hashes, compared as text
    for record in context.store.live(STAFF_TABLE):
        if hash_matches(str(record.get("card_hash", "")), wanted):
            return Staff.from_record(record)
    return None


def usable_card_holder(context: KioskContext, scanned: str) -> Staff | None:
    """The member of staff whose card this is, when it may stand for their PIN: active and
    not revoked (a lost card, or the card of someone who has left, does not count)."""
    member = find_by_card(context, scanned)
    return member if member is not None and card_state(member) == CARD_ACTIVE else None


def card_holder_or_refuse(
    context: KioskContext, code: str, message: str, refused_action: str = "", record_id: str = ""
) -> Staff:
    """The usable card's holder (usable_card_holder), else KioskError(message); with
    `refused_action`, the refusal is audited first against `record_id`, as "card" and never
    the code, since a scanned code is as good as the card."""
    member = usable_card_holder(context, code)
    if member is not None:
        return member
    if refused_action:
        with context.store.transaction() as tx:
            tx.audit(context.now_iso(), KIOSK_ACTOR, refused_action, record_id, "card")
    raise KioskError(message)


def issue_card(context: KioskContext, staff_id: str, actor: str = "admin-cli") -> tuple[Staff, str]:
    """A new card for an active member of staff, and its code (to print now: it is not
    kept). Their old card, revoked or not, stops working at once."""
    wanted = normalise_staff_id(staff_id)
    member = get_staff(context, wanted)
    if not member.active:
        raise KioskError(
            f"{member.name} ({member.id}) is not active (left or disabled): no card is issued"
        )
    code = new_card_code()
    now = context.now_iso()
    changes = {"card_hash": card_hash(code), "card_issued_at": now, "card_revoked_at": ""}
    with context.store.transaction() as tx:
        if tx.get(STAFF_TABLE, wanted) is None:
            raise NotFound(f"no staff member with id {wanted} (see 'kiosk staff list')")
        record = tx.update(STAFF_TABLE, wanted, changes)
        what = "card replaced" if member.card_hash else "card issued"
        tx.audit(now, actor, "staff-card", wanted, f"{record['name']}: {what}")
    return Staff.from_record(record), code


def revoke_card(context: KioskContext, staff_id: str, actor: str = "admin-cli") -> Staff:
    """The card stops signing its holder in, at once. It still signs them out if they are
    in (so nobody stays on the fire list by mistake). Revoking a revoked card changes nothing."""
    wanted = normalise_staff_id(staff_id)
    member = get_staff(context, wanted)
    if not member.card_hash:
        raise KioskError(f"{member.name} ({member.id}) has no card to revoke")
    if member.card_revoked_at:
        return member
    now = context.now_iso()
    with context.store.transaction() as tx:
        if tx.get(STAFF_TABLE, wanted) is None:
            raise NotFound(f"no staff member with id {wanted} (see 'kiosk staff list')")
        record = tx.update(STAFF_TABLE, wanted, {"card_revoked_at": now})
        tx.audit(now, actor, "staff-card-revoke", wanted, record["name"])
    return Staff.from_record(record)
