"""`kiosk demo`'s sample data, the app building its own hardware, the simulated strip."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from kiosk.domain.pins import check_pin_choice
from kiosk.errors import KioskError, ValidationError
from kiosk.services.demo_seed import (
    DEMO_PHONES,
    DEMO_PIN,
    DEMO_REGULAR,
    DEMO_VISITORS,
    seed_demo,
    seed_demo_roster_and_regular,
)
from kiosk.services.fire.roll_call import on_site
from kiosk.services.phones.phones_waiting import phones_held
from kiosk.services.pupils.pupil_roster import search_pupils
from kiosk.services.regulars.regular_visitors import CardSignIn, list_regulars, scan_card
from kiosk.services.staff.staff_login import PinRejected, check_pin
from kiosk.ui.app import KioskApp
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from tests.helpers import enter_pin, lock_history, log_in, make_app, tap


def test_demo_seed_gives_a_working_pin_visitors_and_phones(context):
    with pytest.raises(ValidationError, match="the demo PIN"):
        check_pin_choice(DEMO_PIN, 4)  # easy to type, so never a real PIN
    with pytest.raises(KioskError):
        seed_demo(context)  # not a demo data folder
    context = replace(context, demo=True)
    assert seed_demo(context) == DEMO_PIN
    assert check_pin(context, DEMO_PIN).name == "Demo Teacher"
    assert len(on_site(context)) == len(DEMO_VISITORS)
    held = phones_held(context)
    assert len(held) == len(DEMO_PHONES)
    assert any(p.parent_only for p in held)


def test_demo_has_a_class_list_and_a_checked_regular_whose_card_works(context):
    with pytest.raises(KioskError):
        seed_demo_roster_and_regular(context)  # not a demo data folder
    context = replace(context, demo=True)
    code = seed_demo_roster_and_regular(context)
    # Every sample phone's pupil is on the class list, so the picker finds them.
    for pupil, *_ in DEMO_PHONES:
        assert [p.name for p in search_pupils(context, pupil.split()[0])][:1] == [pupil]
    (regular,) = list_regulars(context)
    assert regular.name == DEMO_REGULAR[0] and regular.dbs_checked_on
    assert isinstance(scan_card(context, code), CardSignIn)


def test_a_real_install_has_no_staff_and_no_default_pin(context):
    assert context.store.live("staff") == []
    with pytest.raises(PinRejected):
        check_pin(context, DEMO_PIN)


async def test_demo_welcome_shows_the_pin_and_door_buttons(context):
    demo = context.__class__(context.config, context.store, context.clock, demo=True)
    seed_demo(demo)
    app = make_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert f"Staff PIN: {DEMO_PIN}" in str(app.screen.query_one("#demo-banner").render())
        await tap(pilot, "#sim-door-open")
        assert app.hardware.door.is_closed is False
        assert "Door: OPEN" in str(app.screen.query_one("#hardware-state").render())
        await tap(pilot, "#sim-door-close")
        assert app.hardware.door.is_closed is True
        await log_in(pilot, DEMO_PIN)
        assert isinstance(app.screen, StaffMenuScreen)
        assert app.screen.query("#sim-door-open")  # the strip is on every screen


async def test_app_with_no_arguments_builds_simulated_hardware_from_the_environment(
    data_dir, monkeypatch
):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("KIOSK_HARDWARE", "mock")
    app = KioskApp()
    assert app.hardware.simulated and app.hardware.lock.is_locked
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Lock: LOCKED" in str(app.screen.query_one("#hardware-state").render())


async def test_no_pin_reaches_a_log_line(context, hardware, staff, caplog):
    from .conftest import STAFF_PIN

    caplog.set_level(logging.DEBUG)
    app = make_app(context, hardware)
    async with app.run_test(size=(100, 40)) as pilot:
        await log_in(pilot, "8642")
        await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffMenuScreen)
    salt_and_digest = staff.pin_hash.split("$")[-2:]
    for secret in ("8642", STAFF_PIN, *salt_and_digest):
        assert secret not in caplog.text
    assert lock_history(hardware) == [False]


async def test_door_events_from_gpiozero_threads_reach_the_screen(context, hardware):
    import threading

    app = make_app(context, hardware)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # As gpiozero does: the callback runs on another thread, and must not wait for the UI.
        worker = threading.Thread(target=hardware.set_door_closed, args=(False,))
        worker.start()
        worker.join(timeout=5)
        assert not worker.is_alive()
        for _ in range(20):
            await pilot.pause(0.05)
            if "Door: OPEN" in str(app.screen.query_one("#hardware-state").render()):
                break
        assert "Door: OPEN" in str(app.screen.query_one("#hardware-state").render())
