"""One schema per record kind, checked every time a record is read from disk.

A record with a value of the wrong type (a `stored_at` of "garbage", a staff `pin_hash` that
is a number, a pupil with no year) is skipped by readers and named by `kiosk check`, instead
of crashing whoever reads it next: the kiosk, the fire roll call, an export.

Every kind the store keeps has one: visits, phones, staff, staff attendance, pupils, regular
visitors, the letters log, late arrivals and collections (attendance), pupils' contacts, the
audit trail, the items of live.json's `closed` table (a kind and a record of that kind) and
the values in its `state` table (by key). Each is a table of field -> rule, written once
here, so it can later be derived from the record's own dataclass.

Records are open schemas: the fields below must have the right type when present (and the
REQUIRED ones must be present), and any other field is allowed, so a newer feature can add
fields (a lockout counter on staff, a pupil roster id on a phone) by extending SCHEMAS here
without breaking older readers. Audit entries are closed: exactly the chained fields and the
hash, because an extra field is not covered by the hash and a missing one cannot be checked.

Pure: no store, no I/O. `problems(kind, record)` returns (field, what is wrong) pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.domain.audit_chain import CHAINED_FIELDS
from kiosk.domain.records import VISITOR_TYPES

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


def day(value: Any) -> str | None:
    """A calendar day, YYYY-MM-DD."""
    if not isinstance(value, str) or len(value) != 10:
        return "is not a date"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "is not a date"
    return None


def day_or_empty(value: Any) -> str | None:
    return None if value == "" else day(value)


def mapping(value: Any) -> str | None:
    return None if isinstance(value, dict) else "is not a set of values"


def a_record(value: Any) -> str | None:
    return None if isinstance(value, dict) else "is not a record"


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else "is not " + " or ".join(choices)

    return check


def list_of(rule: Rule) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "is not a list"
        for number, item in enumerate(value, start=1):
            wrong = _wrong(rule, item)
            if wrong:
                return f"item {number}: {wrong}"
        return None

    return check


def mapping_of(rule: Rule) -> Check:
    """Names (text) to values that each follow `rule`."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "is not a set of values"
        for name, item in value.items():
            wrong = _wrong(rule, item)
            if wrong:
                return f"{str(name)[:40]}: {wrong}"
        return None

    return check


def record_of(schema: Schema) -> Check:
    """A value that is itself a record of `schema` (an item of a list kept in state)."""

    def check(value: Any) -> str | None:
        found = schema_problems(schema, value)
        if not found:
            return None
        field, problem = found[0]
        return f"field {field} {problem}" if field else problem

    return check


def _wrong(rule: Rule, value: Any) -> str | None:
    if isinstance(rule, type):
        # Exact: True is not a number, 1 is not true.
        return None if type(value) is rule else WRONG_TYPE[rule]
    return rule(value)


@dataclass(frozen=True)
class Schema:
    fields: dict[str, Rule]
    required: frozenset[str]
    closed: bool = False  # True: no field outside `fields` is allowed
    id_field: str = "id"
    # For a kind whose records open and close (a visit, a phone held, a member of staff on
    # site): the field that dates a record, which decides its month's history file and its
    # retention. The store's closable kinds are the kinds that have one (`closable_kinds`).
    dated_by: str = ""


VISITOR_TYPE = one_of(*VISITOR_TYPES)
CLOSED = "closed"
STATE = "state"

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
            "lanyard": str,
            "escorted": bool,
            "regular_id": str,
            "agreements": mapping_of(str),
            "language": str,
            "rules_language": str,
            "agreement_languages": mapping_of(str),
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
            "pupil_id": str,
            "term": str,
            "count_in_term": int,
            "rule_count": int,
            "rule_text": str,
            "head_of_year": bool,
            "behaviour_code": str,
            "arrival_id": str,
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
            "pin_weak": str,
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
    # kiosk.domain.staff_attendance.StaffAttendance: a member of staff on site, open while
    # signed_out_at is empty, then closed to history like a visit.
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
    # kiosk.domain.pupils.Pupil: the roster, from the school's MIS.
    "pupils": Schema(
        fields={
            "id": non_empty_text,
            "forename": str,
            "surname": str,
            "year": str,
            "class_name": str,
            "active": bool,
            "parent_only": bool,
            "office_release": bool,
            "added_at": moment_or_empty,
            "updated_at": moment_or_empty,
            "left_at": moment_or_empty,
        },
        required=frozenset({"id", "forename", "surname", "year", "class_name"}),
    ),
    # kiosk.domain.regular_visitors.RegularVisitor: a visitor card the office issued.
    "regulars": Schema(
        fields={
            "id": non_empty_text,
            "name": str,
            "visitor_type": VISITOR_TYPE,
            "organisation": str,
            "host": str,
            "card_hash": str,
            "expires_on": day,
            "created_at": moment,
            "card_issued_at": moment,
            "revoked_at": moment_or_empty,
            "dbs_checked_on": day_or_empty,
            "checked_by": str,
            "agreed": mapping_of(str),
            "last_signed_in_at": moment_or_empty,
        },
        required=frozenset(
            {
                "id",
                "name",
                "visitor_type",
                "organisation",
                "host",
                "card_hash",
                "expires_on",
                "created_at",
                "card_issued_at",
            }
        ),
    ),
    # The log of letters home printed (kiosk.services.policy.letters).
    "letters": Schema(
        fields={
            "id": non_empty_text,
            "day": day,
            "pupil_key": str,
            "phone_ids": list_of(str),
            "printed_at": moment,
        },
        required=frozenset({"id", "day", "pupil_key", "phone_ids", "printed_at"}),
    ),
    # kiosk.domain.attendance.AttendanceEvent: a late arrival or an early collection.
    "attendance": Schema(
        fields={
            "id": non_empty_text,
            "kind": one_of("late", "collection"),
            "pupil_id": str,
            "pupil_name": str,
            "class_name": str,
            "year": str,
            "at": moment,
            "day": day,
            "session": one_of("AM", "PM"),
            "minutes_late": int,
            "reason": str,
            "reason_detail": str,
            "medical": bool,
            "suggested_code": one_of("", "L", "U", "M"),
            "adult_name": str,
            "relationship": str,
            "came_alone": bool,
            "phone": one_of("", "declared", "stored", "resolved", "not-stored"),
            "phone_id": str,
            "phone_closed_at": moment_or_empty,
            "phone_closed_by": str,
            "status": one_of("", "requested", "completed", "not-collected"),
            "will_return": bool,
            "completed_at": moment_or_empty,
            "confirmed_by": str,
            "released_by": str,
            "contact_match": str,
            "office_release": bool,
            "returned_at": moment_or_empty,
            "returned_by": str,
            "slip_token": str,
            "closed_at": moment_or_empty,
        },
        required=frozenset({"id", "kind", "pupil_id", "pupil_name", "at", "day", "session"}),
        dated_by="at",
    ),
    # kiosk.services.attendance.contacts: a pupil's contact, from the MIS's contacts export.
    "contacts": Schema(
        fields={
            "id": non_empty_text,
            "pupil_id": non_empty_text,
            "name": non_empty_text,
            "relationship": str,
            "parental_responsibility": bool,
            "priority": int,
            "imported_at": moment_or_empty,
        },
        required=frozenset({"id", "pupil_id", "name"}),
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
    STATE: Schema(
        fields={"key": non_empty_text}, required=frozenset({"key", "value"}), id_field="key"
    ),
}


def _wrong_pin(value: Any) -> str | None:
    """A wrong PIN kept in the lockout state: [when, the count's epoch]."""
    if not isinstance(value, list) or len(value) != 2:
        return "is not a time and a number"
    return moment(value[0]) or (None if type(value[1]) is int else "is not a number")


def _lockouts(value: Any) -> str | None:
    """The lockouts' times (a count, in the shape kept before issue 21)."""
    return None if type(value) is int else list_of(moment)(value)


def closable_kinds() -> dict[str, str]:
    """Kinds whose records open and close, and the field that dates each (the store's
    history files, the `closed` table and the purge follow this)."""
    return {kind: schema.dated_by for kind, schema in SCHEMAS.items() if schema.dated_by}


CLOSABLE_KINDS = tuple(closable_kinds())  # the kinds an item of live.json's `closed` table holds
# An item of live.json's `closed` table: a closed record waiting to move to history. Its
# record is then checked as a record of its kind.
SCHEMAS[CLOSED] = Schema(
    fields={"kind": one_of(*CLOSABLE_KINDS), "record": a_record},
    required=frozenset({"kind", "record"}),
)

_ALERT = Schema(fields={"at": moment, "minutes": int, "number": int}, required=frozenset({"at"}))
# The values of live.json's `state` table, by key. A key not listed here is not checked.
STATE_VALUES: dict[str, Schema] = {
    # kiosk.domain.audit_chain.Head: the newest committed audit entry.
    "audit_head": Schema(fields={"seq": int, "hash": str}, required=frozenset({"seq", "hash"})),
    # kiosk.domain.lockout.PinCount: the wrong PINs of the last 24 hours and the lockouts they
    # caused (issue 21), or the shape kept before it (counts that a correct PIN reset), which
    # PinCount still reads.
    "pin_lockout": Schema(
        fields={
            "wrong": list_of(_wrong_pin),
            "epoch": int,
            "lockouts": _lockouts,
            "locked_until": moment_or_empty,
            "minutes": int,
            "closed": bool,
            "untold": int,
            "first_untold": moment_or_empty,
            "alerted_at": moment_or_empty,
            "failures": int,
            "first_lockout_at": moment_or_empty,
        },
        required=frozenset(),
    ),
    # kiosk.services.staff.pin_alerts: lockouts waiting for an admin to see them.
    "pin_lockout_alerts": Schema(
        fields={"alerts": list_of(record_of(_ALERT)), "dropped": int}, required=frozenset()
    ),
}


def schema_problems(schema: Schema, record: Any) -> list[tuple[str, str]]:
    """(field, what is wrong) for each bad field of a record of `schema`."""
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
            if type(value) is not rule:  # inline: exports check every field of every record
                found.append((name, WRONG_TYPE[rule]))
        else:
            wrong = rule(value)
            if wrong:
                found.append((name, wrong))
    return found


def problems(kind: str, record: Any) -> list[tuple[str, str]]:
    """(field, what is wrong) for each bad field; empty when the record is good.

    An item of the `closed` table is checked for its shape only (its record is then checked
    as a record of its kind); a state entry for its key and its value."""
    schema = SCHEMAS.get(kind)
    if schema is None:
        return []
    found = schema_problems(schema, record)
    if kind == STATE and not found:
        value_schema = STATE_VALUES.get(record["key"])
        if value_schema is not None:
            value = record["value"]
            if not isinstance(value, dict):
                return [("", "is not a set of values")]
            found = schema_problems(value_schema, value)
    return found


def record_label(kind: str, record: Any) -> str:
    """How `kiosk check` names a record: its id (or seq), a state entry its key; '(no id)'."""
    schema = SCHEMAS.get(kind)
    key = schema.id_field if schema else "id"
    if kind == CLOSED and isinstance(record, dict) and isinstance(record.get("record"), dict):
        record = record["record"]
    value = record.get(key) if isinstance(record, dict) else None
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value)[:40] if kind == STATE else f"{key} {str(value)[:40]}"
    return "(no id)"
