"""The roll call, `kiosk onsite` and the printed list name pupils who arrived late today (on
site) and pupils collected early and not back (listed, not counted as on site), so the
marshal can check them against the class registers."""

from __future__ import annotations

import json

from kiosk.domain.clock import parse_iso
from kiosk.services.attendance.early_collection import (
    complete_collection,
    request_collection,
    sign_back_in,
)
from kiosk.services.attendance.late_arrival import record_late_arrival
from kiosk.services.fire.roll_call import make_roll_call
from kiosk.services.fire.roll_call_html import roll_call_html
from kiosk.services.pupils.pupil_roster import get_pupil
from kiosk.services.staff.staff_accounts import list_staff
from tests.admin.seeding import visit


def at(context, hhmm: str, day: str = "2026-11-25") -> None:
    context.clock.set(parse_iso(f"{day}T{hhmm}:00+00:00"))


def group(roll, key: str) -> list[tuple[str, str]]:
    return [(p.name, p.time_in) for g in roll.groups if g.key == key for p in g.people]


def test_late_and_collected_pupils_are_listed_by_group(school, admin) -> None:
    staff = list_staff(school)[0]
    visit(school, "2026-11-25T08:05:00", name="Sam Kirk")
    at(school, "09:05")
    record_late_arrival(school, get_pupil(school, "001001"), "Traffic or transport", "", "",
                        True, False)  # fmt: skip
    at(school, "09:30")
    record_late_arrival(school, get_pupil(school, "001004"), "Traffic or transport", "", "",
                        True, False)  # fmt: skip
    at(school, "10:40")
    gone = request_collection(school, None, get_pupil(school, "001004"), "Unwell", "",
                              "Mary Watson", "Parent", False)  # fmt: skip
    waiting = request_collection(school, None, get_pupil(school, "001003"), "Unwell", "",
                                 "Ann Small", "Parent", False)  # fmt: skip
    back = request_collection(school, None, get_pupil(school, "001002"), "Unwell", "",
                              "Sean O'Neill", "Parent", True)  # fmt: skip
    at(school, "10:50")
    complete_collection(school, gone.id, staff)
    complete_collection(school, back.id, staff)
    sign_back_in(school, back.id, staff.id)
    roll = make_roll_call(school)
    # Mary-Jane came late then left: she is listed as gone, not as on site.
    assert group(roll, "late-pupils") == [("Amy Smith-Jones", "09:05")]
    assert group(roll, "collected-pupils") == [("Mary-Jane Watson", "10:50")]
    assert roll.count == 2  # Sam Kirk and Amy; Ann Small (still waiting) is a pupil in class
    assert waiting.status == "requested"
    text = admin("onsite", env={"KIOSK_FAKE_NOW": "2026-11-25T11:00:00"}).stdout
    assert "Pupils who arrived late today: 1" in text and "Amy Smith-Jones" in text
    assert "Pupils collected early, not back: 1" in text and "Mary-Jane Watson" in text
    assert "Also listed, not on site: pupils collected early." in " ".join(text.split())
    rows = json.loads(admin("onsite", "--format", "json",
                            env={"KIOSK_FAKE_NOW": "2026-11-25T11:00:00"}).stdout)  # fmt: skip
    assert [(r["group"], r["name"]) for r in rows] == [
        ("visitors", "Sam Kirk"),
        ("late-pupils", "Amy Smith-Jones"),
        ("collected-pupils", "Mary-Jane Watson"),
    ]
    assert rows[2]["coming_back"] == "no" and rows[2]["class_name"] == "5W"
    page = roll_call_html(roll, "Kingsthorpe")
    assert "On site: 2 people (Visitors 1, Staff 0, Pupils who arrived late today 1)" in page
    assert "Pupils collected early, not back: 1" in page
    # The fire log counts them too (an empty pupils' group is left out of it).
    from kiosk.services.fire.fire_log import start_event

    event_id = start_event(school, "staff", roll, actor=f"staff:{staff.id}")
    entry = next(e for e in school.store.audit_entries() if e["record_id"] == event_id)
    assert entry["detail"].endswith(
        "on the list: visitors=1, staff=0, late-pupils=1, collected-pupils=1"
    )


def test_an_empty_pupils_group_is_not_named_at_the_top_nor_logged(school) -> None:
    from kiosk.services.fire.fire_log import start_event

    visit(school, "2026-11-25T08:05:00", name="Sam Kirk")
    at(school, "09:00")
    roll = make_roll_call(school)
    assert "pupils" not in roll.coverage()
    assert [g.title for g in roll.groups][2:] == [
        "Pupils who arrived late today",
        "Pupils collected early, not back",
    ]  # their headings still show, with 0
    event_id = start_event(school, "hand", roll)
    entry = next(e for e in school.store.audit_entries() if e["record_id"] == event_id)
    assert entry["detail"].endswith("on the list: visitors=1, staff=0")


def test_yesterdays_pupils_are_not_on_todays_list(school) -> None:
    at(school, "09:05", "2026-11-24")
    record_late_arrival(school, get_pupil(school, "001001"), "Traffic or transport", "", "",
                        True, False)  # fmt: skip
    at(school, "08:30")
    roll = make_roll_call(school)
    assert group(roll, "late-pupils") == [] and roll.count == 0
