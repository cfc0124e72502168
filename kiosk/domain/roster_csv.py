"""Reading a pupil list exported from SIMS, Arbor or Bromcom (or anything with similar headers).

The three systems name the same columns differently ("Adno", "Admission Number", "MIS ID";
"Legal Forename", "Preferred First Name"; "Reg Group", "Registration Form"...), so headers
are matched case-insensitively ignoring spaces and punctuation, against the lists below in
order of preference. `--columns id=Pupil Ref,class=Tutor` names others. Pure: text in,
pupils and one sentence per skipped row out.

The reading itself (`read_list`: the header row found within the first rows, headers
matched against a `ColumnSpec`, `--columns` for others) is shared with the staff list
(kiosk.domain.staff_csv); the pupil's own fields are `PUPIL_COLUMNS`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

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
ID_MAX = 30  # characters of an MIS id: a pupil's admission number or UPN, a staff code
HEADER_SEARCH_ROWS = 10  # SIMS reports may put a title and a blank line above the headers


@dataclass(frozen=True)
class ColumnSpec:
    """What a list exported from the MIS holds, whatever each system calls its columns:
    the fields, the ones a row cannot do without, and the header names that may hold each
    (best first), as `header_key` leaves them."""

    fields: tuple[str, ...]
    required: tuple[str, ...]
    candidates: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    single: tuple[str, ...] = ("id",)  # fields read from one column only, never a fallback
    what: str = "pupil list"  # what to export from the MIS, for a file that is not CSV
    # sets of fields of which one must be found whole, beyond `required` (a contact's name
    # in one column, or as forename and surname)
    any_of: tuple[tuple[str, ...], ...] = ()

    def complete(self, found: dict[str, list[int]]) -> bool:
        return all(name in found for name in self.required) and (
            not self.any_of or any(all(n in found for n in group) for group in self.any_of)
        )

    def missing(self, found: dict[str, list[int]]) -> list[str]:
        """The fields to name with --columns when `found` is not complete."""
        names = [n for n in self.required if n not in found]
        if self.any_of and not any(all(n in found for n in group) for group in self.any_of):
            names += [n for n in self.any_of[0] if n not in found]
        return names


PUPIL_COLUMNS = ColumnSpec(FIELDS, REQUIRED, CANDIDATES, LABELS)


def header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def parse_column_map(text: str | None, spec: ColumnSpec = PUPIL_COLUMNS) -> dict[str, str]:
    """'id=Pupil Ref,class=Tutor' -> {'id': 'Pupil Ref', 'class': 'Tutor'}; ValidationError."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        name = name.strip().lower()
        if not sep or name not in spec.fields or not header.strip():
            raise ValidationError(
                f"--columns {part.strip()!r}: use FIELD=HEADER, FIELD one of "
                + ", ".join(spec.fields)
            )
        mapping[name] = header.strip()
    return mapping


@dataclass
class RosterFile:
    pupils: list[Pupil] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per row left out, with why
    columns: dict[str, str] = field(default_factory=dict)  # field -> header used


@dataclass
class ListRows:
    """The data rows of an MIS list, with the columns found for each field."""

    columns: dict[str, list[int]]  # field -> the columns that may hold it, best first
    headers: dict[str, str]  # field -> the header used, as written in the file
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells), blank rows left out

    def cell(self, row: list[str], name: str) -> str:
        """The first non-empty cell among the columns that may hold `name`."""
        for index in self.columns.get(name, []):
            if index < len(row) and row[index].strip():
                return row[index]
        return ""


def decode(raw: bytes) -> str:
    """UTF-8 (with or without the BOM Excel adds), else Windows-1252 (older SIMS exports)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _dialect(text: str) -> str:
    """The delimiter: the one a line near the top uses most (a SIMS report's title line above
    the headers has none)."""
    lines = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    return max((",", ";", "\t"), key=lambda d: max(line.count(d) for line in lines))


def _find_columns(
    row: list[str], mapping: dict[str, str], spec: ColumnSpec
) -> dict[str, list[int]]:
    """field -> the columns that may hold it, best first (a preferred forename left empty
    falls back to the legal one in the same row)."""
    keys = [header_key(cell) for cell in row]
    found: dict[str, list[int]] = {}
    for name in spec.fields:
        wanted = [header_key(mapping[name])] if name in mapping else list(spec.candidates[name])
        indexes = [keys.index(candidate) for candidate in wanted if candidate in keys]
        if indexes:
            # One id column only: a row missing its admission number must not borrow a UPN.
            found[name] = indexes[:1] if name in spec.single else indexes
    return found


def read_list(text: str, spec: ColumnSpec, mapping: dict[str, str] | None = None) -> ListRows:
    """The header row (within the first few rows) and the rows under it; ValidationError
    naming the columns that cannot be found, and how to name them."""
    mapping = mapping or {}
    rows = _rows(text, spec.what)
    columns: dict[str, list[int]] = {}
    header_row = 0
    for header_row, row in enumerate(rows[:HEADER_SEARCH_ROWS]):  # noqa: B007
        columns = _find_columns(row, mapping, spec)
        if spec.complete(columns):
            break
    if not spec.complete(columns):
        first = rows[0] if rows else []
        missing = [
            spec.labels[n] + (f" (no column {mapping[n]!r})" if n in mapping else "")
            for n in spec.missing(_find_columns(first, mapping, spec))
        ]
        shown = ", ".join(_short(c.strip()) for c in first[:8] if c.strip()) or "none"
        named = [*spec.required, *(spec.any_of[0] if spec.any_of else ())]
        example = ",".join(f"{n}=HEADER" for n in named)
        raise ValidationError(
            "cannot find the columns for " + "; ".join(missing) + f" in the header ({shown}); "
            f"name them with --columns {example}"
        )
    header = rows[header_row]
    used = {name: header[indexes[0]].strip() for name, indexes in columns.items()}
    data = [
        (number, row)
        for number, row in enumerate(rows[header_row + 1 :], start=header_row + 2)
        if any(cell.strip() for cell in row)  # blank lines between sections or at the end
    ]
    return ListRows(columns, used, data)


Item = TypeVar("Item")


def each_row(
    found: ListRows,
    make: Callable[[list[str], ListRows], tuple[str, Item | None]],
    key: Callable[[Item], str],
    same: str = "same id as row",
) -> tuple[list[Item], list[str]]:
    """What `make` makes of each row (a pupil, a member of staff, a contact), and one line per
    row left out saying why: `make`'s reason, or a key already seen (`same` row N)."""
    items: list[Item] = []
    skipped: list[str] = []
    seen: dict[str, int] = {}
    for number, row in found.rows:
        reason, item = make(row, found)
        if item is not None and key(item) in seen:
            reason, item = f"{same} {seen[key(item)]}", None
        if item is None:
            skipped.append(f"row {number}: skipped: {reason}")
            continue
        seen[key(item)] = number
        items.append(item)
    return items, skipped


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _rows(text: str, what: str) -> list[list[str]]:
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
            problem = (
                f"line {reader.line_num} has a cell longer than {csv.field_size_limit()} characters"
            )
        elif "new-line character" in cause:
            problem = f"line {reader.line_num} breaks inside a cell"
        else:
            problem = f"line {reader.line_num}: {_short(cause, 80)}"
        raise ValidationError(
            f"is not a CSV file the kiosk can read: {problem}. Export the {what} from the "
            "school's MIS as CSV"
        ) from None
    return rows


def read_roster(text: str, mapping: dict[str, str] | None = None) -> RosterFile:
    """Pupils in the file, and why each row that is not a pupil was left out."""
    found = read_list(text, PUPIL_COLUMNS, mapping)
    pupils, skipped = each_row(found, _pupil, lambda pupil: pupil.id)
    return RosterFile(pupils, skipped, found.headers)


def pupil_id_of(text: str) -> str:
    return normalise_pupil_id(clean_text(text))


def row_id(
    row: list[str],
    found: ListRows,
    normalise: Callable[[str], str],
    label: str,
    long_label: str | None = None,
) -> tuple[str, str]:
    """(the row's id, "") or ("", why the row is left out): `label` names the column in
    "no ..." and, unless `long_label` is given, in "... longer than 30 characters"."""
    ident = normalise(found.cell(row, "id"))
    if not ident:
        return "", f"no {label}"
    if len(ident) > ID_MAX:
        return "", f"{long_label or label} longer than {ID_MAX} characters"
    return ident, ""


def person_names(row: list[str], found: ListRows, ident: str) -> tuple[str, dict[str, str]]:
    """("", {"forename": ..., "surname": ...}) or (why the row is left out, {})."""
    names = {}
    for part in ("forename", "surname"):
        if not clean_text(found.cell(row, part)):
            return f"{ident}: no {part}", {}
        try:
            names[part] = person_name(found.cell(row, part), part.capitalize(), part)
        except ValidationError as exc:
            return f"{ident}: {exc}".rstrip("."), {}
    return "", names


def _pupil(row: list[str], found: ListRows) -> tuple[str, Pupil | None]:
    pupil_id, reason = row_id(row, found, pupil_id_of, LABELS["id"])
    if reason:
        return reason, None
    reason, names = person_names(row, found, pupil_id)
    if reason:
        return reason, None
    klass = clean_text(found.cell(row, "class"))
    if len(klass) > CLASS_MAX:
        return f"{pupil_id}: class longer than {CLASS_MAX} characters", None
    year = normalise_year(clean_text(found.cell(row, "year")))[:CLASS_MAX]
    return "", Pupil(pupil_id, names["forename"], names["surname"], year, klass)
