"""Staff PINs: checked for obviousness, stored only as salted scrypt hashes.

hashlib.scrypt is in the standard library (OpenSSL), memory-hard, and needs no compiled
extra package on the Pi. Parameters: n=2**14, r=8, p=1 (16 MiB, about 0.1 s on a Pi 4),
recorded in each hash so they can be raised later without breaking old hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import secrets

from kiosk.errors import ValidationError

PIN_MIN, PIN_MAX = 4, 8
SCHEME = "scrypt"
N, R, P = 2**14, 8, 1


def check_pin_choice(pin: str) -> str:
    """The PIN if it is acceptable as a new PIN; otherwise ValidationError saying why."""
    if not pin.isascii() or not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise ValidationError(f"A PIN is {PIN_MIN} to {PIN_MAX} digits.", "pin")
    if len(set(pin)) == 1:
        raise ValidationError("That PIN is too easy to guess (all one digit).", "pin")
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {-1}, {9, -1}, {1, -9}):
        raise ValidationError("That PIN is too easy to guess (digits in a row).", "pin")
    if any(pin == pin[:k] * (len(pin) // k) for k in (2, 3) if len(pin) % k == 0):
        raise ValidationError("That PIN is too easy to guess (a repeated pattern).", "pin")
    if pin in {"1212", "2580", "0852", "1004", "2000", "6969", "1122", "4321"}:
        raise ValidationError("That PIN is too easy to guess (a common PIN).", "pin")
    return pin


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
            dklen=len(expected),
        )  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
