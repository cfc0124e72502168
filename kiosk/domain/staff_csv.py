"""Reading a staff list exported from SIMS, Arbor or Bromcom (or anything with similar headers).

The same reader as the pupil list (kiosk.domain.roster_csv: the header row found within the
first rows, headers matched ignoring case, spaces and punctuation, `--columns` for others),
with the staff list's own columns. The headers assumed for each system's staff export are
in docs/admin-commands.md. Pure: text in, staff rows and one sentence per skipped row out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.domain.roster_csv import CANDIDATES as PUPIL_CANDIDATES
from kiosk.domain.roster_csv import (
    ColumnSpec,
    ListRows,
    each_row,
    person_names,
    read_list,
    row_id,
)
from kiosk.domain.staff_directory import ROLE_MAX
from kiosk.domain.validation import clean_text

STAFF_FIELDS = ("id", "forename", "surname", "role")
STAFF_REQUIRED = ("id", "forename", "surname")
# The MIS's own id for the person (SIMS's staff code, Arbor's and Bromcom's staff id or
# employee number); preferred names before legal ones, as for pupils. "Title" (Mr, Mrs) is
# never a role.
STAFF_CANDIDATES: dict[str, tuple[str, ...]] = {
    "id": (
        "staffcode", "staffid", "arborid", "employeenumber", "employeeno", "employeeid",
        "payrollnumber", "misid", "personid", "id", "code",
    ),
    # Names are called what they are called in the pupils' lists.
    "forename": PUPIL_CANDIDATES["forename"],
    "surname": PUPIL_CANDIDATES["surname"],
    "role": (
        "role", "jobtitle", "staffrole", "jobrole", "post", "position", "staffcategory",
        "category",
    ),
}  # fmt: skip
STAFF_LABELS = {
    "id": "staff code, staff id or employee number",
    "forename": "forename",
    "surname": "surname",
    "role": "role or job title",
}
STAFF_COLUMNS = ColumnSpec(
    STAFF_FIELDS, STAFF_REQUIRED, STAFF_CANDIDATES, STAFF_LABELS, what="staff list"
)


@dataclass(frozen=True)
class StaffRow:
    mis_id: str  # as the MIS gives it, upper-case
    forename: str
    surname: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"


@dataclass
class StaffFile:
    staff: list[StaffRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per row left out, with why
    columns: dict[str, str] = field(default_factory=dict)  # field -> header used


def normalise_mis_id(text: str) -> str:
    """Staff codes are compared without surrounding spaces and case ('jsm' is 'JSM')."""
    return clean_text(text).upper()


def read_staff_list(text: str, mapping: dict[str, str] | None = None) -> StaffFile:
    """The staff in the file, and why each row that is not a member of staff was left out."""
    found = read_list(text, STAFF_COLUMNS, mapping)
    staff, skipped = each_row(found, _member, lambda member: member.mis_id)
    return StaffFile(staff, skipped, found.headers)


def _member(row: list[str], found: ListRows) -> tuple[str, StaffRow | None]:
    mis_id, reason = row_id(row, found, normalise_mis_id, STAFF_LABELS["id"])
    if reason:
        return reason, None
    reason, names = person_names(row, found, mis_id)
    if reason:
        return reason, None
    role = clean_text(found.cell(row, "role"))
    if len(role) > ROLE_MAX:
        role = role[: ROLE_MAX - 1].rstrip() + "…"  # a long job title is not worth a lost row
    return "", StaffRow(mis_id, names["forename"], names["surname"], role)
