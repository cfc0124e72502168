"""A visitor agrees only to what was on screen (issue 20, item 1).

Visitors of every type, and regular visitors scanning their cards, sign in one after another
on one kiosk (the rules screen is kept between them), at each screen size the kiosk meets.
For each: until the end of *their own* text has been on screen the button reads "Read on";
the visit records exactly the documents they were shown, and the export says so.

The sequences run again in every language the kiosk ships (issue 28): each visitor chooses
it on welcome (it lasts for one visitor) and reads the school's translation. A new language
goes in LANGUAGES with its button labels in LABELS.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from kiosk.services.admin.export_records import export_rows
from kiosk.services.outputs.date_range import DateRange
from kiosk.services.regulars.regular_visitors import add_regular
from kiosk.services.visitors.rules_file import agreements_for, load_rules
from kiosk.ui.language import spoken
from kiosk.ui.screens.rules import AGREE_LABEL, READ_ON_LABEL, RulesScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import make_app, tap, tap_read_on, tap_sign_in, type_keys

LANGUAGES = ["en", "pl"]
LABELS = {
    "en": {"agree": AGREE_LABEL, "read-on": READ_ON_LABEL},
    "pl": {"agree": "Zgadzam się", "read-on": "Czytaj dalej ▼"},
}

# name: (columns, rows), [display] text_size. Large text is 80x24 cells on the 7" panel.
SCREENS = {
    "80x24": ((80, 24), "normal"),
    "80x25": ((80, 25), "normal"),
    "100x30": ((100, 30), "normal"),
    "large": ((80, 24), "large"),
}

# Each answer list is what the form asks that type: governors and parent helpers have no
# organisation step.
FORMS = {
    "visitor": ["Ann Lee", "Acme", "Head", ""],
    "contractor": ["Bo Kirk", "Roofs", "Head", ""],
    "parent-helper": ["Cy Dee", "Year 2", ""],
    "supply-staff": ["Di Fox", "Agency", "Year 4", ""],
    "governor": ["Ed Gee", "Head", ""],
}
# Every change of text the kept screen can meet: rules only after rules only, rules and
# documents after rules only and back, the same again, and cards of both kinds between.
SEQUENCE = [
    ("form", "visitor"),
    ("form", "contractor"),
    ("form", "visitor"),
    ("card", "contractor"),
    ("form", "parent-helper"),
    ("form", "contractor"),
    ("form", "contractor"),
    ("form", "supply-staff"),
    ("card", "governor"),
    ("form", "governor"),
    ("form", "contractor"),
]


async def use_language(pilot: Any, language: str) -> None:
    """This visitor chooses `language` on welcome (the kiosk is in English for each new one)."""
    assert language in LABELS, f"add {language}'s labels to LABELS"
    assert spoken().code == "en", "the last visitor's language was kept"
    if language != "en":
        await tap(pilot, "#language")  # the one tap: only English and Polish are offered
        await pilot.pause()
    assert spoken().code == language


def expected_documents(context: Any, visitor_type: str, language: str) -> dict[str, str]:
    config = context.config
    shown = agreements_for(config.agreements, visitor_type, config.tz, language)
    assert all(d.language == language for d in shown), "every shipped document is translated"
    return {d.name: d.version for d in shown}


async def settle_rules(pilot: Any, labels: dict[str, str]) -> None:
    """Let the rules screen lay out this visitor's text, checking at every step that I agree is
    not offered while the end of their text has not been on screen."""
    screen = pilot.app.screen
    assert isinstance(screen, RulesScreen)
    for _ in range(50):
        if screen.measuring:  # laid out and scrolled home: what is on screen is theirs
            break
        await pilot.pause()
        scroll = screen.query_one("#rules-scroll")
        label = str(screen.query_one("#agree").label)
        if scroll.max_scroll_y > 0:
            assert label == labels["read-on"], "I agree offered before the text was read"
        assert label in (labels["agree"], labels["read-on"])
    assert screen.measuring, "this visitor's text was never laid out"
    scroll = screen.query_one("#rules-scroll")
    assert scroll.scroll_y == 0, "each visitor starts at the top"
    fits = scroll.max_scroll_y == 0
    assert str(screen.query_one("#agree").label) == labels["agree" if fits else "read-on"]


async def read_and_agree(pilot: Any, labels: dict[str, str]) -> int:
    """Read on until I agree (checking the end is on screen then), tap it; the Read on taps."""
    screen = pilot.app.screen
    scroll = screen.query_one("#rules-scroll")
    agree = screen.query_one("#agree")
    taps = 0
    while str(agree.label) == labels["read-on"]:
        assert scroll.scroll_y < scroll.max_scroll_y or scroll.max_scroll_y == 0
        await tap_read_on(pilot)
        taps += 1
        assert taps < 40, "Read on never reached the end"
    assert str(agree.label) == labels["agree"]
    assert scroll.scroll_y == scroll.max_scroll_y, "I agree only once the end is on screen"
    await tap(pilot, "#agree")
    return taps


def test_the_sequences_run_in_every_shipped_language() -> None:
    """A catalogue shipped later cannot be left out of the sequences below."""
    from kiosk.services.languages import SHIPPED_CATALOGUES

    shipped = sorted(p.parent.parent.name for p in SHIPPED_CATALOGUES.glob("*/LC_MESSAGES/*.mo"))
    assert ["en", *shipped] == LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen_name", list(SCREENS))
async def test_each_visitor_in_a_row_agrees_only_to_what_they_read(
    context, language: str, screen_name: str
) -> None:
    size, text_size = SCREENS[screen_name]
    config = context.config
    context.config = replace(config, display=replace(config.display, text_size=text_size))
    labels = LABELS[language]
    cards = {
        kind: add_regular(context, f"Reg {kind.title()}", kind, organisation="Org", host="Head")[1]
        for kind in ("contractor", "governor")
    }
    rules_version = load_rules(context.config.rules_file, language).version
    wanted: list[dict[str, str]] = []
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        for how, visitor_type in SEQUENCE:
            assert isinstance(app.screen, WelcomeScreen)
            await use_language(pilot, language)
            if how == "card":
                await type_keys(pilot, cards[visitor_type], then_enter=True)
            else:
                await tap_sign_in(pilot, visitor_type, FORMS[visitor_type])
            await settle_rules(pilot, labels)
            scroll = app.screen.query_one("#rules-scroll")
            long_text = scroll.max_scroll_y > 0
            taps = await read_and_agree(pilot, labels)
            assert (taps > 0) == long_text, (how, visitor_type)
            assert isinstance(app.screen, PassScreen), (how, visitor_type)
            wanted.append(expected_documents(context, visitor_type, language))
            await tap(pilot, "#pass-done")
            context.clock.advance(minutes=1)  # the export lists them in the order they came
    rows = export_rows(context, "visits", DateRange(None, None))
    assert [row["agreements"] for row in rows] == wanted
    assert {row["rules_version"] for row in rows} == {rules_version}
    assert {(row["language"], row["rules_language"]) for row in rows} == {(language, language)}
    assert [row["visitor_type"] for row in rows] == [t for _, t in SEQUENCE]


async def test_only_documents_whose_end_was_on_screen_count_as_shown(context) -> None:
    """Part way down a contractor's text the rules have been read, the documents not: the
    screen reports the documents as shown (and so agreed) only once their end is reached."""
    documents = agreements_for(context.config.agreements, "contractor", context.config.tz)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await tap_sign_in(pilot, "contractor", FORMS["contractor"])
        await settle_rules(pilot, LABELS["en"])
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        seen: list[list[str]] = []
        while not screen.read_to_end:
            seen.append([d.name for d in screen.shown_documents()])
            await tap_read_on(pilot)
        assert seen[0] == [], "nothing but the top of the rules on the first page"
        assert [] in seen and ["asbestos-register"] in seen  # one document after the other
        assert screen.shown_documents() == documents
