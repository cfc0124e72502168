"""Pilot journeys through the staff screens, with the real hardware layer on MockFactory."""

from __future__ import annotations

from kiosk.services.fire.roll_call import on_site
from kiosk.ui.screens.phone_return import PhoneReturnScreen, PhoneRow
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import STAFF_PIN, lock_history, log_in, make_app, put_phone, tap, tap_text

SIZE = (100, 40)


async def test_store_a_phone_by_taps_only(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert isinstance(app.screen, StaffMenuScreen)
        await tap(pilot, "#store-phone")
        await tap_text(pilot, "Ava Li")
        await tap(pilot, "#key-done")
        await tap_text(pilot, "6B")
        await tap(pilot, "#key-done")
        await tap_text(pilot, "red nokia")
        await tap(pilot, "#key-done")
        await tap_text(pilot, "bag-7")
        await tap(pilot, "#key-done")
        await tap(pilot, "#reason-next")  # no reason chosen yet: refused
        assert "choose why" in str(app.screen.query_one("#reason-message").render())
        await tap(pilot, "#reason-confiscated")
        await tap(pilot, "#parent-only")
        await tap(pilot, "#reason-next")
        await tap(pilot, "#key-done")  # no note
        assert lock_history(hardware) == [False]  # nothing opens before the final tap
        await tap(pilot, "#save")
        assert isinstance(app.screen, StoreOpenScreen)
        assert lock_history(hardware) == [False, True]
    [record] = context.store.live("phones")
    assert record["pupil_name"] == "Ava Li"
    assert (record["class_name"], record["description"]) == ("6B", "red nokia")
    assert (record["bag_label"], record["reason"], record["parent_only"]) == (
        "BAG-7",
        "confiscated",
        True,
    )
    assert record["stored_by"] == staff.id
    assert lock_history(hardware) == [False, True, False]  # relocked when the app stopped


async def test_scanned_bag_label_lands_in_the_bag_field(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#store-phone")
        await pilot.press(*"Leo Martin", "enter")
        await pilot.press(*"5A", "enter")
        # The scanner types the label and Enter into whatever box has focus.
        await pilot.press(*"Nokia", *"BAG-012", "enter")
        await pilot.pause()
        assert app.screen.query_one("#bag-label").value == "BAG-012"
        assert app.screen.query_one("#description").value == "Nokia"
        await pilot.press("enter")  # description done
        assert app.screen.step == "bag-label"
        await pilot.press("enter")
        await tap(pilot, "#reason-arrival")
        await tap(pilot, "#reason-next")
        await pilot.press("enter")
        await tap(pilot, "#save")
        assert isinstance(app.screen, StoreOpenScreen)
    assert context.store.live("phones")[0]["bag_label"] == "BAG-012"


async def test_return_a_normal_phone(context, hardware, staff, clock):
    phone = put_phone(context, hardware, staff, "Leo Martin", "BAG-002")
    clock.advance(hours=7)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        await tap(pilot, f"#phone-{phone.id}")
        await tap(pilot, "#return-selected")
        await tap(pilot, "#to-pupil")
        assert isinstance(app.screen, StoreOpenScreen)
        await tap(pilot, "#open-done")
        assert isinstance(app.screen, PhoneReturnScreen)
        assert not app.screen.query(PhoneRow)
    record = context.store.find("phones", phone.id)
    assert (record["returned_to"], record["returned_by"]) == ("pupil", staff.id)
    assert lock_history(hardware) == [False, True, False, True, False]


async def test_parent_only_phone_needs_the_adults_name(context, hardware, staff):
    phone = put_phone(context, hardware, staff, "Maya Patel", "BAG-003", parent_only=True)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        await tap(pilot, f"#phone-{phone.id}")
        await tap(pilot, "#return-selected")
        await tap(pilot, "#to-pupil")
        message = str(app.screen.query_one("#who-message").render())
        assert "may only go to a parent or carer" in message
        await tap(pilot, "#to-adult")
        await tap(pilot, "#key-done")  # no name typed
        assert "full name" in str(app.screen.query_one("#adult-name-message").render())
        assert lock_history(hardware) == [False, True, False]  # refused: nothing opened
        await tap_text(pilot, "Raj Patel")
        await tap(pilot, "#key-done")
        assert isinstance(app.screen, StoreOpenScreen)
    assert context.store.find("phones", phone.id)["returned_to"] == "Raj Patel"
    assert lock_history(hardware) == [False, True, False, True, False]


async def test_return_several_at_once_is_one_pulse(context, hardware, staff):
    phones = [
        put_phone(context, hardware, staff, name, f"BAG-01{n}")
        for n, name in enumerate(("Ava Thompson", "Leo Martin", "Noah Price"))
    ]
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        for phone in phones[:2]:
            await tap(pilot, f"#phone-{phone.id}")
        # A bag label scanned into the list selects that phone too.
        await pilot.press(*phones[2].bag_label.lower(), "enter")
        await pilot.pause()
        assert "Return (3)" in str(app.screen.query_one("#return-selected").label)
        await tap(pilot, "#return-selected")
        await tap(pilot, "#to-pupil")
        assert "once for all of them" in str(app.screen.query_one("#open-body").render())
    assert context.store.live("phones") == []
    assert lock_history(hardware) == [False] + [True, False] * 3 + [True, False]


async def test_unknown_scanned_label_is_explained(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        await pilot.press(*"BAG-999", "enter")
        await pilot.pause()
        assert "No phone in the store has the label BAG-999" in str(
            app.screen.query_one("#return-message").render()
        )


async def test_roll_call_counts_match_the_store(context, hardware, staff):
    from kiosk.domain.visitor_form import check_visitor_form
    from kiosk.services.demo_seed import DEMO_VISITORS
    from kiosk.services.visitors.rules_file import load_rules
    from kiosk.services.visitors.sign_in import sign_in
    from kiosk.services.visitors.sign_out import sign_out_visit

    rules = load_rules(context.config.rules_file)
    visits = [sign_in(context, check_visitor_form(*v)[0], rules) for v in DEMO_VISITORS]
    sign_out_visit(context, visits[0].id, by="name")
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#roll-call")
        assert isinstance(app.screen, RollCallScreen)
        rows = app.screen.people.placed_rows()
        assert len(rows) == len(on_site(context)) == 2
        assert app.screen.count() == (2, 0)
        await tap(pilot, f"#person-{visits[1].id}")
        assert app.screen.count() == (2, 1)
        assert "Still to find: 1" in str(app.screen.query_one("#roll-count").render())
    assert lock_history(hardware) == [False]


async def test_done_ends_the_session(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#staff-done")
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#staff")
        assert isinstance(app.screen, StaffPinScreen)  # a PIN again, not the menu
    actions = [e["action"] for e in context.store.audit_entries()]
    assert actions[-2:] == ["staff-login", "staff-logout"]


async def test_wrong_pin_shows_tries_left(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "1357")
        assert isinstance(app.screen, StaffPinScreen)
        assert "4 tries left" in str(app.screen.query_one("#pin-message").render())
        await pilot.press(*STAFF_PIN, "enter")  # a physical keyboard works too
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StaffMenuScreen)
