"""Whatever is typed or pasted into the sign-in form: a friendly message or a clean stored
value, never a crash."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.validation import NAME_MAX, TEXT_MAX, clean_text, person_name
from kiosk.domain.visitor_form import check_visitor_form
from kiosk.errors import ValidationError
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from tests.helpers import SIZE, tap, tap_agree

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=300)
NASTY = st.one_of(
    ANY_TEXT,
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=50),
    st.text(alphabet=st.characters(categories=["So", "Sk", "Mn"]), max_size=50),  # emoji, marks
    st.just("x" * 5000),
    st.just("é" * 5000),
    st.just(""),
)
TYPES = st.sampled_from([*VISITOR_TYPES, "", "nonsense"])


def is_clean(value: str) -> bool:
    return (
        value == value.strip()
        and "  " not in value
        and not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in value)
    )


@settings(max_examples=400, deadline=None)
@given(TYPES, NASTY, NASTY, NASTY, NASTY)
@example("visitor", "  Anne-Marie  O\u2019Brien\t", "Acme", "Mrs Patel", " ab12 cde ")
@example("visitor", "Zoë\u200b Smith\x00", "\u202eevil", "Year 2", "")
@example("contractor", "👩‍🔧 Sam", "🏗️", "Office", "💥")
def test_the_form_gives_messages_or_clean_values(visitor_type, name, organisation, host, car):
    details, errors = check_visitor_form(visitor_type, name, organisation, host, car)
    if details is None:
        assert errors
        assert set(errors) <= {"visitor-type", "name", "organisation", "host", "car-reg"}
        for message in errors.values():
            assert message and len(message) < 200 and message.isprintable()
        return
    assert errors == {}
    assert 0 < len(details.name) <= NAME_MAX
    assert len(details.organisation) <= TEXT_MAX and len(details.host) <= TEXT_MAX
    for value in (details.name, details.organisation, details.host, details.car_reg):
        assert is_clean(value)
    assert any(unicodedata.category(c).startswith("L") for c in details.name)
    assert details.car_reg == details.car_reg.upper()


@given(ANY_TEXT)
def test_cleaning_is_idempotent_and_never_grows_control_characters(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert is_clean(once)


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lo"]), min_size=1, max_size=20))
def test_names_in_any_script_are_accepted(word):
    name = f"{word} {word}"
    details, errors = check_visitor_form("visitor", name, "Acme", "Office", "")
    if len(clean_text(name)) <= NAME_MAX:
        assert "name" not in errors
        assert details is not None and details.name == clean_text(name)


def test_an_overlong_name_is_refused_with_a_message_not_cut():
    details, errors = check_visitor_form("visitor", "A" * 5000, "Acme", "Office", "")
    assert details is None
    assert "too long" in errors["name"]


UI_EXAMPLES = [
    ("x" * 5000, "name", "too long"),
    ("\x00\x1b[31m\u202e", "name", "letter"),
    ("🦄🦄", "name", "letter"),
    ("Zoë\u200b  Smith\t", None, "Zoë Smith"),
    ("   ", "name", "Please enter"),
]


@pytest.mark.parametrize(
    ("pasted", "field", "expected"),
    UI_EXAMPLES,
    ids=["5000-chars", "control-chars", "emoji", "zero-width-and-tabs", "spaces"],
)
async def test_pasted_text_through_the_screen_gives_a_message_or_a_clean_value(
    app, context, pasted, field, expected
):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        app.screen.query_one("#name").value = pasted  # as a paste or a stuck key would leave it
        await tap(pilot, "#key-done")
        assert app.is_running and isinstance(app.screen, SignInScreen)
        if field is not None:
            message = str(app.screen.query_one(f"#{field}-message").render())
            assert expected in message
            assert app.screen.query_one("#name").value == pasted  # kept for correcting
            return
        await pilot.press(*"Acme", "enter", *"Office", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)
        await tap_agree(pilot)
        await pilot.pause()
    [visit] = context.store.live("visits")
    assert visit["name"] == expected


def test_the_name_message_lists_every_kind_of_character_allowed():
    with pytest.raises(ValidationError) as refused:
        person_name("J0hn Smith")
    message = str(refused.value)
    for allowed in ("letters", "spaces", "hyphens", "apostrophes", "full stops"):
        assert allowed in message
    assert person_name("J. R. O'Neill-Smith") == "J. R. O'Neill-Smith"
