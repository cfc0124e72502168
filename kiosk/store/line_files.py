"""Files of one JSON line per entry, only ever appended: the journal and the month files.

A line is complete once its newline is on disk. A writer killed mid-append leaves a last line
cut short (bytes after the last newline): that is not an entry, readers ignore it and the
next writer (holding the lock) cuts it off before appending. A whole line that does not read
back is damage: DataFileError names the file and the line.

Journal lines carry a CRC32 (`crc32hex json`), because a journal line is the commit point
and a line that parses but is wrong must never count. Month-file lines are plain JSON, so
`jq` and a text editor read them; a torn one never parses (it lacks its closing brace).

All writes go through `append`, and every flush through `flush`: tests and benchmarks count
bytes and flushes there, and the crash tests kill a writer at a chosen call.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import DataFileError, DataWriteError
from kiosk.store.atomic_json import FILE_MODE, flush, keep_owner, owner_of, write_all, write_cause

Entry = dict[str, Any]


def encode_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def journal_line(value: Entry) -> bytes:
    payload = encode_json(value)
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def plain_line(value: Entry) -> bytes:
    return encode_json(value) + b"\n"


def _decode_journal(line: bytes) -> Entry | None:
    if len(line) < 10 or line[8:9] != b" ":
        return None
    try:
        crc = int(line[:8], 16)
    except ValueError:
        return None
    payload = line[9:]
    if zlib.crc32(payload) != crc:
        return None
    return _decode_plain(payload)


def _decode_plain(line: bytes) -> Entry | None:
    try:
        value = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return value if isinstance(value, dict) else None


@dataclass
class ReadLines:
    """What a read from `start` found: the good lines, and where the good part ends."""

    entries: list[Entry] = field(default_factory=list)
    end: int = 0  # offset just past the last good line: where the next append goes
    size: int = 0  # the file's size when read (past `end`: a torn tail)
    inode: int = 0


def read_lines(path: Path, start: int = 0, checked: bool = False) -> ReadLines | None:
    """The complete lines of `path` from byte `start` (a line boundary); None if missing.

    `checked`: journal lines (CRC). Bytes after the last newline (a write cut short) are
    left out; a whole line that does not read back raises DataFileError.
    """
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            handle.seek(start)
            raw = handle.read()
    except FileNotFoundError:
        return None
    except PermissionError:
        raise DataFileError(
            path, "cannot be read (permission denied)", DataFileError.RUN_AS_OWNER
        ) from None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a file", DataFileError.FROM_BACKUP) from None
    except OSError as exc:
        raise DataFileError(
            path, f"cannot be read ({exc.strerror})", DataFileError.FROM_BACKUP
        ) from None
    decode = _decode_journal if checked else _decode_plain
    result = ReadLines(end=start, size=start + len(raw), inode=info.st_ino)
    position = 0
    number = 0
    while position < len(raw):
        newline = raw.find(b"\n", position)
        if newline < 0:
            break  # cut short: a writer is appending it, or was killed doing so
        number += 1
        entry = decode(raw[position:newline])
        if entry is None:
            # A whole line (its newline is there) that does not read back: not a write
            # that was cut short, but damage.
            where = f"line {number}" if start == 0 else f"a line after byte {start}"
            raise DataFileError(
                path, f"is damaged ({where} does not read back)", DataFileError.FROM_BACKUP
            )
        result.entries.append(entry)
        result.end = start + newline + 1
        position = newline + 1
    return result


def append(path: Path, data: bytes, at: int | None = None, sync: bool = False) -> int:
    """Append `data` to `path` (created 0640 with the folder's owner if missing); returns the
    new end. `at`: cut the file to this length first (a torn tail; caller holds the lock).
    `sync`: flush it to the card before returning (fdatasync)."""
    try:
        return _append(path, data, at, sync)
    except OSError as exc:
        raise DataWriteError(path, write_cause(exc)) from None


def _append(path: Path, data: bytes, at: int | None, sync: bool) -> int:
    owner = owner_of(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    try:
        size = os.fstat(fd).st_size
        if size == 0:
            keep_owner(fd, owner)
            os.fchmod(fd, FILE_MODE)  # O_CREAT's mode is filtered by the umask
        if at is not None and size != at:
            os.ftruncate(fd, at)
            size = at
        try:
            write_all(fd, data)
            if sync:
                flush(fd)
        except BaseException:
            # Not flushed (a full disk, an I/O error): take the bytes back, so no reader
            # takes for committed what the caller is told was not saved.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
        return size + len(data)
    finally:
        os.close(fd)


def flush_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        fd = os.open(path, os.O_RDONLY)
        try:
            flush(fd)
        finally:
            os.close(fd)


def create_empty(path: Path, header: bytes) -> None:
    """A new file holding only its header line, flushed (the caller flushes the folder)."""
    append(path, header, at=0, sync=True)
