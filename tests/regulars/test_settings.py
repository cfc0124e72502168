"""Lanyard colours and wording and the agreements per visitor type are settings, checked
at load like every other; agreement files are found beside the file that names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.services.admin.health_check import check_installation


def test_shipped_settings_give_contractors_two_documents() -> None:
    config = load_config()
    assert [p.name for p in config.agreements["contractor"]] == [
        "asbestos-register.md", "site-induction.md"
    ]  # fmt: skip
    assert all(p.is_file() for p in config.agreements["contractor"])
    assert set(config.agreements) == {"contractor"}
    assert config.lanyards.escorted_wording == "Please take a RED lanyard: you will be escorted"
    assert config.card_valid_days == 365


def test_a_school_sets_its_own_colours_and_documents(tmp_path: Path) -> None:
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "fire.md").write_text("# Fire safety\n\nAssembly point: field.\n")
    settings = tmp_path / "kiosk.toml"
    settings.write_text(
        '[lanyards]\nescorted_colour = "yellow"\n'
        'escorted_wording = "Please take a YELLOW lanyard: a member of staff will be with you"\n'
        '[agreements]\nsupply-staff = ["ours/fire.md"]\ncontractor = []\n'
    )
    config = load_config(settings)
    assert config.lanyards.escorted_colour == "yellow"
    assert config.lanyards.unescorted_colour == "green"  # not given: the default
    assert config.agreements == {"supply-staff": (tmp_path / "ours" / "fire.md",)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[agreements]\nplumber = ["a.md"]\n', "unknown key agreements.plumber"),
        ('[agreements]\ncontractor = "a.md"\n', "agreements.contractor must be a list"),
        ('[lanyards]\nescorted_colour = ""\n', "lanyards.escorted_colour must be a non-empty"),
        ("[regulars]\ncard_valid_days = 0\n", "regulars.card_valid_days must be a whole number"),
    ],
)
def test_mistakes_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(settings)


def test_kiosk_check_names_a_missing_agreement_file(tmp_path: Path) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[agreements]\ngovernor = ["missing.md"]\n')
    data = tmp_path / "data"
    data.mkdir()
    problems = check_installation(settings, data)
    assert problems == [f"agreement file {tmp_path / 'missing.md'} cannot be read "
                        "(No such file or directory)"]  # fmt: skip


def test_a_full_copy_of_the_shipped_settings_finds_the_shipped_documents(tmp_path: Path) -> None:
    # As on the Pi: /etc/kiosk/kiosk.toml starts as a copy of data/kiosk.toml.
    shipped = load_config()
    copy = tmp_path / "kiosk.toml"
    copy.write_text(Path(shipped.source).read_text())
    assert load_config(copy).agreements == shipped.agreements
    # A school's own file beside its settings wins.
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "site-induction.md").write_text("# Our induction\n")
    ours = load_config(copy).agreements["contractor"]
    assert ours == (shipped.agreements["contractor"][0], tmp_path / "agreements/site-induction.md")
