"""Issue 20.2: every kind of record is checked when read, not only visits and phones.

A pupil, a regular visitor, a letters-log entry, a closed record in a journal line (in the
first layout: an item of live.json's `closed` table) or a state value that is valid JSON
with a wrong value is skipped and counted by every reader, named by `kiosk check` (file, id,
field), and never crashes a command or the touchscreen. The files are edited through
tests/store_files.py, which knows the layout.
"""

from __future__ import annotations

import pytest

from kiosk.domain.record_schema import problems
from kiosk.domain.roster_csv import read_roster
from kiosk.errors import KioskError
from kiosk.services.policy.letters import letters_for_day, log_letters
from kiosk.services.pupils.roster_import import import_roster
from kiosk.services.regulars.regular_visitors import add_regular
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_login import check_pin
from tests.admin.seeding import at, phone, visit
from tests.conftest import MORNING
from tests.helpers import STAFF_PIN
from tests.store_files import append_journal, plant, set_state, spoil

ROSTER = "Adno,Surname,Forename,Year,Reg Group\n001,Smith,Amelia,5,5L\n"


@pytest.fixture
def folder(context):
    """A kiosk with a pupil, a regular visitor, a printed letter and a visitor signed out."""
    import_roster(context, read_roster(ROSTER))
    regular, _ = add_regular(context, "Ann Lee", "governor", host="Head")
    phone(context, "2026-11-24T10:00", pupil="Amelia Smith", reason="confiscated")
    day = context.now().date()
    log_letters(context, letters_for_day(context, day), day)
    visit(context, "2026-11-25T08:00", name="Zoë Lane", signed_out="2026-11-25T08:20")
    at(context, MORNING)
    return context, regular


def test_a_pupil_without_year_and_class(folder, admin) -> None:
    context, _ = folder
    path = plant(context.store, "pupils", {"id": "P9901", "forename": "Pip", "surname": "Leaky"})
    check = admin("check")
    assert check.returncode == 1
    assert f"problem: data file {path}: pupils id P9901: field class_name is missing" in (
        check.stdout.splitlines()
    )
    assert "Leaky" not in check.stdout  # names the record, not what it holds
    for command in (("pupils", "list"), ("report", "phones"), ("export", "incidents")):
        result = admin(*command)
        assert result.returncode == 0, (command, result.stderr)
        assert "skipped 1 damaged record(s)" in result.stderr, command
        assert "Leaky" not in result.stdout
    assert "Amelia" in admin("pupils", "list").stdout


def test_a_regular_visitor_whose_card_expires_soon(folder, admin) -> None:
    context, regular = folder
    path = spoil(context.store, "regulars", regular.id, "expires_on", "soon")
    check = admin("check")
    assert (
        f"problem: data file {path}: regulars id {regular.id}: field expires_on is not a date"
        in (check.stdout.splitlines())
    )
    result = admin("regulars", "list")
    assert result.returncode == 0, result.stderr
    assert "skipped 1 damaged record(s)" in result.stderr


def test_a_letters_log_entry_with_a_bad_day(folder, admin) -> None:
    context, _ = folder
    [entry] = context.store.live("letters")
    path = spoil(context.store, "letters", entry["id"], "day", 20261125)
    check = admin("check")
    assert f"problem: data file {path}: letters id {entry['id']}: field day is not a date" in (
        check.stdout.splitlines()
    )
    result = admin("purge", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "skipped 1 damaged record(s)" in result.stderr


@pytest.mark.parametrize(
    ("item", "named"),
    [
        (["visits", "2026-11", "Zoë Lane signed out"], "field record is not a record"),
        (["parcels", "2026-11", {"id": "X1"}], "field kind is not visits or phones"),
        ([{"id": "X1"}], "is not a kind, a month and a record"),
        (["visits", "../../x", {"id": "X1"}], "field month is not a month"),
    ],
)
def test_a_closed_item_that_is_not_a_record(folder, admin, item, named) -> None:
    """A closed record in a journal line, CRC and all, that is no kind, month and record."""
    context, _ = folder
    journal = append_journal(context.store, {"close": [item]})
    check = admin("check")
    assert check.returncode == 1
    assert "Traceback" not in check.stderr and "unexpected error" not in check.stderr
    assert any(line.startswith(f"problem: data file {journal}: closed") and named in line
               for line in check.stdout.splitlines()), check.stdout  # fmt: skip
    for command in (("export", "visits"), ("export", "phones"), ("purge", "--dry-run")):
        result = admin(*command)
        assert result.returncode == 0, (command, result.stderr)
        assert "skipped 1 damaged record(s)" in result.stderr, command
    assert admin("onsite").returncode == 0
    assert "Zoë Lane" in admin("export", "visits").stdout  # the good closed visit still exports


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("pin_lockout", "garbage", "state pin_lockout: is not a set of values"),
        ("pin_lockout", {"failures": "three"}, "state pin_lockout: field failures is not a number"),
        ("audit_head", {"seq": "1", "hash": "00"}, "state audit_head: field seq is not a number"),
        ("pin_lockout_alerts", {"alerts": [{"at": 5}]}, "state pin_lockout_alerts: field alerts"),
    ],
)
def test_a_state_value_that_is_wrong(context, admin, key, value, named) -> None:
    add_staff(context, "Mrs Good", STAFF_PIN)
    live = set_state(context.store, key, value)
    check = admin("check")
    assert check.returncode == 1
    assert any(line.startswith(f"problem: data file {live}: {named}")
               for line in check.stdout.splitlines()), check.stdout  # fmt: skip
    if key == "pin_lockout":
        context.store.skipped.clear()
        assert check_pin(context, STAFF_PIN).name == "Mrs Good"
        assert [bad.kind for bad in context.store.skipped.values()] == ["state"]


def test_a_roster_import_replaces_a_damaged_pupil_with_its_row(folder) -> None:
    """The MIS's row is the pupil: importing it again gives one good record, not two."""
    context, _ = folder
    plant(context.store, "pupils", {"id": "002", "forename": "Pip", "surname": "Leaky"})
    import_roster(context, read_roster(ROSTER + "002,Leaky,Pip,4,4T\n"))
    assert context.store.check() == []
    pupils = {r["id"]: r["class_name"] for r in context.store.live("pupils")}
    assert pupils == {"001": "5L", "002": "4T"}


def test_the_state_the_kiosk_writes_passes_its_own_check(context, admin) -> None:
    """What the services keep in state (a lockout, its alert, the audit head) is never taken
    for damage: a check written for one shape must follow the shape the kiosk writes."""
    add_staff(context, "Mrs Good", STAFF_PIN)
    for _ in range(context.config.pin_attempts):
        with pytest.raises(KioskError):
            check_pin(context, "1357")
    keys = {entry["key"] for entry in context.store.live("state")}
    assert {"pin_lockout", "pin_lockout_alerts", "audit_head"} <= keys
    for entry in context.store.live("state"):
        assert problems("state", entry) == [], entry["key"]
    assert not context.store.skipped
    # That evening, on the test's clock: on the real one, check would (rightly) doubt a clock
    # before the newest record or years after it.
    assert admin("check", env={"KIOSK_FAKE_NOW": "2026-11-25T18:30:00"}).returncode == 0
