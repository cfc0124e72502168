"""The screen tour: how to reach every screen of the kiosk, in one place.

Used by the snapshot tests (tests/ui/test_visitor_snapshots.py, tests/phones/test_snapshots.py)
and by the layout and contrast walk (tests/ui/test_screen_tour.py), so a new screen is added
once and is then pictured and checked at every size.

Each stop is a coroutine that takes a Pilot on a fresh app and leaves the screen showing.
Visitor stops run on an app with no records (the test's `context`: 08:45, empty store);
staff stops on the demo seed (one member of staff, three visitors, three phones) at 12:30.
Fixed clocks, pass tokens and record ids keep every picture the same run after run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest

from kiosk.domain.clock import FakeClock
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext
from kiosk.services.demo_seed import seed_demo
from kiosk.services.phones.phones_waiting import phones_held
from kiosk.services.staff.staff_accounts import add_staff, list_staff
from kiosk.services.staff.staff_cards import issue_card
from kiosk.services.staff_attendance.signing import scan_staff_card, sign_by_name
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.ui.app import IDLE_WARNING_SECONDS, KioskApp
from kiosk.ui.screens.collection_handover import HandoverScreen
from kiosk.ui.screens.phone_return import PhoneReturnScreen
from kiosk.ui.screens.phone_return_to import ReturnToScreen
from kiosk.ui.screens.phone_store import PhoneStoreScreen
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from kiosk.ui.screens.pupils_desk import PupilsDeskScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from tests.helpers import (
    beat,
    enter_pin,
    make_app,
    tap,
    tap_agree,
    tap_sign_in,
    tap_text,
    type_keys,
)

Show = Callable[[Any], Awaitable[None]]

# The sizes every screen is pictured at: the smallest supported (80x24, a 7" 800x480 panel
# with foot's large text), the same panel at foot's normal font (100x30) and a roomy one.
SNAPSHOT_SIZES = [(80, 24), (100, 30), (120, 40)]
# Early afternoon: before the return time, so the LED and notices are in their plain state.
STAFF_NOON = "2026-11-25T12:30:00"


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


# --- visitor screens -----------------------------------------------------------------------


def add_visitors(context: KioskContext) -> None:
    rules = load_rules(context.config.rules_file)
    for name in ("Sam Kaur", "Samira Okafor", "Tom Hill", "Sasha Grey"):
        sign_in(context, VisitorDetails("visitor", name, "Acme", "Mrs Patel", ""), rules)


async def nothing(pilot: Any) -> None:
    await pilot.pause()


async def scan_message(pilot: Any) -> None:
    await type_keys(pilot, "BAG-0042", then_enter=True)


async def sign_in_type(pilot: Any) -> None:
    await tap(pilot, "#sign-in")


async def sign_in_name_with_message(pilot: Any) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await pilot.press(*"Sam 3")  # a digit from a physical keyboard
    await tap(pilot, "#key-done")


async def sign_in_car_reg(pilot: Any) -> None:
    await tap_sign_in(pilot, "contractor", ["Sam Kaur", "Acme Lifts", "Mrs Patel"])
    await tap_text(pilot, "AB12")


async def rules(pilot: Any) -> None:
    await tap_sign_in(pilot, "parent-helper", ["Sam Kaur", "Year 2", ""])


async def rules_contractor(pilot: Any) -> None:
    """The longest agreement: the rules, the asbestos register and the site induction."""
    await tap_sign_in(pilot, "contractor", ["Sam Kaur", "Acme Lifts", "Mrs Patel", ""])


async def sign_in_discard_question(pilot: Any) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await tap_text(pilot, "Sam Kaur")
    await tap(pilot, "#cancel")


async def sign_in_still_there(pilot: Any) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await tap_text(pilot, "Sam Kaur")
    await beat(pilot, pilot.app.context.config.idle_timeout_seconds - IDLE_WARNING_SECONDS)


async def visitor_pass(pilot: Any) -> None:
    await rules(pilot)
    await tap_agree(pilot)


async def declined(pilot: Any) -> None:
    await rules(pilot)
    await tap(pilot, "#decline")
    await tap(pilot, "#question-yes")  # "Discard what you typed?"


async def sign_out_matches(pilot: Any) -> None:
    add_visitors(pilot.app.context)
    await tap(pilot, "#sign-out")
    await tap_text(pilot, "sa")


async def sign_out_confirm(pilot: Any) -> None:
    await sign_out_matches(pilot)
    await tap(pilot, "#match-1")


async def signed_out(pilot: Any) -> None:
    await sign_out_confirm(pilot)
    await tap(pilot, "#confirm")


async def used_pass(pilot: Any) -> None:
    await type_keys(pilot, "PASS-0000000000000099", then_enter=True)


async def fault(pilot: Any) -> None:
    pilot.app.show_fault(RuntimeError("data file live.json cannot be read"))


async def roll_call_question(pilot: Any) -> None:
    await tap(pilot, "#fire-roll-call")


async def roll_call_by_hand(pilot: Any) -> None:
    """Four visitors, a minute apart (the list is in order of arrival)."""
    context = pilot.app.context
    rules = load_rules(context.config.rules_file)
    for name in ("Sam Kaur", "Samira Okafor", "Tom Hill", "Sasha Grey"):
        sign_in(context, VisitorDetails("visitor", name, "Acme", "Mrs Patel", ""), rules)
        context.clock.advance(60)
    # And two staff: one by card, one by name with no PIN (marked so on the list).
    scan_staff_card(context, add_staff_directory(context))
    context.clock.advance(60)
    sign_by_name(context, next(s for s in list_staff(context) if s.name == "Dee Hart"))
    await tap(pilot, "#fire-roll-call")
    await tap(pilot, "#question-yes")


# --- pupils at the foyer: a late arrival, collecting a pupil -------------------------------


async def start_late(pilot: Any, typed: str = "Amy Sm") -> None:
    """Late arrival with the test roster (tests/attendance/conftest.py), a name typed."""
    from tests.attendance.conftest import seed_roster

    context = pilot.app.context
    context.clock.advance(20 * 60)  # 09:05: after the morning register opened
    seed_roster(context)
    await tap(pilot, "#late-arrival")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the roster's index, built off the UI thread
    await pilot.pause()
    await tap_text(pilot, typed)


async def late_pupil(pilot: Any) -> None:
    await start_late(pilot)


async def late_pupil_too_little(pilot: Any) -> None:
    """A full first name and one letter: nobody shown."""
    await start_late(pilot, "Amy S")


async def late_reason(pilot: Any) -> None:
    await start_late(pilot)
    await tap(pilot, "#pick-1")


async def late_adult(pilot: Any) -> None:
    await late_reason(pilot)
    await tap(pilot, "#reason-1")
    await tap_text(pilot, "Jane Smith")


async def late_phone(pilot: Any) -> None:
    await late_reason(pilot)
    await tap(pilot, "#reason-1")
    await tap(pilot, "#came-alone")


async def late_thanks_phone(pilot: Any) -> None:
    await late_phone(pilot)
    await tap(pilot, "#phone-yes")


async def late_still_there(pilot: Any) -> None:
    await start_late(pilot)
    await beat(pilot, pilot.app.context.config.idle_timeout_seconds - IDLE_WARNING_SECONDS)


async def start_collect(pilot: Any) -> None:
    from tests.attendance.conftest import seed_roster

    context = pilot.app.context
    context.clock.advance(2 * 3600)  # 10:45
    seed_roster(context)
    await tap(pilot, "#collect-pupil")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await tap_text(pilot, "Zoe O'N")
    await tap(pilot, "#pick-0")


async def collect_reason(pilot: Any) -> None:
    await start_collect(pilot)


async def collect_reason_other(pilot: Any) -> None:
    await start_collect(pilot)
    await tap(pilot, "#reason-other")
    await tap_text(pilot, "Swimming gala")


async def collect_relationship(pilot: Any) -> None:
    await start_collect(pilot)
    await tap(pilot, "#reason-0")
    await tap_text(pilot, "Sean O'Neill")
    await tap(pilot, "#key-done")


async def collect_return(pilot: Any) -> None:
    await collect_relationship(pilot)
    await tap(pilot, "#relationship-0")


async def collect_wait(pilot: Any) -> None:
    await collect_return(pilot)
    await tap(pilot, "#return-yes")


async def collect_discard_question(pilot: Any) -> None:
    await start_collect(pilot)
    await tap(pilot, "#cancel")


def add_staff_directory(context: KioskContext) -> Any:
    """Three on the staff list, one with a PIN (Sam Patel) and a card; returns his card's code."""
    sam = add_staff(context, "Sam Patel", "482619", actor="tour", role="Teacher")
    add_staff(context, "Sam Parker", None, actor="tour", role="Cook")
    add_staff(context, "Dee Hart", None, actor="tour", role="Site manager")
    return issue_card(context, sam.id, actor="tour")[1]


async def staff_sign_matches(pilot: Any) -> None:
    """I work here: a whole first name and two letters of a surname show two names."""
    add_staff_directory(pilot.app.context)
    await tap(pilot, "#i-work-here")
    await tap_text(pilot, "Sam Pa")


async def staff_sign_pin(pilot: Any) -> None:
    await staff_sign_matches(pilot)
    await tap(pilot, "#staff-match-1")  # Sam Patel: his PIN is asked
    await pilot.pause()
    await tap(pilot, "#pin-4")


async def staff_card_greeting(pilot: Any) -> None:
    """A staff card scanned on welcome: signed in, one line, no tap."""
    code = add_staff_directory(pilot.app.context)
    await type_keys(pilot, code, then_enter=True)


VISITOR_STOPS: dict[str, Show] = {
    "welcome": nothing,
    "welcome-scan-message": scan_message,
    "sign-in-type": sign_in_type,
    "sign-in-name-message": sign_in_name_with_message,
    "sign-in-car-reg": sign_in_car_reg,
    "sign-in-discard-question": sign_in_discard_question,
    "sign-in-still-there": sign_in_still_there,
    "rules": rules,
    "rules-contractor": rules_contractor,
    "pass": visitor_pass,
    "declined": declined,
    "sign-out-matches": sign_out_matches,
    "sign-out-confirm": sign_out_confirm,
    "signed-out": signed_out,
    "used-pass": used_pass,
    "fault": fault,
    "welcome-roll-call-question": roll_call_question,
    "roll-call-by-hand": roll_call_by_hand,
    "late-pupil": late_pupil,
    "late-pupil-too-little": late_pupil_too_little,
    "late-reason": late_reason,
    "late-adult": late_adult,
    "late-phone": late_phone,
    "late-thanks-phone": late_thanks_phone,
    "late-still-there": late_still_there,
    "collect-reason": collect_reason,
    "collect-reason-other": collect_reason_other,
    "collect-relationship": collect_relationship,
    "collect-return": collect_return,
    "collect-wait": collect_wait,
    "collect-discard-question": collect_discard_question,
    "staff-sign-matches": staff_sign_matches,
    "staff-sign-pin": staff_sign_pin,
    "staff-card-greeting": staff_card_greeting,
}


# The visitor's screens in Polish (issue 28): the longer words must fit and read as well.
# The roll call (for staff in a fire), staff signing in and out and the pupils' late arrival
# and collection (whose buttons on welcome stay English) stay English, so they have no Polish
# stop (tests/visitors/test_languages.py shows staff screens speak English).
def in_polish(show: Show) -> Show:
    async def stop(pilot: Any) -> None:
        await tap(pilot, "#language")  # "Polski": one tap from welcome
        await pilot.pause()
        await show(pilot)

    return stop


POLISH_STOPS = {
    f"pl-{name}": in_polish(show)
    for name, show in VISITOR_STOPS.items()
    if not name.startswith(("roll-call", "staff-", "late-", "collect-"))
}
VISITOR_STOPS.update(POLISH_STOPS)


# --- staff screens -------------------------------------------------------------------------


def staff_of(app: KioskApp) -> Any:
    return list_staff(app.context)[0]


async def pin(pilot: Any) -> None:
    pilot.app.push_screen(StaffPinScreen())
    await pilot.pause()
    for digit in "24":
        await tap(pilot, f"#pin-{digit}")


async def menu(pilot: Any) -> None:
    pilot.app.push_screen(StaffMenuScreen(staff_of(pilot.app)))


async def menu_with_notice(pilot: Any) -> None:
    """The menu with both notices above the buttons: PIN lockouts and a weak PIN."""
    notices = (
        "2 PIN lockouts since 10:05: someone typed wrong PINs here. The office has been alerted.",
        "Your PIN is too easy to guess (a repeated digit): ask the office for a new one. "
        "The kiosk will not start again until it is changed.",
    )
    pilot.app.push_screen(StaffMenuScreen(staff_of(pilot.app), notices))


async def store_name(pilot: Any) -> None:
    pilot.app.push_screen(PhoneStoreScreen(staff_of(pilot.app)))
    await pilot.pause()
    await pilot.press(*"Sam")


async def store_class_refused(pilot: Any) -> None:
    """A step with the digit row and a message under the box: the tallest keyboard step."""
    pilot.app.push_screen(PhoneStoreScreen(staff_of(pilot.app)))
    await pilot.pause()
    screen = pilot.app.screen
    screen.input(screen.step).value = "Sam Okoro"
    screen.next_step()
    await pilot.pause()
    await tap(pilot, "#key-done")  # an empty class: the step says what it needs


async def store_reason(pilot: Any) -> None:
    pilot.app.push_screen(PhoneStoreScreen(staff_of(pilot.app)))
    await pilot.pause()
    screen = pilot.app.screen
    for text in ("Sam Okoro", "4C", "Grey Motorola", "BAG-010"):
        screen.input(screen.step).value = text
        screen.next_step()
    await pilot.pause()  # let the reason step be laid out before tapping it
    await tap(pilot, "#reason-confiscated")
    await tap(pilot, "#parent-only")


async def store_confirm(pilot: Any) -> None:
    await store_reason(pilot)
    await tap(pilot, "#reason-next")
    screen = pilot.app.screen
    screen.input("note").value = "Phone rang in assembly"
    screen.next_step()


async def store_open(pilot: Any) -> None:
    pilot.app.push_screen(
        StoreOpenScreen(
            "Put Sam Okoro's phone in bag BAG-010",
            "then close the store door.",
            "Close it when the phone is in.",
        )
    )


async def return_list(pilot: Any) -> None:
    pilot.app.push_screen(PhoneReturnScreen(staff_of(pilot.app)))
    await pilot.pause()
    await pilot.press(*"BAG-003", "enter")


async def return_to(pilot: Any) -> None:
    pilot.app.push_screen(ReturnToScreen(staff_of(pilot.app), phones_held(pilot.app.context)[:2]))


async def return_adult(pilot: Any) -> None:
    await return_to(pilot)
    await pilot.pause()
    await tap(pilot, "#to-adult")


async def roll_call(pilot: Any) -> None:
    pilot.app.push_screen(RollCallScreen())
    await pilot.pause()
    await pilot.pause()
    first = pilot.app.screen.people.placed_rows()[0]
    await tap(pilot, f"#person-{first.key}")


SURNAMES = ("Hart", "Iqbal", "Jones", "Kaur", "Lee", "Moss", "Nowak", "Owen")
LATE_ARRIVALS = [
    f"{first} {last}" for first in ("Ann", "Ben", "Cai", "Dee", "Eve") for last in SURNAMES
]


async def roll_call_alarm(pilot: Any) -> None:
    """The alarm's list of 43, on its second page: more above and more below."""
    context = pilot.app.context
    rules = load_rules(context.config.rules_file)
    for name in LATE_ARRIVALS:
        sign_in(context, VisitorDetails("contractor", name, "Acme Lifts", "Mr Okafor", ""), rules)
    pilot.app.hardware.set_fire_alarm(True)
    await pilot.pause()
    await pilot.pause()
    await tap(pilot, "#roll-down")


async def roll_call_close_pin(pilot: Any) -> None:
    pilot.app.hardware.set_fire_alarm(True)
    await pilot.pause()
    await pilot.pause()
    await tap(pilot, "#roll-close")


def pupils_day(context: KioskContext) -> None:
    """At 12:30: a collection waiting (the adult not a contact, the pupil flagged), a phone
    declared on arrival, a pupil collected and not back, and the flagged pupil's phone."""
    from kiosk.services.attendance.early_collection import (
        complete_collection,
        request_collection,
    )
    from kiosk.services.attendance.late_arrival import record_late_arrival
    from kiosk.services.pupils.pupil_roster import get_pupil, set_office_release
    from tests.attendance.conftest import seed_roster

    seed_roster(context)
    set_office_release(context, "001002", True)
    staff = list_staff(context)[0]
    record_late_arrival(context, get_pupil(context, "001001"), "Traffic or transport", "",
                        "Jane Smith-Jones", False, True)  # fmt: skip
    gone = request_collection(context, None, get_pupil(context, "001003"), "Unwell", "",
                              "Ann Small", "Parent", True)  # fmt: skip
    complete_collection(context, gone.id, staff)
    context.clock.advance(60)
    request_collection(context, None, get_pupil(context, "001002"),
                       "Medical or dental appointment", "", "Sinead Murphy", "Childminder",
                       False)  # fmt: skip
    with context.store.transaction() as tx:  # the flagged pupil's phone, stored this morning
        phone = tx.where("phones", lambda r: r["bag_label"] == "BAG-003")[0]
        tx.update("phones", phone["id"], {"pupil_name": "Zoë O'Neill", "pupil_id": "001002"})


async def pupils_desk(pilot: Any) -> None:
    pupils_day(pilot.app.context)
    pilot.app.push_screen(PupilsDeskScreen(staff_of(pilot.app)))


async def handover(pilot: Any) -> None:
    from kiosk.services.attendance.attendance_events import collections_waiting

    pupils_day(pilot.app.context)
    waiting = collections_waiting(pilot.app.context)[0]
    pilot.app.push_screen(HandoverScreen(staff_of(pilot.app), waiting.id))


async def handover_pin(pilot: Any) -> None:
    await handover(pilot)
    await pilot.pause()
    await tap(pilot, "#hand-over")


async def handover_done(pilot: Any) -> None:
    await handover_pin(pilot)
    from kiosk.domain.weak_pins import DEMO_PIN

    await enter_pin(pilot, DEMO_PIN)


async def store_declared(pilot: Any) -> None:
    """Store a phone with a late pupil's declared phone offered first."""
    pupils_day(pilot.app.context)
    pilot.app.push_screen(PhoneStoreScreen(staff_of(pilot.app)))


STAFF_STOPS: dict[str, Show] = {
    "pin": pin,
    "menu": menu,
    "menu-notice": menu_with_notice,
    "store-name": store_name,
    "store-class-refused": store_class_refused,
    "store-reason": store_reason,
    "store-confirm": store_confirm,
    "store-open": store_open,
    "return-list": return_list,
    "return-to": return_to,
    "return-adult": return_adult,
    "roll-call": roll_call,
    "roll-call-alarm": roll_call_alarm,
    "roll-call-close-pin": roll_call_close_pin,
    "pupils-desk": pupils_desk,
    "handover": handover,
    "handover-pin": handover_pin,
    "handover-done": handover_done,
    "store-declared": store_declared,
}


# --- the apps the stops run on -------------------------------------------------------------


def visitor_app(context: KioskContext, *, demo: bool = False) -> KioskApp:
    """The kiosk on the test's context: 08:45, no records, simulated hardware."""
    return make_app(replace(context, demo=demo))


def staff_app(
    context: KioskContext, monkeypatch: pytest.MonkeyPatch, *, demo: bool = False
) -> KioskApp:
    """The kiosk on the demo seed at 12:30, with fixed record ids."""
    # Records made in the same second sort by id: fixed ids keep every picture the same.
    counter = iter(range(1000))

    def fixed_id(prefix: str) -> str:
        return f"{prefix}-TEST{next(counter):08d}"

    for module in ("visitors.sign_in", "demo_seed", "staff.staff_accounts",
                   "attendance.late_arrival"):  # fmt: skip
        monkeypatch.setattr(f"kiosk.services.{module}.new_id", fixed_id)
    clock = FakeClock(STAFF_NOON)
    config = replace(context.config, hardware=replace(context.config.hardware, unlock_seconds=30))
    ctx = replace(context, clock=clock, config=config)
    seed_demo(replace(ctx, demo=True))  # demo records, shown as on a real kiosk
    return make_app(replace(ctx, demo=demo))


@dataclass(frozen=True)
class Stop:
    name: str
    show: Show
    staff: bool

    def app(
        self, context: KioskContext, monkeypatch: pytest.MonkeyPatch, *, demo: bool = False
    ) -> KioskApp:
        if self.staff:
            return staff_app(context, monkeypatch, demo=demo)
        return visitor_app(context, demo=demo)


def every_stop() -> Iterator[Stop]:
    for name, show in VISITOR_STOPS.items():
        yield Stop(name, show, staff=False)
    for name, show in STAFF_STOPS.items():
        yield Stop(name, show, staff=True)


async def visit(pilot: Any, show: Show) -> None:
    """Show a stop's screen and let it settle (every snapshot and check starts here)."""
    await pilot.pause()
    await show(pilot)
    await pilot.pause()
    await pilot.pause()
