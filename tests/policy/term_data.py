"""Realistic data for the phone-policy tests and benchmark: a 210-pupil primary and a term.

The roster is a one-form-entry primary (Reception to Year 6, 30 a class) written the way
SIMS, Arbor or Bromcom export a student list. The term is autumn 2026 up to the day before
the tests' "today": most days a few Year 5 and 6 pupils hand phones in on arrival, and now
and then a phone is confiscated; returns happen at 15:20, to the pupil or, when the rule
says so, to a parent (sometimes the next morning, so the phone is held overnight). Every
phone goes through the real services (store, return, close-day), so the records carry
exactly what the kiosk would write. Deterministic: the same seed gives the same data.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hardware.interface import LedState
from kiosk.domain.clock import FakeClock
from kiosk.domain.pupils import Pupil
from kiosk.domain.roster_csv import read_roster
from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.admin.close_day import close_day
from kiosk.services.context import KioskContext
from kiosk.services.phones.phone_return import return_phones
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.pupils.pupil_roster import list_pupils
from kiosk.services.pupils.roster_import import import_roster
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit

FORENAMES = (
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Florence", "Freya", "Sophia",
    "Grace", "Willow", "Evie", "Poppy", "Ella", "Aisha", "Zara", "Maya", "Nia", "Chloe",
    "Noah", "Muhammad", "Oliver", "George", "Leo", "Arthur", "Oscar", "Harry", "Theo",
    "Jack", "Charlie", "Freddie", "Alfie", "Archie", "Henry", "Finley", "Yusuf", "Kai",
    "Reuben", "Rohan",
)  # fmt: skip
SURNAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Ahmed", "Hughes", "O'Brien", "Nowak", "Kowalski",
    "Okafor", "Mensah", "Singh", "Murphy", "Campbell", "Lewis-Hart", "Ali", "Begum", "Chen",
)  # fmt: skip
YEARS = ("Reception", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6")
CLASSES = ("RB", "1K", "2W", "3O", "4E", "5L", "6M")

HEADERS = {
    # SIMS "Student List" report: legal and preferred names, admission number, UPN.
    "sims": ("Adno", "UPN", "Legal Surname", "Legal Forename", "Preferred Forename", "Year",
             "Reg Group"),
    # Arbor student export.
    "arbor": ("MIS ID", "First Name", "Last Name", "Year Group", "Registration Form"),
    # Bromcom student list.
    "bromcom": ("Admission Number", "Preferred Forename", "Preferred Surname", "NC Year",
                "Reg Group"),
}  # fmt: skip
TERM_FIRST_DAY = date(2026, 9, 3)
TODAY = date(2026, 11, 25)
STAFF_ID = "S-TERMDATA0001"
# The school reworded its phone rules at half term: visitors agreed to two versions.
RULES_BEFORE = make_rules("Phones only in the foyer. No photos of pupils.\n", "term-data")
RULES_AFTER = make_rules(
    "Phones only in the foyer or outside. No photos or films of pupils. None in toilets.\n",
    "term-data",
)
HALF_TERM = date(2026, 10, 26)  # the week's holiday: no phones, no visitors
VISITORS = (
    VisitorDetails("contractor", "Sam Kirk", "Acme Roofing", "Mrs Patel", ""),
    VisitorDetails("parent-helper", "Priya Shah", "", "Mr Hughes", ""),
    VisitorDetails("governor", "Dev Morgan", "", "Head teacher", ""),
    VisitorDetails("visitor", "Lee Grant", "County SEND team", "Mrs Patel", ""),
)


def primary_roster(seed: int = 13, size: int = 210) -> list[Pupil]:
    rng = random.Random(seed)
    pupils = []
    for index in range(size):
        year = min(index * len(YEARS) // size, len(YEARS) - 1)
        pupils.append(
            Pupil(
                id=f"{1001 + index:06d}",
                forename=rng.choice(FORENAMES),
                surname=rng.choice(SURNAMES),
                year=YEARS[year],
                class_name=CLASSES[year],
            )
        )
    return pupils


def roster_csv(pupils: list[Pupil], style: str = "sims") -> str:
    """The pupils as that MIS would export them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS[style])
    for p in pupils:
        year_number = "R" if p.year == "Reception" else p.year.removeprefix("Year ")
        if style == "sims":
            upn = f"A{int(p.id):012d}"
            writer.writerow([p.id, upn, p.surname, p.forename, "", year_number, p.class_name])
        elif style == "arbor":
            writer.writerow([p.id, p.forename, p.surname, p.year, p.class_name])
        else:
            writer.writerow([p.id, p.forename, p.surname, year_number, p.class_name])
    return out.getvalue()


class QuietLock:
    """The lock, for seeding: records the openings instead of pulsing a pin."""

    is_locked = True

    def __init__(self) -> None:
        self.openings = 0

    def unlock(self, seconds: float | None = None) -> None:
        self.openings += 1

    def lock(self) -> None:
        pass


class QuietLed:
    state = LedState.IDLE

    def show(self, state: LedState) -> None:
        self.state = state


@dataclass
class QuietHardware:
    lock: QuietLock = field(default_factory=QuietLock)
    led: QuietLed = field(default_factory=QuietLed)
    door: None = None
    simulated: bool = True

    def close(self) -> None:
        pass


def _at(clock: FakeClock, day: date, hh_mm: str) -> None:
    clock.set(datetime.combine(day, time.fromisoformat(hh_mm), tzinfo=clock.tz))


def seed_term(
    context: KioskContext,
    seed: int = 13,
    first_day: date = TERM_FIRST_DAY,
    last_day: date = TODAY - timedelta(days=1),
    arrivals_per_day: float = 3.0,
    confiscations_per_day: float = 0.8,
    visitors_per_day: float = 1.5,
) -> dict[str, int]:
    """Store and return a term's phones through the services; returns counts."""
    clock = context.clock
    assert isinstance(clock, FakeClock)
    rng = random.Random(seed)
    hardware = QuietHardware()
    pupils = list_pupils(context)
    older = [p for p in pupils if p.year in ("Year 5", "Year 6")]
    # A few pupils are repeatedly caught; most never are.
    repeaters = rng.sample(older, 6)
    counts = {"arrivals": 0, "confiscations": 0, "days": 0, "visits": 0}
    day = first_day
    bag = 0
    while day <= last_day:
        if day.weekday() >= 5 or HALF_TERM <= day < HALF_TERM + timedelta(days=5):
            day += timedelta(days=1)
            continue
        counts["days"] += 1
        held_for_parent = []
        to_pupil = []
        for n in range(_poisson(rng, arrivals_per_day)):
            pupil = rng.choice(older)
            bag += 1
            _at(clock, day, f"08:{40 + n % 15:02d}")
            to_pupil.append(_store(context, hardware, pupil, bag, "arrival").id)
            counts["arrivals"] += 1
        for n in range(_poisson(rng, confiscations_per_day)):
            pupil = rng.choice(repeaters) if rng.random() < 0.6 else rng.choice(older)
            bag += 1
            _at(clock, day, f"{10 + n % 5}:{rng.randrange(0, 60):02d}")
            if rng.random() < 0.1:  # typed by hand rather than picked from the roster
                phone = _store(context, hardware, pupil, bag, "confiscated", on_roster=False)
            else:
                phone = _store(context, hardware, pupil, bag, "confiscated")
            counts["confiscations"] += 1
            (held_for_parent if phone.parent_only else to_pupil).append(phone.id)
        rules = RULES_BEFORE if day < HALF_TERM else RULES_AFTER
        for n in range(_poisson(rng, visitors_per_day)):
            _at(clock, day, f"{9 + n % 6:02d}:{rng.randrange(0, 60):02d}")
            visit = sign_in(context, rng.choice(VISITORS), rules)
            _at(clock, day, f"{9 + n % 6:02d}:59")
            sign_out_visit(context, visit.id, "name")
            counts["visits"] += 1
        _at(clock, day, "15:20")
        held_now = {r["id"] for r in context.store.live("phones")}
        if to_pupil:
            return_phones(context, hardware, [i for i in to_pupil if i in held_now], STAFF_ID)
        for phone_id in held_for_parent:
            if rng.random() < 0.7:  # a parent comes at home time; otherwise the next morning
                _at(clock, day, "15:35")
                return_phones(context, hardware, [phone_id], STAFF_ID, "Sam Parent")
        _at(clock, day, "18:00")
        close_day(context)
        # Next morning: phones left for a parent are collected before school.
        next_day = day + timedelta(days=1)
        _at(clock, next_day, "08:30")
        waiting = [r["id"] for r in context.store.live("phones")]
        if waiting:
            return_phones(context, hardware, waiting, STAFF_ID, "Chris Parent")
        day = next_day
    counts["openings"] = hardware.lock.openings
    return counts


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count


def _store(context, hardware, pupil: Pupil, bag: int, reason: str, on_roster: bool = True):
    details = check_phone_form(
        pupil.name,
        pupil.class_name,
        "black phone",
        f"BAG-{bag:04d}",
        reason,
        False,
        pupil_id=pupil.id if on_roster else "",
    )
    return store_phone(context, hardware, details, STAFF_ID)


def load_roster(context: KioskContext, seed: int = 13, size: int = 210) -> list[Pupil]:
    pupils = primary_roster(seed, size)
    import_roster(context, read_roster(roster_csv(pupils)), actor="test")
    return pupils
