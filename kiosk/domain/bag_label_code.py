"""What a printed bag label's QR code holds: the school's prefix, a hyphen and a number.

The prefix is a setting (`[phones] bag_label_prefix`), so a school that prints LOCKER-001
labels has them recognised when scanned, on the phone form and on the welcome screen. Typed
labels may be anything short; only this shape counts as a scan.
"""

from __future__ import annotations

import re

DEFAULT_PREFIX = "BAG"  # as data/kiosk.toml ships it; widgets made outside a kiosk use it
PREFIX_PATTERN = re.compile(r"[A-Z][A-Z0-9]{0,9}")
PREFIX_RULE = "1 to 10 letters or digits, starting with a letter (e.g. BAG)"
NUMBER_DIGITS = 6  # labels go up to 999999


def label_pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(prefix)}-\d{{1,{NUMBER_DIGITS}}}", re.IGNORECASE)


def is_bag_label(text: str, prefix: str) -> bool:
    return label_pattern(prefix).fullmatch(text.strip()) is not None


def starts_like_bag_label(text: str, prefix: str) -> bool:
    """A code that begins like one of this school's labels (for a friendly word on welcome)."""
    return text.strip().upper().startswith(prefix.upper() + "-")


def bag_label_at_end(text: str, prefix: str) -> str | None:
    """The label at the end of `text` if a scanner just typed one there, upper case; else None."""
    match = re.search(rf"({label_pattern(prefix).pattern})\s*$", text, re.IGNORECASE)
    return match.group(1).upper() if match else None
