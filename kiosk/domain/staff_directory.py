"""The staff directory's rules that need no store: names, and the foyer's name search.

The foyer screen is public, so "I work here" shows nobody until someone has typed a full
first name and the first letters of a surname ("Sam Pa" finds Sam Patel; "Sa" finds nobody).
Accents, case and punctuation do not matter (kiosk.domain.name_folding).

Pure.
"""

from __future__ import annotations

from kiosk.domain.name_folding import fold
from kiosk.domain.records import Staff

# Of the surname, after the whole first name (fewer if it is shorter): every public name
# search at the foyer (staff here, pupils in pupil_name_search) waits for them.
SURNAME_LETTERS = 2
ROLE_MAX = 40


def name_parts(staff: Staff) -> tuple[str, str]:
    """(first name, surname): the MIS's when imported, else the name's first word and the rest."""
    if staff.forename or staff.surname:
        return staff.forename, staff.surname
    first, _, rest = staff.name.strip().partition(" ")
    return first, rest.strip()


def first_name(staff: Staff) -> str:
    return name_parts(staff)[0] or staff.name


class SearchKey:
    """One member of staff's name, folded once, for the per-letter search."""

    __slots__ = ("forename", "needed", "whole")

    def __init__(self, staff: Staff) -> None:
        forename, surname = name_parts(staff)
        self.forename = fold(forename)
        folded_surname = fold(surname)
        self.whole = self.forename + folded_surname
        # A whole first name and the surname's first letters, at least.
        self.needed = len(self.forename) + min(SURNAME_LETTERS, len(folded_surname))

    def matches(self, typed_folded: str) -> bool:
        return (
            bool(self.forename)
            and len(typed_folded) >= self.needed
            and self.whole.startswith(typed_folded)
        )


def typed_key(typed: str) -> str:
    """What was typed, folded: spaces and punctuation go ("Sam Pa" -> "sampa")."""
    return fold(typed)
