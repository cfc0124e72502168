"""`kiosk letters`: printable letters home for the day's confiscations."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import add_output, emit, open_admin_context
from kiosk.cli.parser import add_command
from kiosk.errors import ValidationError
from kiosk.services.outputs.date_range import parse_day
from kiosk.services.policy.letters import letters_document, letters_for_day, log_letters


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "letters",
        common,
        "one printable A4 letter home per pupil whose phone was confiscated on the day, "
        "from the school's template (data/letters/letter.html or [letters] template)",
        "  kiosk letters --output letters.html\n"
        "  kiosk letters --date 2026-11-24 --rule-from 2 --output letters.html",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    parser.add_argument(
        "--rule-from",
        type=int,
        default=1,
        metavar="N",
        help="only pupils whose confiscation reached rule N or higher (default: 1, everyone)",
    )
    add_output(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.output:
        raise ValidationError("letters hold pupils' names: give --output FILE", "--output")
    context = open_admin_context(args)
    day = parse_day(args.date, "--date") or context.now().astimezone(context.config.tz).date()
    letters = letters_for_day(context, day, rule_from=args.rule_from)
    emit(letters_document(letters, day), args.output, args.force)
    log_letters(context, letters, day)
    print(f"letters: {len(letters)} for {day.isoformat()} written to {args.output}")
    return 0
