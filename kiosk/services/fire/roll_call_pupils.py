"""The roll call's pupil groups: pupils who arrived late today (on site, not on the morning
register's first count) and pupils collected early and not back (gone: the marshal crosses
them off the class registers). Only a collection staff completed counts as gone; a request
still waiting at the office window leaves the pupil on site.

Read from the day's open attendance records in the live file, without the lock.
"""

from __future__ import annotations

from kiosk.domain.attendance import COLLECTION, COMPLETED, LATE, AttendanceEvent
from kiosk.services.attendance.attendance_events import open_events, time_of, today
from kiosk.services.context import KioskContext
from kiosk.services.fire.roll_call_parts import GroupSource, Person

LATE_HEADERS = ("In", "Name", "Class")
LATE_FIELDS = ("id", "name", "class_name", "arrived_at")
GONE_HEADERS = ("Left", "Name", "Class", "Back today?")
GONE_FIELDS = ("id", "name", "class_name", "left_at", "coming_back")


def _group_of(event: AttendanceEvent) -> str:
    return event.class_name or event.year or "-"


def _gone_ids(events: list[AttendanceEvent]) -> set[str]:
    return {
        e.pupil_id
        for e in events
        if e.kind == COLLECTION and e.status == COMPLETED and not e.returned_at
    }


def late_today(context: KioskContext) -> list[Person]:
    """Pupils who arrived late today and are still here (not collected since)."""
    events = open_events(context, today(context))
    gone = _gone_ids(events)
    people = []
    for event in events:
        if event.kind != LATE or event.pupil_id in gone:
            continue
        time_in = time_of(context, event.at)
        people.append(
            Person(
                key=event.id,
                name=event.pupil_name,
                since=event.at,
                time_in=time_in,
                about=f"{_group_of(event)}  ·  arrived late at {time_in}",
                cells=(time_in, event.pupil_name, _group_of(event)),
                fields={
                    "id": event.id,
                    "name": event.pupil_name,
                    "class_name": _group_of(event),
                    "arrived_at": event.at,
                },
            )
        )
    return people


def collected_not_back(context: KioskContext) -> list[Person]:
    """Pupils handed over to an adult today and not signed back in."""
    people = []
    for event in open_events(context, today(context)):
        if event.kind != COLLECTION or event.status != COMPLETED or event.returned_at:
            continue
        left = event.completed_at or event.at
        time_out = time_of(context, left)
        back = "expected back" if event.will_return else "not coming back"
        people.append(
            Person(
                key=event.id,
                name=event.pupil_name,
                since=left,
                time_in=time_out,
                about=f"{_group_of(event)}  ·  collected at {time_out}, {back}",
                cells=(
                    time_out,
                    event.pupil_name,
                    _group_of(event),
                    "expected" if event.will_return else "no",
                ),
                fields={
                    "id": event.id,
                    "name": event.pupil_name,
                    "class_name": _group_of(event),
                    "left_at": left,
                    "coming_back": "yes" if event.will_return else "no",
                },
            )
        )
    return people


LATE_PUPILS = GroupSource(
    key="late-pupils",
    title="Pupils who arrived late today",
    covers="pupils who arrived late today",
    headers=LATE_HEADERS,
    field_names=LATE_FIELDS,
    read=late_today,
    named_when_empty=False,
)
COLLECTED_PUPILS = GroupSource(
    key="collected-pupils",
    title="Pupils collected early, not back",
    covers="pupils collected early",
    headers=GONE_HEADERS,
    field_names=GONE_FIELDS,
    read=collected_not_back,
    on_site=False,
    named_when_empty=False,
)
