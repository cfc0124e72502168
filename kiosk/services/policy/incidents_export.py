"""`kiosk export incidents`: one row per confiscation, for a behaviour system's import.

Phones handed in on arrival are not incidents and are left out, as are the phone's
description, bag and notes. CSV goes through csv_safety like every other export.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.clock import parse_iso
from kiosk.domain.escalation import CONFISCATED
from kiosk.domain.pupils import Pupil
from kiosk.domain.records import PHONE_REASONS
from kiosk.services.context import KioskContext
from kiosk.services.policy.phone_history import Period, outcome, phones_in_period
from kiosk.services.pupils.pupil_roster import PUPILS

INCIDENT_FIELDS = (
    "mis_id", "pupil", "class", "year", "date", "time", "reason", "staff_id", "outcome",
    "term", "count_in_term", "rule", "head_of_year", "behaviour_code", "record_id",
)  # fmt: skip


def incident_rows(context: KioskContext, period: Period) -> list[dict[str, Any]]:
    tz = context.config.tz
    roster = {r["id"]: Pupil.from_record(r) for r in context.store.live(PUPILS)}
    default_code = context.config.policy.behaviour_code
    rows = []
    for phone in phones_in_period(context, period):
        if phone.reason != CONFISCATED:
            continue
        pupil = roster.get(phone.pupil_id)
        moment = parse_iso(phone.stored_at).astimezone(tz)
        rows.append(
            {
                "mis_id": phone.pupil_id,
                "pupil": phone.pupil_name,
                "class": phone.class_name,
                "year": pupil.year if pupil else "",
                "date": moment.date().isoformat(),
                "time": moment.strftime("%H:%M"),
                "reason": PHONE_REASONS[CONFISCATED],
                "staff_id": phone.stored_by,
                "outcome": outcome(phone, tz),
                "term": phone.term,
                "count_in_term": phone.count_in_term,
                "rule": phone.rule_text,
                "head_of_year": phone.head_of_year,
                "behaviour_code": phone.behaviour_code or default_code,
                "record_id": phone.id,
            }
        )
    return rows
