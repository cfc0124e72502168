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
from kiosk.services.outputs.new_file import check_new_file, write_new_file

# Test-only: subprocess tests pin "now" with KIOSK_FAKE_NOW=2026-11-25T18:30:00 (school-local).
# `kiosk ssh-export` removes it, so it can never come from an SSH client.
FAKE_NOW_ENV = "KIOSK_FAKE_NOW"


def admin_clock(args: argparse.Namespace) -> Clock | None:
    """The system clock (None), or the test-only fake one from KIOSK_FAKE_NOW."""
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
    context = open_context(args.config, args.data_dir, clock=admin_clock(args), create=False)
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
        "--since",
        "--from",
        dest="since",
        metavar="YYYY-MM-DD",
        help="first school-local day to include (inclusive)",
    )
    parser.add_argument(
        "--until",
        "--to",
        dest="until",
        metavar="YYYY-MM-DD",
        help="last school-local day to include (inclusive)",
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


def check_card_output(output: str | None, force: bool) -> Path | None:
    """Refuse a card file that cannot be written before anything is changed."""
    if output is None:
        return None
    path = Path(output)
    check_new_file(path, force, example="card.svg")
    return path


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int | None = None
) -> str:
    """A plain aligned text table, for reading on a terminal or aloud at a fire drill.

    With max_width, the widest columns are narrowed until a line fits (an 80-column SSH
    window) and a cut value ends in "…"; the csv and json formats keep every value whole.
    """
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    if max_width is not None:
        widths = _fit(widths, [len(h) for h in headers], max_width)
    lines = [
        "  ".join(_cut(cell, w).ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [list(headers), *rows]
    ]
    return "\n".join(lines) + "\n"


MIN_COLUMN = 8  # "Mrs Pat…" still says who; narrower says nothing


def _fit(widths: list[int], header_widths: list[int], max_width: int) -> list[int]:
    """Narrow the widest column, one character at a time, until the line fits or none can."""
    widths = list(widths)
    floors = [min(w, max(h, MIN_COLUMN)) for w, h in zip(widths, header_widths, strict=True)]
    while sum(widths) + 2 * (len(widths) - 1) > max_width:
        room = [w - f for w, f in zip(widths, floors, strict=True)]
        if max(room) <= 0:
            break
        widest = max(range(len(widths)), key=lambda i: widths[i] if room[i] > 0 else -1)
        widths[widest] -= 1
    return widths


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: width - 1].rstrip() + "…"
