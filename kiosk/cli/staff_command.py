"""`kiosk staff`: add staff, give them a new PIN, disable them, list them (never the hashes),
see and clear the alerts wrong PINs raise, and end a PIN lockout.

A PIN is asked twice on the terminal without echo. With --pin-stdin it is read from
standard input instead: the first line is the PIN; if a second line is given it must be
the same (so `printf '4826\\n4826\\n'` mirrors the terminal's "type it again").
"""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.cli.admin_common import open_admin_context, table
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.domain.clock import parse_iso
from kiosk.domain.records import Staff
from kiosk.domain.validation import person_name
from kiosk.errors import KioskError, ValidationError
from kiosk.services.staff.pin_alerts import PendingAlerts, clear_alerts, pending_alerts
from kiosk.services.staff.staff_accounts import (
    add_staff,
    disable_staff,
    get_staff,
    list_staff,
    pin_length_for,
    set_pin,
)
from kiosk.services.staff.staff_login import unlock_pin_entry

PIN_STDIN_MAX = 200  # characters read from stdin: a PIN and its repeat, nothing more


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    staff = add_command(
        subparsers,
        "staff",
        common,
        "manage the staff who may open the phone store (PINs are stored only as hashes)",
        "  kiosk staff add 'Sam Patel'\n"
        "  kiosk staff add 'Jo Reed' --admin\n"
        "  kiosk staff list\n"
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
    _pin_stdin(add)
    add.set_defaults(handler=run_add)

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
    pin = read_new_pin(args.pin_stdin, name, pin_length_for(context, args.admin))
    member = add_staff(context, name, pin, is_admin=args.admin)
    print(f"added {member.name} ({_role(member)}) with id {member.id}")
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
            _role(m),
            "active" if m.active else "disabled",
            parse_iso(m.created_at).astimezone(tz).strftime("%Y-%m-%d") if m.created_at else "",
        ]
        for m in staff
    ]
    sys.stdout.write(table(["Id", "Name", "Role", "Status", "Added"], rows))
    return 0


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
