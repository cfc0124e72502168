"""PIN lockouts: how long each one lasts, and how they are told to the next member of staff.

The lengths grow so that guessing stays slow however patient the guesser: with the first
lockout at 5 minutes, then 15, then 60, then doubling to a day. Only a correct PIN starts the
ladder again, so at most a few dozen PINs can be tried a day instead of well over a thousand.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

MAX_LOCKOUT_MINUTES = 24 * 60


def lockout_minutes(number: int, first_minutes: int) -> int:
    """Length of the `number`th lockout since the last correct PIN (1 = the first)."""
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
