"""Signing out: by scanning the pass's QR code, or by finding a name; a pass works once."""

from __future__ import annotations

from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.ui.navigator import BAG_LABEL_MESSAGE, UNKNOWN_CODE_MESSAGE, USED_PASS_TITLE
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.sign_out import NO_MATCH, TYPE_MORE, SignOutScreen
from kiosk.ui.screens.sign_out_confirm import ConfirmSignOutScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, tap, tap_text, type_keys


def signed_in(context, name: str, host: str = "Mrs Patel"):
    assert "visitor" in VISITOR_TYPES
    details = VisitorDetails("visitor", name, "Acme", host, "")
    return sign_in(context, details, load_rules(context.config.rules_file))


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def closed_visit(context, visit_id: str) -> dict:
    [record] = [r for r in context.store.records("visits") if r["id"] == visit_id]
    return record


async def scan(pilot, code: str) -> None:
    """A USB scanner: the code's characters as fast key presses, then Enter."""
    await type_keys(pilot, code, then_enter=True)


async def test_scanning_the_pass_on_welcome_signs_out_without_a_tap(app, context):
    visit = signed_in(context, "Sam Kaur")
    context.clock.advance(minutes=387)  # 15:12
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, visit.pass_token)
        assert isinstance(app.screen, MessageScreen)
        assert "Signed out at 15:12, thank you" in text_of(app, "#message-body")
        assert "Sam" in text_of(app, "#message-title")
    assert context.store.live("visits") == []
    record = closed_visit(context, visit.id)
    assert record["signed_out_by"] == "qr"
    assert record["signed_out_at"].startswith("2026-11-25T15:12")
    assert record["pass_token"] == ""


async def test_a_used_pass_is_refused_with_a_clear_message(app, context):
    visit = signed_in(context, "Sam Kaur")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, visit.pass_token)
        await tap(pilot, "#ok")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await scan(pilot, visit.pass_token)
        assert isinstance(app.screen, MessageScreen)
        assert USED_PASS_TITLE in text_of(app, "#message-title")
        assert "already been used" in text_of(app, "#message-body")
        # Scanned again while the refusal is still showing: refused again, not lost.
        app.screen.query_one("#message-title").update("")
        await scan(pilot, visit.pass_token)
        assert USED_PASS_TITLE in text_of(app, "#message-title")
    assert closed_visit(context, visit.id)["signed_out_by"] == "qr"


async def test_scanning_while_a_pass_or_thank_you_shows_still_signs_out(app, context):
    first = signed_in(context, "Sam Kaur")
    second = signed_in(context, "Tom Hill")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, first.pass_token)
        assert "Sam" in text_of(app, "#message-title")
        await scan(pilot, second.pass_token)  # the next person in the queue, straight away
        assert "Tom" in text_of(app, "#message-title")
    assert context.store.live("visits") == []


async def test_other_codes_on_welcome_get_a_friendly_word_and_change_nothing(app, context):
    visit = signed_in(context, "Sam Kaur")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "BAG-0042")
        assert isinstance(app.screen, WelcomeScreen)
        assert text_of(app, "#scan-message") == BAG_LABEL_MESSAGE
        await scan(pilot, "https://example.org/x")
        assert text_of(app, "#scan-message") == UNKNOWN_CODE_MESSAGE
        await scan(pilot, "PASS-ZZZZZZZZZZZZZZZZ")  # a pass shape that was never issued
        assert USED_PASS_TITLE in text_of(app, "#message-title")
    assert [r["id"] for r in context.store.live("visits")] == [visit.id]


async def test_signing_out_by_name_shows_only_first_name_initial_and_time(app, context):
    signed_in(context, "Sam Kaur")
    context.clock.advance(minutes=5)
    visit = signed_in(context, "Samira Okafor")
    signed_in(context, "Tom Hill")
    context.clock.advance(hours=6, minutes=22)  # 15:12
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-out")
        assert isinstance(app.screen, SignOutScreen)
        assert text_of(app, "#search-message") == TYPE_MORE
        await tap(pilot, "#key-s")
        await pilot.pause()
        assert not app.screen.query(".match"), "one letter must not list anyone"
        await tap_text(pilot, "amir")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(".match")]
        assert labels == ["Samira O.\nin at 08:50"]
        assert "Okafor" not in app.export_screenshot()
        await tap(pilot, "#match-0")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmSignOutScreen)
        await tap(pilot, "#confirm")
        await pilot.pause()
        assert "Signed out at 15:12, thank you" in text_of(app, "#message-body")
        # The next person finds the sign-out screen empty: no search, no names.
        await tap(pilot, "#ok")
        await tap(pilot, "#sign-out")
        await pilot.pause()
        assert app.screen.query_one("#search").value == ""
        assert not app.screen.query(".match")
    record = closed_visit(context, visit.id)
    assert record["signed_out_by"] == "name"
    assert len(context.store.live("visits")) == 2


async def test_two_letters_can_match_several_and_not_me_goes_back(app, context):
    signed_in(context, "Sam Kaur")
    signed_in(context, "Samira Okafor")
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-out")
        await pilot.press("s", "a")
        await pilot.pause()
        assert len(app.screen.query(".match")) == 2
        await tap(pilot, "#match-1")
        await tap(pilot, "#not-me")
        await pilot.pause()
        assert isinstance(app.screen, SignOutScreen)
        assert app.screen.query_one("#search").value == "sa"
        await pilot.press("x")
        await pilot.pause()
        assert text_of(app, "#search-message") == NO_MATCH
    assert len(context.store.live("visits")) == 2


async def test_a_pass_scanned_on_the_sign_out_screen_also_works(app, context):
    visit = signed_in(context, "Sam Kaur")
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-out")
        await scan(pilot, visit.pass_token.lower())
        assert "thank you" in text_of(app, "#message-body")
    assert closed_visit(context, visit.id)["signed_out_by"] == "qr"


async def test_someone_signed_out_meanwhile_is_told_so(app, context):
    visit = signed_in(context, "Sam Kaur")
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-out")
        await pilot.press("s", "a", "m")
        await tap(pilot, "#match-0")
        # The office signs them out from the laptop before the tap on Yes.
        from kiosk.services.visitors.sign_out import sign_out_visit

        sign_out_visit(context, visit.id, by="office")
        await tap(pilot, "#confirm")
        await pilot.pause()
        assert "already signed out" in text_of(app, "#message-body")


async def test_names_starting_like_pass_or_card_are_still_found(app, context):
    # Pascale, Pastor, Cardew: only the whole "PASS-" or "CARD-" marks a code being typed.
    signed_in(context, "Pascale Dupont")
    signed_in(context, "Ellen Cardew")
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-out")
        await type_keys(pilot, "pasc")
        assert [b.label.plain.splitlines()[0] for b in app.screen.query(".match")] == ["Pascale D."]
        for _ in range(4):
            await pilot.press("backspace")
        await type_keys(pilot, "card")
        assert [b.label.plain.splitlines()[0] for b in app.screen.query(".match")] == ["Ellen C."]
        await type_keys(pilot, "-")
        assert not app.screen.query(".match")
