"""Reading the MIS's pupil contacts export: one row per contact of a pupil.

SIMS, Arbor and Bromcom all export a contacts list with the pupil's id, the contact's name
(whole, or as forename and surname), the relationship, whether they have parental
responsibility and their priority. Headers are matched as the roster's are
(kiosk/domain/roster_csv.py: case, spaces and punctuation ignored; `--columns` names
others). Pure: text in, contacts and one sentence per skipped row out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.domain.roster_csv import (
    CANDIDATES,
    CLASS_MAX,
    ColumnSpec,
    ListRows,
    each_row,
    pupil_id_of,
    read_list,
    row_id,
)
from kiosk.domain.validation import clean_text, person_name
from kiosk.errors import ValidationError

FIELDS = ("id", "name", "forename", "surname", "relationship", "responsibility", "priority")
CONTACT_CANDIDATES: dict[str, tuple[str, ...]] = {
    "id": tuple(f"pupil{c}" for c in ("id", "admissionnumber", "adno", "upn"))
    + tuple(f"student{c}" for c in ("id", "admissionnumber", "upn"))
    + CANDIDATES["id"],
    "name": (
        "contactname", "contactfullname", "contact", "fullname", "name", "parentname",
        "carername",
    ),
    "forename": (
        "contactforename", "contactfirstname", "contactpreferredforename", "contactgivenname",
        "contactlegalforename",
    ),
    "surname": (
        "contactsurname", "contactlastname", "contactpreferredsurname", "contactfamilyname",
        "contactlegalsurname",
    ),
    "relationship": (
        "relationship", "relation", "contactrelationship", "relationshiptopupil",
        "relationshiptostudent", "relationshiptype",
    ),
    "responsibility": (
        "parentalresponsibility", "hasparentalresponsibility", "pr", "responsibility",
        "parentalresp",
    ),
    "priority": ("priority", "contactpriority", "order", "contactorder", "rank"),
}  # fmt: skip
LABELS = {
    "id": "the pupil's admission number, UPN or MIS id",
    "name": "the contact's name",
    "forename": "the contact's forename",
    "surname": "the contact's surname",
    "relationship": "relationship",
    "responsibility": "parental responsibility",
    "priority": "priority",
}
CONTACTS = ColumnSpec(
    FIELDS,
    required=("id",),
    candidates=CONTACT_CANDIDATES,
    labels=LABELS,
    what="contacts list",
    any_of=(("name",), ("forename", "surname")),
)
RELATIONSHIP_MAX = CLASS_MAX
YES = {"yes", "y", "true", "t", "1", "x", "pr", "parental responsibility"}
NO = {"no", "n", "false", "f", "0", ""}


@dataclass(frozen=True)
class Contact:
    pupil_id: str
    name: str
    relationship: str
    parental_responsibility: bool
    priority: int  # 1 first; 0 when the export gives none


@dataclass
class ContactsFile:
    contacts: list[Contact] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per row left out, with why
    columns: dict[str, str] = field(default_factory=dict)  # field -> header used


def read_contacts(text: str, mapping: dict[str, str] | None = None) -> ContactsFile:
    """Contacts in the file, and why each row that is not one was left out (the MIS list
    reader shared with pupils and staff: kiosk.domain.roster_csv.read_list)."""
    found = read_list(text, CONTACTS, mapping)
    contacts, skipped = each_row(
        found,
        _contact,
        lambda contact: f"{contact.pupil_id}\0{contact.name.casefold()}",
        same="the same contact as row",
    )
    return ContactsFile(contacts, skipped, found.headers)


def _flag(text: str) -> bool | None:
    value = " ".join(text.split()).casefold()
    if value in YES:
        return True
    if value in NO:
        return False
    return None


def _contact(row: list[str], found: ListRows) -> tuple[str, Contact | None]:
    pupil_id, reason = row_id(row, found, pupil_id_of, LABELS["id"], "pupil id")
    if reason:
        return reason, None
    whole = clean_text(found.cell(row, "name"))
    if not whole:
        parts = [clean_text(found.cell(row, n)) for n in ("forename", "surname")]
        whole = " ".join(p for p in parts if p)
    if not whole:
        return f"{pupil_id}: no contact name", None
    try:
        name = person_name(whole, "Contact name", "name")
    except ValidationError as exc:
        return f"{pupil_id}: {exc}".rstrip("."), None
    relationship = clean_text(found.cell(row, "relationship"))[:RELATIONSHIP_MAX]
    responsibility = _flag(found.cell(row, "responsibility"))
    if responsibility is None:
        return f"{pupil_id}: parental responsibility is not yes or no", None
    priority_text = clean_text(found.cell(row, "priority"))
    if priority_text and not (priority_text.isdigit() and int(priority_text) < 100):
        return f"{pupil_id}: priority {priority_text[:10]!r} is not a number", None
    priority = int(priority_text) if priority_text else 0
    return "", Contact(pupil_id, name, relationship, responsibility, priority)
