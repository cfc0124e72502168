"""An early collection: a request at the kiosk (the office told at once, a buzzer on mock
pins), completed only when staff confirm the handover with their PIN, with advice on whether
the adult matches a contact, the "release only with the office" flag and the pupil's phone;
only completed collections count as left; a return the same day by staff or by the slip."""

from __future__ import annotations

import pytest

from hardware.factory import build_hardware
from kiosk.domain.attendance import ATTENDANCE
from kiosk.domain.clock import parse_iso
from kiosk.errors import KioskError, NotFound, ValidationError
from kiosk.services.attendance.attendance_events import collections_waiting, staff_notices
from kiosk.services.attendance.early_collection import (
    collection_view,
    complete_collection,
    complete_with_card,
    complete_with_pin,
    not_collected,
    request_collection,
    sign_back_in,
    sign_back_in_by_slip,
    slip_text,
)
from kiosk.services.fire.roll_call import make_roll_call
from kiosk.services.pupils.pupil_roster import get_pupil, set_office_release
from kiosk.services.staff.staff_accounts import list_staff
from kiosk.services.staff.staff_cards import issue_card, revoke_card
from kiosk.services.staff.staff_login import PinRejected
from tests.helpers import OTHER_PIN, STAFF_PIN, hardware_settings, put_phone, wait_for

MEDICAL = "Medical or dental appointment"


def at(context, hhmm: str) -> None:
    context.clock.set(parse_iso(f"2026-11-25T{hhmm}:00+00:00"))


def ask(context, hardware=None, pupil_id="001001", adult="Jane Smith-Jones", back=False, **kw):
    return request_collection(
        context, hardware, get_pupil(context, pupil_id), kw.get("reason", MEDICAL), "",
        adult, kw.get("relationship", "Parent"), back,
    )  # fmt: skip


def names(roll, key: str) -> list[str]:
    return [p.name for g in roll.groups if g.key == key for p in g.people]


def test_a_request_tells_the_office_at_once_and_sounds_the_buzzer(school) -> None:
    hardware = build_hardware(hardware_settings(office_alert_pin=24), mode="mock")
    try:
        at(school, "10:40")
        event = ask(school, hardware)
        pin = hardware.office_alert.pin

        def sounded() -> bool:  # on gpiozero's thread, a moment later
            return True in [bool(s.state) for s in pin.states]

        assert wait_for(sounded)
        assert bool(pin.states[0].state) is False  # silent until the request
    finally:
        hardware.close()
    assert event.status == "requested" and event.session == "AM"
    assert [e.id for e in collections_waiting(school)] == [event.id]
    assert any("Waiting to collect: Amy Smith-Jones (4B, asked 10:40)" in n
               for n in staff_notices(school))  # fmt: skip
    # A request is not a collection: the roll call does not count the pupil as gone.
    assert names(make_roll_call(school), "collected-pupils") == []


def test_a_request_without_a_buzzer_or_with_a_broken_one_is_still_stored(school) -> None:
    class Broken:
        office_alert = type("Alert", (), {"sound": lambda self: 1 / 0})()

    ask(school, Broken())
    ask(school, None, pupil_id="001002", adult="Sean O'Neill")
    assert len(school.store.live(ATTENDANCE)) == 2


def test_the_adult_and_relationship_are_required(school) -> None:
    with pytest.raises(ValidationError) as no_name:
        ask(school, adult=" ")
    assert no_name.value.field == "adult-name"
    with pytest.raises(ValidationError) as no_relation:
        ask(school, relationship="Uncle Bob")
    assert no_relation.value.field == "relationship"
    assert school.store.live(ATTENDANCE) == []


@pytest.mark.parametrize(
    ("adult", "outcome", "export", "words"),
    [
        ("Jane Smith-Jones", "matched", "yes", "Matches a contact on the MIS: Jane Smith-Jones "
         "(Mother, parental responsibility, priority 1)"),
        ("mrs jane smith jones", "matched", "yes", "Matches a contact"),
        ("Rita Patel", "matched", "yes", "Rita Patel (Childminder, priority 3)"),
        ("Paul Smith-Jones", "surname-only", "surname only", "Only the surname matches"),
        ("Dave Stranger", "not-matched", "no", "Not one of this pupil's contacts"),
    ],
)  # fmt: skip
def test_staff_are_told_whether_the_adult_matches_a_contact(
    school, adult, outcome, export, words
) -> None:
    event = ask(school, adult=adult)
    view = collection_view(school, event.id)
    assert view.advice.outcome == outcome and words in view.advice.text
    staff = list_staff(school)[0]
    done = complete_collection(school, event.id, staff)
    assert done.status == "completed" and done.contact_match == export
    assert done.confirmed_by == staff.id and done.released_by == "Mrs Patel"


def test_a_pupil_with_no_contacts_on_file_is_said_so(school) -> None:
    event = ask(school, pupil_id="001005", adult="Ann Hill")
    assert collection_view(school, event.id).advice.outcome == "no-contacts"


def test_a_flagged_pupil_is_shown_to_staff_and_kept_in_the_record(school) -> None:
    set_office_release(school, "001002", True)
    event = ask(school, pupil_id="001002", adult="Sean O'Neill")
    assert event.office_release
    view = collection_view(school, event.id)
    assert view.office_release and view.advice.outcome == "matched"
    done = complete_collection(school, event.id, list_staff(school)[0])
    assert done.office_release


def test_staff_see_the_pupils_phone_in_the_store(school) -> None:
    hardware = build_hardware(school.config.hardware, mode="mock")
    try:
        staff = list_staff(school)[0]
        put_phone(school, hardware, staff, "Amy Smith-Jones", "BAG-004", parent_only=True)
        put_phone(school, hardware, staff, "Zoë O'Neill", "BAG-005")
    finally:
        hardware.close()
    event = ask(school)
    view = collection_view(school, event.id)
    assert [p.bag_label for p in view.phones] == ["BAG-004"]


def test_the_handover_needs_a_right_pin_and_a_wrong_one_counts(school) -> None:
    event = ask(school)
    with pytest.raises(PinRejected):
        complete_with_pin(school, event.id, OTHER_PIN)
    assert collection_view(school, event.id).event.status == "requested"
    assert any(e["action"] == "pin-failed" for e in school.store.audit_entries())
    done = complete_with_pin(school, event.id, STAFF_PIN)
    assert done.status == "completed" and done.released_by == "Mrs Patel"
    with pytest.raises(NotFound, match="already been dealt with"):
        complete_with_pin(school, event.id, STAFF_PIN)


def test_a_staff_card_confirms_the_handover_in_its_holders_name(school) -> None:
    event = ask(school)
    patel = list_staff(school)[0]
    _, code = issue_card(school, patel.id, actor="test")
    with pytest.raises(KioskError, match="cannot be used"):
        complete_with_card(school, event.id, "CARD-" + "2" * (len(code) - 5))  # nobody's
    assert collection_view(school, event.id).event.status == "requested"
    done = complete_with_card(school, event.id, code.lower())  # as a scanner may type it
    assert done.status == "completed" and done.released_by == patel.name
    assert done.confirmed_by == patel.id
    entry = next(e for e in school.store.audit_entries() if e["action"] == "collection-completed")
    assert entry["actor"] == f"staff:{patel.id}" and code not in str(school.store.audit_entries())


def test_a_revoked_card_does_not_hand_a_pupil_over(school) -> None:
    event = ask(school)
    patel = list_staff(school)[0]
    _, code = issue_card(school, patel.id, actor="test")
    revoke_card(school, patel.id, actor="test")
    with pytest.raises(KioskError, match="cannot be used"):
        complete_with_card(school, event.id, code)
    assert collection_view(school, event.id).event.status == "requested"
    assert any(e["action"] == "collection-card-refused" for e in school.store.audit_entries())


def test_only_a_completed_collection_counts_as_left_on_the_roll_call(school) -> None:
    at(school, "10:40")
    first = ask(school, back=True)
    ask(school, pupil_id="001002", adult="Sean O'Neill")
    at(school, "10:50")
    complete_collection(school, first.id, list_staff(school)[0])
    roll = make_roll_call(school)
    assert names(roll, "collected-pupils") == ["Amy Smith-Jones"]
    gone = next(g for g in roll.groups if g.key == "collected-pupils")
    assert not gone.on_site and gone.people[0].time_in == "10:50"
    assert roll.count == 0  # nobody is on site: the collected pupil is listed, not counted


def test_turned_away_the_pupil_stays(school) -> None:
    event = ask(school, back=True)
    refused = not_collected(school, event.id, list_staff(school)[0])
    assert refused.status == "not-collected" and refused.slip_token == ""
    assert collections_waiting(school) == []
    assert names(make_roll_call(school), "collected-pupils") == []


def test_back_the_same_day_by_staff_or_by_the_slip_once(school) -> None:
    at(school, "10:40")
    by_slip = ask(school, back=True)
    by_staff = ask(school, pupil_id="001002", adult="Sean O'Neill", back=True)
    assert slip_text(by_slip.slip_token).startswith("SLIP ")
    staff = list_staff(school)[0]
    with pytest.raises(NotFound):  # not handed over yet: the slip signs nobody in
        sign_back_in_by_slip(school, by_slip.slip_token)
    complete_collection(school, by_slip.id, staff)
    complete_collection(school, by_staff.id, staff)
    at(school, "12:55")
    typed = slip_text(by_slip.slip_token).lower()  # typed from the screen, any case
    back = sign_back_in_by_slip(school, typed)
    assert back.returned_by == "slip" and back.returned_at.startswith("2026-11-25T12:55")
    with pytest.raises(NotFound):
        sign_back_in_by_slip(school, by_slip.slip_token)  # once
    sign_back_in(school, by_staff.id, staff.id)
    assert names(make_roll_call(school), "collected-pupils") == []
    from kiosk.services.attendance.early_collection import missed_sessions

    assert missed_sessions(school, back) == ()  # back before the afternoon register closed


def test_a_slip_from_another_day_is_refused(school) -> None:
    at(school, "10:40")
    event = ask(school, back=True)
    complete_collection(school, event.id, list_staff(school)[0])
    school.clock.set(parse_iso("2026-11-26T09:00:00+00:00"))
    with pytest.raises(NotFound):
        sign_back_in_by_slip(school, event.slip_token)


def test_a_request_never_handed_over_closes_at_the_end_of_the_day(school) -> None:
    from kiosk.services.admin.close_day import close_day

    event = ask(school)
    close_day(school, include_today=True)
    assert school.store.find(ATTENDANCE, event.id)["status"] == "not-collected"
