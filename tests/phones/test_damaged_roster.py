"""Issue 20.2 on the touchscreen: a damaged pupil record or regular visitor is skipped, and
counted on the staff screen; staff typing two letters, or a card scanned, carry on."""

from __future__ import annotations

from kiosk.domain.roster_csv import read_roster
from kiosk.services.pupils.roster_import import import_roster
from kiosk.services.regulars.regular_visitors import add_regular
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.phone_store import PhoneStoreScreen
from kiosk.ui.screens.rules import RulesScreen
from tests.helpers import log_in, make_app, tap, tap_text, type_keys
from tests.store_files import plant, spoil

ROSTER = "Adno,Surname,Forename,Year,Reg Group\n001,Lee,Pippa,5,5L\n"


async def test_two_letters_with_a_pupil_missing_year_and_class(context, hardware, staff):
    import_roster(context, read_roster(ROSTER))
    plant(context.store, "pupils", {"id": "P9901", "forename": "Pip", "surname": "Leaky"})
    app = make_app(context, hardware)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        await tap(pilot, "#store-phone")
        await tap_text(pilot, "Pi")
        assert isinstance(app.screen, PhoneStoreScreen)
        picked = str(app.screen.query_one("#pick-0").render())
        assert picked.startswith("Pippa Lee")
        assert not [w for w in app.screen.query("#pick-1") if w.display]  # not Pip Leaky
    assert [bad.label for bad in context.store.skipped.values()] == ["id P9901"]


async def test_a_card_scanned_beside_a_damaged_regular_visitor(context):
    _, code = add_regular(context, "Ann Lee", "governor", host="Head")
    broken, broken_code = add_regular(context, "Bob Ray", "governor", host="Head")
    spoil(context.store, "regulars", broken.id, "expires_on", "soon")
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, broken_code, then_enter=True)
        assert isinstance(app.screen, MessageScreen)  # calmly: not the fault screen
        assert str(app.screen.query_one("#message-title").render()).startswith(
            "This card is not recognised."
        )
        await tap(pilot, "#ok")
        await type_keys(pilot, code, then_enter=True)
        assert isinstance(app.screen, RulesScreen)
