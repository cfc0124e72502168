"""What `kiosk pupils import` and `kiosk staff import` share: the file, `--columns`,
`--allow-many-leavers`, and how the outcome is told (rows left out on stderr, the columns
used and the counts on stdout; `kiosk pupils contacts import` tells its outcome so too)."""

from __future__ import annotations

import argparse
import sys
from typing import Protocol


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


class Imported(Protocol):
    """An import's outcome: pupils, staff or contacts."""

    columns: dict[str, str]
    skipped: list[str]

    def summary(self) -> str: ...


def report_import(result: Imported, what: str) -> None:
    used = ", ".join(f"{name}={header!r}" for name, header in result.columns.items())
    for line in result.skipped:
        print(line, file=sys.stderr)
    print(f"columns: {used}")
    print(f"{what} import: {result.summary()}")
