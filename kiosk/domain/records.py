"""The records the kiosk keeps: visits, phones and staff, each declared once (its fields, their
rules and its export columns: kiosk.domain.record_fields)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.domain.languages import N_
from kiosk.domain.record_fields import (
    StoredRecord,
    export_columns,
    field_names,
    moment,
    moment_or_empty,
    non_empty_text,
    stored,
)

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

AUDIT_FIELDS = ("seq", "at", "actor", "action", "record_id", "detail", "hash")


@dataclass
class Visit(StoredRecord):
    """A visitor's time on site. Open while `signed_out_at` is empty."""

    id: str = stored(rule=non_empty_text, required=True)
    visitor_type: str
    name: str = stored(required=True)
    organisation: str
    host: str
    car_reg: str
    signed_in_at: str = stored(rule=moment, required=True)
    rules_version: str
    rules_agreed_at: str
    # single-use sign-out token in the QR pass; cleared at sign-out
    pass_token: str = stored(exported=False)
    signed_out_at: str = stored("", rule=moment_or_empty)
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


@dataclass
class Phone(StoredRecord):
    """A pupil's phone in the store. Open while `returned_at` is empty."""

    id: str = stored(rule=non_empty_text, required=True)
    pupil_name: str
    class_name: str
    description: str
    bag_label: str
    reason: str
    parent_only: bool
    stored_at: str = stored(rule=moment, required=True)
    stored_by: str  # staff id
    returned_at: str = stored("", rule=moment_or_empty)
    returned_by: str = ""
    returned_to: str = ""
    note: str = ""
    # Not in the export (its columns are the ones above, in this order; kiosk phones and the
    # phone report give the policy's figures).
    held_overnight: bool = stored(False, exported=False)
    # The phone policy (issue 13): who, which term, and the escalation rule reached when
    # stored. The record keeps the rule so a later change of settings does not rewrite it.
    pupil_id: str = stored("", exported=False)  # MIS id; "" when the name is not on the roster
    term: str = stored("", exported=False)  # "2026-1"
    count_in_term: int = stored(0, exported=False)  # this confiscation's number; 0 on arrival
    rule_count: int = stored(0, exported=False)  # the rule reached (its count); 0 for none
    rule_text: str = stored("", exported=False)
    head_of_year: bool = stored(False, exported=False)
    behaviour_code: str = stored("", exported=False)
    # the late arrival (attendance record) that declared this phone
    arrival_id: str = stored("", exported=False)


@dataclass
class Staff(StoredRecord):
    """A member of staff who may open the phone store. The PIN is kept only as a salted hash.

    `pin_weak` says why the PIN is on the weak list ("" when it is not), worked out when the
    PIN is set or typed: the kiosk has no other way to know, holding only the hash.
    """

    id: str = stored(rule=non_empty_text, required=True)
    name: str = stored(required=True)
    pin_hash: str = stored(required=True)
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
    # when an import first missed them: inactive from then, history kept
    left_at: str = stored("", rule=moment_or_empty)
    updated_at: str = stored("", rule=moment_or_empty)
    card_hash: str = ""  # the staff card's code, hashed (kiosk.domain.regular_visitors)
    card_issued_at: str = stored("", rule=moment_or_empty)
    # the card signs its holder out only, never in
    card_revoked_at: str = stored("", rule=moment_or_empty)

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Staff:
        """Fields written by a newer kiosk go into `extra` (and back out with the record)."""
        names = field_names(cls)
        known = {k: v for k, v in record.items() if k in names and k != "extra"}
        extra = dict(record.get("extra") or {})
        extra.update({k: v for k, v in record.items() if k not in names})
        return cls(**known, extra=extra)


# The export's columns (kiosk export visits / phones): declared with each field above.
VISIT_FIELDS = export_columns(Visit)
PHONE_FIELDS = export_columns(Phone)


def not_before(closing: str, opened: str) -> str:
    """The time to record for a sign-out or a return: never earlier than the sign-in or the
    storing it closes. A clock stepped back (a failing RTC, a bad NTP answer) would otherwise
    write a visitor leaving before they arrived; clamped, the record stays possible and the
    roll call and exports keep working. Both are ISO 8601 with offset."""
    return opened if datetime.fromisoformat(closing) < datetime.fromisoformat(opened) else closing
