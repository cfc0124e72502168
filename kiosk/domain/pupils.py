"""A pupil on the school's roster, as imported from the management information system.

The id is the MIS's own (admission number, MIS id or UPN), so a re-import finds the same
pupil again. Pupils who leave stay on the roster, inactive, so their history keeps a name
until retention removes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.record_fields import StoredRecord, moment_or_empty, non_empty_text, stored


@dataclass
class Pupil(StoredRecord):
    id: str = stored(rule=non_empty_text, required=True)  # the MIS id, as the school knows it
    forename: str = stored(required=True)
    surname: str = stored(required=True)
    year: str = stored(required=True)  # "Year 5", "Reception"
    class_name: str = stored(required=True)  # registration group or class, "5B"
    active: bool = True
    parent_only: bool = False  # phone returns to a parent or carer only, whatever the count
    # Released early only with the office's say-so (set by hand; the reason is never stored)
    office_release: bool = False
    added_at: str = stored("", rule=moment_or_empty)
    updated_at: str = stored("", rule=moment_or_empty)
    left_at: str = stored("", rule=moment_or_empty)  # when a re-import first missed them

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}".strip()


def normalise_pupil_id(text: str) -> str:
    """MIS ids are compared without surrounding spaces and case ('a123' is 'A123')."""
    return text.strip().upper()


def normalise_year(text: str) -> str:
    """'5', 'Y5', 'NC Year 5', 'Year 5' -> 'Year 5'; 'R' -> 'Reception'; others kept."""
    value = " ".join(text.split())
    lowered = value.casefold()
    for prefix in ("nc year", "year", "yr", "y"):
        if lowered.startswith(prefix) and lowered[len(prefix) :].strip().isdigit():
            return f"Year {int(lowered[len(prefix) :].strip())}"
    if lowered.isdigit():
        return f"Year {int(lowered)}"
    if lowered in ("r", "rec", "reception", "year r", "yr"):
        return "Reception"
    if lowered in ("n", "n1", "n2", "nursery"):
        return "Nursery"
    return value


def matches(pupil: Pupil, typed: str) -> bool:
    """Does what staff typed start the forename, the surname or the whole name?"""
    wanted = " ".join(typed.split()).casefold()
    if not wanted:
        return False
    names = (pupil.forename.casefold(), pupil.surname.casefold(), pupil.name.casefold())
    return any(n.startswith(wanted) for n in names) or any(
        part.startswith(wanted) for part in pupil.surname.casefold().replace("-", " ").split()
    )
