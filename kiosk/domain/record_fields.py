"""How a stored record's fields are declared: once, on the record's own dataclass.

Each field of a record kind (kiosk.domain.records.Visit, Phone, Staff; Pupil, RegularVisitor,
StaffAttendance, AttendanceEvent) says its type in its annotation and, through `stored(...)`,
whatever more it needs: a rule beyond its plain type (a date and time with its offset, one of
a few words), whether a record without it is damaged, and whether the export leaves it out.
From that one declaration come the check every record passes when it is read
(kiosk.domain.record_schema), the export's columns (`export_columns`) and the conversion to and
from the stored form (`StoredRecord.to_record` and `from_record`).

Pure: no store, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, asdict, field, fields, is_dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Self

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


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else "is not " + " or ".join(choices)

    return check


def list_of(rule: Rule) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "is not a list"
        for number, item in enumerate(value, start=1):
            wrong = wrong_value(rule, item)
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
            wrong = wrong_value(rule, item)
            if wrong:
                return f"{str(name)[:40]}: {wrong}"
        return None

    return check


def wrong_value(rule: Rule, value: Any) -> str | None:
    if isinstance(rule, type):
        # Exact: True is not a number, 1 is not true.
        return None if type(value) is rule else WRONG_TYPE[rule]
    return rule(value)


# The rule each annotation stands for when a field names no rule of its own. The modules that
# declare records use `from __future__ import annotations`, so annotations arrive as text.
TYPE_RULES: dict[str, Rule] = {
    "str": str,
    "bool": bool,
    "int": int,
    "dict[str, str]": mapping_of(str),
    "dict[str, Any]": mapping,
    "list[str]": list_of(str),
}
RULE = "rule"
REQUIRED = "required"
EXPORTED = "exported"


def stored(
    default: Any = MISSING,
    *,
    rule: Rule | None = None,
    required: bool = False,
    exported: bool = True,
    default_factory: Any = MISSING,
) -> Any:
    """A field of a stored record: `rule` when its type alone does not say what a good value
    is; `required` when a record without it is damaged (the others may be missing from
    records written before the field existed); `exported=False` to keep it out of the
    export's columns (a pass token, the policy's working figures)."""
    metadata = {RULE: rule, REQUIRED: required, EXPORTED: exported}
    return field(default=default, default_factory=default_factory, metadata=metadata)


def _declared(kind: type) -> tuple[Field[Any], ...]:
    if not is_dataclass(kind):
        raise TypeError(f"{kind.__name__} is not a record dataclass")
    return fields(kind)


@cache
def field_names(kind: type) -> frozenset[str]:
    return frozenset(f.name for f in _declared(kind))


# A field's empty value, by annotation: what a record that passed its schema without the
# field (only the required ones must be there) converts with.
EMPTY: dict[str, Callable[[], Any]] = {
    "str": str,
    "bool": bool,
    "int": int,
    "dict[str, str]": dict,
    "dict[str, Any]": dict,
    "list[str]": list,
}


@cache
def _fillers(kind: type) -> dict[str, Callable[[], Any]]:
    """The fields with no default of their own, and how to make each one's empty value."""
    return {
        f.name: EMPTY[f.type if isinstance(f.type, str) else f.type.__name__]
        for f in _declared(kind)
        if f.default is MISSING and f.default_factory is MISSING
    }


def field_rules(kind: type) -> dict[str, Rule]:
    """Each field's rule: its own, else its annotation's. An annotation with no rule here is a
    mistake in the declaration, said at import time rather than when a record is read."""
    rules: dict[str, Rule] = {}
    for declared in _declared(kind):
        rule = declared.metadata.get(RULE)
        if rule is None:
            annotation = declared.type if isinstance(declared.type, str) else declared.type.__name__
            if annotation not in TYPE_RULES:
                raise TypeError(
                    f"{kind.__name__}.{declared.name}: no rule for {annotation!r}; "
                    "give it one with stored(rule=...)"
                )
            rule = TYPE_RULES[annotation]
        rules[declared.name] = rule
    return rules


def required_fields(kind: type) -> frozenset[str]:
    return frozenset(f.name for f in _declared(kind) if f.metadata.get(REQUIRED))


def export_columns(kind: type) -> tuple[str, ...]:
    """The export's columns, in the order the fields are declared. A new field goes at the end
    of its class, so existing spreadsheets keep their columns (tests/admin/test_export_columns.py
    holds today's names and order)."""
    return tuple(f.name for f in _declared(kind) if f.metadata.get(EXPORTED, True))


class StoredRecord:
    """The stored form of a record dataclass: a plain dict of its fields, and back."""

    def to_record(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        """The record as its dataclass. Fields written by a newer kiosk are left in the store;
        fields missing from an older record take their defaults, or their type's empty value
        where the class has none (any record that passes its schema converts)."""
        names = field_names(cls)
        values = {name: empty() for name, empty in _fillers(cls).items() if name not in record}
        values.update((name, value) for name, value in record.items() if name in names)
        return cls(**values)
