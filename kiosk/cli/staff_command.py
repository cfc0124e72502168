"""`kiosk staff`: the staff directory (import it from the MIS, add someone by hand, list it),
PINs (set, disable; never shown), staff cards (print, revoke), the alerts wrong PINs raise,
and ending a PIN lockout.

A PIN is asked twice on the terminal without echo. With --pin-stdin it is read from
standard input instead: the first line is the PIN; if a second line is given it must be
the same (so `printf '4826\\n4826\\n'` mirrors the terminal's "type it again").
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from kiosk.cli.admin_common import check_card_output, open_admin_context, table
from kiosk.cli.mis_import import add_import_options, report_import
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.domain.clock import parse_iso
from kiosk.domain.records import Staff
from kiosk.domain.roster_csv import parse_column_map
from kiosk.domain.staff_csv import STAFF_COLUMNS
from kiosk.domain.validation import person_name
from kiosk.errors import KioskError, ValidationError
from kiosk.services.staff.pin_alerts import PendingAlerts, clear_alerts, pending_alerts
from kiosk.services.staff.staff_accounts import (
    add_staff,
    check_role,
    disable_staff,
    get_staff,
    list_staff,
    pin_length_for,
    set_pin,
)
from kiosk.services.staff.staff_card_svg import write_staff_card
from kiosk.services.staff.staff_cards import card_state, issue_card, revoke_card
from kiosk.services.staff.staff_import import import_staff, read_staff_file
from kiosk.services.staff.staff_login import unlock_pin_entry

PIN_STDIN_MAX = 200  # characters read from stdin: a PIN and its repeat, nothing more


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    staff = add_command(
        subparsers,
        "staff",
        common,
        "the staff directory, staff cards and the PINs that open the phone store "
        "(PINs and card codes are stored only as hashes)",
        "  kiosk staff import staff.csv\n"
        "  kiosk staff add 'Sam Patel'\n"
        "  kiosk staff add 'Dee Hart' --no-pin --role 'Site manager'\n"
        "  kiosk staff add 'Jo Reed' --admin\n"
        "  kiosk staff list\n"
        "  kiosk staff card S-7K2M9QX4HD3T --output sam.svg\n"
        "  kiosk staff revoke-card S-7K2M9QX4HD3T\n"
        "  kiosk staff pin S-7K2M9QX4HD3T\n"
        "  kiosk staff disable S-7K2M9QX4HD3T\n"
        "  kiosk staff alerts --clear\n"
        "  kiosk staff unlock",
    )
    actions = staff.add_subparsers(
        title="actions", metavar="ACTION", parser_class=OneLineParser, required=True
    )
    add = add_command(
        actions,
        "add",
        common,
        "add a member of staff; their PIN (6 to 8 digits unless staff.pin_length says 4; "
        "admins always 6 or more; not on the weak list; nobody else's) is asked twice without echo",
        "  kiosk staff add 'Sam Patel'\n"
        "  printf '739406\\n739406\\n' | kiosk staff add 'Jo Reed' --admin --pin-stdin",
    )
    add.add_argument("name", help="their name as shown on the kiosk")
    add.add_argument("--admin", action="store_true", help="may also use staff admin screens")
    add.add_argument(
        "--no-pin",
        action="store_true",
        help="no PIN: on the staff list (to sign in and out at the foyer) but not able to "
        "open the phone store; 'kiosk staff pin' gives them one later",
    )
    add.add_argument("--role", default="", help="their role or job title, e.g. 'Teacher'")
    _pin_stdin(add)
    add.set_defaults(handler=run_add)

    imp = add_command(
        actions,
        "import",
        common,
        "bring the staff list in line with an MIS staff export (SIMS, Arbor, Bromcom: "
        "docs/admin-commands.md): new staff added without a PIN, names and roles updated, "
        "staff missing from the file marked as left (their PIN and card stop working)",
        "  kiosk staff import staff.csv\n"
        "  kiosk staff import export.csv --columns id='Payroll No',role='Post'",
    )
    add_import_options(imp, "id, forename, surname or role", "the staff from the MIS")
    imp.set_defaults(handler=run_import)

    card = add_command(
        actions,
        "card",
        common,
        "print a staff card (SVG, credit-card size): scanned at the foyer it signs them in "
        "or out. A new card replaces the old one, which stops working at once",
        "  kiosk staff card S-7K2M9QX4HD3T --output sam.svg",
    )
    card.add_argument("id", help="the staff id from 'kiosk staff list'")
    card.add_argument("--output", required=True, metavar="FILE", help="the card to print (SVG)")
    card.add_argument("--force", action="store_true", help="replace FILE")
    card.set_defaults(handler=run_card)

    revoke = add_command(
        actions,
        "revoke-card",
        common,
        "stop a staff card signing anyone in (a lost card); it still signs its holder out "
        "if they are in",
        "  kiosk staff revoke-card S-7K2M9QX4HD3T",
    )
    revoke.add_argument("id", help="the staff id from 'kiosk staff list'")
    revoke.set_defaults(handler=run_revoke_card)

    listing = add_command(
        actions, "list", common, "list staff: id, name, role, active or disabled",
        "  kiosk staff list",
    )  # fmt: skip
    listing.set_defaults(handler=run_list)

    disable = add_command(
        actions,
        "disable",
        common,
        "stop a member of staff's PIN from working (their records keep their name)",
        "  kiosk staff disable S-7K2M9QX4HD3T",
    )
    disable.add_argument("id", help="the staff id from 'kiosk staff list'")
    disable.set_defaults(handler=run_disable)

    pin = add_command(
        actions,
        "pin",
        common,
        "give a member of staff a new PIN (asked twice without echo)",
        "  kiosk staff pin S-7K2M9QX4HD3T\n"
        "  printf '739406\\n' | kiosk staff pin S-7K2M9QX4HD3T --pin-stdin",
    )
    pin.add_argument("id", help="the staff id from 'kiosk staff list'")
    _pin_stdin(pin)
    pin.set_defaults(handler=run_pin)

    alerts = add_command(
        actions,
        "alerts",
        common,
        "list the PIN alerts not yet seen (10 or more wrong PINs in 24 hours, PIN lockouts, "
        "PIN entry closed for the day); --clear acknowledges them and the status LED stops "
        "its PIN-alert blink",
        "  kiosk staff alerts\n  kiosk staff alerts --clear",
    )
    alerts.add_argument(
        "--clear", action="store_true", help="acknowledge the alerts listed (audited)"
    )
    alerts.set_defaults(handler=run_alerts)
    unlock = add_command(
        actions,
        "unlock",
        common,
        "end a PIN lockout, or PIN entry closed after too many wrong PINs in 24 hours, and "
        "forgive the wrong PINs counted so far (audited). An admin action: run it over your "
        "own SSH login, not the export account",
        "  sudo -u kiosk kiosk staff unlock",
    )
    unlock.set_defaults(handler=run_unlock)


def _pin_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from standard input (first line; an optional second line must match)",
    )


def read_new_pin(from_stdin: bool, who: str, length: int = 6) -> str:
    if from_stdin:
        lines = [line.strip() for line in sys.stdin.read(PIN_STDIN_MAX).splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise ValidationError("no PIN on standard input", "pin")
        if len(lines) > 2 or (len(lines) == 2 and lines[0] != lines[1]):
            raise ValidationError("the PIN lines on standard input do not match", "pin")
        return lines[0]
    if not sys.stdin.isatty():
        raise KioskError("no terminal to ask for the PIN on: use --pin-stdin to read it from input")
    first = getpass.getpass(f"New PIN for {who} ({length} to 8 digits, not shown): ")
    second = getpass.getpass("The same PIN again: ")
    if first != second:
        raise ValidationError("the two PINs were different; nothing was changed", "pin")
    return first.strip()


def _role(member: Staff) -> str:
    return "admin" if member.is_admin else "staff"


def run_add(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    name = person_name(args.name, "Staff name")  # a typo in the name: say so before the PIN
    role = check_role(args.role)
    if args.no_pin and args.admin:
        raise ValidationError("an admin needs a PIN: leave out --no-pin", "--no-pin")
    pin = None
    if not args.no_pin:
        pin = read_new_pin(args.pin_stdin, name, pin_length_for(context, args.admin))
    member = add_staff(context, name, pin, is_admin=args.admin, role=role)
    print(f"added {member.name} ({_role(member)}) with id {member.id}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    columns = parse_column_map(args.columns, STAFF_COLUMNS)
    staff_file = read_staff_file(Path(args.file), columns)
    context = open_admin_context(args)
    result = import_staff(context, staff_file, allow_many_leavers=args.allow_many_leavers)
    report_import(result, "staff")
    return 0


def run_card(args: argparse.Namespace) -> int:
    path = check_card_output(args.output, args.force)
    assert path is not None  # --output is required
    context = open_admin_context(args)
    had_card = bool(get_staff(context, args.id).card_hash)
    member, code = issue_card(context, args.id)
    write_staff_card(path, member, code, context.config.school_name, force=args.force)
    replaced = "; their old card no longer works" if had_card else ""
    print(f"new staff card for {member.name} ({member.id}){replaced}")
    print(f"wrote {path}: print it at 100% (no 'fit to page')")
    return 0


def run_revoke_card(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    before = get_staff(context, args.id)
    member = revoke_card(context, before.id)
    if before.card_revoked_at:
        print(f"{member.name}'s card ({member.id}) was already revoked")
    else:
        print(
            f"revoked {member.name}'s card ({member.id}): it signs nobody in from now on "
            "(it still signs them out if they are in)"
        )
    return 0


def run_pin(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    member = get_staff(context, args.id)  # unknown id: say so before asking for a PIN
    pin = read_new_pin(args.pin_stdin, member.name, pin_length_for(context, member.is_admin))
    member = set_pin(context, member.id, pin)
    print(f"new PIN set for {member.name} ({member.id})")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    before = get_staff(context, args.id)
    member = disable_staff(context, before.id)
    if not before.active:
        print(f"{member.name} ({member.id}) was already disabled")
    else:
        print(f"disabled {member.name} ({member.id}): their PIN no longer opens the store")
    return 0


def run_list(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    staff = list_staff(context)
    if not staff:
        print("no staff yet: add one with  kiosk staff add 'Full Name'")
        return 0
    tz = context.config.tz
    rows = [
        [
            m.id,
            m.name,
            m.role or "-",
            _role(m),
            "yes" if m.has_pin else "no",
            card_state(m),
            _status(m),
            m.mis_id or "-",
            parse_iso(m.created_at).astimezone(tz).strftime("%Y-%m-%d") if m.created_at else "",
        ]
        for m in staff
    ]
    headers = ["Id", "Name", "Job", "Role", "PIN", "Card", "Status", "MIS-id", "Added"]
    sys.stdout.write(table(headers, rows))
    return 0


def _status(member: Staff) -> str:
    if member.active:
        return "active"
    return f"left {member.left_at[:10]}" if member.left_at else "disabled"


def _alert_rows(alerts: PendingAlerts) -> list[list[str]]:
    return [[a.at[:16].replace("T", " "), a.text] for a in alerts.alerts]


def run_alerts(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    alerts = clear_alerts(context) if args.clear else pending_alerts(context)
    if not alerts.count:
        print("no PIN alerts waiting")
        return 0
    sys.stdout.write(table(["At", "What"], _alert_rows(alerts)))
    if alerts.dropped:
        print(f"and {alerts.dropped} older alert(s)")
    if args.clear:
        print(f"cleared {alerts.count} PIN alert(s); the status LED stops its PIN alert")
    else:
        print(
            "Each row: wrong PINs typed at the kiosk (someone guessing?), counted over 24 hours "
            "whoever logged in between. Clear with: kiosk staff alerts --clear; end a lockout "
            "with: kiosk staff unlock"
        )
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    before = unlock_pin_entry(context)
    print(
        f"PIN entry is open; {len(before.wrong)} wrong PIN(s) of the last 24 hours forgiven "
        "(audited). PIN alerts stay until 'kiosk staff alerts --clear'."
    )
    return 0
