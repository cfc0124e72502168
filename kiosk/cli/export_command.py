"""`kiosk export`: visits, phones or the audit trail as CSV or JSON."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.admin_common import add_date_range, add_format, add_output, emit, open_admin_context
from kiosk.cli.parser import add_command
from kiosk.services.admin.audit_verify import head_line
from kiosk.services.admin.export_records import EXPORT_FIELDS, FORMATS, export_rows, render
from kiosk.services.attendance.attendance_export import EXPORT_FIELDS as ATTENDANCE_FIELDS
from kiosk.services.attendance.attendance_export import attendance_rows, events_between
from kiosk.services.outputs.date_range import DateRange
from kiosk.services.policy.incidents_export import INCIDENT_FIELDS, incident_rows
from kiosk.services.policy.phone_history import resolve_period
from kiosk.services.staff_attendance.attendance_export import COLUMNS as STAFF_COLUMNS
from kiosk.services.staff_attendance.attendance_export import EXPORT_NAME as STAFF_ATTENDANCE
from kiosk.services.staff_attendance.attendance_export import (
    attendance_rows as staff_attendance_rows,
)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "export",
        common,
        "export visits, phones, staff attendance, late arrivals and collections, or the audit "
        "trail (school-local days, inclusive; open and closed records alike)",
        "  kiosk export visits --since 2026-09-01 > visits.csv\n"
        "  kiosk export phones --since 2026-11-01 --until 2026-11-30 --format json\n"
        "  kiosk export audit --output audit-2026.csv\n"
        "  kiosk export incidents --since 2026-09-01 --output incidents.csv\n"
        "  kiosk export attendance --from 2026-11-01 --to 2026-11-30 --format csv\n"
        "  kiosk export staff-attendance --from 2026-09-01 --to 2026-12-18 --output staff.csv",
    )
    parser.add_argument(
        "kind",
        choices=(*EXPORT_FIELDS, "incidents", "attendance", STAFF_ATTENDANCE),
        help="what to export (incidents: one row per confiscation, for a behaviour system; "
        "attendance: one row per late arrival or collection, with suggested codes; "
        "staff-attendance: staff signing in and out at the foyer)",
    )
    add_date_range(parser)
    add_format(parser, FORMATS, "csv")
    add_output(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    dates = DateRange.parse(args.since, args.until)  # before opening: a typo fails fast
    context = open_admin_context(args)
    if args.kind == "attendance":
        found = attendance_rows(context, events_between(context, dates))
        emit(render(found.rows, ATTENDANCE_FIELDS, args.format), args.output, args.force)
        if found.upn_withheld:
            print(
                f"kiosk: {found.upn_withheld} pupil id(s) look like UPNs and were left out "
                "(set [attendance] export_upn = true to include them)",
                file=sys.stderr,
            )
        print(head_line(context), file=sys.stderr)
        return 0
    if args.kind == "incidents":
        period = resolve_period(context, None, args.since, args.until, default_term=False)
        rows = incident_rows(context, period)
        emit(render(rows, INCIDENT_FIELDS, args.format), args.output, args.force)
        return 0
    if args.kind == STAFF_ATTENDANCE:
        rows = staff_attendance_rows(context, dates)
        emit(render(rows, STAFF_COLUMNS, args.format), args.output, args.force)
        return 0
    rows = export_rows(context, args.kind, dates)
    emit(render(rows, EXPORT_FIELDS[args.kind], args.format), args.output, args.force)
    # On stderr, after the data: scripts parse stdout; the office saves this line (an anchor
    # for 'kiosk audit verify --anchor' that nobody on the Pi can rewrite).
    print(head_line(context), file=sys.stderr)
    return 0
