"""`kiosk pupils`: import the roster from an MIS export, list it, flag parent-only pupils."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.admin_common import add_format, emit, open_admin_context, table
from kiosk.cli.mis_import import add_import_options, report_import
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.domain.roster_csv import parse_column_map
from kiosk.services.admin.export_records import render
from kiosk.services.pupils.pupil_roster import list_pupils, set_parent_only
from kiosk.services.pupils.roster_import import import_roster, read_roster_file

LIST_FIELDS = ("id", "forename", "surname", "year", "class_name", "parent_only", "active")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pupils = add_command(
        subparsers,
        "pupils",
        common,
        "the pupil roster: import it from SIMS, Arbor or Bromcom, list it, flag pupils whose "
        "phone goes back to a parent or carer only",
        "  kiosk pupils import students.csv\n"
        "  kiosk pupils import export.csv --columns id='Pupil Ref',class='Tutor Group'\n"
        "  kiosk pupils list\n"
        "  kiosk pupils set 001234 --parent-only",
    )
    actions = pupils.add_subparsers(
        title="actions", metavar="ACTION", parser_class=OneLineParser, required=True
    )
    imp = add_command(
        actions,
        "import",
        common,
        "bring the roster in line with an MIS student-list CSV: new pupils added, names and "
        "classes updated, pupils missing from the file marked as left (history kept)",
        "  kiosk pupils import students.csv\n"
        "  kiosk pupils import list.csv --columns id=Adno,forename='Known As',class=Form",
    )
    add_import_options(imp, "id, forename, surname, year or class", "the roster")
    imp.set_defaults(handler=run_import)

    listing = add_command(
        actions,
        "list",
        common,
        "list the roster by surname (with --all, pupils who left too)",
        "  kiosk pupils list\n  kiosk pupils list --all --format csv > roster.csv",
    )
    listing.add_argument("--all", action="store_true", help="include pupils who have left")
    add_format(listing, ("text", "csv", "json"), "text")
    listing.set_defaults(handler=run_list)

    setter = add_command(
        actions,
        "set",
        common,
        "change a pupil's flags",
        "  kiosk pupils set 001234 --parent-only\n  kiosk pupils set 001234 --no-parent-only",
    )
    setter.add_argument("id", help="the pupil's MIS id, as in 'kiosk pupils list'")
    flag = setter.add_mutually_exclusive_group(required=True)
    flag.add_argument(
        "--parent-only",
        dest="parent_only",
        action="store_true",
        default=None,
        help="their phone goes back to a parent or carer only",
    )
    flag.add_argument(
        "--no-parent-only", dest="parent_only", action="store_false", help="clear the flag"
    )
    setter.set_defaults(handler=run_set)


def run_import(args: argparse.Namespace) -> int:
    columns = parse_column_map(args.columns)
    roster = read_roster_file(Path(args.file), columns)
    context = open_admin_context(args)
    result = import_roster(context, roster, allow_many_leavers=args.allow_many_leavers)
    report_import(result, "pupils")
    return 0


def run_list(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    pupils = list_pupils(context, include_left=args.all)
    if args.format != "text":
        emit(render([p.to_record() for p in pupils], LIST_FIELDS, args.format))
        return 0
    active = sum(1 for p in pupils if p.active)
    text = f"Pupils on the roster: {active}"
    if args.all:
        text += f"; left: {len(pupils) - active}"
    rows = [
        [
            p.id,
            p.surname,
            p.forename,
            p.year,
            p.class_name,
            "parent/carer only" if p.parent_only else "",
            "" if p.active else f"left {p.left_at[:10]}",
        ]
        for p in pupils
    ]
    text += "\n"
    if rows:
        headers = ["Id", "Surname", "Forename", "Year", "Class", "Phone returns to", "Status"]
        text += "\n" + table(headers, rows)
    emit(text)
    return 0


def run_set(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    pupil = set_parent_only(context, args.id, args.parent_only)
    to_whom = "a parent or carer only" if pupil.parent_only else "the pupil"
    print(f"{pupil.id} {pupil.name} ({pupil.class_name}): phone returns to {to_whom}")
    return 0
