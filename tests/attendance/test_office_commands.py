"""For the office: contacts from the MIS, today's list with suggested codes, the export's
exact columns (formula-safe, the UPN only if the school opts in), the report with no names,
and retention applied by the nightly purge."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from kiosk.domain.attendance import ATTENDANCE
from kiosk.domain.clock import parse_iso
from kiosk.services.admin.close_day import close_day
from kiosk.services.attendance.early_collection import complete_collection, request_collection
from kiosk.services.attendance.late_arrival import record_late_arrival
from kiosk.services.pupils.pupil_roster import get_pupil, list_pupils
from kiosk.services.staff.staff_accounts import list_staff
from tests.attendance.conftest import ROSTER

EXPORT_COLUMNS = [
    "id", "event", "pupil_id", "pupil_name", "class_name", "date", "session", "time",
    "minutes_late", "suggested_code", "sessions_missed", "reason", "reason_detail", "medical",
    "adult_name", "relationship", "came_alone", "contact_match", "status", "will_return",
    "back_at", "confirmed_by", "released_by", "phone",
]  # fmt: skip


def at(context, when: str) -> None:
    context.clock.set(parse_iso(f"{when}:00+00:00"))


def a_day(context, day: str = "2026-11-25") -> None:
    """Two late arrivals (one medical) and a collection handed over and one waiting."""
    at(context, f"{day}T09:05")
    record_late_arrival(context, get_pupil(context, "001001"), "Traffic or transport", "",
                        "Jane Smith-Jones", False, True)  # fmt: skip
    at(context, f"{day}T10:30")
    record_late_arrival(context, get_pupil(context, "001002"), "Medical or dental appointment",
                        "", "", True, False)  # fmt: skip
    at(context, f"{day}T11:00")
    done = request_collection(context, None, get_pupil(context, "001003"), "Unwell", "",
                              "Dave Stranger", "Parent", False)  # fmt: skip
    complete_collection(context, done.id, list_staff(context)[0])
    at(context, f"{day}T11:10")
    request_collection(context, None, get_pupil(context, "001004"), "Other", "=HYPERLINK(1)",
                       "Mary Watson", "Grandparent", True)  # fmt: skip


def test_contacts_import_tolerates_headers_and_names_its_columns(school, admin, tmp_path) -> None:
    sims = tmp_path / "contacts.csv"
    sims.write_text(
        "Contacts report\n\n"
        "Adno;Contact Forename;Contact Surname;Relationship to Pupil;Has Parental "
        "Responsibility;Contact Priority\n"
        "001001;Jane;Smith-Jones;Mother;Y;1\n"
        "001001;;;Father;Y;2\n"
        "009999;Nobody;Known;Aunt;N;1\n"
        "001002;Sean;O'Neill;Father;maybe;1\n",
        encoding="utf-8-sig",
    )
    result = admin("pupils", "contacts", "import", str(sims))
    assert result.returncode == 0, result.stderr
    assert "contact_forename" not in result.stdout
    assert "forename='Contact Forename'" in result.stdout
    assert "1 contacts for 1 pupils" in result.stdout and "1 for pupils not on the roster" in (
        result.stdout
    )
    assert "row 5: skipped: 001001: no contact name" in result.stderr
    assert "row 7: skipped: 001002: parental responsibility is not yes or no" in result.stderr
    contacts = school.store.live("contacts")
    assert [(c["name"], c["relationship"], c["priority"]) for c in contacts] == [
        ("Jane Smith-Jones", "Mother", 1)
    ]
    # Not recognised: says which columns it needs, and --columns names them.
    odd = tmp_path / "odd.csv"
    odd.write_text("Ref,Who,Rel\n001002,Sean O'Neill,Father\n")
    refused = admin("pupils", "contacts", "import", str(odd))
    assert refused.returncode != 0 and "--columns" in refused.stderr
    assert "Traceback" not in refused.stderr
    named = admin("pupils", "contacts", "import", str(odd), "--columns",
                  "id=Ref,name=Who,relationship=Rel")  # fmt: skip
    assert named.returncode == 0, named.stderr
    assert [c["name"] for c in school.store.live("contacts")] == ["Sean O'Neill"]


def test_flags_survive_a_roster_reimport(school, admin, tmp_path) -> None:
    assert admin("pupils", "set", "001002", "--office-release").returncode == 0
    assert admin("pupils", "set", "001002", "--parent-only").returncode == 0
    roster = tmp_path / "students.csv"
    roster.write_text(ROSTER.replace("Zoë", "Zoe"))
    assert admin("pupils", "import", str(roster)).returncode == 0
    zoe = next(p for p in list_pupils(school) if p.id == "001002")
    assert zoe.forename == "Zoe" and zoe.office_release and zoe.parent_only
    listed = admin("pupils", "list").stdout
    assert "with the office" in listed
    entries = [e for e in school.store.audit_entries() if e["action"] == "pupil-office-release"]
    assert entries and entries[0]["detail"] == ""  # the reason is never stored
    none = admin("pupils", "set", "001002")
    assert none.returncode != 0 and "say which flag" in none.stderr


def test_kiosk_attendance_lists_today_with_suggested_codes(school, admin) -> None:
    a_day(school)
    env = {"KIOSK_FAKE_NOW": "2026-11-25T15:00:00"}
    text = admin("attendance", env=env).stdout
    assert "Wednesday 25 November 2026: 2 late, 2 collections" in text
    assert "SUGGESTED" in text
    lines = [line for line in text.splitlines() if "Amy Smith-Jones" in line]
    assert lines and " L " in f" {lines[0]} " and "15 min" in lines[0]
    assert "phone not stored yet" in lines[0]
    zoe = next(line for line in text.splitlines() if "O'Neill" in line)
    assert " M " in zoe and "on their own" in zoe
    assert "WAITING" in text and "handed over by Mrs Patel" in text
    other_day = admin("attendance", "--date", "2026-11-24", env=env).stdout
    assert "0 late, 0 collections" in other_day
    bad = admin("attendance", "--date", "2026-13-45")
    assert bad.returncode != 0 and "is not a date" in bad.stderr


def test_the_export_has_exactly_the_documented_columns_and_is_formula_safe(school, admin) -> None:
    a_day(school)
    close_day(school, include_today=True)  # the day's events move on; the export still finds them
    out = admin("export", "attendance", "--from", "2026-11-25", "--to", "2026-11-25")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert [r["event"] for r in rows] == ["late arrival", "late arrival", "early collection",
                                          "early collection"]  # fmt: skip
    late, medical, gone, waiting = rows
    assert (late["pupil_id"], late["date"], late["session"], late["time"]) == (
        "001001", "2026-11-25", "AM", "09:05",
    )  # fmt: skip
    assert (late["minutes_late"], late["suggested_code"]) == ("15", "L")
    assert late["phone"] == "not-stored"
    assert late["adult_name"] == "Jane Smith-Jones"
    assert (medical["suggested_code"], medical["came_alone"]) == ("M", "true")
    assert gone["contact_match"] == "no contacts" and gone["released_by"] == "Mrs Patel"
    assert gone["sessions_missed"] == "PM" and gone["suggested_code"] == ""  # not medical
    assert waiting["status"] == "not-collected" and waiting["reason"] == "Other"
    assert waiting["reason_detail"] == "'=HYPERLINK(1)"  # never a live formula
    as_json = json.loads(admin("export", "attendance", "--format", "json").stdout)
    assert list(as_json[0]) == EXPORT_COLUMNS and as_json[1]["medical"] is True


def test_a_upn_is_exported_only_if_the_school_opts_in(school, admin, tmp_path) -> None:
    with school.store.transaction() as tx:
        tx.insert("pupils", {**get_pupil(school, "001001").to_record(), "id": "A801200112001"})
    upn_pupil = get_pupil(school, "A801200112001")
    record_late_arrival(school, upn_pupil, "Traffic or transport", "", "", True, False)
    out = admin("export", "attendance")
    row = next(iter(csv.DictReader(io.StringIO(out.stdout))))
    assert row["pupil_id"] == "" and "look like UPNs and were left out" in out.stderr
    settings = tmp_path / "kiosk.toml"
    settings.write_text("[attendance]\nexport_upn = true\n")
    opted = admin("export", "attendance", "--config", str(settings))
    assert next(iter(csv.DictReader(io.StringIO(opted.stdout))))["pupil_id"] == "A801200112001"


def test_the_report_counts_by_week_and_reason_with_no_names(school, admin) -> None:
    a_day(school, "2026-11-24")
    a_day(school, "2026-12-01")
    env = {"KIOSK_FAKE_NOW": "2026-12-02T15:00:00"}
    text = admin("report", "attendance", env=env).stdout
    assert "4 late arrivals, 4 collections asked for (2 handed over, 0 not)" in text
    assert "Collections that needed the office: 2" in text
    assert "w/c 2026-11-23" in text and "w/c 2026-11-30" in text
    assert "Traffic or transport" in text and "Other" in text
    for name in ("Amy", "Smith", "O'Neill", "Watson", "Stranger", "HYPERLINK", "Patel"):
        assert name not in text
    weeks = list(csv.DictReader(io.StringIO(
        admin("report", "attendance", "--format", "csv", env=env).stdout)))  # fmt: skip
    assert [(w["week"], w["late_arrivals"], w["minutes_late_total"]) for w in weeks] == [
        ("2026-11-23", "2", "115"),
        ("2026-11-30", "2", "115"),
    ]
    reasons = admin("report", "attendance", "--format", "json", "--table", "reasons", env=env)
    assert {"event": "late", "reason": "Traffic or transport", "count": 2} in json.loads(
        reasons.stdout
    )


def watched(context, first: str, last: str) -> None:
    """The kiosk ran from `first` to `last`, watching its clock move at the pace of real time
    (the clock's runs, as the running kiosk keeps them): no jump in between."""
    from kiosk.domain.clock_trust import ClockRecord, Run
    from kiosk.services.admin.clock_watch import CLOCK_KEY

    run = Run(parse_iso(f"{first}+00:00"), parse_iso(f"{last}+00:00"))
    with context.store.transaction() as tx:
        tx.set_state(CLOCK_KEY, ClockRecord((run,)).to_value())


def used_on_school_days(context, first: str, days: int = 10) -> None:
    """A member of staff logged in on `days` school days from `first` (days of use)."""
    from datetime import date, timedelta

    day = date.fromisoformat(first)
    while days:
        if day.weekday() < 5:
            with context.store.transaction() as tx:
                tx.audit(f"{day}T10:00:00+00:00", "staff:S-TEST", "staff-login", "S-TEST", "")
            days -= 1
        day += timedelta(days=1)


def test_retention_keeps_events_to_the_end_of_the_school_year_after_next(school, admin) -> None:
    a_day(school, "2026-11-25")  # the school year 2026/27: kept until 31 August 2029
    close_day(school, include_today=True)
    used_on_school_days(school, "2026-11-26")
    at(school, "2029-08-30T09:30")
    record_late_arrival(school, get_pupil(school, "001005"), "Traffic or transport", "", "",
                        True, False)  # fmt: skip
    close_day(school, include_today=True)
    watched(school, "2026-11-25T07:00:00", "2029-08-31T23:00:00")
    assert school.store.months(ATTENDANCE) == ["2026-11", "2029-08"]
    kept = admin("purge", env={"KIOSK_FAKE_NOW": "2029-08-31T23:00:00"})
    assert kept.returncode == 0, kept.stderr
    assert "attendance: deleted 0" in kept.stdout and school.store.months(ATTENDANCE)
    watched(school, "2026-11-25T07:00:00", "2029-09-02T02:00:00")
    gone = admin("purge", env={"KIOSK_FAKE_NOW": "2029-09-02T02:00:00"})
    assert gone.returncode == 0, gone.stderr
    assert "attendance: deleted 4 late arrivals and collections in 1 month(s) (2026-11)" in (
        gone.stdout
    )
    assert school.store.months(ATTENDANCE) == ["2029-08"]
    purged = [e for e in school.store.audit_entries() if e["action"] == "purge"]
    assert purged and "attendance: 4 in 1 month(s) (2026-11)" in purged[-1]["detail"]


def test_a_wrong_clock_deletes_no_attendance(school, admin) -> None:
    a_day(school, "2026-11-25")
    close_day(school, include_today=True)
    # The kiosk was last seen in 2026: a clock saying 2035 is years after anything it saw.
    watched(school, "2026-11-25T07:00:00", "2026-11-25T18:00:00")
    wrong = admin("purge", env={"KIOSK_FAKE_NOW": "2035-01-10T02:00:00"})
    assert wrong.returncode != 0 and "clock" in wrong.stderr
    assert school.store.months(ATTENDANCE) == ["2026-11"]
    dry = admin("purge", "--dry-run", env={"KIOSK_FAKE_NOW": "2035-01-10T02:00:00"})
    assert "held: 2026-11, past its period, but" in dry.stdout
    # Without days of use since, a month past its date waits (the school back from a break).
    watched(school, "2026-11-25T07:00:00", "2029-09-02T02:00:00")
    waiting = admin("purge", "--dry-run", env={"KIOSK_FAKE_NOW": "2029-09-02T02:00:00"})
    assert "attendance: would delete 0" in waiting.stdout
    assert "school days needed" in waiting.stdout
    forced = admin("purge", "--force", env={"KIOSK_FAKE_NOW": "2029-09-02T02:00:00"})
    assert forced.returncode == 0, forced.stderr
    assert school.store.months(ATTENDANCE) == []


def test_retention_is_a_setting(school) -> None:
    from kiosk.services.admin.retention import plan_purge

    def months(context) -> list[str]:
        return plan_purge(context, force=True).kinds[ATTENDANCE].months

    a_day(school, "2026-11-25")
    close_day(school, include_today=True)
    one_year = replace(school.config.retention, attendance_school_years=1)
    context = replace(school, config=replace(school.config, retention=one_year))
    at(context, "2028-09-02T02:00")
    assert months(context) == ["2026-11"]
    at(school, "2028-09-02T02:00")
    assert months(school) == []


@pytest.mark.parametrize("command", [("attendance",), ("report", "attendance")])
def test_the_commands_work_on_an_empty_folder(context, admin, command) -> None:
    result = admin(*command)
    assert result.returncode == 0 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        "attendance",
        "attendance --date 2026-11-25 --format csv",
        "export attendance --from 2026-11-01 --to 2026-11-30 --format json",
        "report attendance --term current --table reasons --format csv",
    ],
)
def test_the_office_laptop_may_run_them_over_ssh(command) -> None:
    from kiosk.services.admin.ssh_gate import check_ssh_command

    assert check_ssh_command(command) == command.split()


@pytest.mark.parametrize(
    "command",
    ["attendance --date 2026-11-25 --output x.csv", "pupils contacts import c.csv",
     "pupils set 001 --office-release", "attendance --date $(id)"],
)  # fmt: skip
def test_nothing_else_about_pupils_runs_over_ssh(command) -> None:
    from kiosk.services.admin.ssh_gate import Refused, check_ssh_command

    with pytest.raises(Refused):
        check_ssh_command(command)
