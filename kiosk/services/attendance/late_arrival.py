"""A pupil arriving late at the foyer: who, why, who brought them, and their phone.

The record holds the time, the session, the minutes after the register opened, the reason
and a SUGGESTED code for the office (kiosk.domain.attendance_codes), never shown on the
public screen. A pupil who says they have a phone is asked to hand it to the office; the
staff screen keeps them on its notices until the phone is stored (the two records then
point to each other) or marked resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import OTHER
from kiosk.domain.attendance import (
    ATTENDANCE,
    ATTENDANCE_PREFIX,
    LATE,
    PHONE_DECLARED,
    PHONE_NONE,
    AttendanceEvent,
)
from kiosk.domain.attendance_codes import Reason, late_mark
from kiosk.domain.ids import new_id
from kiosk.domain.pupils import Pupil
from kiosk.domain.validation import TEXT_MAX, free_text, person_name
from kiosk.errors import ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import PUPILS

REASON_DETAIL_MAX = TEXT_MAX
NOT_ON_ROSTER = "That pupil is no longer on the school's list: please ask at the office."


@dataclass(frozen=True)
class ChosenReason:
    reason: str  # as listed, or "Other"
    detail: str  # typed for "Other"
    medical: bool


def choose_reason(reasons: tuple[Reason, ...], reason: str, detail: str = "") -> ChosenReason:
    """One of the school's reasons, or "Other" with what was typed; ValidationError else."""
    if reason == OTHER:
        typed = free_text(detail, "The reason", "reason-detail", True, REASON_DETAIL_MAX)
        return ChosenReason(OTHER, typed, False)
    for listed in reasons:
        if listed.text == reason:
            return ChosenReason(listed.text, "", listed.medical)
    raise ValidationError("Please choose a reason.", "reason")


def adult_or_alone(adult_name: str, came_alone: bool) -> str:
    """The adult's cleaned name, or "" for a pupil who came on their own."""
    if came_alone:
        return ""
    return person_name(adult_name, "The adult's name", "adult-name")


def pupil_event(
    context: KioskContext, kind: str, pupil: Pupil, chosen: ChosenReason
) -> AttendanceEvent:
    """The parts every event has: who, when, the session and why."""
    now = context.now().astimezone(context.config.tz)
    mark = late_mark(context.config.attendance.registers, now, chosen.medical)
    return AttendanceEvent(
        id=new_id(ATTENDANCE_PREFIX),
        kind=kind,
        pupil_id=pupil.id,
        pupil_name=pupil.name,
        class_name=pupil.class_name,
        year=pupil.year,
        at=context.now_iso(),
        day=now.date().isoformat(),
        session=mark.session,
        minutes_late=mark.minutes_late if kind == LATE else 0,
        reason=chosen.reason,
        reason_detail=chosen.detail,
        medical=chosen.medical,
        suggested_code=mark.code if kind == LATE else "",
    )


def record_late_arrival(
    context: KioskContext,
    pupil: Pupil,
    reason: str,
    reason_detail: str,
    adult_name: str,
    came_alone: bool,
    has_phone: bool,
) -> AttendanceEvent:
    """Check and store a late arrival durably; ValidationError naming the field otherwise."""
    chosen = choose_reason(context.config.attendance.late_reasons, reason, reason_detail)
    adult = adult_or_alone(adult_name, came_alone)
    event = pupil_event(context, LATE, pupil, chosen)
    event.adult_name = adult
    event.came_alone = came_alone
    event.phone = PHONE_DECLARED if has_phone else PHONE_NONE
    with context.store.transaction() as tx:
        if tx.get(PUPILS, pupil.id) is None:
            raise ValidationError(NOT_ON_ROSTER, "pupil")
        tx.insert(ATTENDANCE, event.to_record())
        detail = f"{event.session}, {event.minutes_late} min" + (
            "; phone declared" if has_phone else ""
        )
        tx.audit(event.at, "kiosk", "late-arrival", event.id, detail)
    return event
