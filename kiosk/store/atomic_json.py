"""Whole-file writes that never leave a half-written file: live.json and the table files.

Rewriting a file in place (as TinyDB's stock JSONStorage does) lets a kill or power cut
leave a file nobody can open. Here every whole-file write goes to a temp file in the same
folder, is flushed, given mode 0640 and renamed over the old file, and the folder is flushed
so the rename itself survives a power cut. The previous version stays beside it as NAME.bak
(a hard link: no extra bytes are written).

The new file keeps the owner and group of the file it replaces (of the folder, for a new
file), so `sudo kiosk staff add ...` run as root does not leave live.json unreadable to the
kiosk user. A write that fails (disk full, read-only card, wrong owner) raises
DataWriteError: one line naming the file and the cause.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
from pathlib import Path
from typing import Any

from kiosk.errors import DataFileError, DataWriteError

FILE_MODE = 0o640
DIR_MODE = 0o750
TEMP_MARK = ".tmp-"


# errno -> the cause, in words an office can act on
WRITE_CAUSES = {
    errno.ENOSPC: "the disk is full (free some space, e.g. 'kiosk purge', then try again)",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only (the SD card may be failing or mounted read-only)",
    errno.EACCES: "permission denied (run it as the kiosk user: sudo -u kiosk kiosk ...)",
    errno.EPERM: "permission denied (run it as the kiosk user: sudo -u kiosk kiosk ...)",
    errno.EIO: "input/output error (the SD card may be failing)",
}


def write_cause(exc: OSError) -> str:
    return WRITE_CAUSES.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def write_all(fd: int, payload: bytes) -> None:
    """Every byte the store writes goes through here (os.write: tests count it)."""
    written = 0
    while written < len(payload):
        written += os.write(fd, payload[written:])


def flush(fd: int) -> None:
    """Every flush to the card goes through here: the data and the size (fdatasync)."""
    (getattr(os, "fdatasync", None) or os.fsync)(fd)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def owner_of(path: Path) -> tuple[int, int]:
    """Owner and group a file written at `path` must have: the old file's, else the folder's."""
    info = path.stat() if path.exists() else path.parent.stat()
    return info.st_uid, info.st_gid


def keep_owner(fd_or_path: int | Path, owner: tuple[int, int]) -> None:
    """Give a file we just made the owner it must have. Only root can (and needs to): any
    other user writes files it owns, and cannot write into the kiosk's folder otherwise."""
    if os.geteuid() != 0 or owner == (0, 0):
        return
    if isinstance(fd_or_path, int):
        os.fchown(fd_or_path, *owner)
    else:
        os.chown(fd_or_path, *owner)


def make_folder(folder: Path, owner: tuple[int, int]) -> None:
    """`folder` and any missing parents, with `owner` (see keep_owner): a folder root makes
    (`sudo kiosk migrate`) must stay writable by the kiosk user."""
    if folder.is_dir():
        return
    make_folder(folder.parent, owner)
    folder.mkdir(mode=DIR_MODE, exist_ok=True)
    keep_owner(folder, owner)


def write_synced_temp(path: Path, payload: bytes, mode: int = FILE_MODE) -> Path:
    """The first half of every atomic write: `payload` in a new temp file beside `path`,
    flushed to disk, with `mode` and the owner `path` must have. The caller publishes it
    (rename or link) or removes it."""
    owner = owner_of(path)
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        keep_owner(fd, owner)
        write_all(fd, payload)
        flush(fd)
        os.fchmod(fd, mode)  # O_CREAT's mode is filtered by the umask
    except BaseException:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    os.close(fd)
    return temp


def atomic_write_bytes(path: Path, payload: bytes, keep_backup: bool = True) -> None:
    try:
        _atomic_write(path, payload, keep_backup)
    except OSError as exc:
        raise DataWriteError(path, write_cause(exc)) from None


def _atomic_write(path: Path, payload: bytes, keep_backup: bool) -> None:
    temp = write_synced_temp(path, payload)
    try:
        if keep_backup and path.exists():
            backup_temp = temp.with_name(temp.name + ".bak")
            os.link(path, backup_temp)
            os.replace(backup_temp, path.with_name(path.name + ".bak"))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def remove_stale_temp_files(folder: Path) -> int:
    """Temp files left by a writer that died mid-write; call only while holding the store lock."""
    removed = 0
    for stale in folder.glob(f".*{TEMP_MARK}*"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed += 1
    return removed


def read_json_file(path: Path) -> dict[str, Any] | None:
    """The parsed file; None if it does not exist. Anything unreadable raises DataFileError."""
    return read_json_and_stamp(path)[0]


Stamp = tuple[int, int, int]  # inode, mtime in ns, size: a replaced file has another stamp


def stamp_from(info: os.stat_result) -> Stamp:
    return info.st_ino, info.st_mtime_ns, info.st_size


def stamp_of(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return stamp_from(info)


def read_json_and_stamp(path: Path) -> tuple[dict[str, Any] | None, Stamp | None]:
    """The parsed file and the stamp of the very file read (None, None if missing)."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            raw = handle.read()
    except FileNotFoundError:
        return None, None
    except PermissionError:
        raise DataFileError(
            path, "cannot be read (permission denied)", DataFileError.RUN_AS_OWNER
        ) from None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from None
    stamp = stamp_from(info)
    if not raw:
        raise DataFileError(path, "is empty (it was cut short)")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DataFileError(path, "is damaged (not valid JSON)") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DataFileError(path, "is damaged (not a record file)")
    for table in data.values():
        if not all(isinstance(doc, dict) for doc in table.values()):
            raise DataFileError(path, "is damaged (a record is not an object)")
    return data, stamp


def encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
