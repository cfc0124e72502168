"""`kiosk report phones`: per pupil, phones handed in and confiscated, and the rule reached.

Only what the office needs to act on: name, roster id, class, counts and the rule. No
phone descriptions, bag labels, notes or staff.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from kiosk.domain.escalation import CONFISCATED, pupil_key
from kiosk.domain.pupils import Pupil
from kiosk.services.context import KioskContext
from kiosk.services.policy.phone_history import Period, phones_in_period
from kiosk.services.pupils.pupil_roster import PUPILS

REPORT_FIELDS = (
    "pupil", "pupil_id", "class_name", "on_roster", "handed_in", "confiscated",
    "rule_count", "rule", "head_of_year",
)  # fmt: skip


@dataclass
class PupilLine:
    pupil: str
    pupil_id: str  # MIS id; empty when not on the roster
    class_name: str
    on_roster: bool
    handed_in: int = 0  # on arrival: never counts
    confiscated: int = 0
    rule_count: int = 0  # the highest rule reached in the period
    rule: str = ""
    head_of_year: bool = False

    def to_row(self) -> dict[str, Any]:
        return asdict(self)


def phone_report(context: KioskContext, period: Period) -> list[PupilLine]:
    """One line per pupil with a phone record in the period: most confiscations first."""
    roster = {r["id"]: Pupil.from_record(r) for r in context.store.live(PUPILS)}
    lines: dict[str, PupilLine] = {}
    for phone in phones_in_period(context, period):
        key = pupil_key(phone.pupil_id, phone.pupil_name)
        line = lines.get(key)
        if line is None:
            pupil = roster.get(phone.pupil_id)
            line = PupilLine(
                pupil=pupil.name if pupil else phone.pupil_name,
                pupil_id=pupil.id if pupil else "",
                class_name=pupil.class_name if pupil else phone.class_name,
                on_roster=pupil is not None,
            )
            lines[key] = line
        if phone.reason == CONFISCATED:
            line.confiscated += 1
        else:
            line.handed_in += 1
        if phone.rule_count > line.rule_count:
            line.rule_count, line.rule = phone.rule_count, phone.rule_text
        line.head_of_year = line.head_of_year or phone.head_of_year
    return sorted(lines.values(), key=lambda p: (-p.confiscated, -p.handed_in, p.pupil.casefold()))
