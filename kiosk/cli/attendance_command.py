"""`kiosk attendance`: today's late arrivals and early collections, with their suggested codes
for the office to confirm in the MIS."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.admin_common import add_format, emit, open_admin_context, table
from kiosk.cli.parser import add_command
from kiosk.services.admin.export_records import render
from kiosk.services.attendance.attendance_events import today
from kiosk.services.attendance.attendance_export import (
    EXPORT_FIELDS,
    attendance_rows,
    events_on,
)
from kiosk.services.outputs.date_range import parse_day

HEADERS = ("Time", "Pupil", "Class", "Event", "Session", "Late", "Code", "Reason", "Adult",
           "Status")  # fmt: skip


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "attendance",
        common,
        "a day's late arrivals and early collections at the kiosk, with the SUGGESTED codes "
        "(L, U, M) for the office to confirm in the MIS (default: today)",
        "  kiosk attendance\n  kiosk attendance --date 2026-11-24\n"
        "  kiosk attendance --format csv > today.csv",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="another school day")
    add_format(parser, ("text", "csv", "json"), "text")
    parser.set_defaults(handler=run)


def _status(row: dict[str, object]) -> str:
    if row["event"] == "late arrival":
        phone = {"declared": "phone not stored yet", "not-stored": "phone never stored",
                 "stored": "phone stored", "resolved": "phone resolved"}  # fmt: skip
        return phone.get(str(row["phone"]), "")
    status = str(row["status"])
    if status == "completed":
        back = f", back {row['back_at']}" if row["back_at"] else ""
        return f"handed over by {row['released_by']}{back}"
    return {"requested": "WAITING", "not-collected": "not handed over"}.get(status, status)


def run(args: argparse.Namespace) -> int:
    day = parse_day(args.date, "--date")  # before opening: a typo fails fast
    context = open_admin_context(args)
    wanted = day or today(context)
    found = attendance_rows(context, events_on(context, wanted))
    if found.upn_withheld:
        print(
            f"kiosk: {found.upn_withheld} pupil id(s) look like UPNs and were left out "
            "([attendance] export_upn)",
            file=sys.stderr,
        )
    if args.format != "text":
        emit(render(found.rows, EXPORT_FIELDS, args.format))
        return 0
    late = sum(1 for r in found.rows if r["event"] == "late arrival")
    text = (
        f"Late arrivals and collections, {wanted:%A %-d %B %Y}: {late} late, "
        f"{len(found.rows) - late} collections. Codes are SUGGESTED: confirm each in the MIS.\n"
    )
    rows = [
        [
            str(r["time"]), str(r["pupil_name"]), str(r["class_name"]),
            "late" if r["event"] == "late arrival" else "collected",
            str(r["session"]),
            f"{r['minutes_late']} min" if r["event"] == "late arrival" else "",
            str(r["suggested_code"]) or "-",
            str(r["reason"]) + (f": {r['reason_detail']}" if r["reason_detail"] else ""),
            str(r["adult_name"] or ("on their own" if r["came_alone"] else "")),
            _status(r),
        ]
        for r in found.rows
    ]  # fmt: skip
    if rows:
        text += "\n" + table(HEADERS, rows)
    emit(text)
    return 0
