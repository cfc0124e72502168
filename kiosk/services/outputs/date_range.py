"""`--since` / `--until`: school-local calendar days, inclusive, parsed strictly.

A record belongs to the day its moment falls on in the school's time zone, so a visit at
00:30 on the morning the clocks go back is on that day, whatever offset it was stored with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from kiosk.domain.clock import local_day, parse_iso
from kiosk.errors import ValidationError

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(text: str | None, option: str) -> date | None:
    """The date typed after `option`, or None when the option was not given."""
    if text is None:
        return None
    try:
        if not _DAY.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        shown = text if len(text) <= 40 and text.isprintable() else repr(text[:40])
        raise ValidationError(f"{option} {shown} is not a date (use YYYY-MM-DD)", option) from None


@dataclass(frozen=True)
class DateRange:
    since: date | None
    until: date | None

    @classmethod
    def parse(cls, since: str | None, until: str | None) -> DateRange:
        first = parse_day(since, "--since")
        last = parse_day(until, "--until")
        if first and last and first > last:
            raise ValidationError(
                f"--since {first.isoformat()} is after --until {last.isoformat()}", "--since"
            )
        return cls(first, last)

    @property
    def first_month(self) -> str | None:
        return self.since.strftime("%Y-%m") if self.since else None

    @property
    def last_month(self) -> str | None:
        return self.until.strftime("%Y-%m") if self.until else None

    def contains(self, iso_moment: str, tz: tzinfo) -> bool:
        day = local_day(parse_iso(iso_moment), tz)
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def describe(self) -> str:
        if self.since and self.until:
            return f"{self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"from {self.since.isoformat()}"
        if self.until:
            return f"up to {self.until.isoformat()}"
        return "all dates"


def chronological(record: dict[str, Any], date_field: str) -> tuple[datetime, str]:
    """Sort key by the moment itself: as text, 01:30+00:00 sorts before 01:30+01:00 on the
    morning the clocks go back, though it came an hour later."""
    return parse_iso(record[date_field]), record["id"]
