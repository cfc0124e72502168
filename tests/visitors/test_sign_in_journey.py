"""Signing in from the touchscreen: by taps only, by a physical keyboard, with mistakes."""

from __future__ import annotations

from kiosk.domain.clock import to_iso
from kiosk.domain.records import VISIT_FIELDS
from kiosk.services.visitors.rules_file import load_rules
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.visitor_pass import PHONE_REMINDER, PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, tap, tap_agree, tap_sign_in, tap_text, type_keys


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_contractor_signs_in_by_taps_only(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(
            pilot, "contractor", ["Sam O'Neil-Kaur", "Acme Lifts 24", "Mrs Patel", "AB12 CDE"]
        )
        assert isinstance(app.screen, RulesScreen)
        await tap_agree(pilot)  # three documents: read to the end first
        await pilot.pause()

        [visit] = context.store.live("visits")
        assert visit["visitor_type"] == "contractor"
        assert visit["name"] == "Sam O'Neil-Kaur"
        assert visit["organisation"] == "Acme Lifts 24"
        assert visit["host"] == "Mrs Patel"
        assert visit["car_reg"] == "AB12 CDE"
        assert visit["rules_version"] == load_rules(context.config.rules_file).version
        assert visit["signed_in_at"] == to_iso(context.clock.now(), context.config.tz)
        assert visit["rules_agreed_at"] == visit["signed_in_at"]
        assert visit["signed_out_at"] == ""
        assert set(VISIT_FIELDS) <= set(visit)

        assert isinstance(app.screen, PassScreen)
        assert "Sam O'Neil-Kaur" in text_of(app, "#pass-name")
        assert "08:45" in text_of(app, "#pass-time")
        assert "Mrs Patel" in text_of(app, "#pass-host")
        assert PHONE_REMINDER in text_of(app, "#pass-reminder")
        assert app.screen.query_one("#pass-qr").token == visit["pass_token"]


async def test_parent_helper_signs_in_with_a_physical_keyboard(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-parent-helper")
        # Parent helpers are not asked for an organisation: name, host, car.
        await type_keys(pilot, "Aoife Ní Bhriain", then_enter=True)
        await type_keys(pilot, "Year 2", then_enter=True)
        await type_keys(pilot, "", then_enter=True)
        assert isinstance(app.screen, RulesScreen)
        await tap_agree(pilot)
        await pilot.pause()
    [visit] = context.store.live("visits")
    assert (visit["name"], visit["organisation"], visit["host"], visit["car_reg"]) == (
        "Aoife Ní Bhriain",
        "",
        "Year 2",
        "",
    )
    assert visit["visitor_type"] == "parent-helper"


async def test_messages_appear_next_to_the_field_and_keep_what_was_typed(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap(pilot, "#key-done")
        assert "Please enter your full name" in text_of(app, "#name-message")

        await pilot.press(*"Sam 3")
        assert text_of(app, "#name-message") == ""  # editing clears the old message
        await tap(pilot, "#key-done")
        assert "letters" in text_of(app, "#name-message")
        assert app.screen.query_one("#name").value == "Sam 3"

        await tap(pilot, "#key-backspace")
        await tap_text(pilot, "Kaur")
        await tap(pilot, "#key-done")
        # Organisation is required for a visitor.
        await tap(pilot, "#key-done")
        assert "Please enter organisation" in text_of(app, "#organisation-message")

        # Back keeps every answer.
        await tap(pilot, "#back")
        assert app.screen.query_one("#name").value == "Sam Kaur"
        assert app.screen.step == "name"
    assert context.store.live("visits") == []


async def test_the_keyboard_capitalises_names_and_shift_is_one_shot(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        for key in ("#key-a", "#key-n", "#key-n", "#key-space", "#key-l", "#key-e", "#key-e"):
            await tap(pilot, key)
        await tap(pilot, "#key-shift")
        await tap(pilot, "#key-b")
        await tap(pilot, "#key-c")
        assert app.screen.query_one("#name").value == "Ann LeeBc"


async def test_declining_the_rules_stores_nothing_about_the_person(app, context, data_dir):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "contractor", ["Zebedee Quokka", "Quokkaworks", "Mr Hill", ""])
        await tap(pilot, "#decline")
        await tap(pilot, "#question-yes")  # "Discard what you typed?"
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "speak to reception" in text_of(app, "#message-title")
        await tap(pilot, "#ok")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        # Back in sign-in, nothing from before is there.
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-contractor")
        assert app.screen.query_one("#name").value == ""
    assert context.store.live("visits") == []
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for word in (b"Zebedee", b"Quokka", b"Mr Hill"):
                assert word not in content, f"{word!r} found in {path}"


async def test_rules_back_button_returns_to_the_form_with_answers(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        await tap(pilot, "#back")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert app.screen.query_one("#name").value == "Ann Lee"


async def test_pass_returns_to_welcome_after_its_time_or_a_tap(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        await tap_agree(pilot)
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)
        context.clock.advance(context.config.pass_display_seconds - 1)
        app.heartbeat()
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)
        context.clock.advance(1)
        app.heartbeat()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)

        await tap_sign_in(pilot, "governor", ["Bo Chan", "Head", ""])
        await tap_agree(pilot)
        await tap(pilot, "#pass-done")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
