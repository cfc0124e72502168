"""`kiosk phones`: pupils' phones in the store now, and with --all the returned ones too."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.admin_common import add_date_range, add_format, emit, open_admin_context, table
from kiosk.cli.parser import add_command
from kiosk.domain.clock import parse_iso
from kiosk.domain.records import PHONE_FIELDS, Phone
from kiosk.errors import ValidationError
from kiosk.services.admin.export_records import phones_report, render
from kiosk.services.outputs.date_range import DateRange

LIST_FIELDS = (*PHONE_FIELDS, "held_overnight")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "phones",
        common,
        "pupils' phones held in the store now; with --all, also those returned in the date range",
        "  kiosk phones\n"
        "  kiosk phones --all --since 2026-11-23 --until 2026-11-27\n"
        "  kiosk phones --format csv > phones-held.csv",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list returned phones stored in the date range (default: every date)",
    )
    add_date_range(parser)
    add_format(parser, ("text", "csv", "json"), "text")
    parser.set_defaults(handler=run)


def _when(iso: str, context: Any) -> str:
    return parse_iso(iso).astimezone(context.config.tz).strftime("%a %d %b %H:%M") if iso else ""


def _status(phone: Phone, context: Any) -> str:
    if phone.returned_at:
        return f"returned {_when(phone.returned_at, context)} to {phone.returned_to}"
    return "HELD OVERNIGHT" if phone.held_overnight else "held"


def run(args: argparse.Namespace) -> int:
    dates = DateRange.parse(args.since, args.until)
    if (args.since or args.until) and not args.all:
        # Phones held now are listed whatever their date: the range only picks returned ones.
        raise ValidationError("--since and --until choose the returned phones: add --all")
    context = open_admin_context(args)
    phones = phones_report(context, include_returned=args.all, dates=dates)
    if args.format != "text":
        emit(render([p.to_record() for p in phones], LIST_FIELDS, args.format))
        return 0
    held = sum(1 for p in phones if not p.returned_at)
    lines = f"Phones held now: {held}"
    if args.all:
        lines += f"; returned ({dates.describe()}): {len(phones) - held}"
    rows = [
        [
            p.pupil_name,
            p.class_name,
            p.bag_label or "-",
            _when(p.stored_at, context),
            "yes" if p.parent_only else "",
            _status(p, context),
        ]
        for p in phones
    ]
    text = lines + "\n"
    if rows:
        headers = ["Pupil", "Class", "Bag", "Stored", "Parent only", "Status"]
        text += "\n" + table(headers, rows)
    emit(text)
    return 0
