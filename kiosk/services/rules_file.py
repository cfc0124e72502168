"""Loading the phone rules file named in the config."""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.rules import PhoneRules, make_rules
from kiosk.errors import ConfigError

RULES_MAX_BYTES = 20_000


def load_rules(path: Path) -> PhoneRules:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"rules file {path} cannot be read ({exc.strerror})") from None
    if len(raw) > RULES_MAX_BYTES:
        raise ConfigError(f"rules file {path} is too long to read standing up (over 20 kB)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"rules file {path} is not UTF-8 text") from None
    if not text.strip():
        raise ConfigError(f"rules file {path} is empty")
    return make_rules(text, str(path))
