"""`kiosk evidence`: a termly one-file HTML report for governors and inspectors.

It shows that the phone policy is carried out, not who broke it: counts per week, what
happened to the phones, how often pupils repeat (a distribution, no names), that every
opening of the store has a record behind it, visitors' agreements per rules version, and
the audit trail's head. It is written for governors: dates in words, each version of the
rules named by the day it was first agreed to, every colour in a legend.

The markup is a template file (data/reports/evidence.html), as the letters home are; the
charts (kiosk/services/outputs/svg_charts.py) and the tables are built with ElementTree, which
escapes every value. Charts are inline SVG; the file needs no network and no script.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from html import escape
from pathlib import Path
from string import Template
from typing import Any

from kiosk import __version__
from kiosk.config import share_dir
from kiosk.domain.clock import local_day, parse_iso
from kiosk.domain.escalation import CONFISCATED, pupil_key
from kiosk.services.admin.audit_verify import verify_audit
from kiosk.services.context import KioskContext
from kiosk.services.outputs.html_templates import load_html_template
from kiosk.services.outputs.svg_charts import Series, bar_chart, share_bar
from kiosk.services.phones.store_opening import OPEN_FAILED, OPENED
from kiosk.services.policy.phone_history import (
    Period,
    phones_in_period,
    same_day,
    stored_day,
    week_start,
)

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
    rules_from: dict[str, date] = field(default_factory=dict)  # version -> first day agreed
    audit_head: dict[str, Any] | None = None
    audit_problem: str | None = None
    audit_count: int = 0


def gather(context: KioskContext, period: Period) -> Evidence:
    tz = context.config.tz
    evidence = Evidence(period)
    phones = phones_in_period(context, period)
    first = period.first or (stored_day(phones[0], tz) if phones else context.now().date())
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
        wk = week_start(stored_day(phone, tz))
        if phone.reason == CONFISCATED:
            evidence.confiscated += 1
            confiscations[wk] += 1
            per_pupil[pupil_key(phone.pupil_id, phone.pupil_name)] += 1
            if phone.rule_text:
                evidence.rules_reached[phone.rule_text] = (
                    evidence.rules_reached.get(phone.rule_text, 0) + 1
                )
            if not phone.pupil_id:
                evidence.not_on_roster += 1
        else:
            evidence.handed_in += 1
            arrivals[wk] += 1
        if not phone.returned_at:
            evidence.still_held += 1
        elif phone.returned_to not in ("", "pupil"):
            evidence.parent_collections += 1
        elif same_day(phone, tz):
            evidence.same_day += 1
        if phone.held_overnight:
            evidence.overnight += 1
    evidence.arrivals_per_week = [arrivals[w] for w in evidence.weeks]
    evidence.confiscations_per_week = [confiscations[w] for w in evidence.weeks]
    buckets = Counter(min(n, 5) for n in per_pupil.values())
    evidence.repeats = {b: buckets[i] for i, b in enumerate(REPEAT_BUCKETS, start=1)}
    _openings(context, evidence, first, last)
    # Every visit, not only the period's: a version is named by the day it was first agreed
    # to, which may be before the period began.
    for visit in context.store.records("visits", None, last.strftime("%Y-%m")):
        version = visit.get("rules_version") or "(none)"
        day = local_day(parse_iso(visit["signed_in_at"]), tz)
        if version not in evidence.rules_from or day < evidence.rules_from[version]:
            evidence.rules_from[version] = day
        if period.contains(day):
            evidence.agreements[version] = evidence.agreements.get(version, 0) + 1
    evidence.rules_from.pop("(none)", None)
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


TEMPLATE = ("reports", "evidence.html")  # in the shipped data folder (share_dir)
PLACEHOLDERS = (
    "school_name", "period", "made_on", "kiosk_version", "weekly_chart", "weekly_table",
    "outcome_chart", "outcome_table", "repeat_chart", "repeat_table", "openings_table",
    "openings_check", "agreements_chart", "agreements_table", "audit_head", "audit_hash",
    "audit_check",
)  # fmt: skip


def load_template(path: Path | None = None) -> Template:
    """The report's markup (data/reports/evidence.html), comments taken out."""
    return load_html_template(
        path or share_dir().joinpath(*TEMPLATE), PLACEHOLDERS, "evidence report template"
    )


def day_in_words(day: date) -> str:
    """3 December 2026"""
    return f"{day.day} {day:%B %Y}"


def moment_in_words(iso: str, tz: tzinfo) -> str:
    """3 December 2026 at 06:48, in the school's time."""
    moment = parse_iso(iso).astimezone(tz)
    return f"{day_in_words(moment.date())} at {moment:%H:%M}"


def period_in_words(period: Period) -> str:
    """Autumn 2026: 1 September 2026 to 31 December 2026"""
    first = day_in_words(period.first) if period.first else ""
    last = day_in_words(period.last) if period.last else ""
    if first and last:
        days = f"{first} to {last}"
    elif first or last:
        days = f"from {first}" if first else f"up to {last}"
    else:
        days = "every record kept"
    name = period.label.split(" (")[0] if period.term_key else ""
    return f"{name}: {days}" if name else days


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def _markup(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode", method="html")


def _table(rows: list[tuple[str, Any]], head: tuple[str, ...] = ()) -> str:
    table = ET.Element("table")
    if head:
        row = ET.SubElement(ET.SubElement(table, "thead"), "tr")
        for name in head:
            ET.SubElement(row, "th", {"scope": "col"}).text = name
    body = ET.SubElement(table, "tbody")
    for name, *values in rows:
        row = ET.SubElement(body, "tr")
        ET.SubElement(row, "th", {"scope": "row"}).text = name
        for value in values:
            cell = ET.SubElement(row, "td", {"class": "n"})
            if isinstance(value, ET.Element):
                cell.append(value)
            else:
                cell.text = str(value)
    return _markup(table)


def _paragraph(text: str, cls: str = "") -> str:
    p = ET.Element("p", {"class": cls} if cls else {})
    p.text = text
    return _markup(p)


def _code(text: str) -> ET.Element:
    element = ET.Element("code")
    element.text = text
    return element


def rules_label(day: date | None) -> str:
    return f"In use from {day_in_words(day)}" if day else "Version not recorded"


def render_evidence(
    context: KioskContext, evidence: Evidence, template: Template | None = None
) -> str:
    e = evidence
    tz = context.config.tz
    weeks = [f"{w.day} {w:%b}" for w in e.weeks]
    returned = e.handed_in + e.confiscated - e.still_held
    other_returned = max(returned - e.same_day - e.parent_collections, 0)
    if e.audit_problem:
        audit_check = _paragraph(f"Audit trail check FAILED: {e.audit_problem}", "bad")
    else:
        audit_check = _paragraph(f"Audit trail check: intact ({e.audit_count} entries).", "ok")
    head = e.audit_head
    if head:
        audit_head = _paragraph(
            f"Newest audit entry up to the end of the period: number {head['seq']}, written on "
            f"{moment_in_words(head['at'], tz)}. Its hash, which every later entry builds on:"
        )
        hash_line = ET.Element("p", {"class": "hash"})
        hash_line.append(_code(str(head["hash"])))
        audit_hash = _markup(hash_line)
    else:
        audit_head, audit_hash = _paragraph("No audit entries up to the end of the period."), ""
    if e.untied_openings:
        seqs = ", ".join(str(s) for s in e.untied_openings[:20])
        openings_check = _paragraph(
            f"{len(e.untied_openings)} opening(s) not tied to a phone record (audit seq {seqs}).",
            "bad",
        )
    else:
        openings_check = _paragraph(
            f"Every one of the {e.openings} openings is tied to a phone record.", "ok"
        )
    versions = sorted(e.agreements, key=lambda v: (e.rules_from.get(v) or date.max, v))
    labels = [rules_label(e.rules_from.get(v)) for v in versions]
    values = {
        "school_name": context.config.school_name,
        "period": period_in_words(e.period),
        "made_on": moment_in_words(context.now_iso(), tz),
        "kiosk_version": __version__,
    }
    values = {k: escape(v) for k, v in values.items()}
    values |= {
        "weekly_chart": bar_chart(
            "Phones handed in on arrival and confiscated, per week (week starting)",
            weeks,
            [
                Series("Handed in on arrival", ARRIVAL_COLOUR, tuple(e.arrivals_per_week)),
                Series("Confiscated", CONFISCATED_COLOUR, tuple(e.confiscations_per_week)),
            ],
        ),
        "weekly_table": _table(
            [("Handed in on arrival", e.handed_in), ("Confiscated", e.confiscated)]
        ),
        "outcome_chart": share_bar(
            "Outcome of every phone stored in the period",
            [
                ("Returned the same day", SAME_DAY_COLOUR, e.same_day),
                ("Collected by a parent or carer", PARENT_COLOUR, e.parent_collections),
                ("Returned later", OVERNIGHT_COLOUR, other_returned),
                ("Still in the store", HELD_COLOUR, e.still_held),
            ],
        ),
        "outcome_table": _table(
            [
                ("Returned the same day", f"{e.same_day} ({_pct(e.same_day, returned)})"),
                ("Held overnight", f"{e.overnight} ({_pct(e.overnight, returned)})"),
                ("Collected by a parent or carer", e.parent_collections),
                ("Still in the store", e.still_held),
            ]
        ),
        "repeat_chart": bar_chart(
            "Pupils by number of confiscations in the period",
            [f"{b} time{'s' if b != '1' else ''}" for b in REPEAT_BUCKETS],
            [Series("Pupils", REPEAT_COLOUR, tuple(e.repeats[b] for b in REPEAT_BUCKETS))],
            height=220,
        ),
        "repeat_table": _table(
            [(f"Confiscations reaching: {k}", v) for k, v in e.rules_reached.items()]
            + [("Confiscations of pupils not on the roster", e.not_on_roster)]
        ),
        "openings_table": _table(
            [("Openings", e.openings), ("Lock failures recorded", e.open_failures)]
        ),
        "openings_check": openings_check,
        "agreements_chart": bar_chart(
            "Visitors who agreed, per version of the rules",
            labels or ["(no visits)"],
            [Series("Visitors", RULES_COLOUR, tuple(e.agreements[v] for v in versions) or (0,))],
            height=220,
        ),
        "agreements_table": _table(
            [(label, e.agreements[v], _code(v)) for label, v in zip(labels, versions, strict=True)],
            head=("Rules", "Visitors who agreed", "Version (for the record)"),
        ),
        "audit_head": audit_head,
        "audit_hash": audit_hash,
        "audit_check": audit_check,
    }
    return (template or load_template()).substitute(values)
