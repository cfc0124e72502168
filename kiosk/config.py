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
from dataclasses import dataclass, field, fields, replace
from datetime import date, time, tzinfo
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hardware.settings import HardwareSettings
from kiosk.domain.attendance_codes import Reason, Registers
from kiosk.domain.bag_label_code import PREFIX_PATTERN, PREFIX_RULE
from kiosk.domain.escalation import EscalationRule
from kiosk.domain.languages import CODE_PATTERN, ENGLISH_CODE, right_to_left
from kiosk.domain.lanyards import LanyardSettings
from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.terminal_font import TEXT_SIZES
from kiosk.domain.terms import TERM_KEY, TermSettings
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


def _bag_prefix(value: Any) -> str:
    text = value.strip().upper() if isinstance(value, str) else ""
    if not PREFIX_PATTERN.fullmatch(text):
        raise ValueError(PREFIX_RULE)
    return text


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


def _panel_size(value: Any) -> tuple[int, int]:
    allowed = 'the panel\'s size in pixels written "WIDTHxHEIGHT", such as "800x480"'
    width, _, height = value.partition("x") if isinstance(value, str) else ("", "", "")
    if not (width.isdigit() and height.isdigit()):
        raise ValueError(allowed)
    if not (320 <= int(width) <= 7680 and 240 <= int(height) <= 4320):
        raise ValueError(allowed + ", from 320x240 to 7680x4320")
    return int(width), int(height)


def _kiosk_id(value: Any) -> str:
    allowed = 'a name of 1 to 32 letters, digits and hyphens, such as "main-entrance"'
    text = value.strip() if isinstance(value, str) else ""
    if not (1 <= len(text) <= 32) or not all(
        c.isascii() and (c.isalnum() or c == "-") for c in text
    ):
        raise ValueError(allowed)
    return text


def _printer_name(value: Any) -> str:
    # CUPS names: letters, digits, "-", "_", "." and "@" (no spaces, slashes or "#"); given
    # to `lp -d` as one argument, never through a shell.
    name = _text(127, allow_empty=True)(value)
    if name and (name.startswith("-") or not all(c.isalnum() or c in "-_.@" for c in name)):
        raise ValueError(
            'a CUPS printer name as `lpstat -p` shows it (letters, digits, "-", "_", ".", '
            '"@"), or "" for none'
        )
    return name


def _rules_file(value: Any) -> str:
    return _text(4096, allow_empty=True)(value)


def _from_plain_metadata(kind: Any, metadata: Any) -> Checker:
    """A checker for a field that states its limits as plain data (hardware/settings.py)."""
    if "choices" in metadata:
        return _choice(*metadata["choices"])
    if "max_length" in metadata:
        return _text(metadata["max_length"])
    if kind is bool:
        return _bool
    low, high = metadata["range"]
    return _int(low, high) if kind is int else _number(low, high)


def _month_days(value: Any) -> tuple[tuple[int, int], ...]:
    allowed = 'a list of 2 to 6 term start days written "MM-DD", such as ["09-01", "01-01"]'
    if not isinstance(value, list) or not 2 <= len(value) <= 6:
        raise ValueError(allowed)
    days = []
    for item in value:
        try:
            when = date.fromisoformat(f"2000-{item}") if isinstance(item, str) else None
        except ValueError:
            when = None
        if when is None or len(item) != 5:
            raise ValueError(allowed)
        days.append((when.month, when.day))
    return tuple(days)


def _term_names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError('a list of names such as ["Autumn", "Spring", "Summer"]')
    return tuple(_text(30)(v) for v in value)


def _term_dates(value: Any) -> dict[str, date]:
    allowed = 'a table of term starts such as { 2026-1 = 2026-09-03, 2026-2 = "2027-01-05" }'
    if not isinstance(value, dict):
        raise ValueError(allowed)
    result = {}
    for key, when in value.items():
        try:
            start = date.fromisoformat(when) if isinstance(when, str) else when
        except ValueError:
            start = None
        if not TERM_KEY.match(key) or not isinstance(start, date):
            raise ValueError(allowed)
        result[key] = start
    return result


def _rules(value: Any) -> tuple[EscalationRule, ...]:
    allowed = (
        'a list of tables such as { count = 2, text = "a parent or carer must collect it", '
        'parent_only = true, head_of_year = false, behaviour_code = "" }, counts rising'
    )
    if not isinstance(value, list):
        raise ValueError(allowed)
    rules = []
    for item in value:
        if (
            not isinstance(item, dict)
            or not {"count", "text"} <= set(item)
            or set(item) - {"count", "text", "parent_only", "head_of_year", "behaviour_code"}
        ):
            raise ValueError(allowed)
        rules.append(
            EscalationRule(
                count=_int(1, 99)(item["count"]),
                text=_text(160)(item["text"]),
                parent_only=_bool(item.get("parent_only", False)),
                head_of_year=_bool(item.get("head_of_year", False)),
                behaviour_code=_text(20, allow_empty=True)(item.get("behaviour_code", "")),
            )
        )
    counts = [r.count for r in rules]
    if counts != sorted(set(counts)):
        raise ValueError(allowed)
    return tuple(rules)


def _languages(value: Any) -> tuple[str, ...]:
    allowed = 'a list of language codes with English first, such as ["en", "pl"]'
    if not isinstance(value, list) or not 1 <= len(value) <= 20 or value[0] != ENGLISH_CODE:
        raise ValueError(allowed)
    codes = []
    for code in value:
        if not isinstance(code, str) or not CODE_PATTERN.match(code) or code in codes:
            raise ValueError(allowed + " (each once)")
        if right_to_left(code):
            raise ValueError(
                f"languages written left to right: {code} is written right to left, which the "
                "kiosk's terminal cannot lay out (letters unjoined, lines reversed; "
                "docs/languages.md)"
            )
        codes.append(code)
    return tuple(codes)


def _letters_template(value: Any) -> Path | None:
    text = _text(4096, allow_empty=True)(value)
    return Path(text) if text else None


def _documents(value: Any) -> tuple[str, ...]:
    allowed = 'a list of Markdown file names, such as ["agreements/site-induction.md"]'
    if not isinstance(value, list) or len(value) > 10:
        raise ValueError(allowed)
    return tuple(_text(4096)(v) for v in value)


REASON_MAX = 40
OTHER = "Other"  # always offered last, with the reason typed


def _reasons(value: Any) -> tuple[Reason, ...]:
    allowed = (
        'a list of 1 to 6 tables such as { text = "Medical or dental appointment", '
        "medical = true }, each text at most 40 characters and different"
    )
    if not isinstance(value, list) or not 1 <= len(value) <= 6:
        raise ValueError(allowed)
    reasons = []
    for item in value:
        if not isinstance(item, dict) or "text" not in item or set(item) - {"text", "medical"}:
            raise ValueError(allowed)
        text = _text(REASON_MAX)(item["text"])
        reasons.append(Reason(text, _bool(item.get("medical", False))))
    texts = [r.text.casefold() for r in reasons]
    if len(set(texts)) != len(texts) or OTHER.casefold() in texts:
        raise ValueError(allowed + f' ("{OTHER}" is always offered last by itself)')
    return tuple(reasons)


def _relationships(value: Any) -> tuple[str, ...]:
    allowed = "a list of 2 to 8 different relationships, each at most 30 characters"
    if not isinstance(value, list) or not 2 <= len(value) <= 8:
        raise ValueError(allowed)
    names = tuple(_text(30)(v) for v in value)
    if len({n.casefold() for n in names}) != len(names):
        raise ValueError(allowed)
    return names


# --- declaring settings -------------------------------------------------------------------


def setting(check: Checker, *, key: str | None = None, table: str | None = None) -> Any:
    """A setting: `check` converts and validates the TOML value. `key` defaults to the field
    name; `table` is needed on `Config`'s own fields, and on a field of a settings class that
    gathers keys from several TOML tables (PolicySettings); otherwise the class names it."""
    return field(metadata={"check": check, "key": key, "table": table})


def setting_map(check: Checker, *, table: str, keys: tuple[str, ...]) -> Any:
    """A table whose keys are names (visitor types) and each value is checked by `check`; a
    key left out means none. The field is a dict of the keys given."""
    return field(metadata={"check": check, "table": table, "keys": keys})


def table(name: str) -> Any:
    """A whole TOML table, read into the field's own dataclass."""
    return field(metadata={"table": name, "is_table": True})


@dataclass(frozen=True)
class DaySettings:
    school_opens: time = setting(_clock_time)  # school hours: school_opens to closing_time
    phone_return_time: time = setting(_clock_time)
    closing_time: time = setting(_clock_time)
    school_days: tuple[int, ...] = setting(_weekdays)  # Monday = 0


@dataclass(frozen=True)
class RetentionSettings:
    visits_days: int = setting(_int(1, 36500))
    phones_days: int = setting(_int(1, 36500))
    audit_days: int = setting(_int(1, 36500))
    leavers_days: int = setting(_int(1, 36500))  # pupils who left the roster
    letters_days: int = setting(_int(1, 36500))  # the log of letters home
    # a month goes only after the kiosk was used on this many school days after its newest
    # record (kiosk.domain.clock_trust: a clock years ahead must not empty the books)
    school_days_before_purge: int = setting(_int(1, 100))
    # late arrivals and collections: kept to the end of this many school years after theirs
    attendance_school_years: int = setting(_int(1, 10))
    # staff attendance: kept to the end of the school year this many years after its own
    staff_attendance_years: int = setting(_int(0, 20))


@dataclass(frozen=True)
class DisplaySettings:
    """The screen: read by `kiosk terminal`, which starts foot with the font for them."""

    text_size: str = setting(_choice(*TEXT_SIZES))
    panel_size: tuple[int, int] = setting(_panel_size)  # (width, height) in pixels


@dataclass(frozen=True)
class FireSettings:
    """The fire roll call: who prints it, and how long one opened by hand stays up."""

    # a CUPS printer's name (`lpstat -p`); "" = no printer, nothing is ever sent
    printer: str = setting(_printer_name)
    roll_call_return_minutes: int = setting(_int(1, 60))


@dataclass(frozen=True)
class AttendanceSettings:
    """Late arrivals and early collections ([attendance]): the registers, the reasons."""

    morning_opens: time = setting(_clock_time)
    morning_closes: time = setting(_clock_time)
    afternoon_opens: time = setting(_clock_time)
    afternoon_closes: time = setting(_clock_time)
    late_reasons: tuple[Reason, ...] = setting(_reasons)
    collection_reasons: tuple[Reason, ...] = setting(_reasons)
    relationships: tuple[str, ...] = setting(_relationships)
    # the export gives a pupil id that looks like a UPN only when the school says so
    export_upn: bool = setting(_bool)

    @property
    def registers(self) -> Registers:
        return Registers(
            self.morning_opens, self.morning_closes, self.afternoon_opens, self.afternoon_closes
        )


@dataclass(frozen=True)
class PolicySettings:
    """The phone policy: terms ([terms]), escalation rules ([escalation]), letters home."""

    term_starts: tuple[tuple[int, int], ...] = setting(_month_days, table="terms", key="starts")
    term_names: tuple[str, ...] = setting(_term_names, table="terms", key="names")
    term_dates: dict[str, date] = setting(_term_dates, table="terms", key="dates")
    rules: tuple[EscalationRule, ...] = setting(_rules, table="escalation")
    behaviour_code: str = setting(_text(20, allow_empty=True), table="escalation")
    # None: the shipped data/letters/letter.html
    letters_template: Path | None = setting(_letters_template, table="letters", key="template")

    @property
    def terms(self) -> TermSettings:
        return TermSettings(self.term_starts, self.term_names, self.term_dates)


@dataclass(frozen=True)
class Config:
    school_name: str = setting(_text(120), table="school", key="name")
    timezone: str = setting(_timezone, table="school")
    rules_file: Path = setting(_rules_file, table="rules", key="file")
    idle_timeout_seconds: int = setting(_int(10, 3600), table="kiosk")
    pass_display_seconds: int = setting(_int(2, 120), table="kiosk")
    # which kiosk wrote a record: set once at install, never changed (docs/scale-out.md)
    kiosk_id: str = setting(_kiosk_id, table="kiosk")
    pin_attempts: int = setting(_int(3, 20), table="staff")
    pin_lockout_minutes: int = setting(_int(1, 1440), table="staff")
    # wrong PINs checked in any rolling 24 hours, at most, whoever logs in between
    pin_wrong_per_day: int = setting(_int(5, 1000), table="staff")
    # the office is alerted from this many wrong PINs in 24 hours
    pin_alert_from: int = setting(_int(1, 1000), table="staff")
    # the longest lockout during school hours (a pupil must not lock staff out for the day)
    pin_lockout_school_hours_minutes: int = setting(_int(1, 1440), table="staff")
    # digits a new PIN needs (admins: at least 6 whatever this says)
    pin_length: int = setting(_int(4, 8), table="staff")
    # the PIN key (pepper); "" = beside the settings file, or beside the data folder
    pin_key_file: str = setting(_text(4096, allow_empty=True), table="staff")
    # whose PIN "I work here" asks for: "if-set" (anyone with one), "always", "never"
    staff_sign_in_pin: str = setting(
        _choice("if-set", "always", "never"), table="staff", key="sign_in_pin"
    )
    hardware: HardwareSettings = table("hardware")
    display: DisplaySettings = table("display")
    fire: FireSettings = table("fire")
    day: DaySettings = table("day")
    retention: RetentionSettings = table("retention")
    policy: PolicySettings = table("terms")  # its fields name their own tables
    # regular visitors' cards (kiosk regulars) work this many days from issue
    card_valid_days: int = setting(_int(1, 1830), table="regulars")
    bag_label_prefix: str = setting(_bag_prefix, table="phones")
    lanyards: LanyardSettings = table("lanyards")
    attendance: AttendanceSettings = table("attendance")
    # visitor type -> extra documents agreed to beside the phone rules
    agreements: dict[str, tuple[Path, ...]] = setting_map(  # noqa: RUF009 (a field() underneath)
        _documents, table="agreements", keys=tuple(VISITOR_TYPES)
    )
    # the languages welcome offers visitors, English first (docs/languages.md)
    languages: tuple[str, ...] = setting(_languages, table="languages", key="offered")
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
    group: str  # the Config field it belongs to
    optional: bool = False  # a key of a setting_map: left out means none


def _settings() -> list[Setting]:
    found = []
    tables = get_type_hints(Config)  # once: each call evaluates every annotation again
    for top in fields(Config):
        meta = top.metadata
        if meta.get("is_table"):
            owner: type = tables[top.name]
            kinds = get_type_hints(owner)
            for inner in fields(owner):
                check = inner.metadata.get("check") or _from_plain_metadata(
                    kinds[inner.name], inner.metadata
                )
                found.append(
                    Setting(
                        inner.metadata.get("table") or meta["table"],
                        inner.metadata.get("key") or inner.name,
                        check,
                        owner,
                        inner.name,
                        top.name,
                    )
                )
        elif "keys" in meta:
            for key in meta["keys"]:
                found.append(Setting(meta["table"], key, meta["check"], dict, key, top.name, True))
        elif "check" in meta:
            key = meta["key"] or top.name
            found.append(Setting(meta["table"], key, meta["check"], Config, top.name, top.name))
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
    missing = [
        f"{s.table}.{s.key}" for s in SETTINGS if not s.optional and s.key not in v.get(s.table, {})
    ]
    if missing:  # only a damaged shipped data/kiosk.toml can lack one
        raise ConfigError(f"{source}: no value for {', '.join(missing)}")
    tables: dict[str, dict[str, Any]] = {}
    flat: dict[str, Any] = {}
    for s in SETTINGS:
        if s.optional:
            documents = v.get(s.table, {}).get(s.key)
            flat.setdefault(s.group, {})
            if documents:
                flat[s.group][s.key] = documents
            continue
        value = v[s.table][s.key]
        if s.owner is Config:
            flat[s.attribute] = value
        else:
            tables.setdefault(s.group, {})[s.attribute] = value
    rules_file = flat["rules_file"]
    rules_path = Path(rules_file) if rules_file else share_dir() / "rules.md"
    if rules_file and not rules_path.is_absolute():
        rules_path = source.parent / rules_path
    flat["rules_file"] = rules_path
    hints = get_type_hints(Config)
    for top in fields(Config):
        if top.metadata.get("is_table"):
            flat[top.name] = hints[top.name](**tables[top.name])
    policy = flat["policy"]
    if len(policy.term_names) != len(policy.term_starts):
        raise ConfigError(f"{source}: terms.names must have one name per entry in terms.starts")
    template = policy.letters_template
    if template is not None and not template.is_absolute():
        flat["policy"] = replace(policy, letters_template=source.parent / template)
    config = Config(**flat, source=str(source))
    pins: dict[int, str] = {}
    for name, pin in config.hardware.pins_in_use().items():
        if pin in pins:
            raise ConfigError(
                f"{source}: hardware.{name} and hardware.{pins[pin]} are both GPIO{pin}: "
                "each device needs a pin of its own"
            )
        pins[pin] = name
    registers_problem = config.attendance.registers.problem()
    if registers_problem:
        raise ConfigError(f"{source}: [attendance] {registers_problem}")
    if config.day.phone_return_time >= config.day.closing_time:
        raise ConfigError(f"{source}: day.phone_return_time must be earlier than day.closing_time")
    if config.day.school_opens >= config.day.closing_time:
        raise ConfigError(f"{source}: day.school_opens must be earlier than day.closing_time")
    if not config.pin_attempts <= config.pin_wrong_per_day:
        raise ConfigError(f"{source}: staff.pin_wrong_per_day must be at least staff.pin_attempts")
    if config.pin_alert_from > config.pin_wrong_per_day:
        raise ConfigError(f"{source}: staff.pin_alert_from must be at most staff.pin_wrong_per_day")
    return config
