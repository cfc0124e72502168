"""Who is on site now: the fire roll call (staff screen and `kiosk onsite`).

Reads the live file without the lock, so it works while the kiosk is writing and on a
read-only account. Only visitors signed in and not yet signed out are listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.domain.clock import parse_iso
from kiosk.domain.records import VISITOR_TYPES
from kiosk.services.context import KioskContext


@dataclass(frozen=True)
class OnSite:
    """One person to account for."""

    visit_id: str
    name: str
    visitor_type: str  # the key, e.g. "contractor"
    organisation: str
    host: str
    signed_in_at: str  # ISO 8601 with offset
    time_in: str  # "HH:MM" school-local, for reading out
    lanyard: str = ""  # the colour they were told to take ("" for visits before lanyards)

    @property
    def type_label(self) -> str:
        return VISITOR_TYPES.get(self.visitor_type, self.visitor_type)


def _on_site(record: dict[str, Any], context: KioskContext) -> OnSite:
    moment = parse_iso(record["signed_in_at"]).astimezone(context.config.tz)
    return OnSite(
        visit_id=record["id"],
        name=record["name"],
        visitor_type=record.get("visitor_type", ""),
        organisation=record.get("organisation", ""),
        host=record.get("host", ""),
        signed_in_at=record["signed_in_at"],
        time_in=moment.strftime("%H:%M"),
        lanyard=record.get("lanyard", ""),
    )


def on_site(context: KioskContext) -> list[dict[str, Any]]:
    """The open visit records (as stored, VISIT_FIELDS and more), earliest arrival first."""
    open_visits = [r for r in context.store.live("visits") if not r.get("signed_out_at")]
    return sorted(open_visits, key=lambda r: (parse_iso(r["signed_in_at"]), r["id"]))


def roll_call(context: KioskContext) -> list[OnSite]:
    """Everyone signed in now, ready to read out: earliest arrival first."""
    return [_on_site(r, context) for r in on_site(context)]
