"""CSV that is safe to open in Excel or LibreOffice.

A spreadsheet treats a cell starting with = + - @ (and, in some versions, tab, CR or LF
before one of those) as a formula, which can run commands or leak data (OWASP "CSV
Injection"). Such cells get a leading apostrophe, which the spreadsheet shows as text;
every field is quoted so embedded commas, quotes and line breaks stay inside their cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell_text(value: Any) -> str:
    """A record value as spreadsheet text: booleans as true/false, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):  # e.g. agreements: "site-induction sha256:...; ..."
        return "; ".join(f"{k} {cell_text(v)}" for k, v in value.items())
    return str(value)


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(rows: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> str:
    """A header row and one row per record, all fields quoted and formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(fields)
    for row in rows:
        writer.writerow([neutralise(cell_text(row.get(name))) for name in fields])
    return buffer.getvalue()
