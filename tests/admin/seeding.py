"""Known records for the admin tests, written in-process through the services and the store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kiosk.domain.clock import FakeClock
from kiosk.domain.ids import new_id
from kiosk.domain.records import Phone
from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit

RULES = make_rules("Phones only in the foyer.\n", "test")


def at(context: KioskContext, when: str | datetime) -> None:
    """Move the context's fake clock to a school-local moment."""
    clock = context.clock
    assert isinstance(clock, FakeClock)
    moment = datetime.fromisoformat(when) if isinstance(when, str) else when
    clock.set(moment.replace(tzinfo=clock.tz) if moment.tzinfo is None else moment)


def visit(
    context: KioskContext,
    signed_in: str | datetime,
    name: str = "Sam Kirk",
    organisation: str = "Acme Roofing",
    host: str = "Mrs Patel",
    car_reg: str = "",
    visitor_type: str = "contractor",
    signed_out: str | datetime | None = None,
) -> dict[str, Any]:
    """A visit signed in (and out, if given) at those local times; returns the stored record."""
    at(context, signed_in)
    details = VisitorDetails(visitor_type, name, organisation, host, car_reg)
    visit_id = sign_in(context, details, RULES).id
    if signed_out is not None:
        at(context, signed_out)
        sign_out_visit(context, visit_id, "name")
    found = context.store.find("visits", visit_id)
    assert found is not None
    return found


def phone(
    context: KioskContext,
    stored: str | datetime,
    pupil: str = "Alex Brown",
    class_name: str = "Year 6",
    description: str = "black iPhone, blue case",
    bag_label: str = "BAG-07",
    reason: str = "arrival",
    parent_only: bool = False,
    note: str = "",
    returned: str | datetime | None = None,
    returned_to: str = "pupil",
) -> dict[str, Any]:
    """A phone stored (and returned, if given) at those local times; returns the stored record."""
    at(context, stored)
    record = Phone(
        id=new_id("P"),
        pupil_name=pupil,
        class_name=class_name,
        description=description,
        bag_label=bag_label,
        reason=reason,
        parent_only=parent_only,
        stored_at=context.now_iso(),
        stored_by="S-TESTSTAFF001",
        note=note,
    ).to_record()
    with context.store.transaction() as tx:
        tx.insert("phones", record)
        tx.audit(context.now_iso(), "S-TESTSTAFF001", "phone-store", record["id"], "")
    if returned is not None:
        at(context, returned)
        with context.store.transaction() as tx:
            tx.close(
                "phones",
                record["id"],
                {
                    "returned_at": context.now_iso(),
                    "returned_by": "S-TESTSTAFF001",
                    "returned_to": returned_to,
                },
            )
            tx.audit(context.now_iso(), "S-TESTSTAFF001", "phone-return", record["id"], "")
    found = context.store.find("phones", record["id"])
    assert found is not None
    return found
