"""`kiosk export`: exact CSV and JSON, school-local date ranges, and clear errors."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import datetime
from pathlib import Path

from kiosk.domain.records import AUDIT_FIELDS, PHONE_FIELDS, VISIT_FIELDS
from kiosk.services.context import KioskContext
from tests.admin.seeding import RULES, phone, visit


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_visits_csv_is_exact(context: KioskContext, admin) -> None:
    open_visit = visit(context, "2026-11-24T09:05:00", name="Zoë O'Neill", organisation="",
                       visitor_type="parent-helper", host="Mr Green")  # fmt: skip
    closed = visit(context, "2026-09-15T10:00:00", car_reg="AB12 CDE",
                   signed_out="2026-09-15T11:30:00")  # fmt: skip

    result = admin("export", "visits")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('"id","visitor_type","name",')
    rows = parse_csv(result.stdout)
    assert rows == [
        list(VISIT_FIELDS),
        [closed["id"], "contractor", "Sam Kirk", "Acme Roofing", "Mrs Patel", "AB12 CDE",
         "2026-09-15T10:00:00+01:00", RULES.version, "2026-09-15T10:00:00+01:00",
         "2026-09-15T11:30:00+01:00", "name", "red", "true", "", "", "en", "en", ""],
        [open_visit["id"], "parent-helper", "Zoë O'Neill", "", "Mr Green", "",
         "2026-11-24T09:05:00+00:00", RULES.version, "2026-11-24T09:05:00+00:00", "", "",
         "red", "true", "", "", "en", "en", ""],
    ]  # fmt: skip
    # Every field is quoted, including the empty ones.
    assert result.stdout.splitlines()[2].count('""') >= 3


def test_visits_json_is_exact(context: KioskContext, admin) -> None:
    closed = visit(context, "2026-09-15T10:00:00", signed_out="2026-09-15T11:30:00")

    result = admin("export", "visits", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "id": closed["id"],
            "visitor_type": "contractor",
            "name": "Sam Kirk",
            "organisation": "Acme Roofing",
            "host": "Mrs Patel",
            "car_reg": "",
            "signed_in_at": "2026-09-15T10:00:00+01:00",
            "rules_version": RULES.version,
            "rules_agreed_at": "2026-09-15T10:00:00+01:00",
            "signed_out_at": "2026-09-15T11:30:00+01:00",
            "signed_out_by": "name",
            "lanyard": "red",
            "escorted": True,
            "regular_id": "",
            "agreements": {},
            "language": "en",
            "rules_language": "en",
            "agreement_languages": {},
        }
    ]
    assert "pass_token" not in result.stdout  # an internal field never leaves the kiosk


def test_phones_json_keeps_booleans_and_csv_writes_them_as_words(context, admin) -> None:
    held = phone(context, "2026-11-25T08:40:00", parent_only=True, note="cracked screen")
    back = phone(context, "2026-11-24T08:50:00", pupil="Kai Li", bag_label="",
                 returned="2026-11-24T15:20:00", returned_to="Mrs Li (mother)")  # fmt: skip

    as_json = json.loads(admin("export", "phones", "--format", "json").stdout)
    as_csv = parse_csv(admin("export", "phones").stdout)

    assert [list(row) for row in as_json] == [list(PHONE_FIELDS)] * 2
    assert as_json[0] == {
        "id": back["id"], "pupil_name": "Kai Li", "class_name": "Year 6",
        "description": "black iPhone, blue case", "bag_label": "", "reason": "arrival",
        "parent_only": False, "stored_at": "2026-11-24T08:50:00+00:00",
        "stored_by": "S-TESTSTAFF001", "returned_at": "2026-11-24T15:20:00+00:00",
        "returned_by": "S-TESTSTAFF001", "returned_to": "Mrs Li (mother)", "note": "",
    }  # fmt: skip
    assert as_json[1]["id"] == held["id"]
    assert as_json[1]["parent_only"] is True and as_json[1]["returned_at"] == ""
    assert as_csv[0] == list(PHONE_FIELDS)
    assert [row[PHONE_FIELDS.index("parent_only")] for row in as_csv[1:]] == ["false", "true"]
    assert as_csv[2][PHONE_FIELDS.index("note")] == "cracked screen"


def test_audit_export_has_the_chain_fields_in_order(context: KioskContext, admin) -> None:
    phone(context, "2026-11-24T08:50:00", returned="2026-11-24T15:20:00")

    entries = json.loads(admin("export", "audit", "--format", "json").stdout)
    rows = parse_csv(admin("export", "audit").stdout)

    assert [e["seq"] for e in entries] == [1, 2]  # numbers stay numbers in JSON
    assert [e["action"] for e in entries] == ["phone-store", "phone-return"]
    assert all(list(e) == list(AUDIT_FIELDS) for e in entries)
    assert entries[1]["at"] == "2026-11-24T15:20:00+00:00"
    assert len(entries[0]["hash"]) == 64
    assert rows[0] == list(AUDIT_FIELDS) and rows[1][0] == "1"


def test_date_range_across_a_month_boundary(context: KioskContext, admin) -> None:
    ids = {}
    for moment in ("2026-09-29T23:30", "2026-09-30T23:59", "2026-10-01T00:00", "2026-10-02T00:01"):
        ids[moment] = visit(context, moment, signed_out=moment[:11] + "23:59:30")["id"]
    ids["open"] = visit(context, "2026-10-01T07:00")["id"]  # still in live.json

    result = admin("export", "visits", "--since", "2026-09-30", "--until", "2026-10-01",
                   "--format", "json")  # fmt: skip

    assert result.returncode == 0, result.stderr
    got = [r["id"] for r in json.loads(result.stdout)]
    assert got == [ids["2026-09-30T23:59"], ids["2026-10-01T00:00"], ids["open"]]


def test_date_range_on_the_october_clock_change(context: KioskContext, admin) -> None:
    # 25 Oct 2026: clocks go back at 02:00 BST to 01:00 GMT, so 01:30 happens twice.
    before = visit(context, "2026-10-24T23:30:00", signed_out="2026-10-24T23:45:00")
    early = visit(context, "2026-10-25T00:30:00", signed_out="2026-10-25T00:40:00")
    first_130 = visit(context, datetime.fromisoformat("2026-10-25T01:30:00").replace(fold=0))
    second_130 = visit(context, datetime.fromisoformat("2026-10-25T01:30:00").replace(fold=1))
    late = visit(context, "2026-10-25T23:30:00")
    after = visit(context, "2026-10-26T00:10:00")

    rows = json.loads(admin("export", "visits", "--since", "2026-10-25", "--until",
                            "2026-10-25", "--format", "json").stdout)  # fmt: skip

    assert [(r["id"], r["signed_in_at"]) for r in rows] == [
        (early["id"], "2026-10-25T00:30:00+01:00"),
        (first_130["id"], "2026-10-25T01:30:00+01:00"),
        (second_130["id"], "2026-10-25T01:30:00+00:00"),
        (late["id"], "2026-10-25T23:30:00+00:00"),
    ]
    day_before = json.loads(admin("export", "visits", "--until", "2026-10-24",
                                  "--format", "json").stdout)  # fmt: skip
    assert [r["id"] for r in day_before] == [before["id"]]
    day_after = json.loads(admin("export", "visits", "--since", "2026-10-26",
                                 "--format", "json").stdout)  # fmt: skip
    assert [r["id"] for r in day_after] == [after["id"]]


def test_a_record_stored_in_utc_counts_on_its_school_local_day(context, admin) -> None:
    # 23:30 UTC on the 24th is 00:30 BST on the 25th: it belongs to the 25th.
    record = visit(context, "2026-10-25T00:30:00")
    with context.store.transaction() as tx:
        tx.update("visits", record["id"], {"signed_in_at": "2026-10-24T23:30:00+00:00"})

    on_25th = json.loads(admin("export", "visits", "--since", "2026-10-25",
                               "--format", "json").stdout)  # fmt: skip
    on_24th = json.loads(admin("export", "visits", "--until", "2026-10-24",
                               "--format", "json").stdout)  # fmt: skip

    assert [r["id"] for r in on_25th] == [record["id"]]
    assert on_24th == []
    assert on_25th[0]["signed_in_at"] == "2026-10-24T23:30:00+00:00"  # exported as stored


def test_empty_results(context: KioskContext, admin) -> None:
    visit(context, "2026-11-20T09:00:00")
    for kind, fields in (("visits", VISIT_FIELDS), ("phones", PHONE_FIELDS)):
        csv_out = admin("export", kind, "--since", "2027-01-01")
        json_out = admin("export", kind, "--since", "2027-01-01", "--format", "json")
        assert csv_out.returncode == 0 and json_out.returncode == 0
        assert parse_csv(csv_out.stdout) == [list(fields)]
        assert json.loads(json_out.stdout) == []


def test_an_empty_data_folder_exports_nothing_and_writes_nothing(context, admin) -> None:
    result = admin("export", "audit", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert list(context.store.data_dir.iterdir()) == []


def one_line_error(result) -> str:
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_user_errors_are_one_line(context: KioskContext, admin, tmp_path: Path) -> None:
    visit(context, "2026-11-20T09:00:00")
    assert one_line_error(admin("export", "visits", "--since", "2026-13-45")) == (
        "kiosk: --since 2026-13-45 is not a date (use YYYY-MM-DD)"
    )
    assert "--until 25/11/2026 is not a date" in one_line_error(
        admin("export", "visits", "--until", "25/11/2026")
    )
    assert "--since 2026-02-30 is not a date" in one_line_error(
        admin("export", "visits", "--since", "2026-02-30")
    )
    assert (
        one_line_error(admin("export", "visits", "--since", "2026-11-02", "--until", "2026-11-01"))
        == "kiosk: --since 2026-11-02 is after --until 2026-11-01"
    )
    assert "invalid choice" in one_line_error(admin("export", "pupils"))
    missing = tmp_path / "nowhere"
    from tests.conftest import kiosk_cli

    assert "does not exist" in one_line_error(
        kiosk_cli("export", "visits", "--data-dir", str(missing))
    )


def test_a_corrupt_file_is_named_and_left_alone(context: KioskContext, admin) -> None:
    visit(context, "2026-11-20T09:00:00")
    live = context.store.live_path
    live.write_text('{"visits": {"1": {"id": ')
    result = admin("export", "visits")
    line = one_line_error(result)
    assert str(live) in line and "damaged" in line
    assert live.read_text() == '{"visits": {"1": {"id": '


def test_output_file_is_written_atomically_and_never_overwritten(context, admin, tmp_path) -> None:
    visit(context, "2026-11-20T09:00:00")
    target = tmp_path / "visits.csv"

    first = admin("export", "visits", "--output", str(target))
    assert first.returncode == 0 and first.stdout == ""
    assert parse_csv(target.read_text())[0] == list(VISIT_FIELDS)
    assert target.read_bytes().count(b"\r\n") == 2  # RFC 4180 line ends, as spreadsheets expect
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600  # names of visitors: owner only

    target.write_text("keep me")
    refused = admin("export", "visits", "--output", str(target))
    assert "already exists; use --force" in one_line_error(refused)
    assert target.read_text() == "keep me"

    forced = admin("export", "visits", "--output", str(target), "--force")
    assert forced.returncode == 0
    assert len(parse_csv(target.read_text())) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    no_folder = admin("export", "visits", "--output", str(tmp_path / "no" / "x.csv"))
    assert "does not exist" in one_line_error(no_folder)


# The visit columns as exported before languages (issues 14 and 20): a school's spreadsheet
# reads them by position, so they keep their names and order and new ones only follow.
COLUMNS_BEFORE = (
    "id", "visitor_type", "name", "organisation", "host", "car_reg", "signed_in_at",
    "rules_version", "rules_agreed_at", "signed_out_at", "signed_out_by",
    "lanyard", "escorted", "regular_id", "agreements",
)  # fmt: skip


def test_existing_export_columns_keep_their_names_and_order(context, admin) -> None:
    visit(context, "2026-11-24T09:05:00")
    result = admin("export", "visits")
    assert result.returncode == 0, result.stderr
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert tuple(header[: len(COLUMNS_BEFORE)]) == COLUMNS_BEFORE
    assert header[len(COLUMNS_BEFORE) :] == ["language", "rules_language", "agreement_languages"]
