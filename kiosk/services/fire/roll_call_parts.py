"""The parts of a roll call every group is made of: a person to account for, a group of
them, and where a group comes from. Kept apart from kiosk/services/fire/roll_call.py so the
services that supply a group (visitors, pupils) build on these without importing the roll
call that lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.services.context import KioskContext


@dataclass(frozen=True)
class Person:
    """One person to account for, ready to read out, whatever group they are in."""

    key: str  # unique on the list: the record's id
    name: str  # in full
    since: str  # ISO 8601 with offset: when they arrived
    time_in: str  # "HH:MM", school-local
    about: str  # one line under the name on screen: organisation, who they visit, lanyard
    cells: tuple[str, ...]  # one value per header of their group, for tables and the print
    fields: dict[str, str]  # the machine-readable values (csv, json), by field name
    # A colour shown as a patch beside the details on screen (a visitor's lanyard), or "".
    colour: str = ""


@dataclass(frozen=True)
class RollCallGroup:
    key: str  # "visitors"
    title: str  # "Visitors"
    covers: str  # what the group is, for the list's opening line
    headers: tuple[str, ...]  # the columns of `Person.cells`
    field_names: tuple[str, ...]  # the keys of `Person.fields`, in column order
    people: tuple[Person, ...] = ()
    problem: str = ""  # why it could not be read (a damaged data file): never "nobody"
    # False for a group listed so the marshal can cross people off the class registers
    # (pupils collected early): they are not counted as on site.
    on_site: bool = True
    # False for a group that is nearly always empty (the pupils' groups): the list's opening
    # sentence and the fire log name it only when someone is in it (its heading still shows,
    # with its count), so the sentence leaves room for names on a small screen.
    named_when_empty: bool = True

    @property
    def named(self) -> bool:
        return self.named_when_empty or bool(self.people)

    @property
    def count(self) -> int:
        return len(self.people)

    @property
    def empty_note(self) -> str:
        if self.on_site:
            return f"Nobody in this group is on site ({self.covers})."
        return f"Nobody in this group ({self.covers})."


@dataclass(frozen=True)
class GroupSource:
    """Where one group of the roll call comes from: what it is, and how to read it."""

    key: str
    title: str
    covers: str
    headers: tuple[str, ...]
    field_names: tuple[str, ...]
    read: Callable[[KioskContext], Sequence[Person]]
    on_site: bool = True  # see RollCallGroup.on_site
    named_when_empty: bool = True  # see RollCallGroup.named_when_empty

    def group(self, people: Sequence[Person] = (), problem: str = "") -> RollCallGroup:
        return RollCallGroup(
            self.key, self.title, self.covers, self.headers, self.field_names,
            tuple(people), problem, self.on_site, self.named_when_empty,
        )  # fmt: skip
