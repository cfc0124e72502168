"""Staff signing in and out by name ("I work here"): the PIN when the setting asks for one,
counted with every other PIN; a sign-in without a PIN marked so; close-day's system sign-out;
the roll call's Staff group; the export's exact columns; retention by the school year."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest

from kiosk.domain.staff_attendance import ATTENDANCE_FIELDS, KIND
from kiosk.domain.terms import kept_from
from kiosk.errors import KioskError
from kiosk.services.admin.close_day import close_day
from kiosk.services.admin.retention import plan_purge, purge
from kiosk.services.fire.roll_call import make_roll_call
from kiosk.services.fire.roll_call_html import roll_call_html
from kiosk.services.fire.roll_call_text import roll_call_text
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_login import PinLockedOut, PinRejected, lockout
from kiosk.services.staff_attendance.name_search import find_staff
from kiosk.services.staff_attendance.signing import (
    OUT_IN_LOCKOUT,
    PIN_ONLY,
    Signed,
    SignInClosed,
    pin_needed,
    sign_by_name,
)
from tests.admin.seeding import at
from tests.helpers import OTHER_PIN, STAFF_PIN


def with_setting(context, **changes):
    context.config = replace(context.config, **changes)
    return context


def lock_pin_entry(context, staff) -> None:
    for _ in range(context.config.pin_attempts):
        with pytest.raises((PinRejected, PinLockedOut)):
            sign_by_name(context, staff, "000000")
    assert lockout(context) is not None


def test_by_name_and_pin_signs_in_then_out(context, sam) -> None:
    assert pin_needed(context, sam)
    first = sign_by_name(context, sam, STAFF_PIN)
    assert isinstance(first, Signed) and first.signed_in
    assert first.greeting(context.config.tz) == "Good morning, Sam: signed in at 08:45."
    record = context.store.live(KIND)[0]
    assert record["signed_in_by"] == "name+pin" and record["name"] == "Sam Patel"

    at(context, "2026-11-25T16:05:00")
    second = sign_by_name(context, sam, STAFF_PIN)
    assert isinstance(second, Signed) and not second.signed_in
    assert second.greeting(context.config.tz) == "Goodbye, Sam: signed out at 16:05."
    assert context.store.live(KIND) == []
    actions = [e["action"] for e in context.store.audit_entries()]
    assert actions[-2:] == ["staff-sign-in-pin", "staff-signed-out"]
    assert STAFF_PIN not in json.dumps(context.store.audit_entries())


def test_a_wrong_pin_or_a_colleagues_counts_towards_the_lockout(context, sam, jo) -> None:
    with pytest.raises(PinRejected) as first:
        sign_by_name(context, sam, "111111")
    with pytest.raises(PinRejected) as second:
        sign_by_name(context, sam, OTHER_PIN)  # Jo's PIN is not Sam's
    assert second.value.attempts_left == first.value.attempts_left - 1
    assert context.store.live(KIND) == []
    for _ in range(second.value.attempts_left):
        with pytest.raises((PinRejected, PinLockedOut)):
            sign_by_name(context, sam, "222222")
    assert lockout(context) is not None  # the same lockout as the staff PIN pad's


def test_without_a_pin_the_sign_in_is_marked_on_the_roll_call_and_in_the_export(
    context, dee, admin
) -> None:
    assert not pin_needed(context, dee)
    signed = sign_by_name(context, dee)
    assert isinstance(signed, Signed) and signed.signed_in

    roll = make_roll_call(context)
    staff = next(g for g in roll.groups if g.key == "staff")
    (person,) = staff.people
    assert person.name == "Dee Hart" and "no PIN" in person.about
    assert person.cells == ("08:45", "Dee Hart", "Site manager", "name, no PIN")
    assert "name, no PIN" in roll_call_text(roll)
    assert "name, no PIN" in roll_call_html(roll, "Kingsthorpe")
    rows = json.loads(admin("export", "staff-attendance", "--format", "json").stdout)
    assert rows[0]["no_pin"] is True and rows[0]["signed_in_by"] == "name-no-pin"


def test_the_setting_decides_whose_pin_is_asked(context, sam, dee) -> None:
    with_setting(context, staff_sign_in_pin="never")
    assert not pin_needed(context, sam)
    assert sign_by_name(context, sam).record.signed_in_by == "name-no-pin"

    with_setting(context, staff_sign_in_pin="always")
    assert pin_needed(context, dee)
    with pytest.raises(KioskError, match=PIN_ONLY):
        sign_by_name(context, dee)
    with pytest.raises(KioskError, match="type your PIN"):
        sign_by_name(context, sam)  # by name, Sam needs his PIN


def test_in_a_pin_lockout_staff_sign_in_marked_but_never_out_by_name(context, sam, jo) -> None:
    sign_by_name(context, jo, OTHER_PIN)
    lock_pin_entry(context, sam)

    signed = sign_by_name(context, sam)  # no PIN can be checked: in, marked so
    assert isinstance(signed, Signed) and signed.signed_in
    assert signed.record.signed_in_by == "name-no-pin"
    with pytest.raises(KioskError) as refused:
        sign_by_name(context, jo)  # a false sign-out would take Jo off the fire list
    assert str(refused.value) == OUT_IN_LOCKOUT  # what Jo is told
    assert str(refused.value).startswith("PIN entry is locked")
    assert {r["name"] for r in context.store.live(KIND)} == {"Sam Patel", "Jo Reed"}


def test_signing_in_is_closed_during_the_alarm_but_out_is_not(context, dee, sam) -> None:
    sign_by_name(context, sam, STAFF_PIN)
    assert isinstance(sign_by_name(context, dee, may_sign_in=False), SignInClosed)
    out = sign_by_name(context, sam, STAFF_PIN, may_sign_in=False)
    assert isinstance(out, Signed) and not out.signed_in


def test_the_name_search_needs_a_whole_first_name_and_the_surnames_first_letters(
    context, sam, jo, dee
) -> None:
    add_staff(context, "Sam Parker", None, actor="test", role="Cook")
    add_staff(context, "Samira Okafor", None, actor="test")

    assert find_staff(context, "Sa").matches == ()
    assert find_staff(context, "Sam").matches == ()  # a first name alone shows nobody
    assert find_staff(context, "Sam P").matches == ()
    assert [m.label for m in find_staff(context, "sam pa").matches] == ["Sam Parker", "Sam Patel"]
    assert [m.label for m in find_staff(context, "Sam Pat").matches] == ["Sam Patel"]
    assert [m.label for m in find_staff(context, "samira ok").matches] == ["Samira Okafor"]
    assert [m.label for m in find_staff(context, "DEE HA").matches] == ["Dee Hart"]


def test_close_day_signs_staff_out_as_the_system(context, sam, dee, admin) -> None:
    sign_by_name(context, sam, STAFF_PIN)
    context.clock.advance(minutes=5)
    sign_by_name(context, dee)
    at(context, "2026-11-25T18:30:00")

    result = close_day(context)

    assert [r.name for r in result.staff_signed_out] == ["Sam Patel", "Dee Hart"]
    assert context.store.live(KIND) == []
    assert make_roll_call(context).count == 0
    rows = list(csv.DictReader(io.StringIO(admin("export", "staff-attendance").stdout)))
    assert [(r["signed_out_by"], r["system_sign_out"]) for r in rows] == [
        ("close-day", "true"),
        ("close-day", "true"),
    ]


def test_the_export_has_exactly_its_documented_columns_and_is_formula_safe(context, admin) -> None:
    evil = add_staff(context, "Eve Hack", None, actor="test", role="=HYPERLINK(1)")
    sign_by_name(context, evil)
    at(context, "2026-11-26T08:00:00")
    sign_by_name(context, evil)  # out
    sign_by_name(context, evil)  # in again, next day

    both = admin("export", "staff-attendance", "--from", "2026-11-25", "--to", "2026-11-26")
    one = admin("export", "staff-attendance", "--from", "2026-11-26")

    assert both.returncode == 0, both.stderr
    assert next(csv.reader(io.StringIO(both.stdout))) == list(ATTENDANCE_FIELDS)
    assert ATTENDANCE_FIELDS == (
        "id", "staff_id", "name", "role", "signed_in_at", "signed_in_by", "signed_out_at",
        "signed_out_by", "no_pin", "system_sign_out",
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(both.stdout)))
    assert len(rows) == 2 and rows[0]["role"] == "'=HYPERLINK(1)"
    assert rows[0]["signed_in_at"] == "2026-11-25T08:45:00+00:00"
    assert (
        rows[0]["signed_out_at"] == "2026-11-26T08:00:00+00:00" and rows[1]["signed_out_at"] == ""
    )
    assert len(list(csv.DictReader(io.StringIO(one.stdout)))) == 1


def test_attendance_is_kept_to_the_end_of_the_school_year_after_next(context, sam) -> None:
    terms = context.config.policy.terms
    assert kept_from(date(2026, 11, 25), terms, 2) == date(2024, 9, 1)
    assert kept_from(date(2029, 8, 31), terms, 2) == date(2026, 9, 1)

    at(context, "2026-11-25T08:00:00")
    sign_by_name(context, sam, STAFF_PIN)
    at(context, "2026-11-25T16:00:00")
    sign_by_name(context, sam, STAFF_PIN)
    # The school year 2026/27 ends on 31 August 2027; the one after next on 31 August 2029.
    # (force: trusting the clock, as an admin would after checking it; the guard against a
    # clock years ahead has its own tests)
    at(context, "2029-08-31T12:00:00")
    plan = plan_purge(context, force=True).kinds[KIND]
    assert plan.months == [] and plan.kept_for.startswith("to the end of the school year 2")
    at(context, "2029-09-02T12:00:00")
    assert plan_purge(context, force=True).kinds[KIND].months == ["2026-11"]
    done = purge(context, force=True)
    assert done.done and context.store.records(KIND) == []


def test_kiosk_onsite_lists_staff_with_their_time_in(context, sam, dee, admin) -> None:
    sign_by_name(context, sam, STAFF_PIN)
    at(context, "2026-11-25T09:10:00")
    sign_by_name(context, dee)

    text = admin("onsite")
    rows = json.loads(admin("onsite", "--format", "json").stdout)

    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].endswith(": 2 people")
    header = lines.index("Staff: 2") + 1
    assert lines[header].split() == ["In", "Name", "Role", "Signed", "in", "by"]
    assert lines[header + 1].split()[:3] == ["08:45", "Sam", "Patel"]
    assert "name and PIN" in lines[header + 1]
    assert lines[header + 2].split()[:3] == ["09:10", "Dee", "Hart"]
    assert "name, no PIN" in lines[header + 2]
    assert [(r["group"], r["name"], r["signed_in_by"]) for r in rows] == [
        ("staff", "Sam Patel", "name+pin"),
        ("staff", "Dee Hart", "name-no-pin"),
    ]


def test_close_day_on_a_clock_years_ahead_leaves_staff_on_the_fire_list(context, dee) -> None:
    sign_by_name(context, dee)
    at(context, "2028-11-25T18:30:00")  # a reboot onto a wrong clock

    with pytest.raises(KioskError, match="close-day refused"):
        close_day(context)

    assert [r["name"] for r in context.store.live(KIND)] == ["Dee Hart"]
