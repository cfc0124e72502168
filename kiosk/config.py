"""The kiosk's settings: shipped defaults in data/kiosk.toml, overridden by one TOML file.

The file is found from --config, then KIOSK_CONFIG, then /etc/kiosk/kiosk.toml. Every key is
checked at load: an unknown key, a wrong type or a value out of range stops the program with
one line naming the key and what is allowed.

Each setting is declared once: a field of the dataclass for its TOML table, whose metadata
says what it accepts; its default is the value in data/kiosk.toml, nowhere else.

To add a setting (say `[kiosk] welcome_seconds`):
1. data/kiosk.toml: add `welcome_seconds = 20` to its table, with a comment saying what it does;
2. here: add `welcome_seconds: int = setting(_int(5, 120), table="kiosk")` to `Config`
   (or, for a table with a class of its own such as `[day]`, the field to that class, with
   no `table=`). The loader, `kiosk check` and the error messages follow from that field.
A new table gets a class here and one field on `Config`: `name: NewSettings = table("name")`.
Hardware settings live in hardware/settings.py (the hardware layer imports no kiosk module):
there a field's metadata holds plain data, {"range": (low, high)} or {"choices": (...)}.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import time, tzinfo
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hardware.settings import HardwareSettings
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


def _rules_file(value: Any) -> str:
    return _text(4096, allow_empty=True)(value)


def _from_plain_metadata(kind: Any, metadata: Any) -> Checker:
    """A checker for a field that states its limits as plain data (hardware/settings.py)."""
    if "choices" in metadata:
        return _choice(*metadata["choices"])
    if kind is bool:
        return _bool
    low, high = metadata["range"]
    return _int(low, high) if kind is int else _number(low, high)


# --- declaring settings -------------------------------------------------------------------


def setting(check: Checker, *, key: str | None = None, table: str | None = None) -> Any:
    """A setting: `check` converts and validates the TOML value. `key` defaults to the field
    name; `table` is needed only on `Config`'s own fields (a table class names its table)."""
    return field(metadata={"check": check, "key": key, "table": table})


def table(name: str) -> Any:
    """A whole TOML table, read into the field's own dataclass."""
    return field(metadata={"table": name, "is_table": True})


@dataclass(frozen=True)
class DaySettings:
    phone_return_time: time = setting(_clock_time)
    closing_time: time = setting(_clock_time)
    school_days: tuple[int, ...] = setting(_weekdays)  # Monday = 0


@dataclass(frozen=True)
class RetentionSettings:
    visits_days: int = setting(_int(1, 36500))
    phones_days: int = setting(_int(1, 36500))
    audit_days: int = setting(_int(1, 36500))


@dataclass(frozen=True)
class Config:
    school_name: str = setting(_text(120), table="school", key="name")
    timezone: str = setting(_timezone, table="school")
    rules_file: Path = setting(_rules_file, table="rules", key="file")
    idle_timeout_seconds: int = setting(_int(10, 3600), table="kiosk")
    pass_display_seconds: int = setting(_int(2, 120), table="kiosk")
    pin_attempts: int = setting(_int(3, 20), table="staff")
    pin_lockout_minutes: int = setting(_int(1, 1440), table="staff")
    # digits a new PIN needs (admins: at least 6 whatever this says)
    pin_length: int = setting(_int(4, 8), table="staff")
    # the PIN key (pepper); "" = beside the settings file, or beside the data folder
    pin_key_file: str = setting(_text(4096, allow_empty=True), table="staff")
    hardware: HardwareSettings = table("hardware")
    day: DaySettings = table("day")
    retention: RetentionSettings = table("retention")
    source: str = field(default="")  # the file the settings came from, for messages

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Setting:
    """One key of kiosk.toml, found from the dataclasses above."""

    table: str
    key: str
    check: Checker
    owner: type  # the dataclass holding it
    attribute: str


def _settings() -> list[Setting]:
    found = []
    for top in fields(Config):
        meta = top.metadata
        if meta.get("is_table"):
            owner: type = get_type_hints(Config)[top.name]
            kinds = get_type_hints(owner)
            for inner in fields(owner):
                check = inner.metadata.get("check") or _from_plain_metadata(
                    kinds[inner.name], inner.metadata
                )
                found.append(Setting(meta["table"], inner.name, check, owner, inner.name))
        elif "check" in meta:
            key = meta["key"] or top.name
            found.append(Setting(meta["table"], key, meta["check"], Config, top.name))
    return found


SETTINGS = _settings()
SPEC: dict[str, dict[str, Checker]] = {}
for _s in SETTINGS:
    SPEC.setdefault(_s.table, {})[_s.key] = _s.check


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
    merged = _validate(_read_toml(defaults_path), defaults_path)
    chosen = find_config_path(path)
    if chosen is not None:
        for section, content in _validate(_read_toml(chosen), chosen).items():
            merged.setdefault(section, {}).update(content)
    return _build(merged, chosen or defaults_path)


def _build(v: dict[str, dict[str, Any]], source: Path) -> Config:
    missing = [f"{s.table}.{s.key}" for s in SETTINGS if s.key not in v.get(s.table, {})]
    if missing:  # only a damaged shipped data/kiosk.toml can lack one
        raise ConfigError(f"{source}: no value for {', '.join(missing)}")
    tables: dict[str, dict[str, Any]] = {}
    flat: dict[str, Any] = {}
    for s in SETTINGS:
        value = v[s.table][s.key]
        if s.owner is Config:
            flat[s.attribute] = value
        else:
            tables.setdefault(s.table, {})[s.attribute] = value
    rules_file = flat["rules_file"]
    rules_path = Path(rules_file) if rules_file else share_dir() / "rules.md"
    if rules_file and not rules_path.is_absolute():
        rules_path = source.parent / rules_path
    flat["rules_file"] = rules_path
    hints = get_type_hints(Config)
    for top in fields(Config):
        if top.metadata.get("is_table"):
            flat[top.name] = hints[top.name](**tables[top.metadata["table"]])
    config = Config(**flat, source=str(source))
    if config.day.phone_return_time >= config.day.closing_time:
        raise ConfigError(f"{source}: day.phone_return_time must be earlier than day.closing_time")
    return config
