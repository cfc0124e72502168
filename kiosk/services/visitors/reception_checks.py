"""What reception must check about visitors on site, shown to staff (never on a visitor's
pass): supply or agency staff who are not yet known to the office."""

from __future__ import annotations

from kiosk.domain.clock import parse_iso
from kiosk.domain.lanyards import SUPPLY_STAFF
from kiosk.services.context import KioskContext


def supply_staff_to_check(context: KioskContext) -> str:
    """A notice naming the supply staff signed in who are not checked regular visitors (those
    take the unescorted lanyard), for reception to check against the agency's confirmation;
    "" when there are none. Reads only the open visits."""
    tz = context.config.tz
    people = [
        f"{visit['name']} (in at {parse_iso(visit['signed_in_at']).astimezone(tz):%H:%M})"
        for visit in context.store.live("visits")
        if visit.get("visitor_type") == SUPPLY_STAFF and visit.get("escorted", True)
    ]
    if not people:
        return ""
    return (
        "Reception: check that each supply or agency visitor is the person the agency "
        f"confirmed: {', '.join(people)}."
    )
