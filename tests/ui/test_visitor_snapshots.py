"""Snapshots of every visitor screen at the smallest (80x24) and a roomy (120x40) size.

Fixed clock (08:45), fixed pass tokens and fixed records, so the pictures only change when
the screens do. Update with `pytest tests/ui --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.rules_file import load_rules
from kiosk.services.sign_in import sign_in
from kiosk.ui.app import IDLE_WARNING_SECONDS
from tests.helpers import beat, tap, tap_sign_in, tap_text, type_keys

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def add_visitors(context) -> None:
    rules = load_rules(context.config.rules_file)
    for name in ("Sam Kaur", "Samira Okafor", "Tom Hill"):
        sign_in(context, VisitorDetails("visitor", name, "Acme", "Mrs Patel", ""), rules)


async def nothing(pilot) -> None:
    await pilot.pause()


async def scan_message(pilot) -> None:
    await type_keys(pilot, "BAG-0042", then_enter=True)


async def sign_in_type(pilot) -> None:
    await tap(pilot, "#sign-in")


async def sign_in_name_with_message(pilot) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await pilot.press(*"Sam 3")  # a digit from a physical keyboard
    await tap(pilot, "#key-done")


async def sign_in_car_reg(pilot) -> None:
    await tap_sign_in(pilot, "contractor", ["Sam Kaur", "Acme Lifts", "Mrs Patel"])
    await tap_text(pilot, "AB12")


async def rules(pilot) -> None:
    await tap_sign_in(pilot, "parent-helper", ["Sam Kaur", "Year 2", ""])


async def sign_in_discard_question(pilot) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await tap_text(pilot, "Sam Kaur")
    await tap(pilot, "#cancel")


async def sign_in_still_there(pilot) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")
    await tap_text(pilot, "Sam Kaur")
    await beat(pilot, pilot.app.context.config.idle_timeout_seconds - IDLE_WARNING_SECONDS)


async def visitor_pass(pilot) -> None:
    await rules(pilot)
    await tap(pilot, "#agree")


async def declined(pilot) -> None:
    await rules(pilot)
    await tap(pilot, "#decline")
    await tap(pilot, "#question-yes")  # "Discard what you typed?"


async def sign_out_matches(pilot) -> None:
    add_visitors(pilot.app.context)
    await tap(pilot, "#sign-out")
    await tap_text(pilot, "sa")


async def sign_out_confirm(pilot) -> None:
    await sign_out_matches(pilot)
    await tap(pilot, "#match-1")


async def signed_out(pilot) -> None:
    await sign_out_confirm(pilot)
    await tap(pilot, "#confirm")


async def used_pass(pilot) -> None:
    await type_keys(pilot, "PASS-0000000000000099", then_enter=True)


async def fault(pilot) -> None:
    pilot.app.show_fault(RuntimeError("data file live.json cannot be read"))


SCREENS = {
    "welcome": nothing,
    "welcome-scan-message": scan_message,
    "sign-in-type": sign_in_type,
    "sign-in-name-message": sign_in_name_with_message,
    "sign-in-car-reg": sign_in_car_reg,
    "sign-in-discard-question": sign_in_discard_question,
    "sign-in-still-there": sign_in_still_there,
    "rules": rules,
    "pass": visitor_pass,
    "declined": declined,
    "sign-out-matches": sign_out_matches,
    "sign-out-confirm": sign_out_confirm,
    "signed-out": signed_out,
    "used-pass": used_pass,
    "fault": fault,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_visitor_screen(snap_compare, app, screen, size):
    async def run_before(pilot) -> None:
        await SCREENS[screen](pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
