"""Every fire alarm and every roll call opened without a PIN, kept in the audit trail.

The audit trail is the right home: hash-chained, kept for `retention.audit_days` (six years
shipped, as long as a fire log should be), exported with `kiosk export audit`, and written in
the same durable transaction as anything else. One roll call is one *event*, named by an id
(`F-...`) that each of its entries carries as `record_id`:

    roll-call-opened     by hand from the welcome or fault screen (no PIN), or by staff
    fire-alarm-started   the alarm contact closed: the kiosk opened the roll call itself
    fire-alarm-ended     the contact went back
    roll-call-printed    handed to `lp` (its request id), or roll-call-print-failed (why)
    roll-call-closed     by staff (card or PIN), back to welcome by hand, or untouched

`kiosk report fire` (`fire_report`) reads them back. The start entries say how many people
were on the list, by group ("on the list: visitors=12, staff=40").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiosk.domain.clock import local_day, parse_iso
from kiosk.domain.ids import new_id
from kiosk.services.context import KioskContext
from kiosk.services.fire.roll_call import GROUP_SOURCES, RollCall

OPENED = "roll-call-opened"
ALARM_STARTED = "fire-alarm-started"
ALARM_ENDED = "fire-alarm-ended"
PRINTED = "roll-call-printed"
PRINT_FAILED = "roll-call-print-failed"
CLOSED = "roll-call-closed"
CLOSE_REFUSED = "roll-call-close-refused"  # a wrong PIN or card at the close pad
STARTS = (OPENED, ALARM_STARTED)
FIRE_ACTIONS = (OPENED, ALARM_STARTED, ALARM_ENDED, PRINTED, PRINT_FAILED, CLOSED)

KIOSK = "kiosk"  # the actor of what nobody logged in did (the alarm, an opening without a PIN)
ALARM_ACTOR = "fire-alarm"
HOW_OPENED = {
    "alarm": "opened by the fire alarm",
    "hand": "opened by hand, no PIN",
    "staff": "opened from the staff screen",
}
# Openings without a PIN that staff have not yet been told about (a notice at their login).
UNSEEN_KEY = "roll_call_unseen"
UNSEEN_KEPT = 20
COUNTS = re.compile(r"([a-z][a-z-]*)=(\d+)")


def _on_the_list(roll: RollCall) -> str:
    # A group nearly always empty (the pupils') is logged only when someone is in it: a log
    # line per roll call must not fill up with them. "staff=0" says something; it stays.
    return "on the list: " + ", ".join(f"{g.key}={g.count}" for g in roll.groups if g.named)


def new_event_id() -> str:
    return new_id("F")


def start_event(
    context: KioskContext, how: str, roll: RollCall, actor: str = "", event_id: str = ""
) -> str:
    """Record a roll call's start (`how`: "alarm", "hand" or "staff"); its event id (made
    here unless given: the alarm's print may be logged under it first).

    An opening without a PIN is also kept for the next member of staff to log in."""
    event_id = event_id or new_event_id()
    now = context.now_iso()
    action = ALARM_STARTED if how == "alarm" else OPENED
    who = actor or (ALARM_ACTOR if how == "alarm" else KIOSK)
    with context.store.transaction() as tx:
        tx.audit(now, who, action, event_id, f"{HOW_OPENED[how]}; {_on_the_list(roll)}")
        if how == "hand":
            unseen = tx.get_state(UNSEEN_KEY, [])
            unseen = [u for u in unseen if isinstance(u, str)] if isinstance(unseen, list) else []
            tx.set_state(UNSEEN_KEY, [*unseen, now][-UNSEEN_KEPT:])
    return event_id


def end_alarm(context: KioskContext, event_id: str) -> None:
    with context.store.transaction() as tx:
        tx.audit(
            context.now_iso(), ALARM_ACTOR, ALARM_ENDED, event_id, "the alarm contact went back"
        )


def record_print(context: KioskContext, event_id: str, ok: bool, detail: str) -> None:
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), KIOSK, PRINTED if ok else PRINT_FAILED, event_id, detail)


def close_event(context: KioskContext, event_id: str, actor: str, why: str) -> None:
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), actor, CLOSED, event_id, why)


def take_unseen_openings(context: KioskContext) -> list[str]:
    """The openings without a PIN since staff were last told (ISO times), now marked told."""
    if not context.store.state(UNSEEN_KEY):
        return []  # nothing to tell: no write on every staff login
    with context.store.transaction() as tx:
        unseen = tx.get_state(UNSEEN_KEY, [])
        tx.set_state(UNSEEN_KEY, [])
    return [u for u in unseen if isinstance(u, str)] if isinstance(unseen, list) else []


def openings_notice(context: KioskContext, openings: list[str]) -> str:
    """One line for the staff screen: "Fire roll call opened without a PIN at 10:42"."""
    tz = context.config.tz
    today = local_day(context.now(), tz)
    times = []
    for opened in openings:
        try:
            moment = parse_iso(opened).astimezone(tz)
        except ValueError:
            continue
        when = f"{moment:%H:%M}"
        times.append(when if moment.date() == today else f"{when} on {moment:%a %-d %b}")
    if not times:
        return ""
    listed = ", ".join(times[:-1]) + " and " + times[-1] if len(times) > 1 else times[0]
    return f"Fire roll call opened without a PIN at {listed} (it lists everyone on site)."


# --- reading it back ---------------------------------------------------------------------


@dataclass
class FireEvent:
    """One roll call: an alarm or drill, or an opening by hand."""

    event_id: str
    how: str  # "alarm", "hand" or "staff"
    started_at: str
    alarm_ended_at: str = ""
    closed_at: str = ""
    closed_by: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    printed_at: str = ""
    print_problem: str = ""

    @property
    def total(self) -> int:
        """People on site then (pupils collected early were listed, not on site)."""
        gone = {source.key for source in GROUP_SOURCES if not source.on_site}
        return sum(n for key, n in self.counts.items() if key not in gone)

    def to_row(self) -> dict[str, Any]:
        return {
            "id": self.event_id,
            "started_by": {"alarm": "fire alarm", "hand": "by hand", "staff": "staff"}[self.how],
            "started_at": self.started_at,
            "alarm_ended_at": self.alarm_ended_at,
            "closed_at": self.closed_at,
            "closed_by": self.closed_by,
            "on_list": self.total,
            "by_group": "; ".join(f"{k} {n}" for k, n in self.counts.items()),
            "printed_at": self.printed_at,
            "print_problem": self.print_problem,
        }


REPORT_FIELDS = (
    "id", "started_by", "started_at", "alarm_ended_at", "closed_at", "closed_by", "on_list",
    "by_group", "printed_at", "print_problem",
)  # fmt: skip


def _how(entry: dict[str, Any]) -> str:
    if entry["action"] == ALARM_STARTED:
        return "alarm"
    return "staff" if str(entry.get("actor", "")).startswith("staff:") else "hand"


def fire_report(
    context: KioskContext, since: date | None = None, until: date | None = None
) -> list[FireEvent]:
    """Each roll call that started between `since` and `until` (school-local days,
    inclusive), oldest first. Openings from the staff screen are not drills: left out."""
    tz = context.config.tz
    events: dict[str, FireEvent] = {}
    entries = [
        e
        for e in context.store.audit_entries()
        if e.get("action") in FIRE_ACTIONS and e.get("record_id")
    ]
    for entry in entries:  # the starts first: the alarm's print can be logged before its start
        if entry["action"] not in STARTS:
            continue
        day = local_day(parse_iso(entry["at"]), tz)
        if (since and day < since) or (until and day > until) or _how(entry) == "staff":
            continue
        counts = {k: int(n) for k, n in COUNTS.findall(entry.get("detail", ""))}
        event_id = str(entry["record_id"])
        events[event_id] = FireEvent(event_id, _how(entry), entry["at"], counts=counts)
    for entry in entries:
        action, event_id = entry["action"], str(entry["record_id"])
        event = events.get(event_id)
        if event is None:
            continue
        if action == ALARM_ENDED and not event.alarm_ended_at:
            event.alarm_ended_at = entry["at"]
        elif action == CLOSED and not event.closed_at:
            event.closed_at, event.closed_by = entry["at"], str(entry.get("actor", ""))
        elif action == PRINTED and not event.printed_at:
            event.printed_at = entry["at"]
        elif action == PRINT_FAILED and not event.printed_at:
            event.print_problem = str(entry.get("detail", ""))
    return list(events.values())
