"""`kiosk migrate`: convert a data folder written by an older kiosk (the first layout)."""

from __future__ import annotations

import argparse

from kiosk.cli.parser import add_command
from kiosk.services.admin.data_layout import migrate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "migrate",
        common,
        "convert a data folder written by an older kiosk to this version's layout, keeping "
        "a copy of the old files (starting the kiosk does the same); safe to run twice",
        "  sudo -u kiosk kiosk migrate --data-dir /var/lib/kiosk",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print(migrate(args.config, args.data_dir))
    return 0
