"""Every name typeable by finger: the accent key and the full stop on the on-screen keyboard."""

from __future__ import annotations

import pytest

from kiosk.domain.accented_letters import accented_forms, base_letter
from kiosk.domain.validation import person_name
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.testing import tap_point
from kiosk.ui.widgets.touch_keyboard import ACCENT_HINT, KeyCap, TouchKeyboard
from tests.helpers import SIZE, beat, tap, tap_text

SMALL = (80, 24)
# The letters of each language the issue names (besides a-z), small and capital.
LANGUAGES = {
    "Polish": "ąćęłńóśźż",
    "Romanian": "ăâîșț",
    "Lithuanian": "ąčęėįšųūž",
    "Portuguese": "áàâãçéêíóôõú",
    "Spanish": "áéíñóúü",
    "French": "àâæçéèêëîïôœùûüÿ",
    "German": "äöüß",
    "Irish": "áéíóú",
    "Turkish": "çğıöşüİ",
    "Nordic": "åäæøöðþáéíóúý",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_letter_of_the_named_languages_is_on_the_accent_layer(language):
    for letter in LANGUAGES[language]:
        cases = {letter} if letter in "ßıİ" else {letter, letter.upper()}
        for form in cases:
            plain = base_letter(form)
            assert plain, f"{form} ({language}) has no key"
            assert form in accented_forms(plain)
            assert len(accented_forms(plain)) <= 10


def accent_key(keyboard: TouchKeyboard) -> KeyCap:
    [key] = [k for k in keyboard.shown_keys() if k.key_id == "key-accents"]
    return key


async def tap_name(pilot, name: str) -> None:
    """Type a name by finger only: a plain letter, then the accent key and the accented one."""
    for character in name:
        plain = base_letter(character)
        if not plain:
            await tap_text(pilot, character)
            continue
        await tap_text(pilot, plain)
        await tap(pilot, "#key-accents")
        shown = pilot.app.screen.query_one(TouchKeyboard).shown_keys()
        [key] = [k for k in shown if k.key_id.startswith("key-accent-") and k.label == character]
        await tap(pilot, f"#{key.key_id}")


NAMES = [
    "Zoë Lane",
    "Siobhán O'Neill",
    "José Nuñez",
    "Łukasz Żółć",
    "Ștefan Țurcanu",
    "Anna Müller",
    "Øyvind Åsa",
    "Şule Ğ. Y\N{LATIN SMALL LETTER DOTLESS I}ldiz",
    "İpek Çelik",
    "Žaneta Šťastná",
    "Þóra Guðrún",
    "J. R. Smith",
]


async def test_accented_names_and_full_stops_are_typed_by_finger_and_accepted(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        box = app.screen.query_one("#name")
        for name in NAMES:
            box.value = ""
            await pilot.pause()
            await tap_name(pilot, name)
            assert box.value == name
            assert person_name(box.value) == name  # validation accepts it
        await tap(pilot, "#key-done")
        assert app.screen.step == "organisation"


async def test_the_accent_key_offers_the_letter_just_typed_and_closes_on_another_key(app):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        keyboard = app.screen.query_one(TouchKeyboard)
        await tap_text(pilot, "Zoe")
        assert accent_key(keyboard).label.startswith("é è ê")
        await tap(pilot, "#key-accents")
        assert keyboard.accents_showing == accented_forms("e")
        await pilot.pause()
        assert tap_point(app, "#key-q") is None  # the accents stand in for q..p
        await tap(pilot, "#key-l")  # any other key types as usual and closes the layer
        assert keyboard.accents_showing == ""
        assert app.screen.query_one("#name").value == "Zoel"
        await pilot.pause()
        assert tap_point(app, "#key-q") is not None


@pytest.mark.parametrize("size", [SMALL, SIZE])
async def test_keys_stay_finger_sized_and_the_keyboard_keeps_its_height(app, size):
    async with app.run_test(size=size) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        keyboard = app.screen.query_one(TouchKeyboard)
        await tap_text(pilot, "a")
        await pilot.pause()
        height = keyboard.region.height
        assert height == 12  # the name step: three letter rows and the bottom row, 3 each
        for layer in ("letters", "accents"):
            shown = keyboard.placed_keys()
            assert shown, layer
            for key in shown:
                region = key.region
                assert region.height >= 3 and region.width >= 6, (layer, key.cap.key_id, region)
                assert keyboard.region.contains_region(region.translate(keyboard.region.offset))
            assert keyboard.region.height == height
            await tap(pilot, "#key-accents")
            await pilot.pause()


async def test_the_next_visitor_gets_the_plain_letters_not_the_last_ones_accents(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Zoe")
        await tap(pilot, "#key-accents")
        assert app.screen.query_one(TouchKeyboard).accents_showing
        await beat(pilot, context.config.idle_timeout_seconds)  # warned, then...
        await beat(pilot, context.config.idle_timeout_seconds)  # ...reset for the next visitor
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        keyboard = app.screen.query_one(TouchKeyboard)
        assert keyboard.accents_showing == ""
        assert accent_key(keyboard).label == ACCENT_HINT
        await pilot.pause()
        assert tap_point(app, "#key-q") is not None
