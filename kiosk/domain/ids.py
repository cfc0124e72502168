"""Record ids and pass tokens: random, unguessable, and cheap to put in a QR code.

Crockford base32 (no I, L, O, U) is upper-case letters and digits only, so it fits QR's
compact alphanumeric mode and a USB scanner can type it back without case trouble.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PASS_PREFIX = "PASS-"


def random_code(length: int = 12) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_id(prefix: str) -> str:
    """An id like 'V-7K2M9QX4HD3T' (60 random bits): unique enough for a school's lifetime."""
    return f"{prefix}-{random_code(12)}"


def new_pass_token() -> str:
    """A single-use sign-out token (80 random bits) that carries no personal data."""
    return PASS_PREFIX + random_code(16)


def looks_like_pass(text: str) -> bool:
    text = text.strip().upper()
    return (
        text.startswith(PASS_PREFIX)
        and len(text) == len(PASS_PREFIX) + 16
        and all(c in ALPHABET for c in text[len(PASS_PREFIX) :])
    )


# What a person may type for a letter that Crockford base32 leaves out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
PASS_GROUP = 4


def pass_code_text(token: str) -> str:
    """The pass's code as printed under its QR: '7K2M-9QX4-HD3T-B8WN', short enough to type."""
    body = token.strip().upper().removeprefix(PASS_PREFIX)
    return "-".join(body[i : i + PASS_GROUP] for i in range(0, len(body), PASS_GROUP))


def pass_from_typed(text: str) -> str | None:
    """The pass token a person (or a scanner) typed, in any case, with or without the PASS
    prefix, spaces and hyphens, O for 0 and I or L for 1; None if it cannot be one."""
    squashed = "".join(c for c in text.upper() if not c.isspace() and c != "-")
    body = squashed.removeprefix(PASS_PREFIX[:-1]).translate(_READ_AS)
    token = PASS_PREFIX + body
    return token if looks_like_pass(token) else None


CARD_PREFIX = "CARD-"
CARD_CODE_LENGTH = 20  # 100 random bits: a regular visitor's card, kept for a year


def new_card_code() -> str:
    """The code printed (as a QR) on a regular visitor's card; the kiosk keeps only its hash."""
    return CARD_PREFIX + random_code(CARD_CODE_LENGTH)


def looks_like_card(text: str) -> bool:
    text = text.strip().upper()
    return (
        text.startswith(CARD_PREFIX)
        and len(text) == len(CARD_PREFIX) + CARD_CODE_LENGTH
        and all(c in ALPHABET for c in text[len(CARD_PREFIX) :])
    )
