"""Signing a visitor in, once they have agreed to the phone rules (and, for some visitor
types, extra agreements such as a site induction)."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.domain.agreements import AgreementDocument
from kiosk.domain.ids import new_id, new_pass_token
from kiosk.domain.languages import ENGLISH_CODE
from kiosk.domain.records import Visit
from kiosk.domain.rules import PhoneRules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext


def next_pass_token() -> str:
    """A pass token for a visit about to be agreed to, made ahead (the touchscreen draws its
    QR code while the visitor reads the rules); give it to `sign_in`."""
    return new_pass_token()


def new_visit(
    context: KioskContext,
    details: VisitorDetails,
    rules: PhoneRules,
    documents: Sequence[AgreementDocument] = (),
    agreed_at: str | None = None,
    checked: bool = False,
    regular_id: str = "",
    pass_token: str | None = None,
    language: str = ENGLISH_CODE,
) -> Visit:
    """The visit record, not yet stored. Only a checked regular visitor goes unescorted.

    `pass_token`: one made (new_pass_token) before the visitor agreed, so the touchscreen
    could draw its QR code while they read; a new one otherwise. `language`: the visitor's
    screens'; each document says its own (the English where it has no translation)."""
    now = context.now_iso()
    lanyard = context.config.lanyards.for_visitor(checked)
    return Visit(
        id=new_id("V"),
        visitor_type=details.visitor_type,
        name=details.name,
        organisation=details.organisation,
        host=details.host,
        car_reg=details.car_reg,
        signed_in_at=now,
        rules_version=rules.version,
        rules_agreed_at=agreed_at or now,
        pass_token=pass_token or new_pass_token(),
        lanyard=lanyard.colour,
        escorted=lanyard.escorted,
        regular_id=regular_id,
        agreements={doc.name: doc.version for doc in documents},
        language=language,
        rules_language=rules.language,
        agreement_languages={doc.name: doc.language for doc in documents},
    )


def sign_in(
    context: KioskContext,
    details: VisitorDetails,
    rules: PhoneRules,
    agreed_at: str | None = None,
    documents: Sequence[AgreementDocument] = (),
    pass_token: str | None = None,
    language: str = ENGLISH_CODE,
) -> Visit:
    """Store the visit durably; when this returns, the record is on the card.

    `documents` are the extra agreements shown with the rules for this visitor type;
    `pass_token` a token made ahead (see `new_visit`); `language` the screens'."""
    visit = new_visit(
        context, details, rules, documents, agreed_at, pass_token=pass_token, language=language
    )
    with context.store.transaction() as tx:
        tx.insert("visits", visit.to_record())
    return visit
