"""Regular visitors at the touchscreen: a card scanned on the welcome screen (as the USB
scanner types it) leads to the pre-filled rules, I agree, the pass with its lanyard; the same
card again signs out with no tap. Contractors read and agree to two more documents."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime

from kiosk.services.regulars.regular_visitors import add_regular, record_check, revoke_regular
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import (
    SIZE,
    tap,
    tap_agree,
    tap_sign_in,
    tap_text,
    type_keys,
    wait_for_agree,
)

RED = "Please take a RED lanyard: you will be escorted"
GREEN = "Please take a GREEN lanyard: you may move around school unescorted"


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def scan(pilot, code: str) -> None:
    await type_keys(pilot, code, then_enter=True)


class Taps:
    """Counts the taps a journey takes."""

    def __init__(self) -> None:
        self.count = 0

    async def __call__(self, pilot, selector: str) -> None:
        self.count += 1
        await tap(pilot, selector)


async def test_one_scan_and_one_tap_signs_in_and_a_scan_signs_out(app, context) -> None:
    regular, code = add_regular(context, "Ann Lee", "parent-helper", host="Year 2")
    taps = Taps()
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, code)
        assert isinstance(app.screen, RulesScreen)
        assert text_of(app, "#step-title").startswith("Welcome back, Ann.")
        assert not app.screen.query_one("#rules-changed").display
        assert await wait_for_agree(pilot)  # laid out: the rules fit, so I agree at once
        await taps(pilot, "#agree")
        assert isinstance(app.screen, PassScreen)
        assert text_of(app, "#pass-lanyard") == RED
        assert "card" in text_of(app, "#pass-hint")  # a regular signs out with the card
        [visit] = context.store.live("visits")
        assert (visit["name"], visit["host"], visit["regular_id"]) == ("Ann Lee", "Year 2",
                                                                       regular.id)  # fmt: skip
        await taps(pilot, "#pass-done")
        assert isinstance(app.screen, WelcomeScreen)

        context.clock.advance(hours=3)
        await scan(pilot, code)
        assert isinstance(app.screen, MessageScreen)
        assert text_of(app, "#message-title") == "Goodbye, Ann."
    assert taps.count == 2  # I agree, and Done (which the pass does by itself anyway)
    assert context.store.live("visits") == []


async def test_a_card_without_a_host_asks_only_for_the_host(app, context) -> None:
    _, code = add_regular(context, "Sam Kirk", "supply-staff", organisation="Teach Ltd")
    taps = Taps()
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, code)
        assert isinstance(app.screen, SignInScreen)
        assert app.screen.step == "host"
        await tap_text(pilot, "Year 4")  # typing, as on the first visit
        await taps(pilot, "#key-done")
        assert isinstance(app.screen, RulesScreen)
        assert await wait_for_agree(pilot)
        await taps(pilot, "#agree")
        assert isinstance(app.screen, PassScreen)
        # Reception's check is on the staff screen, not on the visitor's pass (issue 27).
        assert "agency" not in app.export_screenshot()
    assert taps.count == 2
    [visit] = context.store.live("visits")
    assert (visit["name"], visit["organisation"], visit["host"]) == ("Sam Kirk", "Teach Ltd",
                                                                     "Year 4")  # fmt: skip


async def test_a_checked_regular_is_told_to_take_the_unescorted_lanyard(app, context) -> None:
    regular, code = add_regular(context, "Ann Lee", "governor", host="Head")
    record_check(context, regular.id, date(2026, 11, 1), "JR")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, code)
        await tap_agree(pilot)
        assert text_of(app, "#pass-lanyard") == GREEN
    assert context.store.live("visits")[0]["lanyard"] == "green"


async def test_revoked_expired_and_unknown_cards_get_one_calm_line(app, context) -> None:
    revoked, revoked_code = add_regular(context, "Ann Lee", "governor", host="Head")
    revoke_regular(context, revoked.id)
    _, expired_code = add_regular(context, "Bo Chen", "governor", host="Head",
                                  expires_on=date(2026, 11, 25))  # fmt: skip
    context.clock.advance(days=1)
    async with app.run_test(size=SIZE) as pilot:
        for code in (revoked_code, expired_code, "CARD-" + "7" * 20):
            await scan(pilot, code)
            assert isinstance(app.screen, MessageScreen)
            assert text_of(app, "#message-title").endswith("Please sign in at reception.")
            await tap(pilot, "#ok")
    assert context.store.live("visits") == []


async def test_the_rules_screen_says_when_the_rules_changed(app, context, tmp_path) -> None:
    rules = tmp_path / "rules.md"
    rules.write_text("# Rules\n\nPhones in the foyer.\n")
    context.config = replace(context.config, rules_file=rules)
    _, code = add_regular(context, "Ann Lee", "governor", host="Head")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, code)
        await tap_agree(pilot)
        await scan(pilot, code)  # out
        rules.write_text("# Rules\n\nNo phones past the foyer, at all.\n")
        changed = datetime(2026, 3, 3, 16, 0).timestamp()
        os.utime(rules, (changed, changed))
        await tap(pilot, "#ok")
        await scan(pilot, code)
        assert isinstance(app.screen, RulesScreen)
        assert app.screen.query_one("#rules-changed").display
        assert text_of(app, "#rules-changed") == "Our phone rules changed on 3 March"


async def test_a_contractor_reads_and_agrees_to_two_more_documents(app, context) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "contractor", ["Sam Kirk", "Acme Roofing", "Mr Hall", ""])
        assert isinstance(app.screen, RulesScreen)
        shown = "".join(m.source for m in app.screen.query("#rules-scroll Markdown"))  # type: ignore[attr-defined]
        assert "# Phones and cameras" in shown
        assert "# Asbestos register" in shown and "# Site induction" in shown
        await tap_agree(pilot)  # three documents: read to the end first
        assert isinstance(app.screen, PassScreen)
        assert text_of(app, "#pass-lanyard") == RED  # first-time visitors are escorted
    [visit] = context.store.live("visits")
    assert sorted(visit["agreements"]) == ["asbestos-register", "site-induction"]
    assert visit["regular_id"] == ""


async def test_a_card_scanned_on_the_sign_out_screen_signs_out_too(app, context) -> None:
    _, code = add_regular(context, "Ann Lee", "governor", host="Head")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, code)
        await tap_agree(pilot)
        await tap(pilot, "#pass-done")
        await tap(pilot, "#sign-out")
        await scan(pilot, code)
        assert isinstance(app.screen, MessageScreen)
        assert text_of(app, "#message-title") == "Goodbye, Ann."
    assert context.store.live("visits") == []


async def test_a_card_revoked_while_on_site_signs_out_and_asks_for_it_back(app, context) -> None:
    regular, code = add_regular(context, "Ann Lee", "governor", host="Head")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, code)
        await tap_agree(pilot)
        await tap(pilot, "#pass-done")
        revoke_regular(context, regular.id)
        context.clock.advance(hours=2)
        await scan(pilot, code)
        assert isinstance(app.screen, MessageScreen)
        assert text_of(app, "#message-title") == "Goodbye, Ann."
        assert text_of(app, "#message-body") == (
            "Signed out at 10:45, thank you. "
            "This card can no longer be used. Please hand it in at reception. "
            "Please hand your lanyard back too."
        )
    assert context.store.live("visits") == []
