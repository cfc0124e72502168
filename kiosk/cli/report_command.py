"""`kiosk report phones`: per pupil, phones handed in and confiscated, and the rule reached.
`kiosk report fire`: each fire alarm or drill, with the roll call's count and when it was
printed. `kiosk report attendance`: late arrivals and collections in numbers, no names."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo

from kiosk.cli.admin_common import add_date_range, add_format, emit, open_admin_context, table
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.domain.clock import parse_iso
from kiosk.services.admin.export_records import render
from kiosk.services.attendance.attendance_export import events_between
from kiosk.services.attendance.attendance_report import (
    REASON_FIELDS,
    WEEK_FIELDS,
    attendance_report,
)
from kiosk.services.fire.fire_log import REPORT_FIELDS as FIRE_FIELDS
from kiosk.services.fire.fire_log import FireEvent, fire_report
from kiosk.services.outputs.date_range import DateRange
from kiosk.services.policy.phone_history import resolve_period
from kiosk.services.policy.phone_report import REPORT_FIELDS, phone_report


def add_term(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--term",
        metavar="current|YYYY-N",
        help="a school term ([terms] in kiosk.toml; 2026-1 is autumn 2026); default: current",
    )


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = add_command(
        subparsers,
        "report",
        common,
        "reports: the phone policy, fire alarms and drills, late arrivals and collections",
        "  kiosk report phones\n  kiosk report phones --term 2026-1 --format csv\n"
        "  kiosk report fire --since 2026-09-01\n  kiosk report attendance --term current",
    )
    kinds = report.add_subparsers(
        title="reports", metavar="REPORT", parser_class=OneLineParser, required=True
    )
    phones = add_command(
        kinds,
        "phones",
        common,
        "per pupil: phones handed in on arrival, confiscations, and the escalation rule "
        "reached (default: the current term)",
        "  kiosk report phones\n"
        "  kiosk report phones --term 2026-1\n"
        "  kiosk report phones --since 2026-11-01 --until 2026-11-30 --format json",
    )
    add_term(phones)
    add_date_range(phones)
    add_format(phones, ("text", "csv", "json"), "text")
    phones.set_defaults(handler=run_phones)
    fire = add_command(
        kinds,
        "fire",
        common,
        "each fire alarm, and each roll call opened by hand (a drill): when it started and "
        "ended, how many were on the list by group, and when the list was printed",
        "  kiosk report fire\n  kiosk report fire --since 2026-09-01 --format csv",
    )
    add_date_range(fire)
    add_format(fire, ("text", "csv", "json"), "text")
    fire.set_defaults(handler=run_fire)
    attendance = add_command(
        kinds,
        "attendance",
        common,
        "late arrivals and early collections at the kiosk, with no names: counts by week and "
        "by reason, minutes late by week, collections that needed the office (default: the "
        "current term)",
        "  kiosk report attendance\n  kiosk report attendance --term 2026-1\n"
        "  kiosk report attendance --from 2026-09-01 --to 2026-12-18 --format csv",
    )
    add_term(attendance)
    add_date_range(attendance)
    attendance.add_argument(
        "--table",
        choices=("weeks", "reasons"),
        default="weeks",
        help="with --format csv or json: which table (default: weeks)",
    )
    add_format(attendance, ("text", "csv", "json"), "text")
    attendance.set_defaults(handler=run_attendance)


def run_phones(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    period = resolve_period(context, args.term, args.since, args.until)
    lines = phone_report(context, period)
    if args.format != "text":
        emit(render([line.to_row() for line in lines], REPORT_FIELDS, args.format))
        return 0
    confiscated = sum(line.confiscated for line in lines)
    text = (
        f"Phones, {period.label}: {sum(line.handed_in for line in lines)} handed in on "
        f"arrival, {confiscated} confiscated, {len(lines)} pupils\n"
    )
    rows = [
        [
            line.pupil,
            line.pupil_id or "not on roster",
            line.class_name,
            str(line.handed_in),
            str(line.confiscated),
            (f"{line.rule_count}: {line.rule}" if line.rule_count else "")
            + (" [head of year]" if line.head_of_year else ""),
        ]
        for line in lines
    ]
    if rows:
        headers = ["Pupil", "Id", "Class", "Handed in", "Confiscated", "Rule reached"]
        text += "\n" + table(headers, rows)
    emit(text)
    return 0


def _when(iso: str, start: datetime, tz: tzinfo) -> str:
    """ "10:42", or "10:42 on 26 Nov" on another day than the start; "-" when not recorded."""
    if not iso:
        return "-"
    moment = parse_iso(iso).astimezone(tz)
    return f"{moment:%H:%M}" if moment.date() == start.date() else f"{moment:%H:%M on %-d %b}"


def fire_rows(events: list[FireEvent], tz: tzinfo) -> list[list[str]]:
    rows = []
    for event in events:
        row = event.to_row()
        start = parse_iso(event.started_at).astimezone(tz)
        printed = _when(event.printed_at, start, tz)
        if event.print_problem and not event.printed_at:
            printed = "FAILED"
        ended = _when(event.alarm_ended_at, start, tz) if event.how == "alarm" else ""
        on_list = f"{event.total} ({row['by_group'] or 'nobody'})"
        rows.append(
            [f"{start:%a %d %b %Y %H:%M}", row["started_by"], ended,
             _when(event.closed_at, start, tz), on_list, printed]
        )  # fmt: skip
    return rows


def run_fire(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    dates = DateRange.parse(args.since, args.until)
    events = fire_report(context, dates.since, dates.until)
    if args.format != "text":
        emit(render([event.to_row() for event in events], FIRE_FIELDS, args.format))
        return 0
    text = f"Fire alarms and roll calls opened by hand, {dates.describe()}: {len(events)}\n"
    if events:
        headers = ["Started", "By", "Alarm ended", "Closed", "On the list", "Printed"]
        text += "\n" + table(headers, fire_rows(events, context.config.tz))
    for event in events:
        if event.print_problem and not event.printed_at:
            text += f"Not printed ({event.started_at}): {event.print_problem}\n"
    emit(text)
    return 0


def run_attendance(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    period = resolve_period(context, args.term, args.since, args.until)
    dates = DateRange(period.first, period.last)
    report = attendance_report(events_between(context, dates))
    if args.format != "text":
        if args.table == "reasons":
            rows = [{"event": e, "reason": r, "count": n} for e, r, n in report.reasons]
            emit(render(rows, REASON_FIELDS, args.format))
        else:
            emit(render([w.to_row() for w in report.weeks], WEEK_FIELDS, args.format))
        return 0
    late = sum(w.late for w in report.weeks)
    text = (
        f"Late arrivals and collections, {period.label}: {late} late arrivals, "
        f"{report.collections} collections asked for ({report.completed} handed over, "
        f"{report.not_handed_over} not)\n"
        f"Collections that needed the office: {report.needed_office} (the adult did not match "
        f"a contact on the MIS, or the pupil is released only with the office; "
        f"{report.flagged} flagged)\n"
    )
    if report.weeks:
        week_rows = [
            [f"w/c {w.week}", str(w.late), str(w.collections), str(sum(w.minutes)),
             str(w.to_row()["minutes_late_median"]), str(w.to_row()["minutes_late_most"])]
            for w in report.weeks
        ]  # fmt: skip
        headers = ["Week", "Late", "Collections", "Minutes late", "Median", "Most"]
        text += "\n" + table(headers, week_rows)
    if report.reasons:
        reason_rows = [
            ["late" if e == "late" else "collected", r, str(n)] for e, r, n in report.reasons
        ]
        text += "\n" + table(["Event", "Reason", "Count"], reason_rows)
    emit(text)
    return 0
