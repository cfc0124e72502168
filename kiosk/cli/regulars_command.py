"""`kiosk regulars`: the office issues, renews, reprints and revokes regular visitors' cards,
and records that their ID and DBS (or agency confirmation) were checked.

A card's code is printed once, into the SVG written with --output, and never kept: the
kiosk stores only its hash. Reprinting (`card`) makes a new code; the old card stops working.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.admin_common import check_card_output, open_admin_context, table
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.regular_visitors import RegularVisitor
from kiosk.services.context import KioskContext
from kiosk.services.outputs.date_range import parse_day
from kiosk.services.regulars.regular_visitors import (
    add_regular,
    list_regulars,
    new_card,
    record_check,
    renew_regular,
    revoke_regular,
    status,
)
from kiosk.services.regulars.visitor_cards import write_card

ID_HELP = "the regular visitor's id from 'kiosk regulars list'"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    regulars = add_command(
        subparsers,
        "regulars",
        common,
        "regular visitors' cards: scan to sign in and out; checks shown as a lanyard colour",
        "  kiosk regulars add 'Ann Lee' --type parent-helper --host 'Year 2' --output ann.svg\n"
        "  kiosk regulars list\n"
        "  kiosk regulars check R-7K2M9QX4HD3T --dbs-checked-on 2026-11-20 --by JR\n"
        "  kiosk regulars card R-7K2M9QX4HD3T --output ann.svg\n"
        "  kiosk regulars renew R-7K2M9QX4HD3T --output ann.svg\n"
        "  kiosk regulars revoke R-7K2M9QX4HD3T",
    )
    actions = regulars.add_subparsers(
        title="actions", metavar="ACTION", parser_class=OneLineParser, required=True
    )
    add = add_command(
        actions,
        "add",
        common,
        "add a regular visitor and write their printable card (SVG, credit-card size)",
        "  kiosk regulars add 'Ann Lee' --type parent-helper --host 'Year 2' --output ann.svg\n"
        "  kiosk regulars add 'Sam Kirk' --type contractor --organisation 'Acme Roofing' "
        "--expires 2027-03-31 --output sam.svg\n"
        "Types: " + ", ".join(VISITOR_TYPES),
    )
    add.add_argument("name", help="their full name, as on the card and the roll call")
    add.add_argument("--type", required=True, choices=list(VISITOR_TYPES), help="visitor type")
    add.add_argument("--organisation", default="", help="company, agency or service")
    add.add_argument(
        "--host", default="", help="whom they usually visit; without it the kiosk asks each time"
    )
    _expires(add)
    _output(add, required=True)
    add.set_defaults(handler=run_add)

    listing = add_command(
        actions, "list", common, "list regular visitors: card status, expiry, checks",
        "  kiosk regulars list",
    )  # fmt: skip
    listing.set_defaults(handler=run_list)

    renew = add_command(
        actions,
        "renew",
        common,
        "give a card a new expiry day; with --output, print a new card (the old one stops)",
        "  kiosk regulars renew R-7K2M9QX4HD3T\n"
        "  kiosk regulars renew R-7K2M9QX4HD3T --expires 2027-07-22 --output ann.svg",
    )
    renew.add_argument("id", help=ID_HELP)
    _expires(renew)
    _output(renew, required=False)
    renew.set_defaults(handler=run_renew)

    revoke = add_command(
        actions, "revoke", common, "stop a card working at once (the record stays)",
        "  kiosk regulars revoke R-7K2M9QX4HD3T",
    )  # fmt: skip
    revoke.add_argument("id", help=ID_HELP)
    revoke.set_defaults(handler=run_revoke)

    card = add_command(
        actions,
        "card",
        common,
        "print a new card for a lost or worn one: a new code, so the old card stops working",
        "  kiosk regulars card R-7K2M9QX4HD3T --output ann.svg",
    )
    card.add_argument("id", help=ID_HELP)
    _output(card, required=True)
    card.set_defaults(handler=run_card)

    check = add_command(
        actions,
        "check",
        common,
        "record that ID was seen and the DBS or agency confirmation checked "
        "(no certificate numbers): they get the unescorted lanyard",
        "  kiosk regulars check R-7K2M9QX4HD3T --dbs-checked-on 2026-11-20 --by JR",
    )
    check.add_argument("id", help=ID_HELP)
    check.add_argument(
        "--dbs-checked-on", required=True, metavar="YYYY-MM-DD", help="the day it was checked"
    )
    check.add_argument("--by", required=True, metavar="INITIALS", help="who checked, e.g. JR")
    check.set_defaults(handler=run_check)


def _expires(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--expires",
        metavar="YYYY-MM-DD",
        help="last day the card works (default: regulars.card_valid_days from today)",
    )


def _output(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--output", required=required, metavar="FILE", help="the card to print (SVG)"
    )
    parser.add_argument("--force", action="store_true", help="with --output: replace FILE")


def _write(
    context: KioskContext, path: Path, regular: RegularVisitor, code: str, force: bool
) -> None:
    write_card(path, regular, code, context.config.school_name, force=force)
    print(f"wrote {path}: print it at 100% (no 'fit to page'); it works until {regular.expires_on}")


def run_add(args: argparse.Namespace) -> int:
    path = check_card_output(args.output, args.force)
    assert path is not None
    context = open_admin_context(args)
    regular, code = add_regular(
        context,
        args.name,
        args.type,
        organisation=args.organisation,
        host=args.host,
        expires_on=parse_day(args.expires, "--expires"),
    )
    print(f"added {regular.name} ({regular.visitor_type}) with id {regular.id}")
    _write(context, path, regular, code, args.force)
    return 0


def run_list(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    regulars = list_regulars(context)
    if not regulars:
        print("no regular visitors yet: add one with  kiosk regulars add NAME --type TYPE ...")
        return 0
    rows = [
        [
            r.id,
            r.name,
            r.visitor_type,
            r.organisation or "-",
            r.host or "(asked)",
            r.expires_on,
            f"{r.dbs_checked_on} {r.checked_by}" if r.checked else "not checked",
            status(context, r),
        ]
        for r in regulars
    ]
    headers = ["Id", "Name", "Type", "Organisation", "Visiting", "Expires", "Checked", "Card"]
    sys.stdout.write(table(headers, rows))
    return 0


def run_renew(args: argparse.Namespace) -> int:
    path = check_card_output(args.output, args.force)
    context = open_admin_context(args)
    regular, code = renew_regular(
        context, args.id, parse_day(args.expires, "--expires"), reissue=path is not None
    )
    print(f"{regular.name}'s card ({regular.id}) now works until {regular.expires_on}")
    if path is not None and code is not None:
        _write(context, path, regular, code, args.force)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    regular = revoke_regular(context, args.id)
    print(f"revoked {regular.name}'s card ({regular.id}): the kiosk refuses it from now on")
    return 0


def run_card(args: argparse.Namespace) -> int:
    path = check_card_output(args.output, args.force)
    assert path is not None
    context = open_admin_context(args)
    regular, code = new_card(context, args.id)
    print(f"new card for {regular.name} ({regular.id}); their old card no longer works")
    _write(context, path, regular, code, args.force)
    return 0


def run_check(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    checked_on = parse_day(args.dbs_checked_on, "--dbs-checked-on")
    assert checked_on is not None
    regular = record_check(context, args.id, checked_on, args.by)
    colour = context.config.lanyards.unescorted_colour
    print(
        f"recorded: {regular.name}'s ID and DBS/agency confirmation checked on "
        f"{regular.dbs_checked_on} by {regular.checked_by}; from their next sign-in they take "
        f"a {colour} lanyard"
    )
    return 0
