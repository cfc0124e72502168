"""The visitor's own language (issue 28): chosen on welcome in one tap, for one visitor; the
screens from the catalogues, the rules from the school's translation (or the English, saying
so), and the visit recording which language each part was in."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.languages import ENGLISH
from kiosk.domain.rules import rules_version
from kiosk.services.admin.export_records import export_rows
from kiosk.services.outputs.csv_safety import to_csv
from kiosk.services.outputs.date_range import DateRange
from kiosk.services.regulars.regular_visitors import CardSignIn, add_regular, scan_card
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_cards import issue_card
from kiosk.services.visitors.rules_file import load_rules
from kiosk.ui.language import spoken
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from kiosk.ui.screens.staff_sign import StaffSignScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard
from tests.helpers import (
    STAFF_PIN,
    beat,
    make_app,
    rules_laid_out,
    tap,
    tap_agree,
    tap_read_on,
    tap_sign_in,
    tap_text,
    type_keys,
)
from tests.screen_check import label_problems, placement_problems, size_problems
from tests.ui.test_keyboard_accents import tap_name

SHARE = Path(__file__).resolve().parents[2] / "data"


def text_of(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def label_of(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector).label)


async def choose_polish(pilot: Any) -> None:
    await tap(pilot, "#language")
    await pilot.pause()


# --- the choice ------------------------------------------------------------------------------


async def test_one_tap_on_welcome_puts_every_word_in_polish(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert label_of(app, "#language") == "Polski"  # named in itself
        assert label_of(app, "#sign-in") == "Sign in"
        await tap(pilot, "#language")  # the one tap
        await pilot.pause()
        assert spoken().code == "pl"
        assert label_of(app, "#sign-in") == "Wpisz się"
        assert label_of(app, "#sign-out") == "Wypisz się"
        assert label_of(app, "#fire-roll-call") == "Lista ewakuacyjna"
        assert label_of(app, "#staff") == "Staff"  # it leads to English screens
        assert label_of(app, "#language") == "English"  # the way back, named in itself
        assert "Witamy!" in text_of(app, "#welcome-hint")
        assert text_of(app, "#clock").startswith("Środa, 25 listopada 2026")
        await tap(pilot, "#language")
        await pilot.pause()
        assert label_of(app, "#sign-in") == "Sign in"
        assert text_of(app, "#clock").startswith("Wednesday 25 November 2026")


async def test_the_sign_in_steps_pass_and_goodbye_speak_polish(app, context) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_polish(pilot)
        await tap(pilot, "#sign-in")
        assert isinstance(app.screen, SignInScreen)
        assert label_of(app, "#type-visitor") == "Gość"
        assert "Jaki jest cel Twojej wizyty?" in text_of(app, "#step-prompt")
        await tap(pilot, "#type-visitor")
        await tap(pilot, "#key-done")  # an empty name: the message is Polish too
        assert text_of(app, "#name-message") == "Wpisz swoje imię i nazwisko."
        assert "krok 1 z 4" in text_of(app, "#step-title")
        await tap(pilot, "#cancel")  # nothing typed: straight home, in English again
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and spoken() == ENGLISH

        await choose_polish(pilot)
        await tap_sign_in(pilot, "parent-helper", ["Ann Lee", "Year 2", ""])
        assert isinstance(app.screen, RulesScreen)
        assert "Telefony i aparaty w naszej szkole" in app.screen.texts[0]
        await tap_agree(pilot)
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)
        assert text_of(app, "#pass-title") == "Wejście zarejestrowane"
        assert text_of(app, "#pass-lanyard").startswith("Weź CZERWONĄ smycz")
        await tap(pilot, "#pass-done")
        await pilot.pause()
        assert spoken() == ENGLISH and label_of(app, "#sign-in") == "Sign in"

        await choose_polish(pilot)
        [visit] = context.store.live("visits")
        await type_keys(pilot, visit["pass_token"], then_enter=True)  # the pass scanned
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert text_of(app, "#message-title") == "Do widzenia, Ann."
        assert text_of(app, "#message-body") == (
            "Wypisano o 08:45, dziękujemy. Oddaj smycz w recepcji."
        )
        await tap(pilot, "#ok")
        await pilot.pause()
        assert spoken() == ENGLISH


async def test_a_name_typed_in_polish_is_kept_as_typed(app, context) -> None:
    """The keyboard's letters are the same in every language (only Shift, Delete, Space and
    Next are named in the visitor's); the name is recorded exactly as typed by finger."""
    async with app.run_test(size=(80, 24)) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-parent-helper")
        english_keys = [k.label for k in app.screen.query_one(TouchKeyboard).shown_keys()]
        await tap(pilot, "#cancel")
        await pilot.pause()
        await choose_polish(pilot)
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-parent-helper")
        polish_keys = [k.label for k in app.screen.query_one(TouchKeyboard).shown_keys()]
        changed = {(e, p) for e, p in zip(english_keys, polish_keys, strict=True) if e != p}
        assert {e for e, _ in changed} <= {"⇧ Shift", "⌫ Delete", "Space", "Next ▶"}
        await tap_name(pilot, "Łukasz Żółć")
        await tap(pilot, "#key-done")
        await tap_text(pilot, "Year 2")
        await tap(pilot, "#key-done")
        await tap(pilot, "#key-done")  # no car
        await tap_agree(pilot)
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)
    [visit] = context.store.live("visits")
    assert visit["name"] == "Łukasz Żółć" and visit["language"] == "pl"


async def test_the_choice_is_for_one_visitor(app, context) -> None:
    """Welcome goes back to English for the next visitor: after the pass, after an idle
    sign-in, and after someone chose a language on welcome and walked away."""
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_polish(pilot)
        await tap(pilot, "#sign-in")
        await beat(pilot, context.config.idle_timeout_seconds + 1)
        assert isinstance(app.screen, WelcomeScreen)
        assert spoken() == ENGLISH and label_of(app, "#sign-in") == "Sign in"

        await choose_polish(pilot)
        await beat(pilot, context.config.idle_timeout_seconds - 1)
        assert label_of(app, "#sign-in") == "Wpisz się"  # still reading it
        await beat(pilot, 2)
        assert spoken() == ENGLISH and label_of(app, "#sign-in") == "Sign in"

        # The kept screens are shown in English again too.
        await tap(pilot, "#sign-in")
        assert label_of(app, "#type-visitor") == "Visitor"
        assert label_of(app, "#cancel") == "Cancel"


async def test_staff_screens_stay_english(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_polish(pilot)
        await tap(pilot, "#staff")
        await pilot.pause()
        assert isinstance(app.screen, StaffPinScreen)
        assert spoken() == ENGLISH


async def test_staff_signing_at_the_foyer_is_english_after_a_visitor_chose_polish(
    app, context
) -> None:
    """I work here and a staff card lead to English screens and messages, the message's own
    words included, whatever the last person on welcome chose."""
    sam = add_staff(context, "Sam Patel", STAFF_PIN, actor="test", role="Teacher")
    _, code = issue_card(context, sam.id, actor="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_polish(pilot)
        assert label_of(app, "#i-work-here") == "I work here"  # staff words stay English
        await tap(pilot, "#i-work-here")
        await pilot.pause()
        assert isinstance(app.screen, StaffSignScreen)
        assert spoken() == ENGLISH
        await tap(pilot, "#staff-sign-cancel")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)

        await choose_polish(pilot)
        await type_keys(pilot, code, then_enter=True)  # a staff card on Polish welcome
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert text_of(app, "#message-title").startswith("Good morning, Sam")
        assert spoken() == ENGLISH


async def governor_journey(context: Any, polish: bool) -> int:
    """A governor from welcome to the pass's Done, counting taps (the name and host are put in
    their boxes directly: the keyboard's taps are the same in both languages)."""
    taps = 0

    async def counted(pilot: Any, selector: str) -> None:
        nonlocal taps
        taps += 1
        await tap(pilot, selector)

    async with make_app(context).run_test(size=(80, 24)) as pilot:
        if polish:
            await counted(pilot, "#language")
        await counted(pilot, "#sign-in")
        await counted(pilot, "#type-governor")
        for _ in range(2):
            pilot.app.screen.input(pilot.app.screen.step).value = "Ann Lee"
            await counted(pilot, "#key-done")
        await counted(pilot, "#key-done")  # no car
        await rules_laid_out(pilot)
        while str(pilot.app.screen.query_one("#agree").label) not in ("I agree", "Zgadzam się"):
            taps += 1
            await tap_read_on(pilot)
        await counted(pilot, "#agree")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PassScreen)
        await counted(pilot, "#pass-done")
    return taps


async def test_the_journey_takes_no_more_taps_in_polish(context) -> None:
    """Choosing the language is the one extra tap; the rest is the same journey."""
    english = await governor_journey(context, polish=False)
    polish = await governor_journey(context, polish=True)
    assert polish == english + 1


# --- the school's translations ---------------------------------------------------------------


def school_folder(tmp_path: Path, *, translate_rules: bool, translate_induction: bool) -> Any:
    """A school's own rules and a contractor's documents, some translated."""
    folder = tmp_path / "school"
    (folder / "agreements").mkdir(parents=True)
    rules = folder / "rules.md"
    rules.write_text((SHARE / "rules.md").read_text())
    if translate_rules:
        (folder / "rules.pl.md").write_text((SHARE / "rules.pl.md").read_text())
    asbestos = folder / "agreements" / "asbestos-register.md"
    asbestos.write_text((SHARE / "agreements" / "asbestos-register.md").read_text())
    induction = folder / "agreements" / "site-induction.md"
    induction.write_text("# Site induction\n\nWear your lanyard.\n")
    if translate_induction:
        (folder / "agreements" / "site-induction.pl.md").write_text(
            "# Szkolenie wstępne\n\nNoś smycz.\n"
        )
    return rules, (asbestos, induction)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_rules_not_translated_show_the_english_saying_so_in_polish(
    context, tmp_path, size
) -> None:
    rules, documents = school_folder(tmp_path, translate_rules=False, translate_induction=True)
    context.config = replace(context.config, rules_file=rules, agreements={"contractor": documents})
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await choose_polish(pilot)
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        assert screen.texts[0].startswith("# Phones and cameras in our school")
        assert text_of(app, "#rules-changed") == (
            "Nasze zasady dotyczące telefonów nie są jeszcze przetłumaczone na polski, "
            "dlatego poniżej są po angielsku."
        )
        assert label_of(app, "#decline") == "Nie zgadzam się"  # the screen's own words are
        await tap_agree(pilot)
        await pilot.pause()
        await tap(pilot, "#pass-done")

        # A contractor, with the rules translated since and the induction too, the asbestos
        # register not: a line says that part is in English.
        (rules.parent / "rules.pl.md").write_text((SHARE / "rules.pl.md").read_text())
        await choose_polish(pilot)
        await tap_sign_in(pilot, "contractor", ["Bo Kirk", "Roofs", "Head", ""])
        assert app.screen.texts[0].startswith("# Telefony i aparaty")
        assert app.screen.texts[2].endswith("Noś smycz.\n")
        assert text_of(app, "#rules-changed") == (
            "Część poniższego tekstu nie jest jeszcze przetłumaczona na polski, "
            "dlatego jest po angielsku."
        )
        await tap_agree(pilot)
        await pilot.pause()
    visits = {v["name"]: v for v in context.store.live("visits")}
    governor, contractor = visits["Ann Lee"], visits["Bo Kirk"]
    assert (governor["language"], governor["rules_language"]) == ("pl", "en")
    assert governor["rules_version"] == load_rules(rules).version  # the English shown
    assert contractor["rules_language"] == "pl"
    assert contractor["agreement_languages"] == {
        "asbestos-register": "en",
        "site-induction": "pl",
    }
    assert contractor["agreements"]["site-induction"] == rules_version(
        "# Szkolenie wstępne\n\nNoś smycz.\n"
    )


async def test_english_visitors_see_no_line_about_translations(context, tmp_path) -> None:
    rules, _ = school_folder(tmp_path, translate_rules=False, translate_induction=False)
    context.config = replace(context.config, rules_file=rules)
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])
        assert not app.screen.query_one("#rules-changed").display


async def test_a_damaged_translation_shows_the_english_and_kiosk_check_names_it(
    context, tmp_path
) -> None:
    from kiosk.services.admin.health_check import check_installation

    rules, _ = school_folder(tmp_path, translate_rules=False, translate_induction=False)
    (rules.parent / "rules.pl.md").write_bytes(b"\xff\xfe not text")
    assert load_rules(rules, "pl").language == "en"
    settings = rules.parent / "kiosk.toml"
    settings.write_text('[rules]\nfile = "rules.md"\n')
    data = tmp_path / "kiosk-data"
    data.mkdir()
    problems = check_installation(settings, data)
    assert problems == [
        f"rules file (pl) {rules.parent / 'rules.pl.md'} is not UTF-8 text; "
        "visitors are shown the English"
    ]


# --- what is recorded and exported -----------------------------------------------------------


async def test_a_polish_contractor_s_visit_records_each_language_and_version(context) -> None:
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_polish(pilot)
        await tap_sign_in(pilot, "contractor", ["Bo Kirk", "Roofs", "Head", ""])
        await tap_agree(pilot)
        await pilot.pause()
        await tap(pilot, "#pass-done")
        await tap_sign_in(pilot, "visitor", ["Cy Dee", "Acme", "Head", ""])  # in English
        await tap_agree(pilot)
        await pilot.pause()

    polish_rules = (SHARE / "rules.pl.md").read_text()
    asbestos_pl = (SHARE / "agreements" / "asbestos-register.pl.md").read_text()
    induction_pl = (SHARE / "agreements" / "site-induction.pl.md").read_text()
    rows = export_rows(context, "visits", DateRange(None, None))
    contractor, visitor = sorted(rows, key=lambda r: r["name"])
    assert contractor["language"] == "pl"
    assert contractor["rules_language"] == "pl"
    assert contractor["rules_version"] == rules_version(polish_rules)
    assert contractor["agreements"] == {
        "asbestos-register": rules_version(asbestos_pl),
        "site-induction": rules_version(induction_pl),
    }
    assert contractor["agreement_languages"] == {
        "asbestos-register": "pl",
        "site-induction": "pl",
    }
    assert (visitor["language"], visitor["rules_language"]) == ("en", "en")
    assert visitor["rules_version"] == load_rules(context.config.rules_file).version

    fields = list(rows[0])
    table = list(csv.reader(io.StringIO(to_csv(rows, fields))))
    header = table[0]
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in table[1:]}
    assert header[-3:] == ["language", "rules_language", "agreement_languages"]
    assert by_name["Bo Kirk"]["agreement_languages"] == "asbestos-register pl; site-induction pl"
    assert by_name["Cy Dee"]["language"] == "en"


def test_a_visit_recorded_before_languages_exports_empty_language_columns(context) -> None:
    record = {
        "id": "V-OLD", "visitor_type": "visitor", "name": "Old Record", "organisation": "",
        "host": "Head", "car_reg": "", "signed_in_at": "2026-11-25T08:00:00+00:00",
        "rules_version": "sha256:0", "rules_agreed_at": "2026-11-25T08:00:00+00:00",
        "pass_token": "", "signed_out_at": "", "signed_out_by": "",
    }  # fmt: skip
    with context.store.transaction() as tx:
        tx.insert("visits", record)
    [row] = export_rows(context, "visits", DateRange(None, None))
    assert (row["language"], row["rules_language"], row["agreement_languages"]) == ("", "", {})


# --- regular visitors ------------------------------------------------------------------------


async def test_a_regular_who_read_polish_is_not_told_the_english_changed(context) -> None:
    """What a regular agreed to is remembered by the English wording's version: reading it in
    Polish one day and in English the next is not a change of the rules."""
    _, code = add_regular(context, "Ann Lee", "governor", host="Head")
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_polish(pilot)
        await type_keys(pilot, code, then_enter=True)
        assert isinstance(app.screen, RulesScreen)
        assert app.screen.texts[0].startswith("# Telefony i aparaty")
        assert text_of(app, "#step-title").startswith("Witamy ponownie, Ann.")
        await tap_agree(pilot)
        await pilot.pause()
        [visit] = context.store.live("visits")
        assert visit["language"] == "pl" and visit["rules_language"] == "pl"
    context.clock.advance(hours=1)
    scan_card(context, code)  # signed out
    again = scan_card(context, code)
    assert isinstance(again, CardSignIn) and again.changed == ()


async def test_a_regular_is_told_of_a_change_in_polish(context, tmp_path) -> None:
    rules, _ = school_folder(tmp_path, translate_rules=True, translate_induction=False)
    context.config = replace(context.config, rules_file=rules)
    _, code = add_regular(context, "Ann Lee", "governor", host="Head")
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, code, then_enter=True)
        await tap_agree(pilot)
        await pilot.pause()
        await type_keys(pilot, code, then_enter=True)  # signed out
        await pilot.pause()
        await tap(pilot, "#ok")
        rules.write_text(rules.read_text() + "\nNo phones in the hall either.\n")
        moment = datetime(2026, 3, 3, 16, tzinfo=context.config.tz).timestamp()
        os.utime(rules, (moment, moment))
        await choose_polish(pilot)
        await type_keys(pilot, code, then_enter=True)
        assert isinstance(app.screen, RulesScreen)
        assert text_of(app, "#rules-changed") == (
            "Od 3 marca obowiązuje nowa wersja: zasady dotyczące telefonów"
        )


# --- more languages than one beside English ---------------------------------------------------


async def test_with_more_languages_the_button_opens_a_list(context, tmp_path) -> None:
    """Two taps: the list, then the language (each named in itself); a message the school's
    catalogue has not translated yet shows in English."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from kiosk.config import load_config

    catalogue = Catalog(locale=None)
    catalogue.add(
        "English", "Română", context="the name of this language, written in this language"
    )
    catalogue.add("Sign in", "Intrare")
    path = tmp_path / "locale" / "ro" / "LC_MESSAGES" / "kiosk.mo"
    path.parent.mkdir(parents=True)
    with path.open("wb") as file:
        write_mo(file, catalogue)
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[languages]\noffered = ["en", "pl", "ro"]\n')
    config = load_config(settings)
    context.config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert label_of(app, "#language") == "Polski · Română"
        # The longer label fits welcome's bottom row at 80x24, under the foyer row, whole.
        for check in (label_problems, size_problems, placement_problems):
            assert check(app.screen) == []
        await tap(pilot, "#language")
        assert app.screen.query_one("#language-list").display
        assert label_of(app, "#language-ro") == "Română"
        await tap(pilot, "#language-ro")
        await pilot.pause()
        assert not app.screen.query_one("#language-list").display
        assert spoken().code == "ro"
        assert label_of(app, "#sign-in") == "Intrare"
        assert label_of(app, "#sign-out") == "Sign out"  # not in the catalogue yet
        assert label_of(app, "#language") == "English · Polski"
        await tap(pilot, "#language")
        await tap(pilot, "#language-back")
        assert spoken().code == "ro"
