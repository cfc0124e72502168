"""`kiosk check`: validate the config, every data file and record, and the audit trail."""

from __future__ import annotations

import argparse
import contextlib

from kiosk.cli.admin_common import admin_clock
from kiosk.cli.parser import add_command
from kiosk.config import load_config
from kiosk.errors import KioskError
from kiosk.services.admin.data_layout import describe_layout
from kiosk.services.admin.health_check import check_installation
from kiosk.services.fire.alarm_input import wiring_warnings
from kiosk.services.staff.pin_health import pin_report


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "check",
        common,
        "check the settings, every data file and record (naming file, id and field), the "
        "audit trail (as 'kiosk audit verify'), the clock, staff PINs and PIN alerts; exit 0 "
        "when healthy, 1 with a line per problem",
        "  kiosk check --data-dir /var/lib/kiosk\n  kiosk check --config /etc/kiosk/kiosk.toml",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    problems = check_installation(args.config, args.data_dir, admin_clock(args))
    pins = pin_report(args.config, args.data_dir)  # staff PINs, PIN key, lockout alerts
    problems += pins.problems
    warnings = list(pins.warnings)
    with contextlib.suppress(KioskError):  # a settings problem is already in the problems
        warnings += wiring_warnings(load_config(args.config).hardware)
    for problem in problems:
        print(f"problem: {problem}")
    for warning in warnings:
        print(f"warning: {warning}")
    if not problems:
        print("ok: settings and data files are healthy")
    # No settings or no folder: already a problem line above, and a folder that is not there
    # has no layout to report.
    with contextlib.suppress(KioskError):
        print(f"layout: {describe_layout(args.config, args.data_dir)}")
    return 1 if problems else 0
