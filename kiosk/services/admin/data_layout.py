"""Which layout a data folder uses, and `kiosk migrate`: converting a first-layout folder."""

from __future__ import annotations

import os

from kiosk.config import load_config
from kiosk.errors import KioskError
from kiosk.services.context import resolve_data_dir
from kiosk.store import RecordStore
from kiosk.store.conversion import COPY_DIR, convert_folder
from kiosk.store.schema import FIRST_LAYOUT
from kiosk.store.store_check import layout_line


def _existing_store(
    config_path: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None
) -> RecordStore:
    """The folder's store, refused with the other admin commands' words if the folder is not
    there: a mistyped --data-dir must not read as a folder with no records yet."""
    config = load_config(config_path)
    store = RecordStore(resolve_data_dir(data_dir), config.tz, config.kiosk_id)
    if not store.data_dir.is_dir():
        raise KioskError(f"data folder {store.data_dir} does not exist")
    return store


def describe_layout(
    config_path: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None
) -> str:
    """One line for `kiosk check`: the folder and its layout (KioskError if the folder is not
    there)."""
    return layout_line(_existing_store(config_path, data_dir))


def migrate(
    config_path: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None
) -> str:
    """Convert the folder if it is in the first layout; what was done, in one line."""
    store = _existing_store(config_path, data_dir)
    if store.layout() != FIRST_LAYOUT:
        return f"nothing to do: {layout_line(store)}"
    convert_folder(store)
    return (
        f"converted {store.data_dir} to layout 2; the first layout's files are kept in "
        f"{store.data_dir / COPY_DIR} (docs/updating.md says how to go back)"
    )
