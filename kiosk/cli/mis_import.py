"""What `kiosk pupils import` and `kiosk staff import` share: the file, `--columns`,
`--allow-many-leavers`, and how the outcome is told (rows left out on stderr, the columns
used and the counts on stdout)."""

from __future__ import annotations

import argparse
import sys

from kiosk.services.pupils.roster_import import ImportResult


def add_import_options(parser: argparse.ArgumentParser, fields: str, whole: str) -> None:
    """`fields`: "id, forename, surname, year or class"; `whole`: "the roster"."""
    parser.add_argument("file", help="the CSV file exported from the MIS")
    parser.add_argument(
        "--columns",
        metavar="FIELD=HEADER,...",
        help=f"name the columns holding {fields} when the headers are not recognised",
    )
    parser.add_argument(
        "--allow-many-leavers",
        action="store_true",
        help=f"accept a file that marks more than half {whole} as left",
    )


def report_import(result: ImportResult, what: str) -> None:
    used = ", ".join(f"{name}={header!r}" for name, header in result.columns.items())
    for line in result.skipped:
        print(line, file=sys.stderr)
    print(f"columns: {used}")
    print(f"{what} import: {result.summary()}")
