"""Schema version of each data file, and which layout a data folder uses.

Layout 1 (kiosks before issue 22): every table in live.json, whole-file JSON month files,
every file at schema_version 1. Layout 2: live.json is a checkpoint beside a journal,
reference tables in files of their own, month files of one JSON line per entry, every file
at schema_version 2. kiosk/store/conversion.py turns a layout-1 folder into a layout-2 one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.errors import DataFileError

META_TABLE = "_meta"
SCHEMA_VERSION = 2
FIRST_LAYOUT = 1


def file_version(path: Path, data: dict[str, Any]) -> int:
    """The schema version in a file's `_meta` table (or header line); newer ones refused."""
    meta = data.get(META_TABLE) or {}
    if isinstance(meta.get("schema_version"), int):  # a header line: {"_meta": {...}}
        versions: list[Any] = [meta["schema_version"]]
    else:
        versions = [doc.get("schema_version") for doc in meta.values() if isinstance(doc, dict)]
    if len(versions) != 1 or not isinstance(versions[0], int):
        raise DataFileError(path, "is damaged (no schema_version)")
    version = versions[0]
    if version > SCHEMA_VERSION:
        raise DataFileError(
            path,
            f"was written by a newer kiosk (schema {version}, this one knows {SCHEMA_VERSION})",
        )
    return version


def meta_document(kind: str, **more: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kind": kind, **more}
