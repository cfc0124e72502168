"""One schema per record kind, checked every time a record is read from disk.

A record with a value of the wrong type (a `stored_at` of "garbage", a staff `pin_hash` that
is a number, a pupil with no year) is skipped by readers and named by `kiosk check`, instead
of crashing whoever reads it next: the kiosk, the fire roll call, an export.

Every kind the store keeps has one: visits, phones, staff, staff attendance, pupils, regular
visitors, the letters log, late arrivals and collections (attendance), pupils' contacts, the
audit trail, the items of live.json's `closed` table (a kind and a record of that kind) and
the values in its `state` table (by key). The kinds the kiosk makes from a dataclass (visits,
phones, staff, staff attendance, pupils, regular visitors, attendance) take their fields, rules
and required fields from that dataclass's declaration (kiosk.domain.record_fields); the
others (letters, contacts, the audit trail, live.json's own tables) are written here.

Records are open schemas: the fields below must have the right type when present (and the
REQUIRED ones must be present), and any other field is allowed, so a newer feature can add
fields (a lockout counter on staff, a pupil roster id on a phone) by declaring them on the
dataclass without breaking older readers. Audit entries are closed: exactly the chained fields
and the hash, because an extra field is not covered by the hash and a missing one cannot be
checked.

Pure: no store, no I/O. `problems(kind, record)` returns (field, what is wrong) pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.domain.attendance import AttendanceEvent
from kiosk.domain.audit_chain import CHAINED_FIELDS
from kiosk.domain.letters_log import LetterPrinted
from kiosk.domain.pupil_contacts import PupilContact
from kiosk.domain.pupils import Pupil
from kiosk.domain.record_fields import (
    WRONG_TYPE,
    Check,
    Rule,
    field_rules,
    list_of,
    moment,
    moment_or_empty,
    non_empty_text,
    one_of,
    required_fields,
)
from kiosk.domain.records import Phone, Staff, Visit
from kiosk.domain.regular_visitors import RegularVisitor
from kiosk.domain.staff_attendance import StaffAttendance


def a_record(value: Any) -> str | None:
    return None if isinstance(value, dict) else "is not a record"


def record_of(schema: Schema) -> Check:
    """A value that is itself a record of `schema` (an item of a list kept in state)."""

    def check(value: Any) -> str | None:
        found = schema_problems(schema, value)
        if not found:
            return None
        field, problem = found[0]
        return f"field {field} {problem}" if field else problem

    return check


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


def schema_of(kind: type, *, dated_by: str = "") -> Schema:
    """The schema a record dataclass declares (kiosk.domain.record_fields)."""
    return Schema(fields=field_rules(kind), required=required_fields(kind), dated_by=dated_by)


CLOSED = "closed"
STATE = "state"

SCHEMAS: dict[str, Schema] = {
    "visits": schema_of(Visit, dated_by="signed_in_at"),
    "phones": schema_of(Phone, dated_by="stored_at"),
    "staff": schema_of(Staff),
    # a member of staff on site, open while signed_out_at is empty, then closed to history
    # like a visit
    "staffattendance": schema_of(StaffAttendance, dated_by="signed_in_at"),
    "pupils": schema_of(Pupil),  # the roster, from the school's MIS
    "regulars": schema_of(RegularVisitor),  # a visitor card the office issued
    # The log of letters home printed (kiosk.services.policy.letters).
    "letters": schema_of(LetterPrinted),  # the log of letters home printed
    # a late arrival or an early collection
    "attendance": schema_of(AttendanceEvent, dated_by="at"),
    "contacts": schema_of(PupilContact),  # a pupil's contact, from the MIS
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
