"""`kiosk report attendance`: the foyer's late arrivals and collections in numbers, with no
names: counts by week and by reason, minutes late by week, and the collections that needed
the office (an adult who did not match a contact, a pupil flagged "release only with the
office", or a request not handed over)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from kiosk.domain.attendance import COLLECTION, COMPLETED, LATE, NOT_COLLECTED, AttendanceEvent

NEEDED_OFFICE = ("surname only", "no", "no contacts")


def week_of(day: str) -> str:
    """The Monday of the week a "YYYY-MM-DD" day is in."""
    moment = date.fromisoformat(day)
    return (moment - timedelta(days=moment.weekday())).isoformat()


@dataclass
class WeekLine:
    week: str  # the Monday, "YYYY-MM-DD"
    late: int = 0
    collections: int = 0
    minutes: list[int] = field(default_factory=list)

    def to_row(self) -> dict[str, object]:
        return {
            "week": self.week,
            "late_arrivals": self.late,
            "collections": self.collections,
            "minutes_late_total": sum(self.minutes),
            "minutes_late_median": median(self.minutes) if self.minutes else "",
            "minutes_late_most": max(self.minutes) if self.minutes else "",
        }


WEEK_FIELDS = (
    "week", "late_arrivals", "collections", "minutes_late_total", "minutes_late_median",
    "minutes_late_most",
)  # fmt: skip
REASON_FIELDS = ("event", "reason", "count")


@dataclass
class AttendanceReport:
    weeks: list[WeekLine]
    reasons: list[tuple[str, str, int]]  # (event, reason, count)
    collections: int
    completed: int
    needed_office: int  # completed collections whose adult did not match, or flagged pupils
    not_handed_over: int
    flagged: int


def needed_office(event: AttendanceEvent) -> bool:
    return event.office_release or event.contact_match in NEEDED_OFFICE


def attendance_report(events: list[AttendanceEvent]) -> AttendanceReport:
    weeks: dict[str, WeekLine] = {}
    reasons: Counter[tuple[str, str]] = Counter()
    for event in events:
        line = weeks.setdefault(week_of(event.day), WeekLine(week_of(event.day)))
        if event.kind == LATE:
            line.late += 1
            line.minutes.append(event.minutes_late)
        else:
            line.collections += 1
        # "Other" reasons are counted together: what was typed may name someone.
        reasons[(event.kind, event.reason)] += 1
    collections = [e for e in events if e.kind == COLLECTION]
    completed = [e for e in collections if e.status == COMPLETED]
    return AttendanceReport(
        weeks=[weeks[k] for k in sorted(weeks)],
        reasons=sorted(
            ((kind, reason, n) for (kind, reason), n in reasons.items()),
            key=lambda r: (r[0], -r[2], r[1]),
        ),
        collections=len(collections),
        completed=len(completed),
        needed_office=sum(1 for e in completed if needed_office(e)),
        not_handed_over=sum(1 for e in collections if e.status == NOT_COLLECTED),
        flagged=sum(1 for e in collections if e.office_release),
    )
