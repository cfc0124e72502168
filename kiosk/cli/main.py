"""Entry point of the `kiosk` command: parses, dispatches, and turns errors into one line."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli.admin_common import skipped_notice
from kiosk.cli.parser import OneLineParser, RunInstead, common_options
from kiosk.errors import KioskError

# Each module has register(subparsers, common) and sets `handler` on its parser.
COMMAND_MODULES = (
    "kiosk.cli.run_command",
    "kiosk.cli.check_command",
    "kiosk.cli.export_command",
    "kiosk.cli.onsite_command",
    "kiosk.cli.phones_command",
    "kiosk.cli.staff_command",
    "kiosk.cli.close_day_command",
    "kiosk.cli.purge_command",
    "kiosk.cli.audit_command",
    "kiosk.cli.ssh_export_command",
    "kiosk.cli.labels_command",
    "kiosk.cli.selftest_command",
    "kiosk.cli.pupils_command",
    "kiosk.cli.report_command",
    "kiosk.cli.letters_command",
    "kiosk.cli.evidence_command",
    "kiosk.cli.regulars_command",
    "kiosk.cli.terminal_command",
    "kiosk.cli.attendance_command",
    "kiosk.cli.migrate_command",
)


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = OneLineParser(
        prog="kiosk",
        parents=[common],
        description="Foyer Kiosk: visitor sign-in, phone rules and the pupil phone store.",
        epilog="With no command, 'kiosk' runs the touchscreen app ('kiosk run').",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    subparsers = parser.add_subparsers(
        title="commands", metavar="COMMAND", parser_class=OneLineParser
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not hasattr(args, "handler"):
        args = parser.parse_args([*args_list, "run"])
    for name in ("data_dir", "config"):  # see common_options
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        result = args.handler(args)
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `kiosk export ... | head`: the reader went away; not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # last resort: one line for the user, details only on request
        if os.environ.get("KIOSK_DEBUG"):
            traceback.print_exc()
        print(
            f"kiosk: unexpected error ({type(exc).__name__}: {exc}); "
            "run again with KIOSK_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 1
    finally:
        _say_skipped(args)
    if isinstance(result, RunInstead):
        return main(result.argv)
    return int(result or 0)


def _say_skipped(args: argparse.Namespace) -> None:
    """Readers skip damaged records rather than fail (the fire roll call must work): say so,
    once, on stderr, after the output."""
    notice = skipped_notice(args)
    if notice:
        args.kiosk_context = None
        with contextlib.suppress(OSError):
            print(notice, file=sys.stderr)


def entry() -> None:
    sys.exit(main())
