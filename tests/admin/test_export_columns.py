"""Issue 23.1: each record kind is declared once, on its dataclass, and its export columns,
its check when read and its stored form all come from that declaration.

The export's columns keep today's names and order (a school's spreadsheet reads them by
position); a field added to a record goes at the end of the columns; every declared field is
checked when a record is read; a record goes to its stored form and back unchanged.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields
from typing import Any

import pytest

from kiosk.domain.attendance import AttendanceEvent
from kiosk.domain.letters_log import LetterPrinted
from kiosk.domain.pupil_contacts import PupilContact
from kiosk.domain.pupils import Pupil
from kiosk.domain.record_fields import StoredRecord, export_columns, field_rules, stored
from kiosk.domain.record_schema import SCHEMAS, problems
from kiosk.domain.records import Phone, Staff, Visit
from kiosk.domain.regular_visitors import RegularVisitor
from kiosk.domain.staff_attendance import StaffAttendance
from kiosk.services.context import KioskContext
from tests.admin.seeding import phone, visit

# The columns as schools' spreadsheets know them today. Never edit these lists but to add a
# column at the end.
VISIT_COLUMNS = [
    "id", "visitor_type", "name", "organisation", "host", "car_reg", "signed_in_at",
    "rules_version", "rules_agreed_at", "signed_out_at", "signed_out_by", "lanyard", "escorted",
    "regular_id", "agreements", "language", "rules_language", "agreement_languages",
]  # fmt: skip
PHONE_COLUMNS = [
    "id", "pupil_name", "class_name", "description", "bag_label", "reason", "parent_only",
    "stored_at", "stored_by", "returned_at", "returned_by", "returned_to", "note",
]  # fmt: skip

NOW = "2026-11-24T09:05:00+00:00"
# One good record of each kind the kiosk makes from a dataclass, and the kind it is stored as.
SAMPLES: dict[str, StoredRecord] = {
    "visits": Visit(
        id="V-1", visitor_type="contractor", name="Sam Kirk", organisation="Acme", host="Head",
        car_reg="", signed_in_at=NOW, rules_version="r1", rules_agreed_at=NOW, pass_token="t",
        agreements={"induction": "v2"}, agreement_languages={"induction": "en"},
    ),
    "phones": Phone(
        id="P-1", pupil_name="Kai Li", class_name="6B", description="black", bag_label="A1",
        reason="arrival", parent_only=False, stored_at=NOW, stored_by="S-1", count_in_term=2,
    ),
    "staff": Staff(id="S-1", name="Ann Lee", pin_hash="h", updated_at=NOW, extra={"x": 1}),
    "staffattendance": StaffAttendance(
        id="A-1", staff_id="S-1", name="Ann Lee", role="Teacher", signed_in_at=NOW,
        signed_in_by="card",
    ),
    "pupils": Pupil(id="001", forename="Amelia", surname="Smith", year="5", class_name="5L"),
    "regulars": RegularVisitor(
        id="R-1", name="Ann Lee", visitor_type="governor", organisation="", host="Head",
        card_hash="sha256:00", expires_on="2027-07-31", created_at=NOW, card_issued_at=NOW,
        dbs_checked_on="2026-09-01", agreed={"rules": "r1"},
    ),
    "attendance": AttendanceEvent(
        id="A-2", kind="late", pupil_id="001", pupil_name="Amelia Smith", class_name="5L",
        year="5", at=NOW, day="2026-11-24", session="AM", minutes_late=12, reason="Other",
        reason_detail="bus", medical=False, suggested_code="L",
    ),
    "letters": LetterPrinted(
        id="L-1", day="2026-11-24", pupil_key="001", phone_ids=["P-1"], printed_at=NOW,
    ),
    "contacts": PupilContact(
        id="001#1", pupil_id="001", name="Mrs Smith", relationship="Mother", priority=1,
    ),
}  # fmt: skip


def header(admin: Any, kind: str) -> list[str]:
    result = admin("export", kind)
    assert result.returncode == 0, result.stderr
    return next(csv.reader(io.StringIO(result.stdout)))


def test_the_exports_keep_todays_columns_in_order(context: KioskContext, admin) -> None:
    """What `kiosk export` writes starts with today's columns exactly; anything new after."""
    visit(context, "2026-11-24T09:05:00")
    phone(context, "2026-11-24T08:50:00")
    for kind, today in (("visits", VISIT_COLUMNS), ("phones", PHONE_COLUMNS)):
        columns = header(admin, kind)
        assert columns[: len(today)] == today, kind
        assert len(columns) == len(set(columns)), kind


def test_a_field_added_to_a_record_becomes_the_last_column() -> None:
    """How a record grows: a new field at the end of its class is the export's new last
    column; one kept out of the export (as the pass token is) changes nothing."""

    @dataclass
    class NewerVisit(Visit):
        host_phoned: bool = False

    @dataclass
    class NewerPhone(Phone):
        locker: str = stored("", exported=False)

    assert list(export_columns(NewerVisit)) == [*VISIT_COLUMNS, "host_phoned"]
    assert list(export_columns(NewerPhone)) == PHONE_COLUMNS
    assert "pass_token" not in export_columns(Visit)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_declared_field_is_checked_when_read(kind: str) -> None:
    """A good record passes; the same record with any one field of the wrong kind of value
    is named by that field (what `kiosk check` and every reader rely on)."""
    sample = SAMPLES[kind]
    good = sample.to_record()
    assert problems(kind, good) == []
    assert set(SCHEMAS[kind].fields) == {f.name for f in fields(sample)}  # type: ignore[arg-type]
    for name, rule in field_rules(type(sample)).items():
        spoiled = dict(good, **{name: "5" if rule is int else 5})
        assert name in [field for field, _ in problems(kind, spoiled)], (kind, name)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_record_goes_to_its_stored_form_and_back(kind: str) -> None:
    sample = SAMPLES[kind]
    record = sample.to_record()
    assert type(sample).from_record(record) == sample
    # A record written by a newer kiosk still reads (its new field is not lost from the
    # store: readers never write back what they read).
    assert (
        type(sample).from_record(dict(record, field_from_a_newer_kiosk="x")).to_record()["id"]
        == record["id"]
    )


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_record_with_only_its_required_fields_converts(kind: str) -> None:
    """A record an older kiosk wrote, with only the fields its schema requires, passes the
    check when read, so it must also convert (before, an attendance record without its class
    passed and then stopped the reader with a TypeError)."""
    sample = SAMPLES[kind]
    minimal = {name: sample.to_record()[name] for name in SCHEMAS[kind].required}
    assert problems(kind, minimal) == []
    converted = type(sample).from_record(minimal).to_record()
    assert {name: converted[name] for name in minimal} == minimal
    assert problems(kind, converted) == []


def test_every_kind_but_the_stores_own_is_declared_on_a_dataclass() -> None:
    """Only the audit trail and live.json's own tables (the store's, not a feature's) are
    written out in record_schema; every other kind comes from its dataclass."""
    store_own = {"audit", "closed", "state"}
    assert set(SCHEMAS) - store_own == set(SAMPLES)


def test_a_staff_record_keeps_fields_from_a_newer_kiosk() -> None:
    """Staff records are rewritten when a PIN or role changes, so what a newer kiosk added
    travels in `extra` rather than being dropped."""
    record = dict(SAMPLES["staff"].to_record(), lockout_note="x")
    member = Staff.from_record(record)
    assert member.extra == {"x": 1, "lockout_note": "x"}
