"""The kiosk's settings: shipped defaults in data/kiosk.toml, overridden by one TOML file.

The file is found from --config, then KIOSK_CONFIG, then /etc/kiosk/kiosk.toml. Every key is
checked at load: an unknown key, a wrong type or a value out of range stops the program with
one line naming the key and what is allowed.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hardware.settings import PIN_FACTORIES, HardwareSettings
from kiosk.domain.lanyards import LanyardSettings
from kiosk.domain.records import VISITOR_TYPES
from kiosk.errors import ConfigError

SYSTEM_CONFIG = Path("/etc/kiosk/kiosk.toml")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def share_dir() -> Path:
    """Where the shipped data/ folder is: the source tree, or <venv>/share/foyer-kiosk."""
    override = os.environ.get("KIOSK_SHARE_DIR")
    if override:
        return Path(override)
    source = Path(__file__).resolve().parent.parent / "data"
    if (source / "kiosk.toml").is_file():
        return source
    return Path(sys.prefix) / "share" / "foyer-kiosk"


@dataclass(frozen=True)
class DaySettings:
    phone_return_time: time
    closing_time: time
    school_days: tuple[int, ...]  # Monday = 0


@dataclass(frozen=True)
class RetentionSettings:
    visits_days: int
    phones_days: int
    audit_days: int


@dataclass(frozen=True)
class Config:
    school_name: str
    timezone: str
    rules_file: Path
    idle_timeout_seconds: int
    pass_display_seconds: int
    pin_attempts: int
    pin_lockout_minutes: int
    hardware: HardwareSettings
    day: DaySettings
    retention: RetentionSettings
    source: str  # the file the settings came from, for messages
    card_valid_days: int
    lanyards: LanyardSettings
    # visitor type -> extra documents agreed to beside the phone rules (issue 14)
    agreements: dict[str, tuple[Path, ...]]

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.timezone)


# --- value checkers: each returns the converted value or raises ValueError(what is allowed) ---

Checker = Callable[[Any], Any]


def _text(max_len: int, allow_empty: bool = False) -> Checker:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("a quoted string")
        value = value.strip()
        if (not value and not allow_empty) or len(value) > max_len:
            raise ValueError(
                f"a {'' if allow_empty else 'non-empty '}string of at most {max_len} characters"
            )
        if any(ord(c) < 32 for c in value):
            raise ValueError("a string without control characters")
        return value

    return check


def _int(low: int, high: int) -> Checker:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"a whole number from {low} to {high}")
        return value

    return check


def _number(low: float, high: float) -> Checker:
    def check(value: Any) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise ValueError(f"a number from {low:g} to {high:g}")
        return float(value)

    return check


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def _choice(*options: str) -> Checker:
    def check(value: Any) -> str:
        if value not in options:
            raise ValueError("one of " + ", ".join(f'"{o}"' for o in options))
        return str(value)

    return check


def _timezone(value: Any) -> str:
    try:
        if not isinstance(value, str) or not value:
            raise ValueError
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        raise ValueError('an IANA time zone name such as "Europe/London"') from None
    return value


def _clock_time(value: Any) -> time:
    try:
        if not isinstance(value, str) or len(value) != 5:
            raise ValueError
        return time.fromisoformat(value)
    except ValueError:
        raise ValueError('a 24-hour time written "HH:MM", such as "15:15"') from None


def _weekdays(value: Any) -> tuple[int, ...]:
    allowed = 'a list of day names from "mon" to "sun", such as ["mon", "tue", "wed", "thu", "fri"]'
    if not isinstance(value, list) or not value or any(v not in WEEKDAYS for v in value):
        raise ValueError(allowed)
    return tuple(sorted({WEEKDAYS.index(v) for v in value}))


def _gpio_pin(value: Any) -> int:
    return _int(2, 27)(value)


def _documents(value: Any) -> tuple[str, ...]:
    allowed = 'a list of Markdown file names, such as ["agreements/site-induction.md"]'
    if not isinstance(value, list) or len(value) > 10:
        raise ValueError(allowed)
    return tuple(_text(4096)(v) for v in value)


SPEC: dict[str, dict[str, Checker]] = {
    "school": {"name": _text(120), "timezone": _timezone},
    "rules": {"file": _text(4096, allow_empty=True)},
    "kiosk": {
        "idle_timeout_seconds": _int(10, 3600),
        "pass_display_seconds": _int(2, 120),
    },
    "staff": {"pin_attempts": _int(3, 20), "pin_lockout_minutes": _int(1, 1440)},
    "hardware": {
        "pin_factory": _choice(*PIN_FACTORIES),
        "lock_pin": _gpio_pin,
        "lock_active_high": _bool,
        "led_pin": _gpio_pin,
        "led_active_high": _bool,
        "door_sensor": _bool,
        "door_pin": _gpio_pin,
        "unlock_seconds": _number(1, 30),
        "door_open_warning_seconds": _number(5, 600),
    },
    "day": {
        "phone_return_time": _clock_time,
        "closing_time": _clock_time,
        "school_days": _weekdays,
    },
    "retention": {
        "visits_days": _int(1, 36500),
        "phones_days": _int(1, 36500),
        "audit_days": _int(1, 36500),
    },
    # Regular visitors' cards, lanyards and agreements per visitor type (issue 14).
    "regulars": {"card_valid_days": _int(1, 1830)},
    "lanyards": {
        "unescorted_colour": _text(20),
        "unescorted_wording": _text(120),
        "escorted_colour": _text(20),
        "escorted_wording": _text(120),
    },
    "agreements": dict.fromkeys(VISITOR_TYPES, _documents),
}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except PermissionError:
        raise ConfigError(f"config file {path} cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise ConfigError(f"config file {path} is a folder, not a file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None


def _validate(raw: dict[str, Any], source: Path) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {}
    for section, content in raw.items():
        if section not in SPEC:
            raise ConfigError(
                f"{source}: unknown section [{section}]; allowed: "
                + ", ".join(f"[{s}]" for s in SPEC)
            )
        if not isinstance(content, dict):
            raise ConfigError(f"{source}: '{section}' must be a [{section}] table")
        for key, value in content.items():
            if key not in SPEC[section]:
                raise ConfigError(
                    f"{source}: unknown key {section}.{key}; allowed in [{section}]: "
                    + ", ".join(SPEC[section])
                )
            try:
                values.setdefault(section, {})[key] = SPEC[section][key](value)
            except ValueError as exc:
                raise ConfigError(f"{source}: {section}.{key} must be {exc}") from None
    return values


def find_config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    env = os.environ.get("KIOSK_CONFIG")
    if env:
        return Path(env)
    if SYSTEM_CONFIG.is_file():
        return SYSTEM_CONFIG
    return None


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Shipped defaults, overridden by the chosen file (if any)."""
    defaults_path = share_dir() / "kiosk.toml"
    merged = _anchor_documents(_validate(_read_toml(defaults_path), defaults_path), defaults_path)
    chosen = find_config_path(path)
    if chosen is not None:
        for section, content in _anchor_documents(
            _validate(_read_toml(chosen), chosen), chosen
        ).items():
            merged.setdefault(section, {}).update(content)
    return _build(merged, chosen or defaults_path)


def _document_path(name: str, source: Path) -> Path:
    """An agreement file named in `source`: beside that file, else among the shipped ones.

    The settings on a Pi start as a full copy of the shipped kiosk.toml in /etc/kiosk, which
    names "agreements/site-induction.md": that is the shipped file unless the school has put
    its own beside its settings."""
    path = Path(name)
    if path.is_absolute():
        return path
    beside = source.parent / path
    shipped = share_dir() / path
    return shipped if not beside.exists() and shipped.exists() else beside


def _anchor_documents(values: dict[str, dict[str, Any]], source: Path) -> dict[str, dict[str, Any]]:
    for visitor_type, names in values.get("agreements", {}).items():
        values["agreements"][visitor_type] = tuple(_document_path(n, source) for n in names)
    return values


def _build(v: dict[str, dict[str, Any]], source: Path) -> Config:
    rules_file = v["rules"]["file"]
    rules_path = Path(rules_file) if rules_file else share_dir() / "rules.md"
    if rules_file and not rules_path.is_absolute():
        rules_path = source.parent / rules_path
    day = v["day"]
    if day["phone_return_time"] >= day["closing_time"]:
        raise ConfigError(f"{source}: day.phone_return_time must be earlier than day.closing_time")
    return Config(
        school_name=v["school"]["name"],
        timezone=v["school"]["timezone"],
        rules_file=rules_path,
        idle_timeout_seconds=v["kiosk"]["idle_timeout_seconds"],
        pass_display_seconds=v["kiosk"]["pass_display_seconds"],
        pin_attempts=v["staff"]["pin_attempts"],
        pin_lockout_minutes=v["staff"]["pin_lockout_minutes"],
        hardware=HardwareSettings(**v["hardware"]),
        day=DaySettings(**day),
        retention=RetentionSettings(**v["retention"]),
        source=str(source),
        card_valid_days=v["regulars"]["card_valid_days"],
        lanyards=LanyardSettings(**v["lanyards"]),
        agreements={t: docs for t, docs in v.get("agreements", {}).items() if docs},
    )
