"""Which escalation rule a confiscation reaches, for the screen before saving and the record.

The count is the pupil's confiscations in the current term so far, plus this one. A pupil
on the roster is counted by MIS id; a name typed that is not on the roster, by the name.
The roster's parent-only flag applies whatever the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.domain.clock import local_day, parse_iso
from kiosk.domain.escalation import (
    CONFISCATED,
    EscalationRule,
    announcement,
    possessive,
    pupil_key,
    record_key,
    rule_for,
)
from kiosk.domain.pupils import Pupil, normalise_pupil_id
from kiosk.domain.terms import Term, term_for
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import PUPILS


@dataclass(frozen=True)
class Escalation:
    term: Term
    count: int  # this confiscation's number in the term; 0 when handed in on arrival
    rule: EscalationRule | None
    roster_parent_only: bool  # the roster says so for this pupil, whatever the count
    on_roster: bool
    message: str  # what the screen tells the member of staff

    @property
    def parent_only(self) -> bool:
        return self.roster_parent_only or bool(self.rule and self.rule.parent_only)


def term_of_day(context: KioskContext, day: date) -> Term:
    return term_for(day, context.config.policy.terms)


def term_key_of(context: KioskContext) -> Any:
    """A function giving a record's term key from its stored_at, cached by day."""
    cache: dict[date, str] = {}
    tz = context.config.tz

    def term_of(record: dict[str, Any]) -> str:
        day = local_day(parse_iso(record["stored_at"]), tz)
        if day not in cache:
            cache[day] = term_of_day(context, day).key
        return cache[day]

    return term_of


def confiscations_so_far(context: KioskContext, key: str, term: Term) -> int:
    """The pupil's confiscations already recorded in `term` (open, returned or archived)."""
    term_of = term_key_of(context)
    first, last = term.start.strftime("%Y-%m"), term.end.strftime("%Y-%m")
    return sum(
        1
        for r in context.store.each("phones", first, last)
        if r.get("reason") == CONFISCATED and record_key(r) == key and term_of(r) == term.key
    )


def roster_pupil(context: KioskContext, pupil_id: str) -> Pupil | None:
    wanted = normalise_pupil_id(pupil_id) if pupil_id else ""
    if not wanted:
        return None
    record = context.store.get_live(PUPILS, wanted)
    return Pupil.from_record(record) if record else None


def escalation_for(
    context: KioskContext, pupil_name: str, pupil_id: str = "", reason: str = CONFISCATED
) -> Escalation:
    """What storing this pupil's phone now would mean. Reads only."""
    term = term_of_day(context, context.now().astimezone(context.config.tz).date())
    pupil = roster_pupil(context, pupil_id)
    first_name = pupil.forename if pupil else (pupil_name.split() or ["The pupil"])[0]
    roster_parent_only = bool(pupil and pupil.parent_only)
    lines = []
    count, rule = 0, None
    if reason == CONFISCATED:
        key = pupil_key(pupil.id if pupil else "", pupil_name)
        count = confiscations_so_far(context, key, term) + 1
        rule = rule_for(count, context.config.policy.rules)
        lines.append(announcement(first_name, count, rule))
    else:
        lines.append("Handed in on arrival: this does not count as a confiscation.")
    if roster_parent_only and not (rule and rule.parent_only):
        whose = possessive(first_name)
        lines.append(f"The roster says {whose} phone goes to a parent or carer only.")
    if pupil is None and pupil_name.strip() and context.store.count(PUPILS):
        lines.append("Not on the roster: counted by name.")  # said only once there is one
    return Escalation(term, count, rule, roster_parent_only, pupil is not None, "\n".join(lines))
