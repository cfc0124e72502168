"""Staff PINs: checked against the weak list, stored only as peppered, salted scrypt hashes.

A hash is `scrypt-hmac$<key id>$<n>$<r>$<p>$<salt>$<digest>`: the PIN is first run through
HMAC-SHA256 with the kiosk's PIN key (a secret kept outside the data folder, the "pepper"),
and that through scrypt with a random salt. Without the key a copy of the data folder or a
backup is no use to a guesser: even a 4-digit PIN cannot be tried offline. The key id (the
start of a hash of the key) says which key a hash needs, so a wrong key is reported as
that, not as everyone's PIN being wrong.

hashlib.scrypt is in the standard library (OpenSSL), memory-hard, and needs no compiled
extra package on the Pi. Parameters: n=2**14, r=8, p=1 (16 MiB), recorded in each hash so
they can be raised later without breaking old hashes. Hashes from before the key existed
(`scrypt$<n>$<r>$<p>$<salt>$<digest>`) still verify and are replaced at the next login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from kiosk.domain.weak_pins import weak_reason
from kiosk.errors import ValidationError

PIN_MIN, PIN_MAX = 4, 8  # what the PIN pad takes; the length a new PIN needs is a setting
DEFAULT_PIN_LENGTH = 6
ADMIN_PIN_LENGTH = 6  # admins open everything: never fewer digits, whatever the setting
SCHEME = "scrypt-hmac"
LEGACY_SCHEME = "scrypt"  # no key mixed in: upgraded at the next correct PIN
N, R, P = 2**14, 8, 1
DKLEN = 32
KEY_BYTES = 32  # a new key; a key file must hold at least KEY_MIN_BYTES
KEY_MIN_BYTES = 16
_KEY_ID_LABEL = b"foyer-kiosk pin-key id"


def check_pin_format(pin: str, min_length: int = DEFAULT_PIN_LENGTH) -> str:
    """The PIN if it is min_length to PIN_MAX plain digits; otherwise ValidationError."""
    if not pin.isascii() or not pin.isdigit() or not min_length <= len(pin) <= PIN_MAX:
        raise ValidationError(f"A PIN is {min_length} to {PIN_MAX} digits.", "pin")
    return pin


def check_pin_choice(pin: str, min_length: int = DEFAULT_PIN_LENGTH) -> str:
    """The PIN if it is acceptable as a new PIN; otherwise ValidationError saying why."""
    check_pin_format(pin, min_length)
    reason = weak_reason(pin)
    if reason:
        raise ValidationError(f"That PIN is too easy to guess: {reason}.", "pin")
    return pin


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def key_id(key: bytes) -> str:
    """A short, public name for a key (8 hex digits); says nothing usable about the key."""
    return hashlib.sha256(_KEY_ID_LABEL + key).hexdigest()[:8]


def _peppered(pin: str, key: bytes) -> bytes:
    return hmac.new(key, pin.encode(), hashlib.sha256).digest()


def hash_pin(pin: str, key: bytes) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(_peppered(pin, key), salt=salt, n=N, r=R, p=P, dklen=DKLEN)
    return f"{SCHEME}${key_id(key)}${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def hash_key_id(stored: str) -> str:
    """The id of the key a stored hash needs; empty for a hash made without a key."""
    parts = stored.split("$")
    return parts[1] if parts[0] == SCHEME and len(parts) == 7 else ""


def is_peppered(stored: str) -> bool:
    return stored.startswith(SCHEME + "$")


def needs_rehash(stored: str) -> bool:
    """Made without the key, or with other scrypt parameters than today's."""
    parts = stored.split("$")
    return parts[0] != SCHEME or parts[2:5] != [str(N), str(R), str(P)]


def verify_pin(pin: str, stored: str, key: bytes | None = None) -> bool:
    """Whether `pin` is the PIN `stored` was made from. A peppered hash needs its key."""
    try:
        parts = stored.split("$")
        if parts[0] == SCHEME and len(parts) == 7:
            if key is None or key_id(key) != parts[1]:
                return False
            secret, (n, r, p, salt, digest) = _peppered(pin, key), parts[2:]
        elif parts[0] == LEGACY_SCHEME and len(parts) == 6:
            secret, (n, r, p, salt, digest) = pin.encode(), parts[1:]
        else:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            secret, salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
            dklen=len(expected),
        )  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def legacy_hash_pin(pin: str) -> str:
    """A hash as kiosks before the PIN key made them (for tests of the upgrade path)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=DKLEN)
    return f"{LEGACY_SCHEME}${N}${R}${P}${_b64(salt)}${_b64(digest)}"
