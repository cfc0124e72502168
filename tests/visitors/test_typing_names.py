"""Typing names on the form: long names stop at the limit, particles keep the case typed."""

from __future__ import annotations

from kiosk.domain.validation import NAME_MAX, TEXT_MAX
from tests.helpers import SIZE, tap, tap_agree, type_keys

NAME_KEYS = "#key-done"


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


async def tap_keys(pilot, keys: str) -> None:
    """Exactly these keys, as a finger taps them: ^ is Shift, _ is Space."""
    names = {"^": "#key-shift", "_": "#key-space", "'": "#key-apostrophe", "-": "#key-hyphen"}
    for key in keys:
        await tap(pilot, names.get(key, f"#key-{key}"))


async def test_particles_typed_in_lower_case_stay_as_typed_after_the_first_letter(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        name = app.screen.query_one("#name")
        # The keyboard capitalises each word's first letter; Shift taps override it, and a
        # word's later letters are never changed.
        await tap_keys(pilot, "mc^donald_o'^neill")
        assert name.value == "McDonald O'Neill"
        name.value = ""
        await pilot.pause()
        await tap_keys(pilot, "^van_^der_berg")  # unshifted on purpose for "van" and "der"
        assert name.value == "van der Berg"

        # A physical keyboard's lower case stays lower case, and the on-screen keys that
        # follow carry on the word instead of starting a capital in its middle.
        name.value = ""
        await pilot.pause()
        await type_keys(pilot, "van der be")
        await tap_keys(pilot, "rg")
        assert name.value == "van der berg"
        await type_keys(pilot, " ")
        await tap_keys(pilot, "o'neill")
        assert name.value == "van der berg O'neill"
        await tap(pilot, NAME_KEYS)
        assert app.screen.step == "organisation"
        await type_keys(pilot, "Acme", then_enter=True)
        await type_keys(pilot, "Mrs Patel", then_enter=True)
        await type_keys(pilot, "", then_enter=True)
        await tap_agree(pilot)
    [visit] = context.store.live("visits")
    assert visit["name"] == "van der berg O'neill"
