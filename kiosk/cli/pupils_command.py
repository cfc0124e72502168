"""`kiosk pupils`: import the roster and the contacts from MIS exports, list them, flag pupils
(phone back to a parent or carer only; released early only with the office)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.admin_common import add_format, emit, open_admin_context, table
from kiosk.cli.mis_import import add_import_options, report_import
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.domain.contacts_csv import CONTACTS
from kiosk.domain.roster_csv import parse_column_map
from kiosk.errors import ValidationError
from kiosk.services.admin.export_records import render
from kiosk.services.attendance.contacts import import_contacts, read_contacts_file
from kiosk.services.pupils.pupil_roster import list_pupils, set_office_release, set_parent_only
from kiosk.services.pupils.roster_import import import_roster, read_roster_file

LIST_FIELDS = (
    "id", "forename", "surname", "year", "class_name", "parent_only", "active", "office_release",
)  # fmt: skip


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
        "  kiosk pupils set 001234 --parent-only\n"
        "  kiosk pupils set 001234 --office-release\n"
        "  kiosk pupils contacts import contacts.csv",
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
        "change a pupil's flags (a roster import keeps them); the reason is never stored",
        "  kiosk pupils set 001234 --parent-only\n  kiosk pupils set 001234 --no-parent-only\n"
        "  kiosk pupils set 001234 --office-release",
    )
    setter.add_argument("id", help="the pupil's MIS id, as in 'kiosk pupils list'")
    flag = setter.add_mutually_exclusive_group()
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
    office = setter.add_mutually_exclusive_group()
    office.add_argument(
        "--office-release",
        dest="office_release",
        action="store_true",
        default=None,
        help="release early only with the office's say-so (staff see it when a parent collects)",
    )
    office.add_argument(
        "--no-office-release", dest="office_release", action="store_false", help="clear it"
    )
    setter.set_defaults(handler=run_set)

    contacts = add_command(
        actions,
        "contacts",
        common,
        "pupils' contacts from the MIS: staff handing a pupil to an adult are told whether "
        "the adult's name matches one (advice, never a decision)",
        "  kiosk pupils contacts import contacts.csv\n"
        "  kiosk pupils contacts import export.csv --columns id=Adno,name='Contact'",
    )
    contact_actions = contacts.add_subparsers(
        title="actions", metavar="ACTION", parser_class=OneLineParser, required=True
    )
    contacts_import = add_command(
        contact_actions,
        "import",
        common,
        "replace the contacts the kiosk holds with an MIS contacts export (one row per "
        "contact: pupil id, contact name, relationship, parental responsibility, priority)",
        "  kiosk pupils contacts import contacts.csv\n"
        "  kiosk pupils contacts import c.csv --columns id='Pupil Ref',priority=Order",
    )
    contacts_import.add_argument("file", help="the CSV file exported from the MIS")
    contacts_import.add_argument(
        "--columns",
        metavar="FIELD=HEADER,...",
        help="name the columns holding id, name (or forename and surname), relationship, "
        "responsibility or priority when the headers are not recognised",
    )
    contacts_import.set_defaults(handler=run_contacts_import)


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
            "with the office" if p.office_release else "",
            "" if p.active else f"left {p.left_at[:10]}",
        ]
        for p in pupils
    ]
    text += "\n"
    if rows:
        headers = [
            "Id", "Surname", "Forename", "Year", "Class", "Phone returns to", "Released",
            "Status",
        ]  # fmt: skip
        text += "\n" + table(headers, rows)
    emit(text)
    return 0


def run_set(args: argparse.Namespace) -> int:
    if args.parent_only is None and args.office_release is None:
        raise ValidationError(
            "say which flag: --parent-only, --no-parent-only, --office-release or "
            "--no-office-release"
        )
    context = open_admin_context(args)
    if args.parent_only is not None:
        pupil = set_parent_only(context, args.id, args.parent_only)
        to_whom = "a parent or carer only" if pupil.parent_only else "the pupil"
        print(f"{pupil.id} {pupil.name} ({pupil.class_name}): phone returns to {to_whom}")
    if args.office_release is not None:
        pupil = set_office_release(context, args.id, args.office_release)
        how = "only with the office" if pupil.office_release else "as usual"
        print(f"{pupil.id} {pupil.name} ({pupil.class_name}): released early {how}")
    return 0


def run_contacts_import(args: argparse.Namespace) -> int:
    columns = parse_column_map(args.columns, CONTACTS)
    found = read_contacts_file(Path(args.file), columns)
    context = open_admin_context(args)
    report_import(import_contacts(context, found), "contacts")
    return 0
