"""`kiosk onsite`: the fire roll call, everyone the kiosk knows is on site now, by group."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import add_output, emit, open_admin_context
from kiosk.cli.parser import add_command
from kiosk.errors import KioskError
from kiosk.services.admin.export_records import render
from kiosk.services.fire.roll_call import RollCall, make_roll_call
from kiosk.services.fire.roll_call_html import roll_call_html
from kiosk.services.fire.roll_call_text import SSH_WIDTH, roll_call_text

FORMATS = ("text", "csv", "json", "html")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "onsite",
        common,
        "who is on site now (the fire roll call): names in full, by group, with counts; "
        "--output roll-call.html writes an A4 page to print and take out",
        "  kiosk onsite\n"
        "  kiosk onsite --output roll-call.html\n"
        "  kiosk onsite --format csv > roll-call.csv",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: text, or html when --output ends in .html)",
    )
    add_output(parser)
    parser.set_defaults(handler=run)


def machine_rows(roll: RollCall) -> tuple[list[dict[str, str]], list[str]]:
    """One row per person with their group first; the columns are every group's fields."""
    columns = ["group"]
    for group in roll.groups:
        columns += [name for name in group.field_names if name not in columns]
    rows = [{"group": group.key, **person.fields} for group, person in roll.people()]
    return rows, columns


def run(args: argparse.Namespace) -> int:
    chosen = args.format or (
        "html" if args.output and args.output.lower().endswith((".html", ".htm")) else "text"
    )
    context = open_admin_context(args)
    roll = make_roll_call(context)
    if roll.problems and chosen in ("csv", "json"):
        # A file that silently lacks a group would read as "nobody there".
        raise KioskError("the roll call is incomplete: " + "; ".join(roll.problems))
    if chosen == "text":
        text = roll_call_text(roll, width=SSH_WIDTH)
    elif chosen == "html":
        text = roll_call_html(roll, context.config.school_name)
    else:
        rows, columns = machine_rows(roll)
        text = render(rows, columns, chosen)
    emit(text, args.output, args.force)
    if args.output:
        print(f"onsite: {roll.count} on the list at {roll.made_at:%H:%M}, written to {args.output}")
    return 0
