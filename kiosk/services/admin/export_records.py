"""Exporting visits, phones and the audit trail as CSV or JSON, for the office.

Reads without the lock (live file first, then history), so an export runs while the kiosk
is writing and from a read-only account. The fields are exactly the ones in
kiosk.domain.records: internal fields such as a visitor's pass token never leave the kiosk.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kiosk.domain.records import AUDIT_FIELDS, PHONE_FIELDS, VISIT_FIELDS, Phone
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.outputs.csv_safety import to_csv
from kiosk.services.outputs.date_range import DateRange, chronological

Row = dict[str, Any]

EXPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "visits": VISIT_FIELDS,
    "phones": PHONE_FIELDS,
    "audit": AUDIT_FIELDS,
}
DATED_BY = {"visits": "signed_in_at", "phones": "stored_at", "audit": "at"}
FORMATS = ("csv", "json")
# A value a record never had (written by an older kiosk) exports as its type's empty value.
_DEFAULTS: dict[str, Any] = {"parent_only": False, "agreements": {}, "agreement_languages": {}}


def project(record: Row, fields: Sequence[str]) -> Row:
    return {name: record.get(name, _DEFAULTS.get(name, "")) for name in fields}


def export_rows(context: KioskContext, kind: str, dates: DateRange) -> list[Row]:
    """Records of `kind` whose school-local day is in `dates`, oldest first, export fields only."""
    if kind not in EXPORT_FIELDS:
        raise KioskError(f"cannot export {kind!r}; choose one of: " + ", ".join(EXPORT_FIELDS))
    tz = context.config.tz
    if kind == "audit":
        found = sorted(context.store.audit_entries(), key=lambda e: e.get("seq", 0))
    else:
        found = context.store.records(kind, dates.first_month, dates.last_month)
    date_field = DATED_BY[kind]
    kept = [r for r in found if dates.contains(r[date_field], tz)]
    if kind != "audit":
        kept.sort(key=lambda r: chronological(r, date_field))
    return [project(r, EXPORT_FIELDS[kind]) for r in kept]


def to_json(rows: Sequence[Row]) -> str:
    """An array of objects; booleans stay booleans, empty strings stay empty strings."""
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"


def render(rows: Sequence[Row], fields: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return to_json([project(r, fields) for r in rows])
    if fmt == "csv":
        return to_csv(rows, fields)
    raise KioskError(f"unknown format {fmt!r}; choose one of: " + ", ".join(FORMATS))


def phones_report(
    context: KioskContext, include_returned: bool = False, dates: DateRange | None = None
) -> list[Phone]:
    """Phones held now (whatever their date); with `include_returned`, also the phones
    returned whose stored_at day is in `dates`. Oldest first."""
    found = {r["id"]: r for r in context.store.live("phones") if not r.get("returned_at")}
    if include_returned:
        dates = dates or DateRange(None, None)
        tz = context.config.tz
        for record in context.store.records("phones", dates.first_month, dates.last_month):
            if record.get("returned_at") and dates.contains(record["stored_at"], tz):
                found[record["id"]] = record
    ordered = sorted(found.values(), key=lambda r: chronological(r, "stored_at"))
    return [Phone.from_record(r) for r in ordered]
