"""A school's own bag label prefix (a setting) is recognised when its labels are scanned."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.services.phones.bag_labels import bag_label_texts
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.ui.navigator import BAG_LABEL_MESSAGE
from kiosk.ui.screens.phone_return import PhoneReturnScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import log_in, make_app, tap, type_keys

SIZE = (100, 30)


def lockers(context):
    return replace(context, config=replace(context.config, bag_label_prefix="LOCKER"))


def test_the_prefix_is_checked_at_load(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[phones]\nbag_label_prefix = "my bags"\n')
    with pytest.raises(ConfigError, match="bag_label_prefix"):
        load_config(path)
    path.write_text('[phones]\nbag_label_prefix = "locker"\n')
    assert load_config(path).bag_label_prefix == "LOCKER"
    assert load_config().bag_label_prefix == "BAG"


async def test_a_scanned_locker_label_lands_in_the_bag_field(context, hardware, staff):
    context = lockers(context)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#store-phone")
        await type_keys(pilot, "LOCKER-017", then_enter=True)  # the scanner, on the name step
        assert app.screen.query_one("#bag-label").value == "LOCKER-017"
        assert app.screen.query_one("#pupil-name").value == ""


async def test_a_locker_label_scanned_on_welcome_gets_the_bag_word(context, hardware):
    context = lockers(context)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await type_keys(pilot, bag_label_texts(1, start=5, prefix="LOCKER")[0], then_enter=True)
        assert isinstance(app.screen, WelcomeScreen)
        assert str(app.screen.query_one("#scan-message").render()) == BAG_LABEL_MESSAGE


async def test_a_locker_label_scanned_on_the_return_list_selects_its_phone(
    context, hardware, staff
):
    context = lockers(context)
    details = check_phone_form("Ava Li", "6B", "red nokia", "LOCKER-003", "arrival", False)
    phone = store_phone(context, hardware, details, staff.id)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        assert isinstance(app.screen, PhoneReturnScreen)
        await type_keys(pilot, "locker-003", then_enter=True)
        assert app.screen.selected_ids() == [phone.id]
