"""Suggested codes: M for a medical reason whatever the time; otherwise L before the register
closes and U after; nothing at or before it opens. Settings with a register that closes more
than 30 minutes after it opens are refused."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from kiosk.config import load_config
from kiosk.domain.attendance_codes import Registers, late_mark, sessions_missed
from kiosk.errors import ConfigError

LONDON = ZoneInfo("Europe/London")
REGISTERS = Registers(time(8, 50), time(9, 20), time(13, 15), time(13, 30))


def at(hhmm: str) -> datetime:
    return datetime.fromisoformat(f"2026-11-25T{hhmm}:00").replace(tzinfo=LONDON)


@pytest.mark.parametrize(
    ("arrived", "medical", "session", "minutes", "code"),
    [
        ("08:45", False, "AM", 0, ""),  # before the register opens: not late
        ("08:50", False, "AM", 0, ""),  # as it opens
        ("08:51", False, "AM", 1, "L"),
        ("09:19", False, "AM", 29, "L"),  # before the morning register closes
        ("09:20", False, "AM", 30, "U"),  # as it closes: after
        ("10:40", False, "AM", 110, "U"),
        ("10:40", True, "AM", 110, "M"),  # medical: M whatever the time
        ("08:55", True, "AM", 5, "M"),
        ("13:20", False, "PM", 5, "L"),  # before the afternoon register closes
        ("13:45", False, "PM", 30, "U"),  # after it
        ("14:30", True, "PM", 75, "M"),
        ("12:10", False, "AM", 200, "U"),  # lunchtime still counts against the morning
    ],
)
def test_the_code_table(arrived, medical, session, minutes, code) -> None:
    mark = late_mark(REGISTERS, at(arrived), medical)
    assert (mark.session, mark.minutes_late, mark.code) == (session, minutes, code)


def test_a_collection_misses_the_sessions_whose_register_had_not_closed() -> None:
    assert sessions_missed(REGISTERS, at("10:40"), None) == ("PM",)
    assert sessions_missed(REGISTERS, at("09:00"), None) == ("AM", "PM")
    assert sessions_missed(REGISTERS, at("10:40"), at("13:00")) == ()  # back for the afternoon
    assert sessions_missed(REGISTERS, at("10:40"), at("13:40")) == ("PM",)
    assert sessions_missed(REGISTERS, at("14:00"), None) == ()


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ('morning_opens = "08:50"\nmorning_closes = "09:21"', "31 minutes after it opens"),
        ('afternoon_opens = "13:15"\nafternoon_closes = "14:15"', "60 minutes after it opens"),
        ('morning_closes = "08:40"', "the morning register must close after it opens"),
        ('afternoon_opens = "09:00"\nafternoon_closes = "09:10"', "must open after the morning"),
    ],
)
def test_registers_longer_than_30_minutes_are_refused(tmp_path, lines, message) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f"[attendance]\n{lines}\n")
    with pytest.raises(ConfigError) as refused:
        load_config(settings)
    assert message in str(refused.value) and str(settings) in str(refused.value)


def test_thirty_minutes_exactly_is_allowed(tmp_path) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[attendance]\nmorning_opens = "08:40"\nmorning_closes = "09:10"\n')
    assert load_config(settings).attendance.morning_closes == time(9, 10)


@pytest.mark.parametrize(
    "reasons",
    [
        "[]",
        '[{ text = "Other" }]',
        '[{ text = "Traffic" }, { text = "traffic" }]',
        '[{ text = "Traffic", medical = "yes" }]',
        '[{ words = "Traffic" }]',
    ],
)
def test_a_bad_reason_list_is_refused(tmp_path, reasons) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f"[attendance]\nlate_reasons = {reasons}\n")
    with pytest.raises(ConfigError, match=r"attendance\.late_reasons must be"):
        load_config(settings)


def test_kiosk_check_refuses_the_settings(tmp_path, run_cli) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[attendance]\nmorning_opens = "08:30"\nmorning_closes = "09:15"\n')
    result = run_cli("check", "--config", str(settings), "--data-dir", str(tmp_path))
    assert result.returncode != 0
    assert "45 minutes after it opens: at most 30" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
