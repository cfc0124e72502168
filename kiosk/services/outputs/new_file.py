"""An `--output` file written whole or not at all, never over one already there unless
`--force`: the exports, reports, letters and cards the office asks for."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.store.atomic_json import fsync_dir, write_synced_temp


def check_new_file(path: Path, force: bool, example: str = "") -> Path:
    """Refuse an --output that cannot be written, before anything is changed or drawn; the
    folder it goes in. `example`: a file name to suggest when `path` is a folder."""
    if path.is_dir():
        suggestion = f" such as {example}" if example else ""
        raise KioskError(f"--output {path} is a folder; give a file name{suggestion}")
    if path.exists() and not force:
        raise KioskError(f"--output {path} already exists; use --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KioskError(f"--output {path}: folder {folder} does not exist")
    return folder


def write_new_file(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` atomically; refuse to replace an existing file unless `force`.

    The file is readable by its owner only: exports hold visitors' and pupils' names.
    """
    folder = check_new_file(path, force)
    temp: Path | None = None
    try:
        temp = write_synced_temp(folder / path.name, text.encode("utf-8"), mode=0o600)
        if force:
            os.replace(temp, path)
        else:
            _link_without_replacing(temp, path)
        with contextlib.suppress(OSError):  # some USB sticks cannot sync a folder
            fsync_dir(folder)
    except PermissionError:
        raise KioskError(f"--output {path}: permission denied") from None
    except OSError as exc:
        raise KioskError(f"--output {path}: cannot write ({exc.strerror})") from None
    finally:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _link_without_replacing(temp: Path, path: Path) -> None:
    """Publish the finished file only if nothing is there yet (no window for a clobber)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise KioskError(f"--output {path} already exists; use --force to replace it") from None
    except OSError:
        # Some USB sticks (FAT) have no hard links: claim the name, then rename over it.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise KioskError(f"--output {path} already exists; use --force to replace it") from None
        os.replace(temp, path)
