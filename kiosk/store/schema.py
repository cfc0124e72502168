"""Schema version of each data file, and the explicit migrations between versions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.errors import DataFileError

META_TABLE = "_meta"
SCHEMA_VERSION = 1

# version N -> function turning a version-N file's tables into version N+1. None yet: when the
# record format changes, add one here and a test that upgrades a file written by the old code.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def file_version(path: Path, data: dict[str, Any]) -> int:
    meta = data.get(META_TABLE) or {}
    versions = [doc.get("schema_version") for doc in meta.values()]
    if len(versions) != 1 or not isinstance(versions[0], int):
        raise DataFileError(path, "is damaged (no schema_version)")
    version = versions[0]
    if version > SCHEMA_VERSION:
        raise DataFileError(
            path,
            f"was written by a newer kiosk (schema {version}, this one knows {SCHEMA_VERSION})",
        )
    return version


def upgrade(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    version = file_version(path, data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


def meta_document(kind: str) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kind": kind}
