"""Which session a late arrival or an early collection falls in, how late it was, and the
attendance code the kiosk SUGGESTS for the office to confirm in the MIS.

The 2024 attendance regulations give each session a register that opens at a set time and
closes at most 30 minutes later. The kiosk suggests three codes only, in this order of
precedence (docs/admin-commands.md has the table for the school to check):

1. M: the reason is one the school marks as medical (an appointment), whatever the time;
2. L: arrived after the register opened and before it closed;
3. U: arrived after the register closed.

An arrival at or before the register opens is not late: no code. For an early collection
the kiosk suggests M for the sessions missed when the reason is medical, and nothing
otherwise: any other code is the office's decision. The kiosk feeds the register; it never
replaces it. Pure: times in, codes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

MORNING = "AM"
AFTERNOON = "PM"
MAX_REGISTER_MINUTES = 30  # the regulations: a register closes at most 30 minutes after opening
LATE_BEFORE_CLOSE = "L"
LATE_AFTER_CLOSE = "U"
MEDICAL = "M"
NO_CODE = ""
SUGGESTED_CODES = (MEDICAL, LATE_BEFORE_CLOSE, LATE_AFTER_CLOSE)


@dataclass(frozen=True)
class Reason:
    """One reason on the kiosk's short list, as the school words it in kiosk.toml."""

    text: str
    medical: bool = False  # an appointment: M whatever the time


@dataclass(frozen=True)
class Registers:
    """When each session's register opens and closes (school-local times)."""

    morning_opens: time
    morning_closes: time
    afternoon_opens: time
    afternoon_closes: time

    def problem(self) -> str | None:
        """Why these times cannot be a school's registers; None when they can."""
        for session, opens, closes in (
            ("morning", self.morning_opens, self.morning_closes),
            ("afternoon", self.afternoon_opens, self.afternoon_closes),
        ):
            minutes = _minutes(closes) - _minutes(opens)
            if minutes <= 0:
                return f"the {session} register must close after it opens"
            if minutes > MAX_REGISTER_MINUTES:
                return (
                    f"the {session} register closes {minutes} minutes after it opens: at most "
                    f"{MAX_REGISTER_MINUTES} minutes are allowed (attendance regulations 2024)"
                )
        if self.afternoon_opens <= self.morning_closes:
            return "the afternoon register must open after the morning register closes"
        return None

    def session_at(self, moment: time) -> str:
        """AM until the afternoon register opens; PM from then on."""
        return AFTERNOON if moment >= self.afternoon_opens else MORNING

    def times(self, session: str) -> tuple[time, time]:
        if session == AFTERNOON:
            return self.afternoon_opens, self.afternoon_closes
        return self.morning_opens, self.morning_closes


@dataclass(frozen=True)
class LateMark:
    session: str  # "AM" or "PM"
    minutes_late: int  # whole minutes after the session's register opened; 0 at or before it
    code: str  # suggested: "M", "L", "U", or "" (not late)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def late_mark(registers: Registers, arrived: datetime, medical: bool) -> LateMark:
    """Session, minutes late and the suggested code for a pupil arriving at `arrived`
    (school-local)."""
    at = arrived.time()
    session = registers.session_at(at)
    opens, closes = registers.times(session)
    opened_at = datetime.combine(arrived.date(), opens, arrived.tzinfo)
    late = arrived - opened_at
    minutes = max(0, int(late // timedelta(minutes=1)))
    if medical:
        code = MEDICAL
    elif at <= opens:
        code = NO_CODE
    elif at < closes:
        code = LATE_BEFORE_CLOSE
    else:
        code = LATE_AFTER_CLOSE
    return LateMark(session, minutes, code)


def sessions_missed(registers: Registers, left: datetime, back: datetime | None) -> tuple[str, ...]:
    """The sessions whose register a pupil collected at `left` is not in school for: those
    whose register had not closed when they left, unless they were back before it closed."""
    missed = []
    for session in (MORNING, AFTERNOON):
        _, closes = registers.times(session)
        gone = left.time() < closes
        returned = back is not None and back.date() == left.date() and back.time() < closes
        if gone and not returned:
            missed.append(session)
    return tuple(missed)


def collection_code(medical: bool) -> str:
    """The code suggested for each session a collected pupil misses: M for a medical reason,
    else none (the office decides)."""
    return MEDICAL if medical else NO_CODE
