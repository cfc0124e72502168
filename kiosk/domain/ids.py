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
