"""The message catalogues (issue 28): every word a visitor sees is in them, Polish is complete,
the committed .mo is the .po compiled, and a catalogue the terminal cannot show, or cannot
be read, is refused with one line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.config import load_config
from kiosk.domain.languages import ENGLISH, right_to_left
from kiosk.domain.validation import car_registration, free_text, person_name
from kiosk.domain.visitor_form import visitor_form_problems
from kiosk.errors import ConfigError, ValidationError
from kiosk.services.admin.health_check import check_installation
from kiosk.services.languages import SHIPPED_CATALOGUES, load_languages
from kiosk.ui.language import speak
from kiosk.ui.screens.sign_in import ERRORS, error_text

REPO = Path(__file__).resolve().parents[2]
POLISH = SHIPPED_CATALOGUES / "pl" / "LC_MESSAGES"
KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2)}  # as `make catalogues` (Makefile)


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def keys(catalogue: Catalog) -> set[tuple[str | None, str]]:
    return {(m.context, m.id) for m in catalogue if m.id}  # type: ignore[misc]


def test_every_word_marked_in_the_code_is_in_the_template_and_in_polish() -> None:
    """`make catalogues` was run after the words changed, and Polish translates them all."""
    found = {
        (context, message)
        for _, _, message, _, context in extract_from_dir(
            REPO / "kiosk", method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    template = read_catalogue(SHIPPED_CATALOGUES / "kiosk.pot")
    polish = read_catalogue(POLISH / "kiosk.po", "pl")
    assert found == keys(template), "run `make catalogues`"
    assert keys(polish) == keys(template)
    untranslated = [m.id for m in polish if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


def test_the_committed_mo_is_the_po_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(POLISH / "kiosk.po", "pl"))
    assert (POLISH / "kiosk.mo").read_bytes() == compiled.getvalue(), "run `make catalogues`"


def test_polish_keeps_every_placeholder_and_bold_mark() -> None:
    for message in read_catalogue(POLISH / "kiosk.po", "pl"):
        if not message.id:
            continue
        assert set(re.findall(r"{\w+}", message.string)) == set(re.findall(r"{\w+}", message.id)), (
            message.id
        )
        assert message.string.count("[b]") == message.id.count("[b]"), message.id
        assert message.string.count("[/b]") == message.id.count("[/b]"), message.id


def test_the_sign_in_screen_s_english_is_what_the_checks_say() -> None:
    """The form's messages are worded per field for translators; in English they are exactly
    what kiosk/domain/validation.py says, for every problem the form can have."""
    speak(ENGLISH)
    cases: list[ValidationError] = []
    for check in (
        lambda: person_name("", "Full name"),
        lambda: person_name("x" * 61, "Full name"),
        lambda: person_name("123", "Full name"),
        lambda: person_name("Ann <Lee>", "Full name"),
        lambda: free_text("", "Organisation", "organisation", required=True),
        lambda: free_text("x" * 81, "Organisation", "organisation"),
        lambda: free_text("", "Who you are visiting", "host", required=True),
        lambda: free_text("x" * 81, "Who you are visiting", "host"),
        lambda: car_registration("AB-12"),
    ):
        with pytest.raises(ValidationError) as caught:
            check()
        cases.append(caught.value)
    _, problems = visitor_form_problems("", "Ann Lee", "Acme", "Head", "")
    cases.append(problems["visitor-type"])
    assert {(e.field, e.problem) for e in cases} == set(ERRORS)
    for error in cases:
        assert error_text(error) == str(error)


# --- languages a school adds, and those refused ----------------------------------------------


def write_catalogue(folder: Path, code: str, messages: dict[str, str], name: str) -> Path:
    catalogue = Catalog(locale=None, charset="utf-8")
    catalogue.add("English", name, context="the name of this language, written in this language")
    for message, translation in messages.items():
        catalogue.add(message, translation)
    path = folder / "locale" / code / "LC_MESSAGES" / "kiosk.mo"
    path.parent.mkdir(parents=True)
    with path.open("wb") as file:
        write_mo(file, catalogue)
    return path


def school_settings(tmp_path: Path, offered: str) -> Path:
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f"[languages]\noffered = {offered}\n")
    return settings


def test_a_school_adds_a_language_without_touching_code(tmp_path: Path) -> None:
    write_catalogue(tmp_path, "ro", {"Sign in": "Intrare"}, "Română")
    config = load_config(school_settings(tmp_path, '["en", "pl", "ro"]'))
    languages = load_languages(config)
    assert [(lang.code, lang.name) for lang in languages.offered] == [
        ("en", "English"),
        ("pl", "Polski"),
        ("ro", "Română"),
    ]
    romanian = languages.by_code("ro")
    assert romanian.gettext("Sign in") == "Intrare"
    assert romanian.gettext("Sign out") == "Sign out"  # not translated yet: the English
    assert languages.refused == ()


def test_a_language_with_no_catalogue_is_not_offered_and_kiosk_check_says_so(
    tmp_path: Path,
) -> None:
    settings = school_settings(tmp_path, '["en", "pl", "ro"]')
    languages = load_languages(load_config(settings))
    assert [lang.code for lang in languages.offered] == ["en", "pl"]
    [line] = languages.refused
    assert line.startswith("languages: no ro catalogue (ro/LC_MESSAGES/kiosk.mo in ")
    data = tmp_path / "kiosk-data"
    data.mkdir()
    assert check_installation(settings, data) == [line]


def test_a_damaged_catalogue_is_not_offered(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path, "ro", {}, "Română")
    path.write_bytes(b"not a catalogue")
    languages = load_languages(load_config(school_settings(tmp_path, '["en", "ro"]')))
    assert [lang.code for lang in languages.offered] == ["en"]
    assert "the ro catalogue" in languages.refused[0] and "cannot be read" in languages.refused[0]


def test_a_catalogue_without_its_own_name_is_named_by_its_code(tmp_path: Path) -> None:
    path = tmp_path / "locale" / "ro" / "LC_MESSAGES" / "kiosk.mo"
    path.parent.mkdir(parents=True)
    catalogue = Catalog(locale=None)
    catalogue.add("Sign in", "Intrare")
    with path.open("wb") as file:
        write_mo(file, catalogue)
    languages = load_languages(load_config(school_settings(tmp_path, '["en", "ro"]')))
    assert languages.by_code("ro").name == "ro"


@pytest.mark.parametrize("code", ["ur", "ar", "fa", "he"])
def test_a_right_to_left_language_is_refused_in_the_settings(tmp_path: Path, code: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(school_settings(tmp_path, f'["en", "{code}"]'))
    message = str(refused.value)
    assert message.endswith(
        f"languages.offered must be languages written left to right: {code} is written right "
        "to left, which the kiosk's terminal cannot lay out (letters unjoined, lines "
        "reversed; docs/languages.md)"
    )
    assert "\n" not in message


def test_a_catalogue_in_a_right_to_left_script_is_refused_whatever_its_code(
    tmp_path: Path,
) -> None:
    """A code the list does not know (here "xx"), with Urdu words: refused by its script."""
    write_catalogue(tmp_path, "xx", {"Sign in": "سائن ان کریں"}, "اردو")
    settings = school_settings(tmp_path, '["en", "pl", "xx"]')
    languages = load_languages(load_config(settings))
    assert [lang.code for lang in languages.offered] == ["en", "pl"]
    assert languages.refused == (
        "languages: the xx catalogue is written right to left, which the kiosk's terminal "
        "cannot lay out (letters unjoined, lines reversed): it is not offered "
        "(docs/languages.md)",
    )
    data = tmp_path / "kiosk-data"
    data.mkdir()
    assert check_installation(settings, data) == list(languages.refused)


def test_right_to_left_is_told_by_code_and_by_script() -> None:
    assert right_to_left("ur") and right_to_left("ar") and right_to_left("pa_Arab")
    assert right_to_left("xx", ["שלום"])  # Hebrew letters
    assert not right_to_left("pl", ["Zażółć gęślą jaźń"]) and not right_to_left("pa")


@pytest.mark.parametrize(
    "offered", ['["pl", "en"]', '["en", "en"]', '["en", "../etc"]', '"pl"', "[]"]
)
def test_mistaken_language_settings_are_named(tmp_path: Path, offered: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(school_settings(tmp_path, offered))
    assert "languages.offered" in str(refused.value)
