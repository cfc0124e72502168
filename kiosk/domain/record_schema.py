"""One schema per record kind, checked every time a record is read from disk.

A record with a value of the wrong type (a `stored_at` of "garbage", a staff `pin_hash` that
is a number) is skipped by readers and named by `kiosk check`, instead of crashing whoever
reads it next: the kiosk, the fire roll call, an export.

Visits, phones, staff and staff attendance are open schemas: the fields below must have the
right type when present (and the REQUIRED ones must be present), and any other field is
allowed, so a newer feature can add fields (a lockout counter on staff, a pupil roster id
on a phone) by extending SCHEMAS here without breaking older readers. Audit entries are
closed: exactly the chained fields and the hash, because an extra field is not covered by
the hash and a missing one cannot be checked.

Pure: no store, no I/O. `problems(kind, record)` returns (field, what is wrong) pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.domain.audit_chain import CHAINED_FIELDS

Check = Callable[[Any], str | None]  # None when the value is fine, else what is wrong
# A field is either a plain JSON type (str, bool, int: checked inline, the common case, as
# exports read every record) or a Check for values with more rules (dates and times).
Rule = type | Check
WRONG_TYPE = {str: "is not text", bool: "is not true or false", int: "is not a number"}


def non_empty_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return "is not text"
    return None if value.strip() else "is empty"


def moment(value: Any) -> str | None:
    """An ISO 8601 date and time with its UTC offset."""
    if not isinstance(value, str):
        return "is not a date and time"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return "is not a date and time"
    return None if parsed.utcoffset() is not None else "has no UTC offset"


def moment_or_empty(value: Any) -> str | None:
    return None if value == "" else moment(value)


def mapping(value: Any) -> str | None:
    return None if isinstance(value, dict) else "is not a set of values"


@dataclass(frozen=True)
class Schema:
    fields: dict[str, Rule]
    required: frozenset[str]
    closed: bool = False  # True: no field outside `fields` is allowed
    id_field: str = "id"
    # For a kind whose records open and close (a visit, a phone held): the field that dates
    # a record, which decides its month's history file and its retention.
    dated_by: str = ""


SCHEMAS: dict[str, Schema] = {
    "visits": Schema(
        fields={
            "id": non_empty_text,
            "visitor_type": str,
            "name": str,
            "organisation": str,
            "host": str,
            "car_reg": str,
            "signed_in_at": moment,
            "rules_version": str,
            "rules_agreed_at": str,
            "pass_token": str,
            "signed_out_at": moment_or_empty,
            "signed_out_by": str,
        },
        required=frozenset({"id", "name", "signed_in_at"}),
        dated_by="signed_in_at",
    ),
    "phones": Schema(
        fields={
            "id": non_empty_text,
            "pupil_name": str,
            "class_name": str,
            "description": str,
            "bag_label": str,
            "reason": str,
            "parent_only": bool,
            "stored_at": moment,
            "stored_by": str,
            "note": str,
            "returned_at": moment_or_empty,
            "returned_by": str,
            "returned_to": str,
            "held_overnight": bool,
        },
        required=frozenset({"id", "stored_at"}),
        dated_by="stored_at",
    ),
    "staff": Schema(
        fields={
            "id": non_empty_text,
            "name": str,
            "pin_hash": str,
            "is_admin": bool,
            "active": bool,
            "created_at": str,
            "extra": mapping,
            # the staff directory and staff cards (issue 25); pin_hash "" means no PIN
            "mis_id": str,
            "forename": str,
            "surname": str,
            "role": str,
            "left_at": moment_or_empty,
            "updated_at": moment_or_empty,
            "card_hash": str,
            "card_issued_at": moment_or_empty,
            "card_revoked_at": moment_or_empty,
        },
        required=frozenset({"id", "name", "pin_hash"}),
    ),
    # Staff signing in and out at the foyer: open while signed_out_at is empty, then closed
    # to history like a visit (kiosk.domain.staff_attendance).
    "staffattendance": Schema(
        fields={
            "id": non_empty_text,
            "staff_id": non_empty_text,
            "name": non_empty_text,
            "role": str,
            "signed_in_at": moment,
            "signed_in_by": non_empty_text,
            "signed_out_at": moment_or_empty,
            "signed_out_by": str,
        },
        required=frozenset({"id", "staff_id", "name", "signed_in_at", "signed_in_by"}),
        dated_by="signed_in_at",
    ),
    "audit": Schema(
        fields={
            **{name: str for name in CHAINED_FIELDS},
            "seq": int,
            "hash": str,
        },
        required=frozenset({*CHAINED_FIELDS, "hash"}),
        closed=True,
        id_field="seq",
    ),
}


def closable_kinds() -> dict[str, str]:
    """Kinds whose records open and close, and the field that dates each (the store's
    history files and the purge follow this)."""
    return {kind: schema.dated_by for kind, schema in SCHEMAS.items() if schema.dated_by}


def problems(kind: str, record: Any) -> list[tuple[str, str]]:
    """(field, what is wrong) for each bad field; empty when the record is good.

    Kinds without a schema (state, settings) are not checked here."""
    schema = SCHEMAS.get(kind)
    if schema is None:
        return []
    if not isinstance(record, dict):
        return [("", "is not a record")]
    found: list[tuple[str, str]] = []
    if not schema.required.issubset(record.keys()):
        found.extend((name, "is missing") for name in sorted(schema.required - record.keys()))
    fields = schema.fields
    for name, value in record.items():
        rule = fields.get(name)
        if rule is None:
            if schema.closed:
                found.append((name, "is not a field this record has"))
        elif isinstance(rule, type):
            if type(value) is not rule:  # exact: True is not a number, 1 is not true
                found.append((name, WRONG_TYPE[rule]))
        else:
            wrong = rule(value)
            if wrong:
                found.append((name, wrong))
    return found


def record_label(kind: str, record: Any) -> str:
    """How `kiosk check` names a record: its id (or seq), or '(no id)'."""
    schema = SCHEMAS.get(kind)
    key = schema.id_field if schema else "id"
    value = record.get(key) if isinstance(record, dict) else None
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return f"{key} {str(value)[:40]}"
    return "(no id)"
