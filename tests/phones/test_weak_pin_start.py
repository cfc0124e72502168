"""The demo PIN is easy only in the demo: `kiosk run` on real data refuses a weak PIN."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.domain.pins import legacy_hash_pin
from kiosk.errors import KioskError
from kiosk.services.demo_seed import DEMO_PIN, seed_demo
from kiosk.services.staff.pin_health import refuse_unsafe_start
from kiosk.services.staff.staff_accounts import add_staff, get_staff, list_staff, set_pin
from kiosk.services.staff.staff_login import log_in
from tests.conftest import kiosk_cli

from .conftest import OTHER_PIN


def test_kiosk_run_on_demo_data_refuses_naming_the_staff_id(context):
    demo = replace(context, demo=True)
    seed_demo(demo)
    refuse_unsafe_start(demo)  # the demo itself starts
    (teacher,) = list_staff(context)
    assert teacher.pin_weak == "it is the demo PIN"
    result = kiosk_cli(
        "run", "--data-dir", str(context.store.data_dir), env={"KIOSK_HARDWARE": "mock"}
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"kiosk: not starting: staff {teacher.id} has a PIN that is too easy to guess "
        f"(it is the demo PIN): give them a new one with 'kiosk staff pin {teacher.id}'"
    ]
    check = kiosk_cli("check", "--data-dir", str(context.store.data_dir))
    assert check.returncode == 1 and f"staff {teacher.id} has a PIN" in check.stdout
    set_pin(context, teacher.id, OTHER_PIN)  # the fix the line names
    refuse_unsafe_start(context)
    assert get_staff(context, teacher.id).pin_weak == ""


def test_a_weak_pin_from_before_is_found_at_its_next_login(context, staff):
    with context.store.transaction() as tx:  # set before the weak list existed
        tx.update("staff", staff.id, {"pin_hash": legacy_hash_pin("2580")})
    refuse_unsafe_start(context)  # nothing known yet
    login = log_in(context, "2580")
    assert login.staff.id == staff.id  # staff are not locked out of the phones mid-day
    assert any("Your PIN is too easy to guess" in n for n in login.notices)
    with pytest.raises(KioskError, match=f"staff {staff.id} has a PIN that is too easy"):
        refuse_unsafe_start(context)


def test_the_demo_pin_is_refused_outside_the_demo(context):
    with pytest.raises(KioskError, match="too easy to guess: it is the demo PIN"):
        add_staff(replace(context, config=replace(context.config, pin_length=4)), "X Y", DEMO_PIN)
