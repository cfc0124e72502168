"""A pupil's contact as the kiosk keeps it: a row of the MIS's contacts export
(kiosk.domain.contacts_csv.Contact), numbered within its pupil and dated by the import.

Pure: no store, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.contacts_csv import Contact
from kiosk.domain.record_fields import StoredRecord, moment_or_empty, non_empty_text, stored

CONTACTS = "contacts"  # the store's kind


@dataclass
class PupilContact(StoredRecord):
    id: str = stored(rule=non_empty_text, required=True)  # "<pupil id>#<number>"
    pupil_id: str = stored(rule=non_empty_text, required=True)
    name: str = stored(rule=non_empty_text, required=True)
    relationship: str = ""
    parental_responsibility: bool = False
    priority: int = 0  # 1 first; 0 when the export gives none
    imported_at: str = stored("", rule=moment_or_empty)

    @classmethod
    def imported(cls, contact: Contact, number: int, now: str) -> PupilContact:
        return cls(
            id=f"{contact.pupil_id}#{number}",
            pupil_id=contact.pupil_id,
            name=contact.name,
            relationship=contact.relationship,
            parental_responsibility=contact.parental_responsibility,
            priority=contact.priority,
            imported_at=now,
        )

    def contact(self) -> Contact:
        return Contact(
            self.pupil_id, self.name, self.relationship, self.parental_responsibility, self.priority
        )
