"""Regular visitors: people the office has issued a visitor card to.

The card's QR code holds a random code and nothing else. The kiosk keeps only a hash of it,
so the records (or a copy of the data folder) cannot be turned back into a working card.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import date

from kiosk.domain.record_fields import (
    StoredRecord,
    day,
    day_or_empty,
    moment,
    moment_or_empty,
    non_empty_text,
    one_of,
    stored,
)
from kiosk.domain.records import VISITOR_TYPES
from kiosk.errors import ValidationError

REGULAR_PREFIX = "R"
CARD_HASH_PREFIX = "sha256:"
MAX_CARD_DAYS = 1830  # about five years: a card far beyond that is a typo in the year
_INITIALS = re.compile(r"[A-Z]{1,4}")

ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"


@dataclass
class RegularVisitor(StoredRecord):
    """A card holder. `agreed` maps each document they agreed to (the phone rules and any
    extra agreement) to the version they last agreed to, so the kiosk can say what changed."""

    id: str = stored(rule=non_empty_text, required=True)
    name: str = stored(required=True)
    visitor_type: str = stored(rule=one_of(*VISITOR_TYPES), required=True)
    organisation: str = stored(required=True)
    host: str = stored(required=True)  # empty: the kiosk asks whom they are visiting each time
    card_hash: str = stored(required=True)
    # YYYY-MM-DD: the last school-local day the card works
    expires_on: str = stored(rule=day, required=True)
    created_at: str = stored(rule=moment, required=True)
    card_issued_at: str = stored(rule=moment, required=True)
    revoked_at: str = stored("", rule=moment_or_empty)
    # YYYY-MM-DD: ID seen and DBS or agency confirmation checked
    dbs_checked_on: str = stored("", rule=day_or_empty)
    checked_by: str = ""  # initials of whoever checked; never a certificate number
    agreed: dict[str, str] = field(default_factory=dict)
    last_signed_in_at: str = stored("", rule=moment_or_empty)

    @property
    def checked(self) -> bool:
        return bool(self.dbs_checked_on)


def card_hash(code: str) -> str:
    """What the kiosk keeps of a card code. The code has 100 random bits, so a plain hash is
    enough: there is nothing to guess that would be quicker than guessing the code itself."""
    normalised = code.strip().upper()
    digest = hashlib.sha256(b"foyer-kiosk visitor card\0" + normalised.encode("ascii", "replace"))
    return CARD_HASH_PREFIX + digest.hexdigest()


def hash_matches(stored: str, scanned_hash: str) -> bool:
    """Compare in constant time; a record without a hash matches nothing."""
    return bool(stored) and hmac.compare_digest(stored, scanned_hash)


def card_status(regular: RegularVisitor, today: date) -> str:
    if regular.revoked_at:
        return REVOKED
    if date.fromisoformat(regular.expires_on) < today:
        return EXPIRED
    return ACTIVE


def check_expiry(expires_on: date, today: date) -> date:
    if expires_on < today:
        raise ValidationError(
            f"--expires {expires_on.isoformat()} is in the past; give today or a later day",
            "--expires",
        )
    if (expires_on - today).days > MAX_CARD_DAYS:
        raise ValidationError(
            f"--expires {expires_on.isoformat()} is more than five years away", "--expires"
        )
    return expires_on


def check_initials(text: str) -> str:
    value = text.strip().upper().replace(".", "").replace(" ", "")
    if not _INITIALS.fullmatch(value):
        raise ValidationError("--by takes initials: 1 to 4 letters, such as JR", "--by")
    return value


def check_checked_on(checked_on: date, today: date) -> date:
    if checked_on > today:
        raise ValidationError(
            f"--dbs-checked-on {checked_on.isoformat()} is in the future", "--dbs-checked-on"
        )
    return checked_on
