"""The records the kiosk keeps, and the exact fields each one exports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from kiosk.domain.languages import N_

# Shown on the sign-in screen in the visitor's language (kiosk/ui/language.py).
VISITOR_TYPES: dict[str, str] = {
    "visitor": N_("Visitor"),
    "contractor": N_("Contractor"),
    "parent-helper": N_("Parent helper / volunteer"),
    "supply-staff": N_("Supply or agency staff"),
    "governor": N_("Governor"),
}

PHONE_REASONS: dict[str, str] = {
    "arrival": "Handed in on arrival",
    "confiscated": "Confiscated",
}

VISIT_FIELDS = (
    "id", "visitor_type", "name", "organisation", "host", "car_reg", "signed_in_at",
    "rules_version", "rules_agreed_at", "signed_out_at", "signed_out_by",
    # issue 14: new columns go at the end, so existing spreadsheets keep working
    "lanyard", "escorted", "regular_id", "agreements",
    # issue 28: the screens' language, and the language of each document shown and agreed
    "language", "rules_language", "agreement_languages",
)  # fmt: skip
PHONE_FIELDS = (
    "id", "pupil_name", "class_name", "description", "bag_label", "reason", "parent_only",
    "stored_at", "stored_by", "returned_at", "returned_by", "returned_to", "note",
)  # fmt: skip
AUDIT_FIELDS = ("seq", "at", "actor", "action", "record_id", "detail", "hash")


@dataclass
class Visit:
    """A visitor's time on site. Open while `signed_out_at` is empty."""

    id: str
    visitor_type: str
    name: str
    organisation: str
    host: str
    car_reg: str
    signed_in_at: str
    rules_version: str
    rules_agreed_at: str
    pass_token: str  # single-use sign-out token in the QR pass; cleared at sign-out
    signed_out_at: str = ""
    signed_out_by: str = ""  # "qr", "code", "card", "name", "close-day", or a staff id
    lanyard: str = ""  # the colour the pass told them to take, e.g. "red"
    escorted: bool = True
    regular_id: str = ""  # the regular visitor whose card signed them in, if any
    # Extra documents agreed to beside the phone rules: document name -> version.
    agreements: dict[str, str] = field(default_factory=dict)
    # The language of the visitor's screens ("en", "pl"); that of the rules shown (their
    # version is rules_version), and of each extra document (name -> language): the English
    # where the school has no translation. "" on visits recorded before languages.
    language: str = "en"
    rules_language: str = "en"
    agreement_languages: dict[str, str] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Phone:
    """A pupil's phone in the store. Open while `returned_at` is empty."""

    id: str
    pupil_name: str
    class_name: str
    description: str
    bag_label: str
    reason: str
    parent_only: bool
    stored_at: str
    stored_by: str  # staff id
    note: str = ""
    returned_at: str = ""
    returned_by: str = ""
    returned_to: str = ""
    held_overnight: bool = False
    # The phone policy (issue 13): who, which term, and the escalation rule reached when
    # stored. The record keeps the rule so a later change of settings does not rewrite it.
    pupil_id: str = ""  # MIS id; empty when the name typed is not on the roster
    term: str = ""  # "2026-1"
    count_in_term: int = 0  # this confiscation's number in the term; 0 on arrival
    rule_count: int = 0  # the rule reached (its count); 0 for none
    rule_text: str = ""
    head_of_year: bool = False
    behaviour_code: str = ""
    arrival_id: str = ""  # the late arrival (attendance record) that declared this phone

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Staff:
    """A member of staff who may open the phone store. The PIN is kept only as a salted hash.

    `pin_weak` says why the PIN is on the weak list ("" when it is not), worked out when the
    PIN is set or typed: the kiosk has no other way to know, holding only the hash.
    """

    id: str
    name: str
    pin_hash: str
    is_admin: bool = False
    active: bool = True
    created_at: str = ""
    pin_weak: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # The staff directory (everyone who works on site, with a PIN or not) and staff cards.
    mis_id: str = ""  # the MIS's own id, matched by `kiosk staff import`; "" if added by hand
    forename: str = ""  # as the MIS gives them (preferred first); "" if added by hand
    surname: str = ""
    role: str = ""  # "Teacher", "Site manager": shown beside the name where two are alike
    left_at: str = ""  # when an import first missed them: inactive from then, history kept
    updated_at: str = ""
    card_hash: str = ""  # the staff card's code, hashed (kiosk.domain.regular_visitors)
    card_issued_at: str = ""
    card_revoked_at: str = ""  # the card signs its holder out only, never in

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def not_before(closing: str, opened: str) -> str:
    """The time to record for a sign-out or a return: never earlier than the sign-in or the
    storing it closes. A clock stepped back (a failing RTC, a bad NTP answer) would otherwise
    write a visitor leaving before they arrived; clamped, the record stays possible and the
    roll call and exports keep working. Both are ISO 8601 with offset."""
    return opened if datetime.fromisoformat(closing) < datetime.fromisoformat(opened) else closing
