"""Signing a visitor in, once they have agreed to the phone rules."""

from __future__ import annotations

from kiosk.domain.ids import new_id, new_pass_token
from kiosk.domain.records import Visit
from kiosk.domain.rules import PhoneRules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext


def sign_in(
    context: KioskContext, details: VisitorDetails, rules: PhoneRules, agreed_at: str | None = None
) -> Visit:
    """Store the visit durably; when this returns, the record is on the card."""
    now = context.now_iso()
    visit = Visit(
        id=new_id("V"),
        visitor_type=details.visitor_type,
        name=details.name,
        organisation=details.organisation,
        host=details.host,
        car_reg=details.car_reg,
        signed_in_at=now,
        rules_version=rules.version,
        rules_agreed_at=agreed_at or now,
        pass_token=new_pass_token(),
    )
    with context.store.transaction() as tx:
        tx.insert("visits", visit.to_record())
    return visit
