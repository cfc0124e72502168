"""Storing a phone with the roster: two letters, tap the pupil, and the rule is on screen."""

from __future__ import annotations

from kiosk.domain.roster_csv import read_roster
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.pupils.pupil_roster import set_parent_only
from kiosk.services.pupils.roster_import import import_roster
from kiosk.ui.screens.phone_return import PhoneReturnScreen
from kiosk.ui.screens.phone_store import PhoneStoreScreen
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from tests.helpers import log_in, make_app, tap
from tests.helpers import tap_text as type_on_keyboard

SIZE = (80, 24)  # the smallest screen the kiosk supports: the picker must fit beside the keys
ROSTER = (
    "Adno,Surname,Forename,Year,Reg Group\n"
    "001,Smith,Amelia,5,5L\n"
    "002,Smith,Amelia,3,3O\n"  # the same name in another class
    "003,Okafor,Tobi,6,6M\n"
)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def store_journey(pilot, typed: str, pick: str | None, reason: str = "confiscated"):
    app = pilot.app
    await tap(pilot, "#store-phone")
    await type_on_keyboard(pilot, typed)
    if pick:
        await tap(pilot, pick)
    else:
        await tap(pilot, "#key-done")
        await type_on_keyboard(pilot, "6B")
        await tap(pilot, "#key-done")
    assert app.screen.step == "description"
    await type_on_keyboard(pilot, "red phone")
    await tap(pilot, "#key-done")
    await type_on_keyboard(pilot, "bag-1")
    await tap(pilot, "#key-done")
    await tap(pilot, f"#reason-{reason}")


async def test_two_letters_then_tap_the_pupil(context, hardware, staff):
    import_roster(context, read_roster(ROSTER))
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#store-phone")
        await type_on_keyboard(pilot, "A")
        assert not app.screen.query_one("#pupil-picker").display  # one letter: nobody shown
        await type_on_keyboard(pilot, "m")
        labels = [text_of(app, f"#pick-{n}") for n in range(2)]
        assert labels == ["Amelia Smith · Y5 · 5L", "Amelia Smith · Y3 · 3O"]
        await tap(pilot, "#pick-0")
        screen = app.screen
        assert isinstance(screen, PhoneStoreScreen) and screen.step == "description"
        assert screen.input("class-name").value == "5L"
        await type_on_keyboard(pilot, "red phone")
        await tap(pilot, "#key-done")
        await type_on_keyboard(pilot, "bag-1")
        await tap(pilot, "#key-done")
        await tap(pilot, "#reason-confiscated")
        assert text_of(app, "#rule-message") == (
            "Amelia's 1st confiscation this term: it goes back to the pupil at the end of the day"
        )
        await tap(pilot, "#reason-next")
        await tap(pilot, "#key-done")
        assert "Rule:         Amelia's 1st confiscation" in text_of(app, "#summary")
        assert "(not on roster)" not in text_of(app, "#summary")
        await tap(pilot, "#save")
        assert isinstance(app.screen, StoreOpenScreen)
    [record] = context.store.live("phones")
    assert (record["pupil_id"], record["pupil_name"], record["class_name"]) == (
        "001", "Amelia Smith", "5L",
    )  # fmt: skip
    assert (record["count_in_term"], record["rule_count"], record["parent_only"]) == (1, 1, False)


async def test_second_confiscation_says_a_parent_must_collect_and_return_enforces_it(
    context, hardware, staff
):
    import_roster(context, read_roster(ROSTER))
    details = check_phone_form("Tobi Okafor", "6M", "phone", "BAG-9", "confiscated", False,
                               pupil_id="003")  # fmt: skip
    first = store_phone(context, hardware, details, staff.id)
    hardware.lock.lock()
    context.clock.advance(hours=1)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await store_journey(pilot, "To", "#pick-0")
        assert text_of(app, "#rule-message") == (
            "Tobi's 2nd confiscation this term: a parent or carer must collect it"
        )
        assert "☑" in text_of(app, "#parent-only")  # ticked by the rule, not by staff
        await tap(pilot, "#parent-only")  # staff cannot untick what the rule requires
        assert "☑" in text_of(app, "#parent-only")
        # ... and are told why, rather than the tap seeming to do nothing (issue 27).
        assert text_of(app, "#reason-message") == (
            "It stays ticked: the school's rule for this confiscation is that a parent or "
            "carer must collect it."
        )
        await tap(pilot, "#reason-next")
        await tap(pilot, "#key-done")
        assert "Give back to: a parent or carer only" in text_of(app, "#summary")
        await tap(pilot, "#save")
        await tap(pilot, "#open-done")
    second = next(r for r in context.store.live("phones") if r["id"] != first.id)
    assert (second["count_in_term"], second["parent_only"]) == (2, True)


async def test_a_name_not_on_the_roster_still_works(context, hardware, staff):
    import_roster(context, read_roster(ROSTER))
    set_parent_only(context, "001", True)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await store_journey(pilot, "Zac Lee", None, reason="arrival")
        assert "does not count" in text_of(app, "#rule-message")
        assert "Not on the roster" in text_of(app, "#rule-message")
        await tap(pilot, "#reason-next")
        await tap(pilot, "#key-done")
        assert "Zac Lee (not on roster)" in text_of(app, "#summary")
        await tap(pilot, "#save")
        assert isinstance(app.screen, StoreOpenScreen)
    [record] = context.store.live("phones")
    assert (record["pupil_id"], record["pupil_name"], record["count_in_term"]) == ("", "Zac Lee", 0)


async def test_the_roster_parent_only_flag_ticks_itself(context, hardware, staff):
    import_roster(context, read_roster(ROSTER))
    set_parent_only(context, "003", True)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await store_journey(pilot, "Ok", "#pick-0", reason="arrival")
        assert "The roster says Tobi's phone goes to a parent or carer only." in text_of(
            app, "#rule-message"
        )
        assert "☑" in text_of(app, "#parent-only")
        await tap(pilot, "#parent-only")
        assert "☑" in text_of(app, "#parent-only")
        assert text_of(app, "#reason-message") == (
            "It stays ticked: the roster says this pupil's phone goes to a parent or carer only."
        )
    assert isinstance(PhoneReturnScreen, type)
