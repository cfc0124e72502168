"""Can the kiosk's clock be trusted to say what is old? Judged from what the kiosk has seen.

A Pi's clock can be wrong by years (a bad RTC, a mistyped `date`, a bad time server), and a
clock years ahead makes every record look past its retention. A long holiday also makes
records old, honestly. What tells them apart:

- Days of use. A month is purged only after the kiosk has been used (a visitor signing in,
  a phone stored or returned, a member of staff logging in) on `school_days_before_purge`
  separate school days after that month's newest record. A clock that jumped yesterday
  has seen one day; a school back from a holiday sees ten within a fortnight.
- Jumps. The running kiosk keeps *runs*: stretches of time it watched its clock move at
  the pace of real time (checked against the monotonic clock). A holiday with the kiosk
  running is one long run. A gap between two things the kiosk saw (records, runs, now)
  that no run covers is a jump. After a jump longer than a kind's retention period, the
  age of that kind's older records cannot be told from this clock: they are held (and the
  clock looks wrong) however many days of use follow, until an admin confirms the date.
- A clock behind the newest thing the kiosk saw is wrong, or was wrong when that was
  written; either way nothing is purged until an admin has checked the date.

An admin who has checked the date confirms it (`kiosk purge --force`): gaps and records up
to that moment are accepted from then on.

Everything here is pure: the services read the records and the runs, and pass them in.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from kiosk.domain.clock import parse_moment

STEP_TOLERANCE = timedelta(minutes=10)  # wall clock vs real time, between two heartbeats
PERSIST_EVERY = timedelta(hours=1)  # how often a run's end is written while it goes on
MERGE_GAP = timedelta(days=1)  # a restart within a day continues the run before it
BEHIND_TOLERANCE = timedelta(hours=1)  # a Pi boots on its last saved time until NTP answers
MAX_RUNS = 200


@dataclass(frozen=True)
class Run:
    """A stretch of wall-clock time the running kiosk watched pass at the pace of real time."""

    start: datetime
    end: datetime

    def covers(self, first: datetime, last: datetime) -> bool:
        return self.start <= first and last <= self.end


@dataclass(frozen=True)
class ClockRecord:
    """What live.json keeps about the clock: the runs, and the last admin confirmation."""

    runs: tuple[Run, ...] = ()
    confirmed_at: datetime | None = None  # an admin said the date was right then
    confirmed_upto: datetime | None = None  # the newest thing the kiosk had seen by then

    @property
    def last_seen(self) -> datetime | None:
        """The last time the kiosk was running (to the hour), by its clock then."""
        return max((run.end for run in self.runs), default=None)

    def to_value(self) -> dict[str, Any]:
        return {
            "runs": [[r.start.isoformat(), r.end.isoformat()] for r in self.runs],
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else "",
            "confirmed_upto": self.confirmed_upto.isoformat() if self.confirmed_upto else "",
        }

    @classmethod
    def from_value(cls, raw: object) -> ClockRecord:
        """Tolerant: a damaged value is an empty record (no evidence), never an error."""
        if not isinstance(raw, dict):
            return cls()
        runs = []
        for item in raw.get("runs", []) if isinstance(raw.get("runs"), list) else []:
            if isinstance(item, list) and len(item) == 2:
                start, end = parse_moment(item[0]), parse_moment(item[1])
                if start is not None and end is not None and start <= end:
                    runs.append(Run(start, end))
        confirmed = parse_moment(raw.get("confirmed_at")), parse_moment(raw.get("confirmed_upto"))
        return cls(tuple(runs), *confirmed)

    # --- the heartbeat's changes ------------------------------------------------------------

    def started(self, now: datetime) -> ClockRecord:
        """The kiosk starts: continue the last run after a short stop, else begin a new one."""
        if self.runs:
            last = self.runs[-1]
            if last.end <= now <= last.end + MERGE_GAP:
                return self._with_runs((*self.runs[:-1], Run(last.start, now)))
        return self._with_runs((*self.runs, Run(now, now)))

    def extended(self, now: datetime) -> ClockRecord:
        """Real time passed and the clock kept pace: the current run goes on to `now`."""
        if not self.runs or now < self.runs[-1].start:
            return self.started(now)
        last = self.runs[-1]
        return self._with_runs((*self.runs[:-1], Run(last.start, max(last.end, now))))

    def stepped(self, before: datetime, now: datetime) -> ClockRecord:
        """The wall clock was stepped while the kiosk ran: the run ends, a new one begins."""
        runs = self.runs
        if runs and runs[-1].start <= before:
            runs = (*runs[:-1], Run(runs[-1].start, max(runs[-1].end, before)))
        return self._with_runs((*runs, Run(now, now)))

    def confirmed(self, now: datetime, newest_seen: datetime | None) -> ClockRecord:
        upto = max(now, newest_seen) if newest_seen else now
        return ClockRecord(self.runs, now, upto)

    def _with_runs(self, runs: tuple[Run, ...]) -> ClockRecord:
        return ClockRecord(runs[-MAX_RUNS:], self.confirmed_at, self.confirmed_upto)


def is_step(wall_seconds: float, real_seconds: float) -> bool:
    """Did the wall clock move by a different amount than real time (beyond a tolerance)?"""
    return abs(wall_seconds - real_seconds) > STEP_TOLERANCE.total_seconds()


# --- judging a purge -----------------------------------------------------------------------


def when_text(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def span_text(span: timedelta) -> str:
    days = span.days
    if days >= 730:
        return f"{days // 365} years"
    if days >= 60:
        return f"{days // 30} months"
    return f"{days} days"


@dataclass(frozen=True)
class Jump:
    """A gap no run covers, between two moments the kiosk saw (or the last one and now)."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass
class Evidence:
    """Everything the kiosk saw, sorted: what the purge's clock rule is judged on."""

    now: datetime
    tz: tzinfo
    school_days: tuple[int, ...]  # Monday = 0
    record: ClockRecord
    moments: list[datetime] = field(default_factory=list)  # every moment any record holds
    uses: list[datetime] = field(default_factory=list)  # moments someone used the kiosk

    def __post_init__(self) -> None:
        self.moments.sort()
        self.uses.sort()
        self._gaps = self._uncovered_gaps()

    def _uncovered_gaps(self) -> list[Jump]:
        """Gaps longer than a day (the shortest retention allowed) that no run covers."""
        points = sorted(
            {*self.moments, *(m for r in self.record.runs for m in (r.start, r.end)), self.now}
        )
        runs = sorted(self.record.runs, key=lambda r: r.start)
        starts = [r.start for r in runs]
        reach: list[datetime] = []  # the latest end of any run starting at or before each start
        for run in runs:
            reach.append(max(reach[-1], run.end) if reach else run.end)
        confirmed = max(
            (m for m in (self.record.confirmed_at, self.record.confirmed_upto) if m), default=None
        )
        gaps = []
        for first, last in itertools.pairwise(points):
            if last - first <= MERGE_GAP or last > self.now:
                continue  # short, or ahead of the clock (records from a clock once too fast)
            if confirmed is not None and last <= confirmed:
                continue  # an admin checked the date when this had been seen: accepted
            index = bisect.bisect_right(starts, first)
            if index and reach[index - 1] >= last:
                continue  # the kiosk was running and watched this time pass
            gaps.append(Jump(first, last))
        return gaps

    def newest_seen(self) -> datetime | None:
        seen = [*self.moments[-1:], *([self.record.last_seen] if self.record.last_seen else [])]
        return max(seen, default=None)

    def behind(self) -> str | None:
        """Why the clock is behind what the kiosk saw; None when it is not."""
        newest = self.newest_seen()
        upto = self.record.confirmed_upto
        if newest is None or (upto is not None and newest <= upto):
            return None
        if self.now >= newest - BEHIND_TOLERANCE:
            return None
        return (
            f"the clock says {when_text(self.now, self.tz)}, earlier than the newest record "
            f"or kiosk run ({when_text(newest, self.tz)})"
        )

    def first_jump_after(self, moment: datetime, longer_than: timedelta) -> Jump | None:
        for gap in self._gaps:
            if gap.start >= moment and gap.length > longer_than:
                return gap
        return None

    def break_after(self, moment: datetime) -> Jump | None:
        """The first gap after `moment` longer than a day (not counting non-school days)
        that no run covers: the kiosk was not running, or its clock was stepped."""
        for gap in self._gaps:
            if gap.start < moment:
                continue
            first, last = (m.astimezone(self.tz).date() for m in (gap.start, gap.end))
            days_off = sum(
                1
                for n in range(1, (last - first).days)
                if (first + timedelta(days=n)).weekday() not in self.school_days
            )
            if gap.length > timedelta(days=1 + days_off):
                return gap
        return None

    def days_of_use(self, after: datetime, before: datetime | None) -> set[date]:
        """Separate school days with use after `after`'s day, before `before` and now."""
        first_day = after.astimezone(self.tz).date()
        days = set()
        for moment in self.uses[bisect.bisect_right(self.uses, after) :]:
            if (before is not None and moment >= before) or moment > self.now:
                break
            day = moment.astimezone(self.tz).date()
            if day > first_day and day.weekday() in self.school_days:
                days.add(day)
        return days


@dataclass(frozen=True)
class Hold:
    """Why a month past its retention is kept for now."""

    reason: str
    clock_wrong: bool  # True: a jump (a fault until put right); False: waiting for days of use


def hold_for(
    evidence: Evidence, newest: datetime, retention: timedelta, days_needed: int
) -> Hold | None:
    """None when a month whose newest record is `newest` may go; otherwise why not.

    A jump longer than the retention period after `newest` means its age cannot be told
    from this clock at all: held, and the clock looks wrong. Otherwise it waits for days of
    use (none of them after such a jump, as there is none)."""
    jump = evidence.first_jump_after(newest, retention)
    if jump is not None:
        if jump.end == evidence.now:
            what = (
                f"the clock says {when_text(jump.end, evidence.tz)}, "
                f"{span_text(jump.length)} after anything the kiosk had seen "
                f"({when_text(jump.start, evidence.tz)})"
            )
        else:
            what = (
                f"the clock jumped from {when_text(jump.start, evidence.tz)} to "
                f"{when_text(jump.end, evidence.tz)} ({span_text(jump.length)}) with nothing "
                "seen in between"
            )
        return Hold(f"{what}, longer than the {retention.days} days kept", True)
    seen = evidence.days_of_use(newest, None)
    if len(seen) >= days_needed:
        return None
    since = newest.astimezone(evidence.tz).strftime("%Y-%m-%d")
    return Hold(
        f"the kiosk has been used on {len(seen)} of the {days_needed} school days needed "
        f"after its newest record ({since})",
        False,
    )


def moments_of(records: Iterable[dict[str, Any]], fields: tuple[str, ...]) -> list[datetime]:
    found = []
    for record in records:
        for name in fields:
            moment = parse_moment(record.get(name))
            if moment is not None:
                found.append(moment)
    return found
