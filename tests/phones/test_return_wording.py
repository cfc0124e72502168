"""The open-store screen on the return path speaks of taking phones out, never of putting
one in (issue 12: it said "Close it when the phone is in" while phones were handed back)."""

from __future__ import annotations

import pytest

from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from tests.helpers import log_in, make_app, tap, tap_text

SIZE = (100, 40)
STORING_WORDS = ("is in", "put ", "in bag", "store a")


def put_phone(context, hardware, staff, name, bag, parent_only=False):
    details = check_phone_form(name, "Year 5", "Blue Samsung", bag, "arrival", parent_only)
    phone = store_phone(context, hardware, details, staff.id)
    hardware.lock.lock()
    return phone


def open_screen_text(screen) -> str:
    """Every line the open-store screen shows."""
    parts = ("#open-title", "#open-body", "#open-lock", "#open-door", "#open-warning")
    return "\n".join(str(screen.query_one(part).render()) for part in parts)


async def return_and_open_the_door(pilot, hardware, phones, adult=None):
    await log_in(pilot)
    await tap(pilot, "#return-phones")
    for phone in phones:
        await tap(pilot, f"#phone-{phone.id}")
    await tap(pilot, "#return-selected")
    if adult is None:
        await tap(pilot, "#to-pupil")
    else:
        await tap(pilot, "#to-adult")
        await tap_text(pilot, adult)
        await tap(pilot, "#key-done")
    assert isinstance(pilot.app.screen, StoreOpenScreen)
    hardware.set_door_closed(False)  # staff open the store door
    await pilot.pause()


@pytest.mark.parametrize("count", [1, 3])
async def test_returning_says_take_the_phones_out(context, hardware, staff, count):
    phones = [
        put_phone(context, hardware, staff, name, f"BAG-04{n}")
        for n, name in enumerate(("Ava Thompson", "Leo Martin", "Noah Price")[:count])
    ]
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await return_and_open_the_door(pilot, hardware, phones)
        door = str(app.screen.query_one("#open-door").render())
        wanted = "Take the phones out" if count > 1 else "Take the phone out"
        assert f"Door: open. {wanted}, then close the door." == door
        shown = open_screen_text(app.screen)
        assert not any(word in shown.casefold() for word in STORING_WORDS), shown
        hardware.set_door_closed(True)
        await pilot.pause()
        assert "closed. Thank you" in str(app.screen.query_one("#open-door").render())


async def test_returning_to_a_parent_names_them(context, hardware, staff):
    phones = [
        put_phone(context, hardware, staff, "Maya Patel", "BAG-050", parent_only=True),
        put_phone(context, hardware, staff, "Sam Patel", "BAG-051"),
    ]
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await return_and_open_the_door(pilot, hardware, phones, adult="Raj Patel")
        shown = open_screen_text(app.screen)
        assert "Raj Patel" in str(app.screen.query_one("#open-title").render())
        assert "Take the phones out, then close the door." in shown
        assert not any(word in shown.casefold() for word in STORING_WORDS), shown


async def test_storing_still_says_put_the_phone_in(context, hardware, staff):
    from .test_lock_safety import fill_form

    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await fill_form(pilot)
        await tap(pilot, "#save")
        hardware.set_door_closed(False)
        await pilot.pause()
        door = str(app.screen.query_one("#open-door").render())
        assert door == "Door: open. Close it when the phone is in."
