"""School terms: which term a day belongs to, so each phone record counts against its term.

A school year has its terms in order; each term runs from its start until the day before the
next one starts, so a holiday belongs to the term before it (a phone stored on an INSET day
still counts). Term keys are "YYYY-N": the calendar year the school year starts in and the
term's number, so "2026-1" is the autumn term of 2026/27 and "2026-3" the summer of 2027.
Start dates recur every year ("09-01") unless the school gives the real ones for a term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

TERM_KEY = re.compile(r"^(?P<year>\d{4})-(?P<n>[1-9])$")


@dataclass(frozen=True)
class TermSettings:
    starts: tuple[tuple[int, int], ...] = ((9, 1), (1, 1), (4, 1))  # (month, day) of term 1..n
    names: tuple[str, ...] = ("Autumn", "Spring", "Summer")
    dates: dict[str, date] = field(default_factory=dict)  # "YYYY-N" -> the real start date


@dataclass(frozen=True)
class Term:
    key: str  # "2026-1"
    name: str  # "Autumn 2026"
    start: date
    end: date  # inclusive: the day before the next term starts

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def term_start(settings: TermSettings, year: int, number: int) -> date:
    """First day of term `number` (1-based) of the school year starting in `year`."""
    override = settings.dates.get(f"{year}-{number}")
    if override is not None:
        return override
    month, day = settings.starts[number - 1]
    # Terms whose start comes before term 1's in the calendar fall in the next calendar year.
    calendar_year = year if (month, day) >= settings.starts[0] else year + 1
    return date(calendar_year, month, day)


def _make(settings: TermSettings, year: int, number: int) -> Term:
    start = term_start(settings, year, number)
    if number < len(settings.starts):
        following = term_start(settings, year, number + 1)
    else:
        following = term_start(settings, year + 1, 1)
    name = f"{settings.names[number - 1]} {start.year}"
    return Term(f"{year}-{number}", name, start, following - timedelta(days=1))


def term_for(day: date, settings: TermSettings) -> Term:
    """The term `day` counts against: the latest one that started on or before it."""
    best: Term | None = None
    for year in (day.year - 1, day.year):
        for number in range(1, len(settings.starts) + 1):
            term = _make(settings, year, number)
            if term.start <= day and (best is None or term.start > best.start):
                best = term
    assert best is not None  # term 1 of the year before always started before `day`
    return best


def term_by_key(key: str, settings: TermSettings) -> Term:
    """The term named "YYYY-N"; ValueError with a readable reason otherwise."""
    match = TERM_KEY.match(key.strip())
    if not match or not 1 <= int(match["n"]) <= len(settings.starts):
        raise ValueError(
            f"{key!r} is not a term: use YYYY-N, N from 1 to {len(settings.starts)} "
            "(e.g. 2026-1 for the autumn term of 2026/27)"
        )
    return _make(settings, int(match["year"]), int(match["n"]))


def school_year_of(day: date, terms: TermSettings) -> int:
    """The calendar year the school year holding `day` started in (2026 for 2026/27)."""
    return int(term_for(day, terms).key.split("-")[0])


def kept_from(today: date, terms: TermSettings, years_after: int) -> date:
    """The first day whose records (staff or pupils' attendance) are still kept today.

    A record is kept until the end of the school year `years_after` years after the one it
    was made in (2: the end of the school year after next), so today's school year and the
    `years_after` before it are kept whole, and anything older goes."""
    return term_start(terms, school_year_of(today, terms) - years_after, 1)
