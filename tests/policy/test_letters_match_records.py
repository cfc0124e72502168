"""Issue 20.3: each letter home says what the records say about that pupil's phones: when
they were taken, which are still in the store, which went home and with whom, and the rule
that applies to those still held."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from kiosk.domain.roster_csv import read_roster
from kiosk.services.phones.phone_return import return_phones
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.policy.letters import letters_for_day
from kiosk.services.pupils.pupil_roster import set_parent_only
from kiosk.services.pupils.roster_import import import_roster
from tests.admin.seeding import at
from tests.policy.term_data import STAFF_ID, QuietHardware

DAY = date(2026, 11, 25)
ROSTER = "Adno,Surname,Forename,Year,Reg Group\n001,Smith,Amelia,5,5L\n002,Okafor,Tobi,6,6M\n"


@pytest.fixture
def school(context):
    import_roster(context, read_roster(ROSTER))
    return context


def take(context, when: str, bag: int, pupil_id: str = "001", parent_only: bool = False) -> str:
    at(context, f"{DAY.isoformat()}T{when}:00")
    name = {"001": "Amelia Smith", "002": "Tobi Okafor"}[pupil_id]
    details = check_phone_form(
        name, "5L", "phone", f"BAG-{bag:03d}", "confiscated", parent_only, pupil_id=pupil_id
    )
    return store_phone(context, QuietHardware(), details, STAFF_ID).id


def give_back(context, when: str, ids: list[str], adult: str | None = None) -> None:
    at(context, when if "T" in when else f"{DAY.isoformat()}T{when}:00")
    return_phones(context, QuietHardware(), ids, STAFF_ID, adult)


def letter_text(context, day: date = DAY) -> str:
    """The one letter of the day, as the words a parent reads."""
    [letter] = letters_for_day(context, day)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", letter.html)).split())


def test_a_phone_marked_parent_or_carer_only_never_goes_back_to_the_pupil(school) -> None:
    take(school, "10:15", 1, parent_only=True)  # the 1st confiscation: its rule is "to the pupil"
    text = letter_text(school)
    assert "goes back to the pupil" not in text
    assert "What happens now: it goes back only to a parent or carer, who must collect it." in text


def test_a_pupil_flagged_parent_only_on_the_roster_is_told_the_same(school) -> None:
    set_parent_only(school, "001", True)
    take(school, "10:15", 1)
    assert "it goes back only to a parent or carer, who must collect it." in letter_text(school)


def test_each_time_once_in_order(school) -> None:
    """Two phones taken in the same minute: the letter says so, not '06:46 and 06:46'."""
    take(school, "06:45", 1)
    take(school, "06:46", 2)
    take(school, "06:46", 3)
    text = letter_text(school)
    assert "taken from them at 06:45 and 06:46 (two phones) and" in text
    assert "06:46 and 06:46" not in text


def test_three_times_read_as_a_list(school) -> None:
    for n, when in enumerate(("10:15", "11:00", "13:05"), start=1):
        take(school, when, n)
    assert "taken from them at 10:15, 11:00 and 13:05 and" in letter_text(school)


def test_a_parent_who_collected_two_of_three_phones(school) -> None:
    first, second = take(school, "10:15", 1), take(school, "11:00", 2)
    take(school, "13:05", 3)  # the 3rd this term: a parent or carer must collect it
    give_back(school, "15:40", [first, second], "Mrs Smith")
    text = letter_text(school)
    assert (
        "What happens now: the phones taken at 10:15 and 11:00 were collected by Mrs Smith at "
        "15:40; the phone taken at 13:05 is still in the school's phone store: a parent or "
        "carer must collect it, and the head of year is told."
    ) in text


def test_a_letter_printed_after_everything_went_home(school) -> None:
    """Printed the next morning: what happened, never a rule for a phone no longer held."""
    first = take(school, "10:15", 1)
    give_back(school, "15:20", [first])
    second = take(school, "15:25", 2, pupil_id="002")
    give_back(school, "2026-11-26T08:50:00", [second], "Mr Okafor")
    at(school, "2026-11-26T09:00:00")
    [amelia, tobi] = [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", letter.html)).split())
        for letter in letters_for_day(school, DAY)
    ]
    assert "What happens now: it went back to Amelia at 15:20." in amelia
    assert "at the end of the day" not in amelia
    assert (
        "What happens now: it was collected by Mr Okafor on Thursday 26 November at 08:50." in tobi
    )
    assert "must collect" not in tobi


def test_two_phones_one_still_held(school) -> None:
    first = take(school, "09:00", 1)
    take(school, "14:00", 2)  # the 2nd: a parent or carer must collect it
    give_back(school, "12:30", [first])
    assert (
        "the phone taken at 09:00 went back to Amelia at 12:30; the phone taken at 14:00 is "
        "still in the school's phone store: a parent or carer must collect it."
    ) in letter_text(school)
