"""Finding a member of staff by name at "I work here", on the public foyer screen.

Nobody is shown until a whole first name and the first letters of a surname are typed
(kiosk.domain.staff_directory), and never more than SHOWN names: "type more" instead. Only
active members of staff are found (someone who has left cannot sign in by name). The labels
show the name, and the role where two names are alike, so a tap says who it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kiosk.domain.records import Staff
from kiosk.domain.staff_directory import SearchKey, typed_key
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import list_staff

SHOWN = 3  # three 3-row buttons side by side at 80 columns


@dataclass(frozen=True)
class StaffMatch:
    staff: Staff
    label: str


@dataclass(frozen=True)
class StaffSearch:
    matches: tuple[StaffMatch, ...] = ()
    too_many: bool = False  # more than SHOWN match: type more of the surname


def find_staff(context: KioskContext, typed: str) -> StaffSearch:
    wanted = typed_key(typed)
    if not wanted:
        return StaffSearch()
    found = [s for s in list_staff(context) if s.active and SearchKey(s).matches(wanted)]
    if len(found) > SHOWN:
        return StaffSearch(too_many=True)
    found.sort(key=lambda s: (s.name.casefold(), s.role.casefold(), s.id))
    alike = Counter(s.name.casefold() for s in found)
    matches = tuple(
        StaffMatch(s, f"{s.name} · {s.role or s.id}" if alike[s.name.casefold()] > 1 else s.name)
        for s in found
    )
    return StaffSearch(matches)
