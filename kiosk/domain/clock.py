"""Time, injected: services and the UI ask a Clock, so tests can move time with a FakeClock.

Two kinds of time: `now()` is the wall clock (what records say, what people read), which can
be stepped by NTP or a person; `monotonic()` only ever moves forward at the rate time passes,
for durations that must not stretch or shrink when the wall clock is set (PIN lockouts).
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Europe/London"


class Clock(Protocol):
    tz: tzinfo

    def now(self) -> datetime:
        """An aware datetime in the school's time zone."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back; only differences mean anything."""
        ...


class SystemClock:
    def __init__(self, tz: tzinfo | str = DEFAULT_TIMEZONE) -> None:
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz

    def now(self) -> datetime:
        return datetime.now(self.tz)

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to.

    `advance` is time passing (wall and monotonic move together); `set` and `step` are the
    wall clock being changed (NTP, a person), which the monotonic time does not see.
    """

    MONOTONIC_START = 1000.0  # any value: only differences of monotonic() mean anything

    def __init__(self, start: datetime | str, tz: tzinfo | str = DEFAULT_TIMEZONE) -> None:
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        if isinstance(start, str):
            start = datetime.fromisoformat(start)
        self._now = (
            start.replace(tzinfo=self.tz) if start.tzinfo is None else start.astimezone(self.tz)
        )
        self._monotonic = self.MONOTONIC_START

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._monotonic

    def advance(self, seconds: float = 0, **kwargs: float) -> datetime:
        step = timedelta(seconds=seconds, **kwargs)
        self._now = (self._now + step).astimezone(self.tz)
        self._monotonic += max(0.0, step.total_seconds())  # time passing never runs back
        return self._now

    def set(self, when: datetime) -> None:
        """The wall clock is set to `when`; no time passes on the monotonic clock."""
        self._now = when.astimezone(self.tz)

    def step(self, seconds: float = 0, **kwargs: float) -> datetime:
        """The wall clock is stepped (back, with negative values); no time passes."""
        self._now = (self._now + timedelta(seconds=seconds, **kwargs)).astimezone(self.tz)
        return self._now


def to_iso(moment: datetime, tz: tzinfo) -> str:
    """ISO 8601 with offset, in the school's zone, to the second."""
    return moment.astimezone(tz).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def parse_moment(value: object) -> datetime | None:
    """A stored moment, or None for anything else: not text, not a date, or without an offset
    (a naive time cannot be compared with the clock's)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = parse_iso(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def local_day(moment: datetime, tz: tzinfo) -> date:
    return moment.astimezone(tz).date()


MONTH_KEY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")  # what month_key gives: "2026-11"


def month_key(iso_or_dt: str | datetime, tz: tzinfo) -> str:
    """'YYYY-MM' of a moment in the school's zone: the history file a record belongs to."""
    moment = parse_iso(iso_or_dt) if isinstance(iso_or_dt, str) else iso_or_dt
    return moment.astimezone(tz).strftime("%Y-%m")
