"""`kiosk evidence`: a termly one-file HTML report for governors and inspectors.

It shows that the phone policy is carried out, not who broke it: counts per week, what
happened to the phones, how often pupils repeat (a distribution, no names), that every
opening of the store has a record behind it, visitors' agreements per rules version, and
the audit trail's head. Charts are inline SVG; the file needs no network and no script.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from typing import Any

from kiosk import __version__
from kiosk.domain.clock import local_day, parse_iso
from kiosk.domain.escalation import CONFISCATED, record_key
from kiosk.services.admin.audit_verify import verify_audit
from kiosk.services.context import KioskContext
from kiosk.services.phones.store_opening import OPEN_FAILED, OPENED
from kiosk.services.policy.phone_history import Period, phones_in_period, same_day, week_start
from kiosk.services.policy.svg_charts import Series, bar_chart, share_bar

ARRIVAL_COLOUR = "#1f5fa8"  # blue
CONFISCATED_COLOUR = "#c0392b"  # red
SAME_DAY_COLOUR = "#2e7d32"  # green
OVERNIGHT_COLOUR = "#e67e22"  # orange
PARENT_COLOUR = "#6a3d9a"  # purple
HELD_COLOUR = "#7f7f7f"  # grey
REPEAT_COLOUR = "#8e2472"  # plum
RULES_COLOUR = "#00796b"  # teal
REPEAT_BUCKETS = ("1", "2", "3", "4", "5+")


@dataclass
class Evidence:
    period: Period
    weeks: list[date] = field(default_factory=list)
    arrivals_per_week: list[int] = field(default_factory=list)
    confiscations_per_week: list[int] = field(default_factory=list)
    handed_in: int = 0
    confiscated: int = 0
    same_day: int = 0
    overnight: int = 0
    parent_collections: int = 0
    still_held: int = 0
    repeats: dict[str, int] = field(default_factory=dict)  # confiscations -> pupils
    rules_reached: dict[str, int] = field(default_factory=dict)  # rule text -> confiscations
    not_on_roster: int = 0
    openings: int = 0
    openings_tied: int = 0
    untied_openings: list[int] = field(default_factory=list)  # audit seqs
    open_failures: int = 0
    agreements: dict[str, int] = field(default_factory=dict)  # rules version -> visits
    audit_head: dict[str, Any] | None = None
    audit_problem: str | None = None
    audit_count: int = 0


def gather(context: KioskContext, period: Period) -> Evidence:
    tz = context.config.tz
    evidence = Evidence(period)
    phones = phones_in_period(context, period)
    first = period.first or (phones[0]["_day"] if phones else context.now().date())
    today = context.now().astimezone(tz).date()
    last = min(period.last, today) if period.last else today  # no empty weeks still to come
    week = week_start(first)
    while week <= last:
        evidence.weeks.append(week)
        week += timedelta(days=7)
    arrivals: Counter[date] = Counter()
    confiscations: Counter[date] = Counter()
    per_pupil: Counter[str] = Counter()
    for phone in phones:
        wk = week_start(phone["_day"])
        if phone.get("reason") == CONFISCATED:
            evidence.confiscated += 1
            confiscations[wk] += 1
            per_pupil[record_key(phone)] += 1
            if phone["_rule_text"]:
                evidence.rules_reached[phone["_rule_text"]] = (
                    evidence.rules_reached.get(phone["_rule_text"], 0) + 1
                )
            if not phone.get("pupil_id"):
                evidence.not_on_roster += 1
        else:
            evidence.handed_in += 1
            arrivals[wk] += 1
        if not phone.get("returned_at"):
            evidence.still_held += 1
        elif phone.get("returned_to") not in ("", "pupil"):
            evidence.parent_collections += 1
        elif same_day(phone, tz):
            evidence.same_day += 1
        if phone.get("held_overnight"):
            evidence.overnight += 1
    evidence.arrivals_per_week = [arrivals[w] for w in evidence.weeks]
    evidence.confiscations_per_week = [confiscations[w] for w in evidence.weeks]
    buckets = Counter(min(n, 5) for n in per_pupil.values())
    evidence.repeats = {b: buckets[i] for i, b in enumerate(REPEAT_BUCKETS, start=1)}
    _openings(context, evidence, first, last)
    for visit in context.store.records("visits", first.strftime("%Y-%m"), last.strftime("%Y-%m")):
        if period.contains(local_day(parse_iso(visit["signed_in_at"]), tz)):
            version = visit.get("rules_version") or "(none)"
            evidence.agreements[version] = evidence.agreements.get(version, 0) + 1
    return evidence


def _openings(context: KioskContext, evidence: Evidence, first: date, last: date) -> None:
    tz = context.config.tz
    phone_ids = {r["id"] for r in context.store.records("phones")}
    verdict = verify_audit(context)
    evidence.audit_problem = verdict.problem
    evidence.audit_count = verdict.count
    for entry in context.store.audit_entries():
        day = local_day(parse_iso(entry["at"]), tz)
        if day > last:
            continue
        evidence.audit_head = entry  # the newest entry up to the period's end
        if day < first:
            continue
        if entry.get("action") == OPENED:
            evidence.openings += 1
            ids = [i for i in str(entry.get("record_id", "")).split(",") if i]
            if ids and all(i in phone_ids for i in ids):
                evidence.openings_tied += 1
            else:
                evidence.untied_openings.append(entry.get("seq", 0))
        elif entry.get("action") == OPEN_FAILED:
            evidence.open_failures += 1


CSS = """
body { font-family: sans-serif; color: #111; max-width: 760px; margin: 2em auto; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 2px 8px; }
td.n { text-align: right; } .ok { color: #1b5e20; } .bad { color: #b71c1c; font-weight: bold; }
svg.chart { display: block; margin: 0.5em 0; max-width: 100%; height: auto; }
code { word-break: break-all; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
"""


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def _table(rows: list[tuple[str, Any]]) -> str:
    body = "".join(
        f"<tr><th scope='row'>{escape(k)}</th><td class='n'>{escape(str(v))}</td></tr>"
        for k, v in rows
    )
    return f"<table>{body}</table>"


def render_evidence(context: KioskContext, evidence: Evidence) -> str:
    e = evidence
    school = escape(context.config.school_name)
    weeks = [f"{w.day} {w:%b}" for w in e.weeks]
    returned = e.handed_in + e.confiscated - e.still_held
    other_returned = max(returned - e.same_day - e.parent_collections, 0)
    if e.audit_problem:
        audit_line = f"<p class='bad'>Audit trail check FAILED: {escape(e.audit_problem)}</p>"
    else:
        audit_line = f"<p class='ok'>Audit trail check: intact ({e.audit_count} entries).</p>"
    head = e.audit_head
    head_line = (
        f"<p>Newest audit entry up to the end of the period: seq {head['seq']} at "
        f"{escape(head['at'])}, hash <code>{escape(head['hash'])}</code></p>"
        if head
        else "<p>No audit entries up to the end of the period.</p>"
    )
    if e.untied_openings:
        seqs = ", ".join(str(s) for s in e.untied_openings[:20])
        tied_line = (
            f"<p class='bad'>{len(e.untied_openings)} opening(s) not tied to a phone record "
            f"(audit seq {escape(seqs)}).</p>"
        )
    else:
        tied_line = (
            f"<p class='ok'>Every one of the {e.openings} openings is tied to a phone record.</p>"
        )
    sections = [
        f"<h1>{school}: phone policy evidence</h1>",
        f"<p>Period: {escape(e.period.label)}. Made {escape(context.now_iso())} by "
        f"Foyer Kiosk {escape(__version__)}. No pupil is named in this report.</p>",
        "<section><h2>Phones per week</h2>",
        bar_chart(
            "Phones handed in on arrival and confiscated, per week (week starting)",
            weeks,
            [
                Series("Handed in on arrival", ARRIVAL_COLOUR, tuple(e.arrivals_per_week)),
                Series("Confiscated", CONFISCATED_COLOUR, tuple(e.confiscations_per_week)),
            ],
        ),
        _table([("Handed in on arrival", e.handed_in), ("Confiscated", e.confiscated)]),
        "</section><section><h2>What happened to the phones</h2>",
        share_bar(
            "Outcome of every phone stored in the period",
            [
                ("Returned the same day", SAME_DAY_COLOUR, e.same_day),
                ("Collected by a parent or carer", PARENT_COLOUR, e.parent_collections),
                ("Returned later", OVERNIGHT_COLOUR, other_returned),
                ("Still in the store", HELD_COLOUR, e.still_held),
            ],
        ),
        _table(
            [
                ("Returned the same day", f"{e.same_day} ({_pct(e.same_day, returned)})"),
                ("Held overnight", f"{e.overnight} ({_pct(e.overnight, returned)})"),
                ("Collected by a parent or carer", e.parent_collections),
                ("Still in the store", e.still_held),
            ]
        ),
        "</section><section><h2>Repeat confiscations</h2>",
        bar_chart(
            "Pupils by number of confiscations in the period",
            [f"{b} time{'s' if b != '1' else ''}" for b in REPEAT_BUCKETS],
            [Series("Pupils", REPEAT_COLOUR, tuple(e.repeats[b] for b in REPEAT_BUCKETS))],
            height=220,
        ),
        _table(
            [(f"Confiscations reaching: {k}", v) for k, v in e.rules_reached.items()]
            + [("Confiscations of pupils not on the roster", e.not_on_roster)]
        ),
        "</section><section><h2>Store openings</h2>",
        _table([("Openings", e.openings), ("Lock failures recorded", e.open_failures)]),
        tied_line,
        "</section><section><h2>Visitors' agreement to the phone rules</h2>",
        bar_chart(
            "Visitors who agreed, per rules version",
            list(e.agreements) or ["(no visits)"],
            [Series("Visitors", RULES_COLOUR, tuple(e.agreements.values()) or (0,))],
            height=220,
        ),
        "</section><section><h2>Audit trail</h2>",
        head_line,
        audit_line,
        "</section>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{school}: phone policy evidence</title>\n<style>{CSS}</style>\n</head>\n"
        "<body>\n" + "\n".join(sections) + "\n</body>\n</html>\n"
    )
