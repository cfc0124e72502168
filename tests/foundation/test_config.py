"""Settings: shipped defaults, a partial override file, and one-line errors for every mistake."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from tests.conftest import kiosk_cli


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


def test_defaults_are_complete_and_sensible() -> None:
    config = load_config()
    assert config.timezone == "Europe/London"
    assert config.idle_timeout_seconds == 60
    assert config.hardware.unlock_seconds == 5.0
    assert config.rules_file.name == "rules.md" and config.rules_file.is_file()
    assert config.day.school_days == (0, 1, 2, 3, 4)


def test_a_file_only_needs_the_keys_that_differ(tmp_path: Path) -> None:
    path = write(tmp_path, '[school]\nname = "St Mary\'s"\n[day]\nclosing_time = "17:30"\n')
    config = load_config(path)
    assert config.school_name == "St Mary's"
    assert config.day.closing_time == time(17, 30)
    assert config.idle_timeout_seconds == 60


def test_environment_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", str(write(tmp_path, "[kiosk]\nidle_timeout_seconds = 90\n")))
    assert load_config().idle_timeout_seconds == 90


def test_relative_rules_path_is_beside_the_config(tmp_path: Path) -> None:
    (tmp_path / "our-rules.md").write_text("# Rules\n")
    config = load_config(write(tmp_path, '[rules]\nfile = "our-rules.md"\n'))
    assert config.rules_file == tmp_path / "our-rules.md"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[kiosk]\nidle_timeot_seconds = 5\n", "unknown key kiosk.idle_timeot_seconds"),
        ("[screen]\nsize = 1\n", "unknown section [screen]"),
        (
            '[kiosk]\nidle_timeout_seconds = "60"\n',
            "kiosk.idle_timeout_seconds must be a whole number from 10 to 3600",
        ),
        (
            "[kiosk]\nidle_timeout_seconds = 0\n",
            "kiosk.idle_timeout_seconds must be a whole number",
        ),
        ('[school]\ntimezone = "Europe/Londn"\n', "school.timezone must be an IANA time zone"),
        (
            '[hardware]\npin_factory = "pigpio"\n',
            'hardware.pin_factory must be one of "auto", "gpio", "mock"',
        ),
        ("[hardware]\nlock_pin = 40\n", "hardware.lock_pin must be a whole number from 2 to 27"),
        (
            '[hardware]\nlock_active_high = "yes"\n',
            "hardware.lock_active_high must be true or false",
        ),
        ('[day]\nclosing_time = "25:00"\n', "day.closing_time must be a 24-hour time"),
        ('[day]\nschool_days = ["monday"]\n', "day.school_days must be a list of day names"),
        (
            '[day]\nphone_return_time = "19:00"\n',
            "phone_return_time must be earlier than day.closing_time",
        ),
        ("[retention]\nvisits_days = -1\n", "retention.visits_days must be a whole number"),
        ("[kiosk\n", "is not valid TOML"),
        ('school = "x"\n', "'school' must be a [school] table"),
    ],
)
def test_mistakes_name_the_key_and_what_is_allowed(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_is_one_line_from_the_cli(tmp_path: Path) -> None:
    result = kiosk_cli(
        "check", "--config", str(tmp_path / "nope.toml"), "--data-dir", str(tmp_path)
    )
    assert result.returncode == 1
    assert result.stdout.strip().count("\n") == 0
    assert "nope.toml does not exist" in result.stdout


def test_bad_config_stops_run_with_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\ncolour = 3\n")
    result = kiosk_cli("run", "--config", str(path), "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"kiosk: {path}: unknown key kiosk.colour; allowed in [kiosk]: "
        "idle_timeout_seconds, pass_display_seconds, kiosk_id"
    )


def test_each_setting_is_declared_once_with_its_default_in_the_shipped_file() -> None:
    import dataclasses
    import tomllib

    from hardware.settings import HardwareSettings
    from kiosk.config import (
        SETTINGS,
        Config,
        DaySettings,
        PolicySettings,
        RetentionSettings,
        share_dir,
    )
    from kiosk.domain.lanyards import LanyardSettings

    shipped = tomllib.loads((share_dir() / "kiosk.toml").read_text(encoding="utf-8"))
    shipped_keys = sorted(f"{table}.{key}" for table, keys in shipped.items() for key in keys)
    declared = [f"{s.table}.{s.key}" for s in SETTINGS]
    assert sorted(declared) == shipped_keys
    assert len(set(declared)) == len(declared)
    # No default in Python: the shipped file is the only place one is written.
    for cls in (
        Config,
        HardwareSettings,
        DaySettings,
        RetentionSettings,
        PolicySettings,
        LanyardSettings,
    ):
        for f in dataclasses.fields(cls):
            if f.name != "source":
                assert f.default is dataclasses.MISSING, f"{cls.__name__}.{f.name}"


def test_the_unlock_limit_is_the_locks_own(tmp_path: Path) -> None:
    """The setting's range ends where the lock's own check does (the locks and the lock keeper
    all refuse an opening longer than hardware.settings.check_unlock_seconds allows)."""
    from hardware.settings import MAX_UNLOCK_SECONDS, check_unlock_seconds

    assert check_unlock_seconds(MAX_UNLOCK_SECONDS) == MAX_UNLOCK_SECONDS
    with pytest.raises(ValueError, match="at most"):
        check_unlock_seconds(MAX_UNLOCK_SECONDS + 1)
    path = tmp_path / "kiosk.toml"
    path.write_text(f"[hardware]\nunlock_seconds = {MAX_UNLOCK_SECONDS + 1:g}\n")
    with pytest.raises(ConfigError, match=f"from 1 to {MAX_UNLOCK_SECONDS:g}"):
        load_config(path)
    path.write_text(f"[hardware]\nunlock_seconds = {MAX_UNLOCK_SECONDS:g}\n")
    assert load_config(path).hardware.unlock_seconds == MAX_UNLOCK_SECONDS
