"""Typing names on the form: long names stop at the limit, particles keep the case typed."""

from __future__ import annotations

from kiosk.domain.validation import NAME_MAX, TEXT_MAX
from tests.helpers import SIZE, tap, type_keys


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_a_long_name_stops_at_the_limit_instead_of_failing_at_next(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await type_keys(pilot, "a" * 200)  # a stuck key, or a visitor leaning on it
        name = app.screen.query_one("#name")
        assert len(name.value) == NAME_MAX
        await tap(pilot, "#key-b")  # the on-screen keyboard stops there too
        assert name.value == "a" * NAME_MAX
        await tap(pilot, "#key-done")
        assert text_of(app, "#name-message") == ""
        assert app.screen.step == "organisation"
        await type_keys(pilot, "o" * 200)
        assert len(app.screen.query_one("#organisation").value) == TEXT_MAX
        await tap(pilot, "#key-done")
        assert app.screen.step == "host"
