"""Choosing a PIN: long enough, off the weak list, nobody else's, refused in one plain line."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.domain.pins import check_pin_choice, legacy_hash_pin
from kiosk.errors import KioskError, ValidationError
from kiosk.services.staff.staff_accounts import (
    PIN_IN_USE,
    add_staff,
    disable_staff,
    list_staff,
    set_pin,
)
from kiosk.services.staff.staff_login import SHARED_PIN, log_in

from .conftest import OTHER_PIN, STAFF_PIN

# The PINs the old check accepted, from the issue, and the weak-list rules each falls under.
ACCEPTED_BEFORE = [
    "2468", "1357", "1984", "1990", "2001", "0007", "1000", "112233", "123321", "11223344",
]  # fmt: skip
WEAK = {
    "2468": "demo PIN",
    "1357": "equal steps",
    "7890": "equal steps",
    "987654": "equal steps",
    "1984": "a year",
    "2099": "a year",
    "1900": "a year",
    "2512": "a date",  # 25 December, DDMM
    "1225": "a date",  # MMDD
    "250690": "a date",  # DDMMYY
    "19900625": "a date",  # YYYYMMDD
    "3698": "keypad",  # down the right-hand column, then left
    "741236": "keypad",
    "147896": "keypad",
    "2580": "most common",  # straight down the middle of the pad
    "1004": "most common",
    "314159": "most common",
    "123123": "repeats a shorter pattern",
    "123321": "reads the same backwards",
    "112233": "each digit is doubled",
    "0007": "fewer than 3 different digits",
    "121212": "fewer than 3 different digits",
}


@pytest.mark.parametrize("pin", ACCEPTED_BEFORE)
def test_every_weak_pin_the_old_check_let_through_is_refused(pin: str) -> None:
    with pytest.raises(ValidationError, match="too easy to guess"):
        check_pin_choice(pin, 4)


@pytest.mark.parametrize(("pin", "why"), WEAK.items())
def test_the_refusal_says_which_rule_in_one_line(pin: str, why: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_pin_choice(pin, 4)
    assert why in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("pin", ["482619", "915730", "739406", "58203147"])
def test_ordinary_pins_are_accepted(pin: str) -> None:
    assert check_pin_choice(pin) == pin


def test_six_digits_unless_the_setting_allows_four(context) -> None:
    with pytest.raises(ValidationError, match="6 to 8 digits"):
        add_staff(context, "Sam Patel", "4827")
    four = replace(context, config=replace(context.config, pin_length=4))
    assert add_staff(four, "Sam Patel", "4827").active
    # An admin needs 6 digits even where 4 are allowed.
    with pytest.raises(ValidationError, match="6 to 8 digits"):
        add_staff(four, "Jo Reed", "9157", is_admin=True)
    assert add_staff(four, "Jo Reed", OTHER_PIN, is_admin=True).is_admin


def test_a_pin_already_in_use_is_refused_without_saying_whose(context, staff) -> None:
    before = context.store.audit_entries()
    with pytest.raises(ValidationError) as refused:
        add_staff(context, "Bea Lund", STAFF_PIN)
    assert str(refused.value) == PIN_IN_USE
    other = add_staff(context, "Bea Lund", OTHER_PIN)
    with pytest.raises(ValidationError, match="already in use"):
        set_pin(context, other.id, STAFF_PIN)
    assert [s.name for s in list_staff(context)] == ["Alex Morgan", "Bea Lund"]
    assert len(context.store.audit_entries()) == len(before) + 1  # only Bea's add
    # Setting your own PIN again is not "someone else's".
    assert set_pin(context, staff.id, STAFF_PIN).id == staff.id


def test_a_disabled_account_frees_its_pin_for_staff_but_never_for_an_admin(context, staff):
    disable_staff(context, staff.id)
    with pytest.raises(ValidationError, match="already in use"):
        add_staff(context, "Jo Reed", STAFF_PIN, is_admin=True)
    assert add_staff(context, "Bea Lund", STAFF_PIN).active  # staff: active accounts only


def test_no_one_may_take_a_disabled_admins_pin(context) -> None:
    admin = add_staff(context, "Jo Reed", OTHER_PIN, is_admin=True)
    disable_staff(context, admin.id)
    with pytest.raises(ValidationError, match="already in use"):
        add_staff(context, "Bea Lund", OTHER_PIN)


def test_two_people_sharing_a_pin_from_before_are_not_logged_in_as_either(context, staff):
    # PINs set before uniqueness was checked: write a twin straight into the store.
    with context.store.transaction() as tx:
        twin = dict(tx.require("staff", staff.id), id="S-TWIN", name="Bea Lund")
        twin["pin_hash"] = legacy_hash_pin(STAFF_PIN)
        tx.insert("staff", twin)
    with pytest.raises(KioskError) as refused:
        log_in(context, STAFF_PIN)
    assert str(refused.value) == SHARED_PIN
    actions = [e["action"] for e in context.store.audit_entries()]
    assert "pin-shared" in actions and "staff-login" not in actions
    assert "pin-failed" not in actions  # a right PIN is not a guess
