"""The two foyer journeys on the touchscreen, by taps: the tap counts of the goals, what the
public screen shows (and never shows), Cancel and the idle warning on every step, the staff
side (notices, the handover with its PIN, the phone offered back to the adult, the declared
phone offered first), a slip scanned on return, and the fire alarm's refusal."""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pytest
from textual.worker import WorkerFailed

from kiosk.domain.attendance import ATTENDANCE
from kiosk.ui.app import IDLE_WARNING_SECONDS
from kiosk.ui.screens.collection_wait import CollectionWaitScreen
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.widgets.still_there import StillThere
from tests.helpers import (
    STAFF_PIN,
    beat,
    enter_pin,
    log_in,
    make_app,
    tap,
    tap_text,
    type_keys,
)
from tests.screen_check import visible_text

SIZE = (80, 24)


class Taps:
    """Counts the finger's taps (keys of the on-screen keyboard are the typed names)."""

    def __init__(self, pilot: Any) -> None:
        self.pilot = pilot
        self.count = 0

    async def __call__(self, selector: str) -> None:
        self.count += 1
        await tap(self.pilot, selector)


async def ready(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the roster's index, built off the UI thread
    await pilot.pause()


def at(context, hhmm: str) -> None:
    from kiosk.domain.clock import parse_iso

    context.clock.set(parse_iso(f"2026-11-25T{hhmm}:00+00:00"))


async def test_a_late_arrival_is_five_taps_and_the_typed_names(school) -> None:
    at(school, "09:12")
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        taps = Taps(pilot)
        await taps("#late-arrival")
        await ready(pilot)
        await tap_text(pilot, "Amy Smi")  # typed: the name
        await taps("#pick-0")
        await taps("#reason-2")  # Traffic or transport
        await tap_text(pilot, "Jane Smith-Jones")  # typed: the adult's name, then Next
        await tap(pilot, "#key-done")
        await taps("#phone-yes")
        await pilot.pause()
        assert taps.count == 4
        assert isinstance(app.screen, MessageScreen)
        shown = visible_text(app.screen)
        assert "Thank you, Amy." in shown and "hand your phone to the office now" in shown
        assert "Smith-Jones" not in shown
        assert not re.search(r"\b[LUM]\b", shown)  # never the suggested code
    record = school.store.live(ATTENDANCE)[0]
    assert (record["pupil_id"], record["reason"], record["adult_name"]) == (
        "001001", "Traffic or transport", "Jane Smith-Jones",
    )  # fmt: skip
    assert record["suggested_code"] == "L" and record["phone"] == "declared"


async def test_other_reason_and_came_alone_is_five_taps_plus_the_typed_reason(school) -> None:
    at(school, "09:40")
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        taps = Taps(pilot)
        await taps("#late-arrival")
        await ready(pilot)
        await tap_text(pilot, "Zoe O'n")  # folded: Zoë O'Neill
        await taps("#pick-0")
        await taps("#reason-other")
        await tap_text(pilot, "Bus broke down")
        await tap(pilot, "#key-done")  # the typed reason's Next
        await taps("#came-alone")
        await taps("#phone-no")
        await pilot.pause()
        assert taps.count == 5
        assert "Please go to your class." in visible_text(app.screen)
    record = school.store.live(ATTENDANCE)[0]
    assert record["reason"] == "Other" and record["reason_detail"] == "Bus broke down"
    assert record["came_alone"] and record["suggested_code"] == "U"


async def test_a_collection_request_is_five_taps_and_two_names(school) -> None:
    at(school, "10:40")
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        taps = Taps(pilot)
        await taps("#collect-pupil")
        await ready(pilot)
        await tap_text(pilot, "Amy Jo")  # a part of Smith-Jones
        await taps("#pick-0")
        await taps("#reason-0")  # medical
        await tap_text(pilot, "Jane Smith-Jones")
        await tap(pilot, "#key-done")
        await taps("#relationship-0")
        await taps("#return-yes")
        await pilot.pause()
        assert taps.count == 5
        assert isinstance(app.screen, CollectionWaitScreen)
        shown = visible_text(app.screen)
        assert "Please wait at the office window." in shown and "Amy S." in shown
        assert "SLIP 0000-0000-0000-0001" in shown
        assert "Smith-Jones" not in shown
    record = school.store.live(ATTENDANCE)[0]
    assert record["status"] == "requested" and record["relationship"] == "Parent"
    assert record["will_return"] and record["slip_token"] == "SLIP-0000000000000001"


@pytest.mark.parametrize("typed", ["Am", "Amy", "Amy S", "Smith", "Sm Amy"])
async def test_the_public_screen_lists_nobody_from_a_few_letters(school, typed) -> None:
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#late-arrival")
        await ready(pilot)
        await tap_text(pilot, typed)
        await pilot.pause()
        assert not [b for b in app.screen.query(".pick") if b.display]
        shown = visible_text(app.screen)
        assert "Type the first name, a space, then the surname." in shown or (
            "No pupil by that name" in shown  # "Sm" is nobody's first name
        )


async def test_matches_show_the_first_name_the_initial_and_the_class_only(school) -> None:
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#collect-pupil")
        await ready(pilot)
        await tap_text(pilot, "Amy Sm")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(".pick") if b.display]
        assert labels == ["Amy S. · 6C", "Amy S. · 4B"]
        shown = visible_text(app.screen)
        for secret in ("Small", "Smith-Jones", "Jane", "Mother", "001001", "Year 4"):
            assert secret not in shown


JOURNEYS = {
    "late-arrival": [("type", "Amy Smi"), ("tap", "#pick-0"), ("tap", "#reason-1"),
                     ("type", "Jane Smith")],
    "collect-pupil": [("type", "Amy Smi"), ("tap", "#pick-0"), ("tap", "#reason-1"),
                      ("type", "Jane Smith"), ("tap", "#key-done"), ("tap", "#relationship-1")],
}  # fmt: skip


def steps_of(journey: str) -> list[int]:
    return list(range(len(JOURNEYS[journey]) + 1))


async def walk(pilot, journey: str, upto: int) -> None:
    """From the welcome screen into `journey`, through its first `upto` steps."""
    await tap(pilot, f"#{journey}")
    await ready(pilot)
    for kind, what in JOURNEYS[journey][:upto]:
        await (tap_text(pilot, what) if kind == "type" else tap(pilot, what))


@pytest.mark.parametrize(("journey", "upto"), [(j, n) for j in JOURNEYS for n in steps_of(j)])
async def test_every_step_has_cancel_and_nothing_is_stored(school, journey, upto) -> None:
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, journey, upto)
        await tap(pilot, "#cancel")
        if upto:  # something typed or chosen: asked once first
            assert app.screen.query_one("#question").display
            await tap(pilot, "#question-yes")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        # The kept screen starts empty next time.
        await tap(pilot, f"#{journey}")
        await ready(pilot)
        assert app.screen.step == "pupil" and app.screen.input("pupil").value == ""
    assert school.store.live(ATTENDANCE) == []


@pytest.mark.parametrize(("journey", "upto"), [(j, n) for j in JOURNEYS for n in steps_of(j)])
async def test_every_step_warns_before_the_idle_reset(school, journey, upto) -> None:
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, journey, upto)
        idle = school.config.idle_timeout_seconds
        await beat(pilot, idle - IDLE_WARNING_SECONDS)
        assert app.screen.query_one(StillThere).display
        await beat(pilot, IDLE_WARNING_SECONDS)
        assert isinstance(app.screen, WelcomeScreen)
    assert school.store.live(ATTENDANCE) == []


async def test_staff_hand_over_with_a_pin_and_give_the_phone_back_to_that_adult(school) -> None:
    from kiosk.services.attendance.early_collection import request_collection
    from kiosk.services.pupils.pupil_roster import get_pupil
    from kiosk.services.staff.staff_accounts import list_staff
    from tests.helpers import put_phone, unlock_pulses

    app = make_app(school)
    request_collection(school, None, get_pupil(school, "001001"), "Unwell", "",
                       "Jane Smith-Jones", "Parent", False)  # fmt: skip
    async with app.run_test(size=(100, 30)) as pilot:
        hardware = app.hardware
        put_phone(school, hardware, list_staff(school)[0], "Amy Smith-Jones", "BAG-004",
                  parent_only=True)  # fmt: skip
        pulses_before = unlock_pulses(hardware)
        await log_in(pilot)
        notice = str(app.screen.query_one("#menu-notice").render())
        assert "Waiting to collect: Amy Smith-Jones (4B" in notice
        assert str(app.screen.query_one("#pupils").label) == "Pupils (1 waiting)"
        await tap(pilot, "#pupils")
        await pilot.pause()
        button = next(b for b in app.screen.query(".collect"))
        await tap(pilot, f"#{button.id}")
        await pilot.pause()
        shown = visible_text(app.screen)
        assert "Matches a contact on the MIS: Jane Smith-Jones (Mother" in shown
        assert "BAG-004 (parent or carer only)" in shown
        await tap(pilot, "#hand-over")
        await enter_pin(pilot, "111111")  # wrong: counted, nothing done
        assert app.screen.query_one("#handover-pad").display
        assert school.store.live(ATTENDANCE)[0]["status"] == "requested"
        await enter_pin(pilot, STAFF_PIN)
        assert "Handed over to Jane Smith-Jones by Mrs Patel" in visible_text(app.screen)
        await tap(pilot, "#give-phone")
        await pilot.pause()
        await tap(pilot, "#to-adult")  # offered for that adult: no typing again
        await pilot.pause()
        assert "Take out Amy Smith-Jones's phone (BAG-004)" in visible_text(app.screen)
        assert unlock_pulses(hardware) == pulses_before + 1  # one opening, for that phone
    record = school.store.live(ATTENDANCE)[0]
    assert record["status"] == "completed" and record["contact_match"] == "yes"
    phone = school.store.find("phones", school.store.records("phones")[0]["id"])
    assert phone["returned_to"] == "Jane Smith-Jones"
    failed = [e for e in school.store.audit_entries() if e["action"] == "pin-failed"]
    assert len(failed) == 1


async def test_a_staff_card_scanned_at_the_handover_confirms_it(school) -> None:
    from kiosk.services.attendance.early_collection import request_collection
    from kiosk.services.pupils.pupil_roster import get_pupil
    from kiosk.services.staff.staff_accounts import list_staff
    from kiosk.services.staff.staff_cards import issue_card

    app = make_app(school)
    request_collection(school, None, get_pupil(school, "001001"), "Unwell", "",
                       "Jane Smith-Jones", "Parent", False)  # fmt: skip
    patel = list_staff(school)[0]
    _, code = issue_card(school, patel.id, actor="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        await tap(pilot, "#pupils")
        await pilot.pause()
        button = next(b for b in app.screen.query(".collect"))
        await tap(pilot, f"#{button.id}")
        await pilot.pause()
        await type_keys(pilot, "CARD-NOTACARDATALL", then_enter=True)  # not a card: nothing
        await pilot.app.workers.wait_for_complete()
        assert school.store.live(ATTENDANCE)[0]["status"] == "requested"
        await tap(pilot, "#hand-over")  # the PIN pad up: a card still does
        await type_keys(pilot, code, then_enter=True)
        with contextlib.suppress(WorkerFailed):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Handed over to Jane Smith-Jones by {patel.name}" in visible_text(app.screen)
        assert not app.screen.query_one("#handover-pad").display
    record = school.store.live(ATTENDANCE)[0]
    assert record["status"] == "completed" and record["confirmed_by"] == patel.id


async def test_the_parent_only_rule_still_holds_for_the_phone(school) -> None:
    from kiosk.services.phones.phones_waiting import phones_held
    from kiosk.services.staff.staff_accounts import list_staff
    from kiosk.ui.screens.phone_return_to import ReturnToScreen
    from tests.helpers import put_phone

    app = make_app(school)
    async with app.run_test(size=(100, 30)) as pilot:
        put_phone(school, app.hardware, list_staff(school)[0], "Amy Smith-Jones", "BAG-004",
                  parent_only=True)  # fmt: skip
        app.push_screen(ReturnToScreen(list_staff(school)[0], phones_held(school), "Jane S"))
        await pilot.pause()
        await tap(pilot, "#to-pupil")
        assert "may only go to a parent or carer" in visible_text(app.screen)
    assert school.store.live("phones")


async def test_a_declared_phone_is_offered_first_and_the_records_are_linked(school) -> None:
    from kiosk.services.attendance.late_arrival import record_late_arrival
    from kiosk.services.pupils.pupil_roster import get_pupil

    at(school, "09:05")
    arrival = record_late_arrival(school, get_pupil(school, "001001"), "Traffic or transport",
                                  "", "", True, True)  # fmt: skip
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert "Phone to store (declared on arrival): Amy Smith-Jones" in str(
            app.screen.query_one("#menu-notice").render()
        )
        await tap(pilot, "#store-phone")
        await pilot.pause()
        first = app.screen.query_one("#pick-0")
        assert "Amy Smith-Jones" in str(first.label) and "has a phone" in str(first.label)
        await tap(pilot, "#pick-0")
        assert app.screen.step == "description" and app.screen.reason == "arrival"
        for text in ("Black iPhone", "BAG-009"):
            app.screen.input(app.screen.step).value = text
            app.screen.next_step()
        await pilot.pause()
        await tap(pilot, "#reason-next")
        app.screen.next_step()  # no note
        await pilot.pause()
        assert "declared when the pupil arrived late" in visible_text(app.screen)
        await tap(pilot, "#save")
        await pilot.pause()
    phone = school.store.live("phones")[0]
    record = school.store.live(ATTENDANCE)[0]
    assert phone["arrival_id"] == arrival.id and record["phone_id"] == phone["id"]
    assert phone["reason"] == "arrival" and record["phone"] == "stored"


async def test_a_slip_scanned_on_return_signs_the_pupil_back_in(school) -> None:
    from kiosk.services.attendance.early_collection import (
        complete_collection,
        request_collection,
    )
    from kiosk.services.pupils.pupil_roster import get_pupil
    from kiosk.services.staff.staff_accounts import list_staff

    at(school, "10:40")
    event = request_collection(school, None, get_pupil(school, "001002"), "Unwell", "",
                               "Sean O'Neill", "Parent", True)  # fmt: skip
    complete_collection(school, event.id, list_staff(school)[0])
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        await type_keys(pilot, event.slip_token, then_enter=True)
        await pilot.pause()
        assert "Welcome back, Zoë." in visible_text(app.screen)
        await tap(pilot, "#ok")
        await type_keys(pilot, event.slip_token, then_enter=True)  # used: once only
        await pilot.pause()
        assert "That slip has been used" in visible_text(app.screen)
    assert school.store.live(ATTENDANCE)[0]["returned_by"] == "slip"


async def test_the_fire_alarm_refuses_the_pupil_journeys(school) -> None:
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        app.fire.alarm_on = True
        for button in ("#late-arrival", "#collect-pupil"):
            app.return_to_welcome()
            await pilot.pause()
            await tap(pilot, button)
            await pilot.pause()
            assert "fire alarm is sounding" in visible_text(app.screen)


async def test_please_wait_goes_home_by_itself_and_forgets_the_slip(school) -> None:
    from kiosk.services.attendance.early_collection import request_collection
    from kiosk.services.pupils.pupil_roster import get_pupil
    from kiosk.ui.messages import CollectionRequested

    event = request_collection(school, None, get_pupil(school, "001002"), "Unwell", "",
                               "Sean O'Neill", "Parent", True)  # fmt: skip
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(CollectionRequested(event))
        await pilot.pause()
        assert isinstance(app.screen, CollectionWaitScreen)
        # Long enough to photograph the slip: the idle warning never cuts it short.
        await beat(pilot, school.config.pass_display_seconds - 1)
        assert isinstance(app.screen, CollectionWaitScreen)
        assert not app.screen.query(StillThere) or not app.screen.query_one(StillThere).display
        await beat(pilot, 1)
        assert isinstance(app.screen, WelcomeScreen)
        assert "SLIP" not in visible_text(app.screen)


async def test_a_slip_scanned_on_a_step_is_a_scan_not_a_name(school) -> None:
    from kiosk.services.attendance.early_collection import (
        complete_collection,
        request_collection,
    )
    from kiosk.services.pupils.pupil_roster import get_pupil
    from kiosk.services.staff.staff_accounts import list_staff

    event = request_collection(school, None, get_pupil(school, "001002"), "Unwell", "",
                               "Sean O'Neill", "Parent", True)  # fmt: skip
    complete_collection(school, event.id, list_staff(school)[0])
    app = make_app(school)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#late-arrival")
        await ready(pilot)
        await type_keys(pilot, event.slip_token, then_enter=True)
        await pilot.pause()
        assert "Welcome back, Zoë." in visible_text(app.screen)
