"""Colour you can see, and words that match what happens (issue 27): the lanyard's colour on
the pass, a regular visitor's pass that does not ask for a photo, the supply-staff check
for reception on the staff screen rather than the visitor's pass, the typed code on the
sign-out screen, the lanyard asked back at goodbye, and the welcome clock right after an
idle reset."""

from __future__ import annotations

from dataclasses import replace

from textual.color import Color

from kiosk.domain.ids import pass_code_text
from kiosk.services.regulars.regular_visitors import add_regular
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.sign_out import CODE_PARTIAL, CODE_READY, NO_MATCH
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import (
    SIZE,
    STAFF_PIN,
    beat,
    log_in,
    tap,
    tap_agree,
    tap_sign_in,
    tap_text,
    type_keys,
)
from tests.visitors.test_sign_out_journey import closed_visit, signed_in, text_of


def rows_of(widget) -> set[int]:
    return set(range(widget.region.y, widget.region.bottom))


async def test_the_pass_shows_the_lanyard_colour_beside_its_word(app, context):
    async with app.run_test(size=(80, 24)) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        await tap_agree(pilot)
        assert isinstance(app.screen, PassScreen)
        patch = app.screen.query_one("#lanyard-patch")
        words = app.screen.query_one("#pass-lanyard")
        assert "RED lanyard" in str(words.render())  # the word stays: colour alone fails some
        assert patch.display and patch.region.width >= 4 and patch.region.height >= 2
        assert patch.styles.background == Color.parse("red")
        assert rows_of(patch) & rows_of(words), "the patch sits beside the words"


async def test_an_unknown_colour_name_shows_the_words_without_a_patch(context):
    lanyards = replace(context.config.lanyards, escorted_colour="red and white stripes")
    from tests.helpers import make_app

    app = make_app(replace(context, config=replace(context.config, lanyards=lanyards)))
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        await tap_agree(pilot)
        assert not app.screen.query_one("#lanyard-patch").display
        assert "RED lanyard" in text_of(app, "#pass-lanyard")


async def test_a_regular_visitors_pass_tells_them_to_scan_their_card(app, context):
    _, code = add_regular(context, "Ann Lee", "governor", host="Head")
    async with app.run_test(size=SIZE) as pilot:
        await type_keys(pilot, code, then_enter=True)
        await tap_agree(pilot)
        assert isinstance(app.screen, PassScreen)
        hint = text_of(app, "#pass-hint")
        assert "card" in hint and "photo" not in hint
        assert not app.screen.query_one("#pass-code-column").display  # no QR they do not need
        # The next, first-time, visitor is told to photograph their code again.
        await tap(pilot, "#pass-done")
        await tap_sign_in(pilot, "governor", ["Bo Chan", "Head", ""])
        await tap_agree(pilot)
        assert "photo" in text_of(app, "#pass-hint")
        assert app.screen.query_one("#pass-code-column").display


async def test_the_supply_staff_check_is_for_reception_on_the_staff_screen(app, context):
    add_staff(context, "Alex Morgan", STAFF_PIN, actor="test")
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "supply-staff", ["Sam Kirk", "Teach Ltd", "Year 4", ""])
        await tap_agree(pilot)
        assert isinstance(app.screen, PassScreen)
        assert "agency" not in app.export_screenshot()  # not the visitor's business
        await tap(pilot, "#pass-done")
        await log_in(pilot)
        for _ in range(20):
            if isinstance(app.screen, StaffMenuScreen):
                break
            await pilot.pause()
        notice = text_of(app, "#menu-notice")
        assert "agency confirmed" in notice and "Sam Kirk" in notice


async def test_typing_the_pass_code_says_so_and_records_code(app, context):
    visit = signed_in(context, "Sam Kaur")
    code = pass_code_text(visit.pass_token)  # as printed under the QR: 0000-0000-0000-0001
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-out")
        await tap_text(pilot, code[:6])
        assert text_of(app, "#search-message") == CODE_PARTIAL
        assert text_of(app, "#search-message") != NO_MATCH
        await tap_text(pilot, code[6:])
        assert text_of(app, "#search-message") == CODE_READY
        await tap(pilot, "#key-done")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
    assert closed_visit(context, visit.id)["signed_out_by"] == "code"


async def test_goodbye_asks_for_the_lanyard_back(app, context):
    visit = signed_in(context, "Sam Kaur")
    async with app.run_test(size=SIZE) as pilot:
        await type_keys(pilot, visit.pass_token, then_enter=True)
        assert isinstance(app.screen, MessageScreen)
        assert "lanyard" in text_of(app, "#message-body")
    assert closed_visit(context, visit.id)["signed_out_by"] == "qr"


async def test_the_welcome_clock_is_right_the_moment_an_idle_reset_shows_it(app, context):
    async with app.run_test(size=SIZE) as pilot:
        assert "08:45" in text_of(app, "#clock")
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        context.clock.advance(context.config.idle_timeout_seconds + 15)  # 08:46:15
        await beat(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "08:46" in text_of(app, "#clock")
