"""A USB scanner used on a sign-in step: the code is a scan, never text in the box."""

from __future__ import annotations

import pytest

from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.ui.navigator import BAG_LABEL_MESSAGE
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, tap, tap_text, type_keys


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def reach_step(pilot, step: str) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-contractor")
    for field, answer in (("name", "Ann Lee"), ("organisation", "Acme"), ("host", "Mrs Patel")):
        if field == step:
            return
        await tap_text(pilot, answer)
        await tap(pilot, "#key-done")


@pytest.mark.parametrize("step", ["name", "organisation", "host", "car-reg"])
async def test_a_pass_scanned_on_a_form_step_signs_its_holder_out(app, context, step):
    details = VisitorDetails("visitor", "Sam Kaur", "Acme", "Mrs Patel", "")
    visit = sign_in(context, details, load_rules(context.config.rules_file))
    async with app.run_test(size=SIZE) as pilot:
        await reach_step(pilot, step)
        assert app.screen.step == step
        await type_keys(pilot, visit.pass_token, then_enter=True)
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "Sam" in text_of(app, "#message-title")
    assert [v["name"] for v in context.store.live("visits")] == []


async def test_a_bag_label_scanned_into_the_name_box_is_not_typed_in_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await reach_step(pilot, "name")
        await tap_text(pilot, "Ann")
        await type_keys(pilot, "BAG-0042", then_enter=True)
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert BAG_LABEL_MESSAGE in text_of(app, "#scan-message")
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        assert app.screen.query_one("#name").value == ""


async def test_ordinary_typing_and_enter_still_moves_on(app):
    async with app.run_test(size=SIZE) as pilot:
        await reach_step(pilot, "organisation")
        await type_keys(pilot, "Bag-It Ltd", then_enter=True)
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert app.screen.step == "host"
        assert app.screen.query_one("#organisation").value == "Bag-It Ltd"
