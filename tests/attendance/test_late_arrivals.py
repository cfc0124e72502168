"""A late arrival: the record (time, session, minutes late, reason, who brought them, the
SUGGESTED code), the phone declared and then stored (both records point to each other) or
left (on the staff notices until stored or resolved, closed at the end of the day)."""

from __future__ import annotations

import pytest

from kiosk.domain.attendance import ATTENDANCE
from kiosk.domain.clock import parse_iso
from kiosk.errors import NotFound, ValidationError
from kiosk.services.admin.close_day import HeldOvernightRule, close_day
from kiosk.services.attendance.attendance_events import (
    mark_phone_resolved,
    phones_declared,
    staff_notices,
)
from kiosk.services.attendance.late_arrival import record_late_arrival
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.pupils.pupil_roster import get_pupil
from kiosk.services.staff.staff_accounts import list_staff

MEDICAL = "Medical or dental appointment"
TRAFFIC = "Traffic or transport"


def arrive(context, at: str, pupil_id: str = "001001", reason: str = TRAFFIC, **kw):
    context.clock.set(parse_iso(f"2026-11-25T{at}:00+00:00"))
    return record_late_arrival(
        context,
        get_pupil(context, pupil_id),
        reason,
        kw.get("detail", ""),
        kw.get("adult", "Jane Smith-Jones"),
        kw.get("alone", False),
        kw.get("phone", False),
    )


@pytest.mark.parametrize(
    ("at", "reason", "session", "minutes", "code"),
    [
        ("09:05", TRAFFIC, "AM", 15, "L"),  # before the morning register closes
        ("09:40", TRAFFIC, "AM", 50, "U"),  # after it
        ("13:25", TRAFFIC, "PM", 10, "L"),  # before the afternoon register closes
        ("14:10", TRAFFIC, "PM", 55, "U"),  # after it
        ("10:30", MEDICAL, "AM", 100, "M"),  # medical: M whatever the time
        ("13:20", MEDICAL, "PM", 5, "M"),
    ],
)
def test_the_record_holds_the_session_minutes_and_suggested_code(
    school, at, reason, session, minutes, code
) -> None:
    event = arrive(school, at, reason=reason)
    stored = school.store.live(ATTENDANCE)[0]
    assert (stored["session"], stored["minutes_late"], stored["suggested_code"]) == (
        session,
        minutes,
        code,
    )
    assert stored["pupil_id"] == "001001" and stored["pupil_name"] == "Amy Smith-Jones"
    assert stored["class_name"] == "4B" and stored["reason"] == reason
    assert stored["adult_name"] == "Jane Smith-Jones" and event.id == stored["id"]
    assert stored["medical"] is (reason == MEDICAL)
    # The audit trail names the record, never the pupil.
    entry = next(e for e in school.store.audit_entries() if e["action"] == "late-arrival")
    assert entry["record_id"] == event.id and "Amy" not in entry["detail"]


def test_other_needs_the_reason_typed_and_came_alone_needs_no_adult(school) -> None:
    with pytest.raises(ValidationError) as refused:
        arrive(school, "09:05", reason="Other", detail="  ")
    assert refused.value.field == "reason-detail"
    with pytest.raises(ValidationError):
        arrive(school, "09:05", reason="Walked the dog")  # not on the school's list
    with pytest.raises(ValidationError) as no_adult:
        arrive(school, "09:05", adult="")
    assert no_adult.value.field == "adult-name"
    event = arrive(school, "09:05", reason="Other", detail="Bus broke down", adult="", alone=True)
    assert event.reason == "Other" and event.reason_detail == "Bus broke down"
    assert event.came_alone and event.adult_name == ""
    assert not school.store.live(ATTENDANCE)[1:]  # the refused ones wrote nothing


def test_a_declared_phone_stays_on_the_notices_until_stored_and_the_records_point_both_ways(
    school,
) -> None:
    event = arrive(school, "09:05", phone=True)
    assert [e.id for e in phones_declared(school)] == [event.id]
    notices = staff_notices(school)
    assert any("Phone to store" in n and "Amy Smith-Jones (4B, in 09:05)" in n for n in notices)
    staff = list_staff(school)[0]
    details = check_phone_form(
        "Amy Smith-Jones", "4B", "Blue phone", "BAG-001", "arrival", False,
        pupil_id="001001", arrival_id=event.id,
    )  # fmt: skip
    from hardware.factory import build_hardware

    hardware = build_hardware(school.config.hardware, mode="mock")
    try:
        phone = store_phone(school, hardware, details, staff.id)
    finally:
        hardware.close()
    arrival = school.store.live(ATTENDANCE)[0]
    assert arrival["phone"] == "stored" and arrival["phone_id"] == phone.id
    assert arrival["phone_closed_by"] == staff.id
    assert school.store.live("phones")[0]["arrival_id"] == event.id
    assert phones_declared(school) == [] and staff_notices(school) == ()


def test_a_phone_for_an_arrival_already_linked_is_refused_and_nothing_is_stored(school) -> None:
    from hardware.factory import build_hardware

    event = arrive(school, "09:05", phone=True)
    staff = list_staff(school)[0]
    hardware = build_hardware(school.config.hardware, mode="mock")
    try:
        for bag in ("BAG-001", "BAG-002"):
            details = check_phone_form(
                "Amy Smith-Jones", "4B", "Phone", bag, "arrival", False, arrival_id=event.id
            )
            if bag == "BAG-001":
                store_phone(school, hardware, details, staff.id)
                hardware.lock.lock()
            else:
                with pytest.raises(ValidationError, match="already stored"):
                    store_phone(school, hardware, details, staff.id)
        assert len(school.store.live("phones")) == 1
        assert hardware.lock.is_locked
    finally:
        hardware.close()


def test_staff_can_mark_a_declared_phone_resolved(school) -> None:
    event = arrive(school, "09:05", phone=True)
    staff = list_staff(school)[0]
    resolved = mark_phone_resolved(school, event.id, staff.id)
    assert resolved.phone == "resolved" and phones_declared(school) == []
    with pytest.raises(NotFound):
        mark_phone_resolved(school, event.id, staff.id)


def test_a_phone_declared_and_left_closes_at_the_end_of_the_day(school) -> None:
    event = arrive(school, "09:05", phone=True)
    arrive(school, "09:10", pupil_id="001002")
    result = close_day(school, include_today=True)
    assert next(r.id for r in result.attendance) == event.id
    assert school.store.live(ATTENDANCE) == []
    closed = school.store.find(ATTENDANCE, event.id)
    assert closed["phone"] == "not-stored" and closed["closed_at"]
    actions = [e["action"] for e in school.store.audit_entries()]
    assert "arrival-phone-not-stored" in actions


def test_the_kiosk_closes_an_earlier_day_in_the_morning(school) -> None:
    arrive(school, "09:05", phone=True)
    rule = HeldOvernightRule(school)
    rule.run_if_new_day()
    assert len(school.store.live(ATTENDANCE)) == 1  # today's stays open
    school.clock.set(parse_iso("2026-11-26T07:30:00+00:00"))
    rule.run_if_new_day()
    assert school.store.live(ATTENDANCE) == []
    assert phones_declared(school) == []


def test_a_pupil_no_longer_on_the_roster_is_refused(school) -> None:
    pupil = get_pupil(school, "001001")  # tapped on the screen a moment ago
    with school.store.transaction() as tx:
        tx.remove("pupils", pupil.id)
    with pytest.raises(ValidationError, match="no longer on the school's list"):
        record_late_arrival(school, pupil, TRAFFIC, "", "", True, False)
    assert school.store.live(ATTENDANCE) == []
