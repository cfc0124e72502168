"""After a return, Done goes back to the list without the returned phones (issue 12)."""

from __future__ import annotations

from kiosk.ui.screens.phone_return import PhoneReturnScreen, PhoneRow
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.testing import point_when_shown, post_tap, settle
from tests.helpers import log_in, make_app, put_phone, tap

SIZE = (100, 40)


async def test_done_shows_only_the_phones_still_held_none_selected(context, hardware, staff):
    phones = [
        put_phone(context, hardware, staff, name, f"BAG-02{n}")
        for n, name in enumerate(("Ava Thompson", "Leo Martin", "Noah Price"))
    ]
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        for phone in phones[:2]:
            await tap(pilot, f"#phone-{phone.id}")
        await tap(pilot, "#return-selected")
        await tap(pilot, "#to-pupil")
        assert isinstance(app.screen, StoreOpenScreen)
        await tap(pilot, "#open-done")
        await pilot.pause()
        assert isinstance(app.screen, PhoneReturnScreen)
        rows = list(app.screen.query(PhoneRow))
        assert [row.phone.id for row in rows] == [phones[2].id]
        assert not rows[0].selected
        text = str(rows[0].render())
        assert "☐" in text
        assert "Return (0)" in str(app.screen.query_one("#return-selected").label)
        shown = app.screen.query_one("#step-title").render()
        assert "1 in the store" in str(shown)


class FakeTapClock:
    """The tap guard's clock (a finger's double tap is real time, so it has its own)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_a_double_tap_on_done_selects_nothing_on_the_list(context, hardware, staff):
    """A touchscreen often sends a tap twice: the second half lands on the list, which must
    not select the phone that happens to be under Done."""
    phones = [
        put_phone(context, hardware, staff, f"Pupil {name}", f"BAG-03{n}")
        for n, name in enumerate("ABCDEFGH")
    ]
    tap_clock = FakeTapClock()
    app = make_app(context, hardware)
    app.tap_guard = TapGuard(0, tap_clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await tap(pilot, "#return-phones")
        for phone in phones[:2]:
            await tap(pilot, f"#phone-{phone.id}")
        await tap(pilot, "#return-selected")
        await tap(pilot, "#to-pupil")
        assert isinstance(app.screen, StoreOpenScreen)
        app.tap_guard.seconds = 0.5
        tap_clock.now += 5
        # Textual's own 0.2 s press effect would hide our guard: switch it off for this test.
        app.screen.query_one("#open-done").active_effect_duration = 0
        x, y = await point_when_shown(pilot, "#open-done")
        await tap(pilot, "#open-done")
        assert isinstance(app.screen, PhoneReturnScreen)
        assert isinstance(app.get_widget_at(x, y)[0], PhoneRow), "a row lies under Done"
        tap_clock.now += 0.1
        post_tap(app, x, y)
        await settle(pilot)
        await pilot.pause()
        assert [row.phone.id for row in app.screen.query(PhoneRow)] == [p.id for p in phones[2:]]
        assert app.screen.selected_ids() == []
        assert "Return (0)" in str(app.screen.query_one("#return-selected").label)
        # A deliberate tap a moment later still selects.
        tap_clock.now += 1
        post_tap(app, x, y)
        await settle(pilot)
        assert len(app.screen.selected_ids()) == 1
