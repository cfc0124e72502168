"""Helpers shared by the admin commands: opening the data folder, formats, output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.config import load_config
from kiosk.domain.clock import Clock, FakeClock
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext, open_context
from kiosk.services.export_records import write_new_file

# Test-only: subprocess tests pin "now" with KIOSK_FAKE_NOW=2026-11-25T18:30:00 (school-local).
# `kiosk ssh-export` removes it, so it can never come from an SSH client.
FAKE_NOW_ENV = "KIOSK_FAKE_NOW"


def _clock(args: argparse.Namespace) -> Clock | None:
    fake = os.environ.get(FAKE_NOW_ENV)
    if not fake:
        return None
    try:
        return FakeClock(fake, load_config(args.config).tz)
    except ValueError:
        raise KioskError(f"{FAKE_NOW_ENV}={fake} is not an ISO 8601 date and time") from None


def open_admin_context(args: argparse.Namespace) -> KioskContext:
    """The configured store; an admin command never creates a missing data folder.

    Kept on `args` so that `kiosk` can say afterwards how many damaged records it skipped."""
    context = open_context(args.config, args.data_dir, clock=_clock(args), create=False)
    args.kiosk_context = context
    return context


def skipped_notice(args: argparse.Namespace) -> str | None:
    """One line for stderr when the command skipped records that failed their schema."""
    context = getattr(args, "kiosk_context", None)
    skipped = len(context.store.skipped) if context is not None else 0
    if not skipped:
        return None
    return (
        f"kiosk: warning: skipped {skipped} damaged record(s); "
        "'kiosk check' names each one (file, id and field)"
    )


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=default,
        help=f"output format (default: {default})",
    )


def add_date_range(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", help="first school-local day to include (inclusive)"
    )
    parser.add_argument(
        "--until", metavar="YYYY-MM-DD", help="last school-local day to include (inclusive)"
    )


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output", metavar="FILE", help="write to FILE (created atomically) instead of stdout"
    )
    parser.add_argument("--force", action="store_true", help="with --output: replace FILE")


def emit(text: str, output: str | None = None, force: bool = False) -> None:
    """Print to stdout, or write a new file with --output."""
    if output:
        write_new_file(Path(output), text, force=force)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain aligned text table, for reading on a terminal or aloud at a fire drill."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
             for line in [list(headers), *rows]]  # fmt: skip
    return "\n".join(lines) + "\n"
