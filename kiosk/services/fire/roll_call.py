"""Who is on site now: the fire roll call (the roll call screen, `kiosk onsite`, the printed
list and the list printed when the alarm sounds).

The list is a sequence of groups, one per kind of record the kiosk keeps of people on site
(`GROUP_SOURCES`): visitors signed in at the kiosk today, and staff signed in at the kiosk
(a sign-in by name without a PIN marked so). A later kind of record (staff
signing in, pupils arriving late or collected early) adds a source here: the screen, the
text, the HTML and the report show whatever groups there are, in this order.

Reads the live file without the lock, so it works while the kiosk is writing and on a
read-only account. A group that cannot be read says so (`problem`), never shows as empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.clock import parse_iso
from kiosk.domain.records import VISITOR_TYPES, Visit
from kiosk.domain.staff_attendance import (
    BY_NAME_NO_PIN,
    METHODS,
    NO_PIN_MARK,
    StaffAttendance,
)
from kiosk.domain.staff_attendance import KIND as STAFF_ATTENDANCE
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.fire.roll_call_parts import GroupSource, Person, RollCallGroup
from kiosk.services.fire.roll_call_pupils import COLLECTED_PUPILS, LATE_PUPILS

# What every list says it is not: a roll call from the kiosk is only the people the kiosk
# knows about, and a school's fire procedure also calls the class registers and the staff list
# (staff who came in without signing in here are not on it).
NOT_COVERED = "It is not the class registers or the full staff list: take those out too."


@dataclass(frozen=True)
class RollCall:
    """Everyone the kiosk knows is on site at `made_at`, by group."""

    made_at: datetime  # school-local
    groups: tuple[RollCallGroup, ...]

    @property
    def count(self) -> int:
        """People on site (a group of people gone, such as pupils collected early, is not)."""
        return sum(group.count for group in self.groups if group.on_site)

    def counts(self) -> dict[str, int]:
        """People per group, by the group's key (the fire log keeps these)."""
        return {group.key: group.count for group in self.groups}

    def people(self) -> Iterator[tuple[RollCallGroup, Person]]:
        for group in self.groups:
            for person in group.people:
                yield group, person

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(f"{g.title}: {g.problem}" for g in self.groups if g.problem)

    def coverage(self) -> str:
        """What the list covers, in a sentence for the top of the screen and the paper."""
        named = [group for group in self.groups if group.named]
        covered = [group.covers for group in named if group.on_site]
        gone = [group.covers for group in named if not group.on_site]
        text = f"Who the kiosk knows is on site: {_listed(covered)}."
        if gone:
            text += f" Also listed, not on site: {_listed(gone)}."
        return f"{text} {NOT_COVERED}"

    def made_at_text(self) -> str:
        return self.made_at.strftime("%H:%M on %a %d %b %Y")


def _listed(parts: list[str]) -> str:
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "nobody"


def people_word(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


# --- visitors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OnSite:
    """One visitor to account for."""

    visit_id: str
    name: str
    visitor_type: str  # the key, e.g. "contractor"
    organisation: str
    host: str
    signed_in_at: str  # ISO 8601 with offset
    time_in: str  # "HH:MM" school-local, for reading out
    lanyard: str = ""  # the colour they were told to take ("" for visits before lanyards)

    @property
    def type_label(self) -> str:
        return VISITOR_TYPES.get(self.visitor_type, self.visitor_type)


def _on_site(visit: Visit, context: KioskContext) -> OnSite:
    moment = parse_iso(visit.signed_in_at).astimezone(context.config.tz)
    return OnSite(
        visit_id=visit.id,
        name=visit.name,
        visitor_type=visit.visitor_type,
        organisation=visit.organisation,
        host=visit.host,
        signed_in_at=visit.signed_in_at,
        time_in=moment.strftime("%H:%M"),
        lanyard=visit.lanyard,
    )


def on_site(context: KioskContext) -> list[Visit]:
    """The open visits, earliest arrival first."""
    visits = [Visit.from_record(r) for r in context.store.live("visits")]
    open_visits = [visit for visit in visits if not visit.signed_out_at]
    return sorted(open_visits, key=lambda visit: (parse_iso(visit.signed_in_at), visit.id))


def roll_call(context: KioskContext) -> list[OnSite]:
    """Every visitor signed in now, ready to read out: earliest arrival first."""
    return [_on_site(r, context) for r in on_site(context)]


VISITOR_HEADERS = ("In", "Name", "Type", "Organisation", "Visiting", "Lanyard")
VISITOR_FIELDS = ("id", "name", "visitor_type", "organisation", "host", "signed_in_at", "lanyard")


def _visitor(visitor: OnSite) -> Person:
    about = [visitor.organisation or visitor.type_label, f"visiting {visitor.host}"]
    if visitor.lanyard:
        about.append(f"{visitor.lanyard} lanyard")
    return Person(
        key=visitor.visit_id,
        name=visitor.name,
        since=visitor.signed_in_at,
        time_in=visitor.time_in,
        about="  ·  ".join(about),
        cells=(
            visitor.time_in,
            visitor.name,
            visitor.type_label,
            visitor.organisation or "-",
            visitor.host,
            visitor.lanyard or "-",
        ),
        fields={
            "id": visitor.visit_id,
            "name": visitor.name,
            "visitor_type": visitor.visitor_type,
            "organisation": visitor.organisation,
            "host": visitor.host,
            "signed_in_at": visitor.signed_in_at,
            "lanyard": visitor.lanyard,
        },
        colour=visitor.lanyard,
    )


def visitors_now(context: KioskContext) -> list[Person]:
    return [_visitor(v) for v in roll_call(context)]


VISITORS = GroupSource(
    key="visitors",
    title="Visitors",
    covers="visitors signed in at the kiosk",
    headers=VISITOR_HEADERS,
    field_names=VISITOR_FIELDS,
    read=visitors_now,
)

# --- staff ---------------------------------------------------------------------------------

STAFF_HEADERS = ("In", "Name", "Role", "Signed in by")
STAFF_FIELDS = ("id", "staff_id", "name", "role", "signed_in_at", "signed_in_by")


def _staff_member(record: StaffAttendance, context: KioskContext) -> Person:
    time_in = parse_iso(record.signed_in_at).astimezone(context.config.tz).strftime("%H:%M")
    how = record.signed_in_by
    about = [record.role or "Staff"]
    if how == BY_NAME_NO_PIN:
        about.append(f"signed in by name, {NO_PIN_MARK}")
    return Person(
        key=record.id,
        name=record.name,
        since=record.signed_in_at,
        time_in=time_in,
        about="  ·  ".join(about),
        cells=(time_in, record.name, record.role or "-", METHODS.get(how, how)),
        fields={name: str(getattr(record, name)) for name in STAFF_FIELDS},
    )


def staff_now(context: KioskContext) -> list[Person]:
    """Staff signed in at the kiosk now, earliest arrival first."""
    signed_in = [
        StaffAttendance.from_record(r)
        for r in context.store.live(STAFF_ATTENDANCE)
        if not r.get("signed_out_at")
    ]
    signed_in.sort(key=lambda r: (parse_iso(r.signed_in_at), r.id))
    return [_staff_member(r, context) for r in signed_in]


STAFF = GroupSource(
    key="staff",
    title="Staff",
    covers="staff signed in at the kiosk",
    headers=STAFF_HEADERS,
    field_names=STAFF_FIELDS,
    read=staff_now,
)

# The groups of the roll call, in the order they are listed. Add a source to add a group.
GROUP_SOURCES: list[GroupSource] = [VISITORS, STAFF, LATE_PUPILS, COLLECTED_PUPILS]


def make_roll_call(context: KioskContext, sources: Sequence[GroupSource] | None = None) -> RollCall:
    """Everyone the kiosk knows is on site now, by group. A group whose records cannot be
    read comes back with its `problem` set; the others are listed as usual."""
    groups = []
    for source in GROUP_SOURCES if sources is None else sources:
        try:
            groups.append(source.group(source.read(context)))
        except KioskError as exc:
            groups.append(source.group(problem=str(exc)))
    made_at = context.now().astimezone(context.config.tz)
    return RollCall(made_at, tuple(groups))
