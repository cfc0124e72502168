"""Snapshots of the staff screens at the smallest (80x24) and a roomy (120x40) size.

Fixed data: the demo seed (one member of staff, three visitors, three phones) at a fixed
FakeClock time, so only a real change in layout or wording changes a picture.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.domain.clock import FakeClock
from kiosk.services.demo_seed import seed_demo
from kiosk.services.phones_waiting import phones_held
from kiosk.services.staff_accounts import list_staff
from kiosk.ui.screens.phone_return import PhoneReturnScreen
from kiosk.ui.screens.phone_return_to import ReturnToScreen
from kiosk.ui.screens.phone_store import PhoneStoreScreen
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from tests.helpers import make_app, tap

SIZES = [(80, 24), (120, 40)]
# Early afternoon: before the return time, so the LED and notices are in their plain state.
NOON = "2026-11-25T12:30:00"


@pytest.fixture
def snap_app(context, monkeypatch):
    # Records made in the same second sort by id: fixed ids keep every picture the same.
    counter = iter(range(1000))

    def fixed_id(prefix):
        return f"{prefix}-TEST{next(counter):08d}"

    for module in ("sign_in", "demo_seed", "staff_accounts"):
        monkeypatch.setattr(f"kiosk.services.{module}.new_id", fixed_id)
    clock = FakeClock(NOON)
    config = replace(context.config, hardware=replace(context.config.hardware, unlock_seconds=30))
    ctx = replace(context, clock=clock, config=config)
    seed_demo(replace(ctx, demo=True))  # demo records, shown as on a real kiosk
    return make_app(ctx)


def staff_of(app):
    return list_staff(app.context)[0]


def screens():
    """name -> coroutine that shows the screen (given the app)."""

    async def pin(pilot):
        pilot.app.push_screen(StaffPinScreen())
        await pilot.pause()
        for digit in "24":
            await tap(pilot, f"#pin-{digit}")

    async def menu(pilot):
        pilot.app.push_screen(StaffMenuScreen(staff_of(pilot.app)))

    async def store_name(pilot):
        pilot.app.push_screen(PhoneStoreScreen(staff_of(pilot.app)))
        await pilot.pause()
        await pilot.press(*"Sam")

    async def store_reason(pilot):
        pilot.app.push_screen(PhoneStoreScreen(staff_of(pilot.app)))
        await pilot.pause()
        screen = pilot.app.screen
        for text in ("Sam Okoro", "4C", "Grey Motorola", "BAG-010"):
            screen.input(screen.step).value = text
            screen.next_step()
        await pilot.pause()  # let the reason step be laid out before tapping it
        await tap(pilot, "#reason-confiscated")
        await tap(pilot, "#parent-only")

    async def store_confirm(pilot):
        await store_reason(pilot)
        await tap(pilot, "#reason-next")
        screen = pilot.app.screen
        screen.input("note").value = "Phone rang in assembly"
        screen.next_step()

    async def store_open(pilot):
        pilot.app.push_screen(
            StoreOpenScreen(
                "Put Sam Okoro's phone in bag BAG-010",
                "then close the store door.",
                "Close it when the phone is in.",
            )
        )

    async def return_list(pilot):
        pilot.app.push_screen(PhoneReturnScreen(staff_of(pilot.app)))
        await pilot.pause()
        await pilot.press(*"BAG-003", "enter")

    async def return_to(pilot):
        pilot.app.push_screen(
            ReturnToScreen(staff_of(pilot.app), phones_held(pilot.app.context)[:2])
        )

    async def return_adult(pilot):
        await return_to(pilot)
        await pilot.pause()
        await tap(pilot, "#to-adult")

    async def roll_call(pilot):
        pilot.app.push_screen(RollCallScreen())
        await pilot.pause()
        await pilot.pause()
        first = pilot.app.screen.query(".person-row").first()
        await tap(pilot, f"#{first.id}")

    return {
        "pin": pin,
        "menu": menu,
        "store-name": store_name,
        "store-reason": store_reason,
        "store-confirm": store_confirm,
        "store-open": store_open,
        "return-list": return_list,
        "return-to": return_to,
        "return-adult": return_adult,
        "roll-call": roll_call,
    }


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(screens()))
def test_staff_screen(snap_compare, snap_app, name, size):
    show = screens()[name]

    async def run_before(pilot):
        await pilot.pause()
        await show(pilot)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)
