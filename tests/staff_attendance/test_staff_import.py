"""`kiosk staff import`: the staff list from SIMS, Arbor or Bromcom (the headers assumed for
each are in docs/admin-commands.md), `--columns` for others; leavers inactive, nobody
duplicated, a PIN never needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.domain.staff_csv import STAFF_COLUMNS, read_staff_list
from kiosk.errors import ValidationError
from kiosk.services.staff.staff_accounts import add_staff, disable_staff, list_staff
from kiosk.services.staff.staff_import import import_staff
from tests.helpers import STAFF_PIN

SIMS = (
    "Staff List,,,,,,\n"
    ",,,,,,\n"
    "Staff Code,Title,Legal Forename,Preferred Forename,Legal Surname,Preferred Surname,Role\n"
    "SPA,Mr,Samuel,Sam,Patel,,Teacher\n"
    "JRE,Mrs,Joanna,Jo,Reed,Reed,Deputy Head\n"
    "DHA,Ms,Deirdre,,Hart,,Site Manager\n"
)
ARBOR = (
    "Staff ID,First Name,Preferred First Name,Last Name,Job Title,Email\n"
    "1001,Samuel,Sam,Patel,Teacher,sp@example.org\n"
    "1002,Joanna,Jo,Reed,Deputy Head,jr@example.org\n"
    "1003,Deirdre,,Hart,Site Manager,dh@example.org\n"
)
BROMCOM = (
    "Employee Number;Known As;Forename;Surname;Staff Role\n"
    "E-01;Sam;Samuel;Patel;Teacher\n"
    "E-02;Jo;Joanna;Reed;Deputy Head\n"
    "E-03;;Deirdre;Hart;Site Manager\n"
)
SHAPES = {"sims": SIMS, "arbor": ARBOR, "bromcom": BROMCOM}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_mis_shape_imports_the_same_directory(context, admin, tmp_path, shape) -> None:
    result = admin("staff", "import", write(tmp_path, f"{shape}.csv", SHAPES[shape]))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "staff import: added 3, linked 0, updated 0, unchanged 0, left 0, rejoined 0, "
        "disabled and kept so 0, rows skipped 0"
    )
    staff = list_staff(context)
    assert [(s.name, s.role, s.has_pin, s.active) for s in staff] == [
        ("Deirdre Hart", "Site Manager", False, True),  # no preferred name: the legal one
        ("Jo Reed", "Deputy Head", False, True),
        ("Sam Patel", "Teacher", False, True),  # the preferred name, not "Samuel"
    ]
    assert all(s.mis_id for s in staff)
    # Imported twice: the same people, nobody duplicated, nothing changed.
    again = admin("staff", "import", write(tmp_path, f"{shape}.csv", SHAPES[shape]))
    assert "added 0, linked 0, updated 0, unchanged 3, left 0" in again.stdout
    assert len(list_staff(context)) == 3


def test_the_columns_found_are_named_and_a_title_row_above_them_is_skipped(context) -> None:
    found = read_staff_list(SIMS)
    assert found.columns == {
        "id": "Staff Code", "forename": "Preferred Forename", "surname": "Preferred Surname",
        "role": "Role",
    }  # fmt: skip
    assert [m.mis_id for m in found.staff] == ["SPA", "JRE", "DHA"]


def test_columns_names_headers_the_kiosk_does_not_know(context, admin, tmp_path) -> None:
    text = "Payroll Ref,Given,Family,Post\nP1,Ana,Lópes,Cook\nP2,Ben,Ode,Caretaker\n"
    path = write(tmp_path, "odd.csv", text)

    refused = admin("staff", "import", path)
    assert refused.returncode != 0
    assert refused.stderr.startswith(f"kiosk: {path}: cannot find the columns for staff code")
    assert "--columns id=HEADER,forename=HEADER,surname=HEADER" in refused.stderr
    assert list_staff(context) == []

    done = admin(
        "staff", "import", path, "--columns", "id=Payroll Ref,forename=Given,surname=Family,"
        "role=Post",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [(s.name, s.role, s.mis_id) for s in list_staff(context)] == [
        ("Ana Lópes", "Cook", "P1"),
        ("Ben Ode", "Caretaker", "P2"),
    ]
    bad = admin("staff", "import", path, "--columns", "year=Post")
    assert "use FIELD=HEADER, FIELD one of id, forename, surname, role" in bad.stderr


def test_leavers_go_inactive_and_come_back_if_they_return(context, tmp_path) -> None:
    import_staff(context, read_staff_list(ARBOR))
    context.clock.advance(days=30)
    without_jo = ARBOR.replace("1002,Joanna,Jo,Reed,Deputy Head,jr@example.org\n", "")

    result = import_staff(context, read_staff_list(without_jo))

    assert result.left == 1
    jo = next(s for s in list_staff(context) if s.name == "Jo Reed")
    assert not jo.active and jo.left_at.startswith("2026-12-25")
    back = import_staff(context, read_staff_list(ARBOR))
    assert back.rejoined == 1
    jo = next(s for s in list_staff(context) if s.name == "Jo Reed")
    assert jo.active and jo.left_at == ""


def test_an_account_added_by_hand_is_linked_not_duplicated_and_keeps_its_pin(context) -> None:
    hand = add_staff(context, "Sam Patel", STAFF_PIN, actor="test")
    governor = add_staff(context, "Gil Ford", None, actor="test")

    result = import_staff(context, read_staff_list(SIMS))

    assert (result.added, result.linked) == (2, 1)
    staff = {s.name: s for s in list_staff(context)}
    assert len(staff) == 4 and staff["Sam Patel"].id == hand.id
    assert staff["Sam Patel"].mis_id == "SPA" and staff["Sam Patel"].pin_hash == hand.pin_hash
    assert staff["Sam Patel"].role == "Teacher"
    # Not from the MIS: a later file without them does not mark them as left.
    import_staff(context, read_staff_list(SIMS))
    assert next(s for s in list_staff(context) if s.id == governor.id).active


def test_someone_the_office_disabled_stays_disabled(context) -> None:
    import_staff(context, read_staff_list(SIMS))
    sam = next(s for s in list_staff(context) if s.name == "Sam Patel")
    disable_staff(context, sam.id, actor="test")

    result = import_staff(context, read_staff_list(SIMS))

    assert result.disabled_kept == 1 and result.rejoined == 0
    assert not next(s for s in list_staff(context) if s.id == sam.id).active


def test_a_file_that_would_empty_the_staff_list_needs_to_be_meant(context, admin, tmp_path):
    import_staff(context, read_staff_list(SIMS))
    one = write(tmp_path, "one.csv", "Staff Code,Forename,Surname\nSPA,Sam,Patel\n")

    refused = admin("staff", "import", one)
    assert refused.returncode != 0 and "would mark 2 of 3 staff as left" in refused.stderr
    assert all(s.active for s in list_staff(context))
    done = admin("staff", "import", one, "--allow-many-leavers")
    assert done.returncode == 0 and "left 2" in done.stdout


def test_bad_rows_are_named_and_the_rest_imported(context, admin, tmp_path) -> None:
    text = (
        "Staff Code,Forename,Surname,Role\n"
        "SPA,Sam,Patel,Teacher\n"
        ",No,Code,Cook\n"
        "X1,Bad<script>,Name,Cook\n"
        "SPA,Sam,Again,Teacher\n"
        f"LNG,Lee,Long,{'Head of ' * 10}\n"
    )
    result = admin("staff", "import", write(tmp_path, "bad.csv", text, "cp1252"))

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "row 3: skipped: no staff code, staff id or employee number",
        "row 4: skipped: X1: Forename can use letters, spaces, hyphens, apostrophes and full "
        "stops only (not < >)",
        "row 5: skipped: same id as row 2",
    ]
    staff = {s.name: s for s in list_staff(context)}
    assert set(staff) == {"Sam Patel", "Lee Long"}
    assert len(staff["Lee Long"].role) == 40  # a long job title is cut, not the row lost


def test_an_empty_file_changes_nothing(context) -> None:
    with pytest.raises(ValidationError, match="no staff"):
        import_staff(context, read_staff_list("Staff Code,Forename,Surname\n"))
    assert STAFF_COLUMNS.required == ("id", "forename", "surname")


def test_staff_add_still_works_for_one_person_and_a_pin_is_optional(context, admin) -> None:
    added = admin("staff", "add", "Dee Hart", "--no-pin", "--role", "Site manager")
    assert added.returncode == 0, added.stderr
    staff_id = added.stdout.split()[-1]
    (dee,) = list_staff(context)
    assert (dee.id, dee.has_pin, dee.role) == (staff_id, False, "Site manager")
    listing = admin("staff", "list").stdout.splitlines()
    assert listing[1].split()[-6:-1] == ["staff", "no", "none", "active", "-"]
    # No PIN, so no way into the phone store, and not an admin.
    refused = admin("staff", "add", "Jo Reed", "--no-pin", "--admin")
    assert refused.returncode != 0 and "an admin needs a PIN" in refused.stderr
    given = admin("staff", "pin", staff_id, "--pin-stdin", input=f"{STAFF_PIN}\n")
    assert given.returncode == 0 and list_staff(context)[0].has_pin


def test_a_file_without_a_role_column_keeps_every_job_title(context) -> None:
    import_staff(context, read_staff_list(SIMS))
    add_staff(context, "Gil Ford", None, actor="test", role="Governor")
    no_roles = (
        "Staff Code,Forename,Surname\nSPA,Sam,Patel\nJRE,Jo,Reed\nDHA,Deirdre,Hart\nGF1,Gil,Ford\n"
    )

    result = import_staff(context, read_staff_list(no_roles))

    assert (result.linked, result.updated, result.unchanged) == (1, 0, 3)
    assert {s.name: s.role for s in list_staff(context)} == {
        "Deirdre Hart": "Site Manager",
        "Gil Ford": "Governor",  # added by hand with --role, now linked by name
        "Jo Reed": "Deputy Head",
        "Sam Patel": "Teacher",
    }
