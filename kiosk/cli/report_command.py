"""`kiosk report phones`: per pupil, phones handed in and confiscated, and the rule reached."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import add_date_range, add_format, emit, open_admin_context, table
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.services.admin.export_records import render
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
        "reports on the phone policy",
        "  kiosk report phones\n  kiosk report phones --term 2026-1 --format csv",
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
