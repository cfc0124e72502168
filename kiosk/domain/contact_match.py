"""Does the adult collecting a pupil match one of the pupil's contacts from the MIS?

Advice for the member of staff handing the child over, never a decision: the kiosk cannot
know who is standing at the office window. Names are compared folded (case, accents and
punctuation, as the foyer searches fold them), titles ignored ("Mrs J Smith" is not
"Jane Smith", but "Mrs Jane Smith" is), and a middle name may be left out. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.domain.contacts_csv import Contact
from kiosk.domain.name_folding import folded_words

MATCHED = "matched"  # first name and surname of a contact
SURNAME_ONLY = "surname-only"  # the surname of a contact, another first name
NOT_MATCHED = "not-matched"
NO_CONTACTS = "no-contacts"  # the school has not imported contacts for this pupil
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady"})


@dataclass(frozen=True)
class ContactAdvice:
    outcome: str  # one of the four above
    contact: Contact | None = None  # the contact matched (or whose surname matched)

    @property
    def text(self) -> str:
        """One line for the member of staff."""
        c = self.contact
        if self.outcome == MATCHED and c is not None:
            return f"Matches a contact on the MIS: {c.name}{_about(c)}."
        if self.outcome == SURNAME_ONLY and c is not None:
            return (
                f"Only the surname matches a contact ({c.name}{_about(c)}): check with the "
                "office before releasing."
            )
        if self.outcome == NO_CONTACTS:
            return "No contacts from the MIS for this pupil: check with the office."
        return "Not one of this pupil's contacts on the MIS: check with the office."

    @property
    def export_value(self) -> str:
        """For the attendance export: yes, surname only, no, or no contacts."""
        return {
            MATCHED: "yes",
            SURNAME_ONLY: "surname only",
            NOT_MATCHED: "no",
            NO_CONTACTS: "no contacts",
        }[self.outcome]


def _about(contact: Contact) -> str:
    parts = [contact.relationship] if contact.relationship else []
    if contact.parental_responsibility:
        parts.append("parental responsibility")
    if contact.priority:
        parts.append(f"priority {contact.priority}")
    return f" ({', '.join(parts)})" if parts else ""


def _words(name: str) -> list[str]:
    words = folded_words(name)
    while len(words) > 2 and words[0] in TITLES:
        words = words[1:]
    return words


def match_contact(adult_name: str, contacts: Sequence[Contact]) -> ContactAdvice:
    """The best match for `adult_name` among a pupil's contacts (highest priority first)."""
    if not contacts:
        return ContactAdvice(NO_CONTACTS)
    typed = _words(adult_name)
    if not typed:
        return ContactAdvice(NOT_MATCHED)
    ordered = sorted(contacts, key=lambda c: (c.priority or 99, c.name))
    surname_match: Contact | None = None
    for contact in ordered:
        known = _words(contact.name)
        if not known:
            continue
        if typed == known or (len(typed) >= 2 and typed[0] == known[0] and typed[-1] == known[-1]):
            return ContactAdvice(MATCHED, contact)
        if surname_match is None and len(typed) >= 2 and typed[-1] == known[-1]:
            surname_match = contact
    if surname_match is not None:
        return ContactAdvice(SURNAME_ONLY, surname_match)
    return ContactAdvice(NOT_MATCHED)
