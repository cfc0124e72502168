"""The staff forms' boxes stop at each field's own limit, as the visitor form's do."""

from __future__ import annotations

from kiosk.domain.validation import NAME_MAX
from kiosk.services.phones.phone_store import CLASS_MAX, LABEL_MAX, check_phone_form, store_phone
from tests.helpers import log_in, make_app, tap, type_keys

SIZE = (100, 30)


async def test_store_form_boxes_stop_at_the_limit_the_check_would_apply(context, hardware, staff):
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#store-phone")
        for field, limit in (
            ("pupil-name", NAME_MAX),
            ("class-name", CLASS_MAX),
            ("description", None),
            ("bag-label", LABEL_MAX),
        ):
            await type_keys(pilot, "a" * 120)
            box = app.screen.query_one(f"#{field}")
            if limit is not None:
                assert len(box.value) == limit, field
            box.value = box.value[:20]
            await tap(pilot, "#key-done")
            assert not str(app.screen.query_one(f"#{field}-message").render()), field


async def test_collecting_adults_name_box_stops_at_a_names_limit(context, hardware, staff):
    details = check_phone_form("Maya Patel", "6B", "white pixel", "BAG-3", "confiscated", True)
    phone = store_phone(context, hardware, details, staff.id)
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        await tap(pilot, f"#phone-{phone.id}")
        await tap(pilot, "#return-selected")
        await tap(pilot, "#to-adult")
        await type_keys(pilot, "b" * 120)
        assert len(app.screen.query_one("#adult-name").value) == NAME_MAX
