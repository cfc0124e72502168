"""Pupils' contacts from the MIS (`kiosk pupils contacts import`), for the advice staff see
when they hand a pupil over: does the collecting adult match one of them?

The contacts export is the whole school's, so an import replaces every contact the kiosk
holds; contacts of pupils not on the roster are skipped. One transaction, one audit entry of
counts only. Contacts of a pupil removed from the roster go with them (roster retention).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.domain.contact_match import ContactAdvice, match_contact
from kiosk.domain.contacts_csv import Contact, ContactsFile, read_contacts
from kiosk.domain.pupil_contacts import CONTACTS, PupilContact
from kiosk.domain.pupils import normalise_pupil_id
from kiosk.errors import ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import PUPILS
from kiosk.services.pupils.roster_import import read_list_with


@dataclass
class ContactsImport:
    contacts: int = 0
    pupils: int = 0  # pupils with at least one contact
    removed: int = 0  # contacts held before and not in the file
    not_on_roster: int = 0  # rows for pupils the roster does not have
    skipped: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.contacts} contacts for {self.pupils} pupils, {self.removed} removed, "
            f"{self.not_on_roster} for pupils not on the roster, rows skipped {len(self.skipped)}"
        )


def read_contacts_file(path: Path, columns: dict[str, str] | None = None) -> ContactsFile:
    return read_list_with(path, lambda text: read_contacts(text, columns))


def import_contacts(
    context: KioskContext, found: ContactsFile, actor: str = "admin-cli"
) -> ContactsImport:
    """Replace the contacts held with the file's (for pupils on the roster)."""
    if not found.contacts:
        raise ValidationError("the file has no contacts in it: nothing was changed")
    now = context.now_iso()
    result = ContactsImport(skipped=list(found.skipped), columns=dict(found.columns))
    with context.store.transaction() as tx:
        on_roster = {r["id"] for r in tx.all(PUPILS)}
        if not on_roster:
            raise ValidationError(
                "there is no pupil roster yet: run 'kiosk pupils import' first; nothing changed"
            )
        old = tx.all(CONTACTS)
        for record in old:
            tx.remove(CONTACTS, record["id"])
        numbers: dict[str, int] = {}
        for contact in found.contacts:
            if contact.pupil_id not in on_roster:
                result.not_on_roster += 1
                continue
            numbers[contact.pupil_id] = numbers.get(contact.pupil_id, 0) + 1
            tx.insert(
                CONTACTS,
                PupilContact.imported(contact, numbers[contact.pupil_id], now).to_record(),
            )
            result.contacts += 1
        result.pupils = len(numbers)
        new = {(c.pupil_id, c.name.casefold()) for c in found.contacts if c.pupil_id in on_roster}
        result.removed = len({(r["pupil_id"], r["name"].casefold()) for r in old} - new)
        tx.audit(now, actor, "contacts-import", "", result.summary())
    return result


def contacts_for(context: KioskContext, pupil_id: str) -> list[Contact]:
    wanted = normalise_pupil_id(pupil_id)
    return [
        PupilContact.from_record(r).contact()
        for r in context.store.live(CONTACTS)
        if r["pupil_id"] == wanted
    ]


def advice_for(context: KioskContext, pupil_id: str, adult_name: str) -> ContactAdvice:
    """Whether the adult's name matches one of the pupil's contacts: advice, not a decision."""
    return match_contact(adult_name, contacts_for(context, pupil_id))
