"""`kiosk onsite`: the fire roll call, everyone signed in now."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import add_format, emit, open_admin_context, table
from kiosk.cli.parser import add_command
from kiosk.services.admin.export_records import render
from kiosk.services.fire.roll_call import OnSite, roll_call

SSH_WIDTH = 80
ONSITE_FIELDS = ("id", "name", "visitor_type", "organisation", "host", "signed_in_at", "lanyard")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "onsite",
        common,
        "who is on site now (the fire roll call): names, hosts, times in, lanyards and a count",
        "  kiosk onsite\n  kiosk onsite --format csv > roll-call.csv",
    )
    add_format(parser, ("text", "csv", "json"), "text")
    parser.set_defaults(handler=run)


def _row(person: OnSite) -> dict[str, str]:
    return {
        "id": person.visit_id,
        "name": person.name,
        "visitor_type": person.visitor_type,
        "organisation": person.organisation,
        "host": person.host,
        "signed_in_at": person.signed_in_at,
        "lanyard": person.lanyard,
    }


def text_report(people: list[OnSite], as_of: str) -> str:
    count = len(people)
    heading = f"On site at {as_of}: {count} {'person' if count == 1 else 'people'}\n"
    if not people:
        return heading
    rows = [
        [p.time_in, p.name, p.type_label, p.organisation or "-", p.host, p.lanyard or "-"]
        for p in people
    ]
    headers = ["In", "Name", "Type", "Organisation", "Visiting", "Lanyard"]
    # Read at a fire drill in an SSH window: fit 80 columns (full values: --format csv|json).
    return heading + "\n" + table(headers, rows, max_width=SSH_WIDTH)


def run(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    people = roll_call(context)
    if args.format == "text":
        as_of = context.now().astimezone(context.config.tz).strftime("%H:%M on %a %d %b %Y")
        emit(text_report(people, as_of))
    else:
        emit(render([_row(p) for p in people], ONSITE_FIELDS, args.format))
    return 0
