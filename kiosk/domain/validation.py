"""Cleaning and checking what people type, with messages meant for them."""

from __future__ import annotations

import re
import unicodedata

from kiosk.errors import ValidationError

NAME_MAX = 60
TEXT_MAX = 80
NOTE_MAX = 300
CAR_REG_MAX = 10

_SPACES = re.compile(r"\s+")


def clean_text(value: str, max_len: int = TEXT_MAX) -> str:
    """Remove control and format characters, fold runs of spaces, trim the ends.

    Never raises: a value longer than max_len is left long, so the caller can say so
    instead of cutting someone's input silently.
    """
    value = unicodedata.normalize("NFC", value)
    kept = []
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" " if char in "\t\n\r\x0b\x0c" else "")
        else:
            kept.append(char)
    return _SPACES.sub(" ", "".join(kept)).strip()


def _is_name_char(char: str) -> bool:
    category = unicodedata.category(char)
    # Letters of any script, combining marks (accents), spaces, hyphens, apostrophes, full stops.
    return category[0] in ("L", "M") or char in " -'\N{RIGHT SINGLE QUOTATION MARK}."


def person_name(value: str, label: str = "Name", field: str = "name") -> str:
    name = clean_text(value, NAME_MAX)
    if not name:
        raise ValidationError(f"Please enter your {label.lower()}.", field, "missing")
    if len(name) > NAME_MAX:
        raise ValidationError(
            f"{label} is too long: at most {NAME_MAX} letters, please.",
            field,
            "too-long",
            {"most": NAME_MAX},
        )
    if not any(unicodedata.category(c)[0] == "L" for c in name):
        raise ValidationError(f"{label} needs at least one letter.", field, "no-letter")
    bad = sorted({c for c in name if not _is_name_char(c)})
    if bad:
        shown = " ".join(bad[:5])
        raise ValidationError(
            f"{label} can use letters, spaces, hyphens, apostrophes and full stops only"
            f" (not {shown}).",
            field,
            "characters",
            {"shown": shown},
        )
    return name


def free_text(
    value: str, label: str, field: str, required: bool = False, max_len: int = TEXT_MAX
) -> str:
    text = clean_text(value, max_len)
    if required and not text:
        raise ValidationError(f"Please enter {label.lower()}.", field, "missing")
    if len(text) > max_len:
        raise ValidationError(
            f"{label} is too long: at most {max_len} characters, please.",
            field,
            "too-long",
            {"most": max_len},
        )
    return text


def car_registration(value: str, field: str = "car-reg") -> str:
    reg = clean_text(value, 12).upper()
    if len(reg) > CAR_REG_MAX or not all((c.isalnum() and c.isascii()) or c == " " for c in reg):
        raise ValidationError(
            f"Car registration: letters, digits and spaces, up to {CAR_REG_MAX}.",
            field,
            "characters",
            {"most": CAR_REG_MAX},
        )
    return reg
