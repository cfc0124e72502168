"""Phone records for a period, each with its term, its number in the term and its rule.

Shared by `kiosk report phones`, `kiosk export incidents`, `kiosk letters` and
`kiosk evidence`. A record stored by this version carries its term, count and rule; an
older record gets them worked out from the records before it in the same term.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from kiosk.domain.clock import local_day, parse_iso
from kiosk.domain.escalation import number_confiscations, rule_for
from kiosk.domain.records import Phone
from kiosk.domain.terms import term_by_key
from kiosk.errors import ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.outputs.date_range import DateRange
from kiosk.services.policy.escalation import term_key_of, term_of_day


@dataclass(frozen=True)
class Period:
    first: date | None
    last: date | None
    label: str  # "Autumn 2026 (2026-1: 2026-09-01 to 2026-12-31)"
    term_key: str = ""

    def contains(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


def resolve_period(
    context: KioskContext,
    term: str | None,
    since: str | None,
    until: str | None,
    default_term: bool = True,
) -> Period:
    """--term current|YYYY-N, or --since/--until; with neither, the current term (or all)."""
    dates = DateRange.parse(since, until)
    if term and (since or until):
        raise ValidationError("give --term or --since/--until, not both", "--term")
    if term is None and (since or until or not default_term):
        return Period(dates.since, dates.until, dates.describe())
    settings = context.config.policy.terms
    if term is None or term == "current":
        chosen = term_of_day(context, context.now().astimezone(context.config.tz).date())
    else:
        try:
            chosen = term_by_key(term, settings)
        except ValueError as exc:
            raise ValidationError(f"--term {exc}", "--term") from None
    label = f"{chosen.name} ({chosen.key}: {chosen.start.isoformat()} to {chosen.end.isoformat()})"
    return Period(chosen.start, chosen.end, label, chosen.key)


def phones_in_period(context: KioskContext, period: Period) -> list[Phone]:
    """Phone records stored in the period, oldest first, each with its term, its number in
    the term and the rule it reached (`term`, `count_in_term`, `rule_count`, `rule_text`,
    `head_of_year`): as stored, or worked out here for a record stored before the policy."""
    tz = context.config.tz
    # From the start of the first day's term, so older records are numbered within the term.
    start = term_of_day(context, period.first).start if period.first else None
    first_month = start.strftime("%Y-%m") if start else None
    last_month = period.last.strftime("%Y-%m") if period.last else None
    records = context.store.records("phones", first_month, last_month)
    term_of = term_key_of(context)
    numbered = number_confiscations(records, term_of)
    rules = context.config.policy.rules
    found = []
    for record in records:
        phone = Phone.from_record(record)
        day = stored_day(phone, tz)
        if (start and day < start) or not period.contains(day):
            continue
        if not phone.term:  # stored before the policy: worked out from the records before it
            term, count = numbered[phone.id]
            rule = rule_for(count, rules)
            phone = replace(
                phone,
                term=term,
                count_in_term=count,
                rule_count=rule.count if rule else 0,
                rule_text=rule.text if rule else "",
                head_of_year=bool(rule and rule.head_of_year),
            )
        found.append(phone)
    return found


def stored_day(phone: Phone, tz: Any) -> date:
    """The school-local day the phone was stored."""
    return local_day(parse_iso(phone.stored_at), tz)


def outcome(phone: Phone, tz: Any) -> str:
    """What happened to the phone, as the office would say it."""
    parts = []
    if phone.held_overnight:
        parts.append("held overnight")
    if not phone.returned_at:
        parts.append("still in the store")
    elif phone.returned_to in ("", "pupil"):
        parts.append("returned to pupil")
    else:
        parts.append(f"collected by {phone.returned_to}")
    return "; ".join(parts)


def same_day(phone: Phone, tz: Any) -> bool:
    if not phone.returned_at or phone.held_overnight:
        return False
    return local_day(parse_iso(phone.returned_at), tz) == stored_day(phone, tz)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
