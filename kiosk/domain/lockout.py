"""Counting wrong PINs: lockouts, the daily limit, and how they are told to staff.

Wrong PINs count for the kiosk, not for whoever logs in between: a correct PIN resets
nothing, so a guesser who types their own PIN after every few guesses gains nothing.

- Every `attempts` (5) wrong PINs lock PIN entry. The lockouts grow: the first for
  `first_minutes` (5), then 15, then 60, then doubling to a day, counted over the last 24
  hours. During school hours no lockout runs longer than `school_hours_minutes` (15), so a
  pupil cannot lock the staff out for the day; an admin's PIN still works in a lockout.
- At most `per_day` (30) wrong PINs are checked in any rolling 24 hours, however they are
  interleaved with correct ones. At the limit PIN entry is *closed*: no PIN at all is
  checked (not even an admin's) until the oldest of them is 24 hours old, or an admin ends
  it over SSH (`kiosk staff unlock`, which forgives the wrong PINs counted so far).
- From the `alert_from`th (10th) wrong PIN in 24 hours the office is alerted, and again a
  day later if the guessing goes on (however often the office clears the alerts).

Pure: the service keeps a PinCount in the store and passes the time in.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from kiosk.domain.clock import parse_moment

MAX_LOCKOUT_MINUTES = 24 * 60
WINDOW = timedelta(hours=24)


def lockout_minutes(number: int, first_minutes: int) -> int:
    """Length of the `number`th lockout in 24 hours (1 = the first)."""
    if number <= 1:
        minutes = first_minutes
    elif number == 2:
        minutes = 3 * first_minutes
    else:
        minutes = 12 * first_minutes * 2 ** min(number - 3, 16)
    return min(minutes, MAX_LOCKOUT_MINUTES)


def since_phrase(first: datetime, now: datetime) -> str:
    """'since 09:14' today, 'since yesterday', 'since Monday' this week, else the date."""
    first = first.astimezone(now.tzinfo)
    days = (now.date() - first.date()).days
    if days <= 0:
        return f"since {first:%H:%M}"
    if days == 1:
        return "since yesterday"
    if days < 7:
        return f"since {first:%A}"
    return f"since {first.day} {first:%B %Y}"


def lockouts_notice(count: int, first: datetime, now: datetime) -> str:
    """The line the next member of staff sees after PIN entry was locked while they were away."""
    if count <= 0:
        return ""
    what = "1 PIN lockout" if count == 1 else f"{count} PIN lockouts"
    return (
        f"{what} {since_phrase(first, now)}: someone typed wrong PINs here. "
        "The office has been alerted."
    )


def time_left_text(seconds: float) -> str:
    """A lockout's time left as a countdown: "4:32", "1:00:00". Rounded up, so it never
    reads 0:00 while PIN entry is still locked."""
    whole = max(0, math.ceil(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def remaining_after_restart(locked_until: datetime, now: datetime, minutes: int) -> float:
    """Seconds of a stored lockout left, by the wall clock, never more than its full length.

    Across a restart only the stored wall time is known. If the clock has been set back since
    the lockout began, the wall clock would stretch it (5 minutes becoming 65); it is capped
    at its own length instead.
    """
    left = (locked_until - now).total_seconds()
    return max(0.0, min(left, timedelta(minutes=minutes).total_seconds()))


# --- the count ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PinLimits:
    attempts: int  # wrong PINs before a lockout
    first_minutes: int  # the first lockout's length
    per_day: int  # wrong PINs checked in any rolling 24 hours, at most
    alert_from: int  # the office is alerted at this many wrong PINs in 24 hours
    school_hours_minutes: int  # the longest lockout during school hours (the limit aside)


@dataclass(frozen=True)
class SchoolHours:
    opens: time
    closes: time
    days: tuple[int, ...]  # Monday = 0
    tz: tzinfo

    def span(self, day: date) -> tuple[datetime, datetime] | None:
        if day.weekday() not in self.days:
            return None
        return (
            datetime.combine(day, self.opens, self.tz),
            datetime.combine(day, self.closes, self.tz),
        )


def capped_until(
    start: datetime, until: datetime, hours: SchoolHours, cap_minutes: int
) -> datetime:
    """`until`, cut so the lockout lasts at most `cap_minutes` into any school hours it meets
    (begun in them, or running into the next morning's)."""
    cap = timedelta(minutes=cap_minutes)
    day = start.astimezone(hours.tz).date()
    while datetime.combine(day, time(0), hours.tz) < until:
        span = hours.span(day)
        if span is not None and span[0] < until and start < span[1]:
            return min(until, max(start, span[0]) + cap)
        day += timedelta(days=1)
    return until


@dataclass(frozen=True)
class WrongPin:
    """What one more wrong PIN did."""

    in_24_hours: int  # wrong PINs checked in the last 24 hours, this one included
    attempts_left: int  # before the next lockout
    lockout_minutes: int = 0  # > 0: PIN entry is locked now for this long
    lockout_number: int = 0  # the how-manyth lockout in 24 hours
    closed: bool = False  # the daily limit: no PIN is checked until `until`
    until: datetime | None = None
    alert: bool = False  # the office is told: the `alert_from`th, or a day after the last


@dataclass(frozen=True)
class PinCount:
    """Kept in the store: the wrong PINs and lockouts of the last 24 hours, the lockout in
    force, and the lockouts not yet told to a member of staff."""

    wrong: tuple[tuple[datetime, int], ...] = ()  # (when, epoch) of wrong PINs in 24 hours
    epoch: int = 0  # lockouts (and unlocks) so far: this epoch's wrong PINs make the streak
    lockouts: tuple[datetime, ...] = ()  # lockouts begun in the last 24 hours: the ladder
    locked_until: datetime | None = None
    minutes: int = 0  # the current (or last) lockout's length, whole minutes
    closed: bool = False  # the lockout in force is the daily limit
    untold: int = 0  # lockouts since a member of staff was last told
    first_untold: datetime | None = None
    alerted_at: datetime | None = None  # the office last alerted about many wrong PINs

    def recent(self, now: datetime) -> PinCount:
        """Only what falls in the 24 hours before now (a time ahead of now counts too: a
        clock set back keeps them counted longer, never shorter)."""
        start = now - WINDOW
        return replace(
            self,
            wrong=tuple(w for w in self.wrong if w[0] > start),
            lockouts=tuple(t for t in self.lockouts if t > start),
        )

    @property
    def streak(self) -> int:
        return sum(1 for _, epoch in self.wrong if epoch == self.epoch)

    def after_wrong(
        self,
        now: datetime,
        limits: PinLimits,
        cap: Callable[[datetime, datetime], datetime],
    ) -> tuple[PinCount, WrongPin]:
        """Count one more wrong PIN checked at `now`. `cap(start, until)` shortens a lockout
        in school hours (capped_until with the settings)."""
        state = self.recent(now)
        wrong = (*state.wrong, (now, state.epoch))
        count = len(wrong)
        state = replace(state, wrong=wrong)
        last = state.alerted_at
        alert = count >= limits.alert_from and (last is None or last <= now - WINDOW)
        if alert:
            state = replace(state, alerted_at=now)
        if count >= limits.per_day:
            # Closed until the oldest counted PIN is 24 hours old: then one more may be tried.
            until = max(min(w[0] for w in wrong) + WINDOW, now + timedelta(minutes=1))
            state = state._locked(now, until, closed=True)
            return state, WrongPin(count, 0, state.minutes, len(state.lockouts), True, until, alert)
        streak = state.streak
        if streak < limits.attempts:
            return state, WrongPin(count, limits.attempts - streak, alert=alert)
        number = len(state.lockouts) + 1
        until = now + timedelta(minutes=lockout_minutes(number, limits.first_minutes))
        until = cap(now, until)
        if state.locked_until is not None and state.locked_until > until:
            until = state.locked_until  # a lockout never shortens the one in force
        state = state._locked(now, until, closed=False)
        return state, WrongPin(count, limits.attempts, state.minutes, number, False, until, alert)

    def _locked(self, now: datetime, until: datetime, closed: bool) -> PinCount:
        return replace(
            self,
            epoch=self.epoch + 1,
            lockouts=(*self.lockouts, now),
            locked_until=until,
            minutes=max(1, math.ceil((until - now).total_seconds() / 60)),
            closed=closed,
            untold=self.untold + 1,
            first_untold=self.first_untold or now,
        )

    def told(self) -> PinCount:
        """A member of staff logged in and was told about the lockouts."""
        return replace(self, untold=0, first_untold=None)

    def unlocked(self) -> PinCount:
        """An admin ended the lockout: the wrong PINs so far are forgiven."""
        return replace(
            self,
            wrong=(),
            lockouts=(),
            epoch=self.epoch + 1,
            locked_until=None,
            closed=False,
            alerted_at=None,
        )

    # --- in the store ---------------------------------------------------------------------

    def to_value(self) -> dict[str, Any]:
        return {
            "wrong": [[at.isoformat(), epoch] for at, epoch in self.wrong],
            "epoch": self.epoch,
            "lockouts": [at.isoformat() for at in self.lockouts],
            "locked_until": self.locked_until.isoformat() if self.locked_until else "",
            "minutes": self.minutes,
            "closed": self.closed,
            "untold": self.untold,
            "first_untold": self.first_untold.isoformat() if self.first_untold else "",
            "alerted_at": self.alerted_at.isoformat() if self.alerted_at else "",
        }

    @classmethod
    def from_value(cls, raw: object) -> PinCount:
        """Tolerant of damage, and of the shape kept before issue 21 (a count of wrong PINs
        in a row and of lockouts since the last correct PIN, which a correct PIN reset)."""
        if not isinstance(raw, dict):
            return cls()

        def number(name: str) -> int:
            value = raw.get(name, 0)
            return value if isinstance(value, int) and not isinstance(value, bool) else 0

        wrong = []
        for item in raw.get("wrong", []) if isinstance(raw.get("wrong"), list) else []:
            if isinstance(item, list) and len(item) == 2 and isinstance(item[1], int):
                at = parse_moment(item[0])
                if at is not None:
                    wrong.append((at, item[1]))
        lockouts = raw.get("lockouts")
        if isinstance(lockouts, int):  # the old shape: lockouts not yet told
            return cls(
                locked_until=parse_moment(raw.get("locked_until")),
                minutes=number("minutes"),
                untold=lockouts,
                first_untold=parse_moment(raw.get("first_lockout_at")),
            )
        times = [parse_moment(t) for t in lockouts] if isinstance(lockouts, list) else []
        return cls(
            tuple(wrong),
            number("epoch"),
            tuple(t for t in times if t is not None),
            parse_moment(raw.get("locked_until")),
            number("minutes"),
            raw.get("closed") is True,
            number("untold"),
            parse_moment(raw.get("first_untold")),
            parse_moment(raw.get("alerted_at")),
        )
