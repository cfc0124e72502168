"""What reception must check about visitors on site, shown to staff (never on a visitor's
pass): supply or agency staff who are not yet known to the office."""

from __future__ import annotations

from kiosk.domain.clock import parse_iso
from kiosk.domain.lanyards import SUPPLY_STAFF
from kiosk.domain.records import Visit
from kiosk.services.context import KioskContext


def supply_staff_to_check(context: KioskContext) -> str:
    """A notice naming the supply staff signed in who are not checked regular visitors (those
    take the unescorted lanyard), for reception to check against the agency's confirmation;
    "" when there are none. Reads only the open visits."""
    tz = context.config.tz
    visits = [Visit.from_record(record) for record in context.store.live("visits")]
    people = [
        f"{visit.name} (in at {parse_iso(visit.signed_in_at).astimezone(tz):%H:%M})"
        for visit in visits
        if visit.visitor_type == SUPPLY_STAFF and visit.escorted
    ]
    if not people:
        return ""
    return (
        "Reception: check that each supply or agency visitor is the person the agency "
        f"confirmed: {', '.join(people)}."
    )
