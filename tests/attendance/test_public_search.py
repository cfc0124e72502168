"""The foyer screen never lists pupils from a couple of letters: a full first name and at
least two letters of the surname, folded as sign-out folds names; then only the first name,
the surname's initial and the class."""

from __future__ import annotations

import pytest

from kiosk.domain.pupil_name_search import PublicPupilIndex, public_label
from kiosk.domain.pupils import Pupil
from kiosk.domain.roster_csv import read_roster
from kiosk.services.attendance.pupil_finder import public_index
from kiosk.services.context import for_touchscreen
from kiosk.services.pupils.roster_import import import_roster
from tests.attendance.conftest import ROSTER, seed_roster

PUPILS = [
    Pupil("1", "Amy", "Smith-Jones", "Year 4", "4B"),
    Pupil("2", "Zoë", "O'Neill", "Year 2", "2A"),
    Pupil("3", "Amy", "Small", "Year 6", "6C"),
    Pupil("4", "Mary-Jane", "Watson", "Year 5", "5W"),
    Pupil("5", "Amelia", "Smith", "Year 3", "3S"),
    Pupil("6", "Amy", "Smart", "Year 1", "1A", active=False),  # left the school
]
INDEX = PublicPupilIndex.build(PUPILS)


def found(typed: str) -> list[str]:
    return [p.id for p in INDEX.search(typed, 5)]


@pytest.mark.parametrize(
    "typed",
    ["A", "Am", "Amy", "Amy ", "Amy S", "Sm", "Smith", "Smith-Jones", "Am Sm", "Ame Smith"],
)
def test_nobody_until_a_full_first_name_and_two_letters_of_the_surname(typed) -> None:
    assert found(typed) == []


def test_a_full_first_name_and_two_letters_find_the_pupils_of_that_name() -> None:
    assert found("Amy Sm") == ["3", "1"]  # by surname: Small, Smith-Jones; not Amelia
    assert found("amy smi") == ["1"]
    assert found("Amelia Sm") == ["5"]


def test_accents_case_and_punctuation_are_folded() -> None:
    assert found("zoe oneil") == ["2"]
    assert found("ZOË O'N") == ["2"]
    assert found("Zoe O Neill") == []  # a space inside the surname: "zoeo" is no first name


def test_each_part_of_a_double_barrelled_name_works() -> None:
    assert found("Amy Jo") == ["1"]  # the second part of Smith-Jones
    assert found("Mary-Jane Wa") == ["4"]
    assert found("Mary Jane Wa") == ["4"]
    assert found("Mary Wa") == ["4"]  # the first word of the forename is a first name
    assert found("Jane Wa") == []


def test_pupils_who_left_are_never_found() -> None:
    assert found("Amy Smart") == []


def test_the_label_is_the_first_name_the_initial_and_the_class() -> None:
    assert public_label(PUPILS[0]) == "Amy S. · 4B"
    assert public_label(PUPILS[1]) == "Zoë O. · 2A"
    assert public_label(Pupil("9", "Ann", "Lee", "Year 3", "")) == "Ann L. · Year 3"


def test_the_index_is_kept_until_the_roster_changes(context) -> None:
    seed_roster(context, contacts=False)
    first = public_index(context)
    assert public_index(context) is first
    assert [p.id for p in first.search("Tom Hi", 3)] == ["001005"]
    from kiosk.services.pupils.pupil_roster import set_parent_only

    set_parent_only(context, "001005", True)
    assert public_index(context) is not first


def test_a_roster_change_not_yet_checkpointed_is_found(context) -> None:
    """At the touchscreen a change is one journal line; live.json is rewritten only at the
    next checkpoint, so the index must not wait for that file to change."""
    seed_roster(context, contacts=False)
    for_touchscreen(context)
    assert [public_label(p) for p in public_index(context).search("Tom Hi", 3)] == ["Tom H. · RH"]
    live_json = context.store.live_path.read_bytes()

    import_roster(context, read_roster(ROSTER.replace("Reception,RH", "Year 1,1H")))

    assert context.store.live_path.read_bytes() == live_json  # only the journal was written
    assert [public_label(p) for p in public_index(context).search("Tom Hi", 3)] == ["Tom H. · 1H"]


def test_a_write_to_anything_but_the_roster_keeps_the_index(context) -> None:
    seed_roster(context, contacts=False)
    for_touchscreen(context)
    first = public_index(context)

    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), "test", "hello")

    assert public_index(context) is first
