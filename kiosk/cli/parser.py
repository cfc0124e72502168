"""argparse, made to report a usage mistake in one line and to show examples in --help."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import NoReturn


@dataclass(frozen=True)
class RunInstead:
    """What a handler returns to have `kiosk` run another command in its place, with its own
    parsing and error handling (the SSH forced command, once it has checked and recorded
    what the admin asked for). main() runs it, so no command module imports main."""

    argv: list[str]


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def common_options() -> argparse.ArgumentParser:
    """--data-dir and --config, accepted by every subcommand.

    SUPPRESS: a subcommand's own (absent) default must not erase a value given before the
    subcommand name (`kiosk --data-dir DIR onsite`); main() fills in None afterwards.
    """
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding the records (default: $KIOSK_DATA_DIR, else /var/lib/kiosk)",
    )
    common.add_argument(
        "--config",
        metavar="FILE",
        help="settings file (default: $KIOSK_CONFIG, else /etc/kiosk/kiosk.toml, else built-in)",
    )
    return common


def add_command(
    subparsers: argparse._SubParsersAction,
    name: str,
    common: argparse.ArgumentParser,
    summary: str,
    examples: str,
) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name,
        parents=[common],
        help=summary,
        description=summary,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
