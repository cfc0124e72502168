"""Reading a pupil list exported from SIMS, Arbor or Bromcom (or anything with similar headers).

The three systems name the same columns differently ("Adno", "Admission Number", "MIS ID";
"Legal Forename", "Preferred First Name"; "Reg Group", "Registration Form"...), so headers
are matched case-insensitively ignoring spaces and punctuation, against the lists below in
order of preference. `--columns id=Pupil Ref,class=Tutor` names others. Pure: text in,
pupils and one sentence per skipped row out.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from kiosk.domain.pupils import Pupil, normalise_pupil_id, normalise_year
from kiosk.domain.validation import clean_text, person_name
from kiosk.errors import ValidationError

FIELDS = ("id", "forename", "surname", "year", "class")
REQUIRED = ("id", "forename", "surname")
# Preferred names first (what the child is called in class), legal names as a fallback. The
# admission number or MIS id before the UPN: the UPN is a national identifier the kiosk does
# not need if the school's own number is there.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "id": (
        "admissionnumber", "admissionno", "adno", "admno", "misid", "studentid", "pupilid",
        "learnerid", "personid", "id", "upn", "uniquepupilnumber",
    ),
    "forename": (
        "preferredforename", "preferredfirstname", "preferredname", "knownas", "forename",
        "firstname", "givenname", "legalforename", "legalfirstname",
    ),
    "surname": (
        "preferredsurname", "preferredlastname", "surname", "lastname", "familyname",
        "legalsurname", "legallastname",
    ),
    "year": ("year", "yeargroup", "ncyear", "nationalcurriculumyear", "curriculumyear", "yr"),
    "class": (
        "class", "classname", "reggroup", "registrationgroup", "regroup", "registrationform",
        "regform", "form", "formgroup", "tutorgroup", "reg", "group",
    ),
}  # fmt: skip
LABELS = {
    "id": "admission number, UPN or MIS id",
    "forename": "forename",
    "surname": "surname",
    "year": "year",
    "class": "class or registration group",
}
CLASS_MAX = 30
HEADER_SEARCH_ROWS = 10  # SIMS reports may put a title and a blank line above the headers


def header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def parse_column_map(text: str | None) -> dict[str, str]:
    """'id=Pupil Ref,class=Tutor' -> {'id': 'Pupil Ref', 'class': 'Tutor'}; ValidationError."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        name = name.strip().lower()
        if not sep or name not in FIELDS or not header.strip():
            raise ValidationError(
                f"--columns {part.strip()!r}: use FIELD=HEADER, FIELD one of " + ", ".join(FIELDS)
            )
        mapping[name] = header.strip()
    return mapping


@dataclass
class RosterFile:
    pupils: list[Pupil] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per row left out, with why
    columns: dict[str, str] = field(default_factory=dict)  # field -> header used


def decode(raw: bytes) -> str:
    """UTF-8 (with or without the BOM Excel adds), else Windows-1252 (older SIMS exports)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _dialect(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _find_columns(row: list[str], mapping: dict[str, str]) -> dict[str, list[int]]:
    """field -> the columns that may hold it, best first (a preferred forename left empty
    falls back to the legal one in the same row)."""
    keys = [header_key(cell) for cell in row]
    found: dict[str, list[int]] = {}
    for name in FIELDS:
        wanted = [header_key(mapping[name])] if name in mapping else list(CANDIDATES[name])
        indexes = [keys.index(candidate) for candidate in wanted if candidate in keys]
        if indexes:
            # One id column only: a row missing its admission number must not borrow a UPN.
            found[name] = indexes[:1] if name == "id" else indexes
    return found


def _complete(found: dict[str, list[int]]) -> bool:
    return all(name in found for name in REQUIRED)


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _rows(text: str) -> list[list[str]]:
    """The file's rows; ValidationError saying what is wrong and on which line when it is not
    CSV at all (random bytes, a spreadsheet saved in another format, a cell of megabytes)."""
    reader = csv.reader(io.StringIO(text), delimiter=_dialect(text))
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        cause = str(exc)
        if "field larger than field limit" in cause:
            what = (
                f"line {reader.line_num} has a cell longer than {csv.field_size_limit()} characters"
            )
        elif "new-line character" in cause:
            what = f"line {reader.line_num} breaks inside a cell"
        else:
            what = f"line {reader.line_num}: {_short(cause, 80)}"
        raise ValidationError(
            f"is not a CSV file the kiosk can read: {what}. Export the pupil list from the "
            "school's MIS as CSV"
        ) from None
    return rows


def read_roster(text: str, mapping: dict[str, str] | None = None) -> RosterFile:
    """Pupils in the file, and why each row that is not a pupil was left out."""
    mapping = mapping or {}
    rows = _rows(text)
    columns: dict[str, list[int]] = {}
    header_row = 0
    for header_row, row in enumerate(rows[:HEADER_SEARCH_ROWS]):  # noqa: B007
        columns = _find_columns(row, mapping)
        if _complete(columns):
            break
    if not _complete(columns):
        first = rows[0] if rows else []
        found = _find_columns(first, mapping)
        missing = [
            LABELS[n] + (f" (no column {mapping[n]!r})" if n in mapping else "")
            for n in REQUIRED
            if n not in found
        ]
        shown = ", ".join(_short(c.strip()) for c in first[:8] if c.strip()) or "none"
        raise ValidationError(
            "cannot find the columns for " + "; ".join(missing) + f" in the header ({shown}); "
            "name them with --columns id=HEADER,forename=HEADER,surname=HEADER"
        )
    header = rows[header_row]
    used = {name: header[indexes[0]].strip() for name, indexes in columns.items()}
    result = RosterFile(columns=used)
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[header_row + 1 :], start=header_row + 2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines between sections or at the end
        reason, pupil = _pupil(row, columns)
        if pupil is not None and pupil.id in seen:
            reason, pupil = f"same id as row {seen[pupil.id]}", None
        if pupil is None:
            result.skipped.append(f"row {number}: skipped: {reason}")
            continue
        seen[pupil.id] = number
        result.pupils.append(pupil)
    return result


def _cell(row: list[str], columns: dict[str, list[int]], name: str) -> str:
    """The first non-empty cell among the columns that may hold `name`."""
    for index in columns.get(name, []):
        if index < len(row) and row[index].strip():
            return row[index]
    return ""


def _pupil(row: list[str], columns: dict[str, list[int]]) -> tuple[str, Pupil | None]:
    pupil_id = normalise_pupil_id(clean_text(_cell(row, columns, "id")))
    if not pupil_id:
        return f"no {LABELS['id']}", None
    if len(pupil_id) > 30:
        return f"{LABELS['id']} longer than 30 characters", None
    names = {}
    for part in ("forename", "surname"):
        if not clean_text(_cell(row, columns, part)):
            return f"{pupil_id}: no {part}", None
        try:
            names[part] = person_name(_cell(row, columns, part), part.capitalize(), part)
        except ValidationError as exc:
            return f"{pupil_id}: {exc}".rstrip("."), None
    klass = clean_text(_cell(row, columns, "class"))
    if len(klass) > CLASS_MAX:
        return f"{pupil_id}: class longer than {CLASS_MAX} characters", None
    year = normalise_year(clean_text(_cell(row, columns, "year")))[:CLASS_MAX]
    return "", Pupil(pupil_id, names["forename"], names["surname"], year, klass)
